from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanOut")


@_attrs_define
class PlanOut:
    """
    Attributes:
        credits_needed (int):
        offset_share (str):
        planned_reduction_t_co2 (str):
        residual_t_co2 (str):
        total_t_co2 (str):
    """

    credits_needed: int
    offset_share: str
    planned_reduction_t_co2: str
    residual_t_co2: str
    total_t_co2: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credits_needed = self.credits_needed

        offset_share = self.offset_share

        planned_reduction_t_co2 = self.planned_reduction_t_co2

        residual_t_co2 = self.residual_t_co2

        total_t_co2 = self.total_t_co2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credits_needed": credits_needed,
                "offset_share": offset_share,
                "planned_reduction_t_co2": planned_reduction_t_co2,
                "residual_t_co2": residual_t_co2,
                "total_t_co2": total_t_co2,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credits_needed = d.pop("credits_needed")

        offset_share = d.pop("offset_share")

        planned_reduction_t_co2 = d.pop("planned_reduction_t_co2")

        residual_t_co2 = d.pop("residual_t_co2")

        total_t_co2 = d.pop("total_t_co2")

        plan_out = cls(
            credits_needed=credits_needed,
            offset_share=offset_share,
            planned_reduction_t_co2=planned_reduction_t_co2,
            residual_t_co2=residual_t_co2,
            total_t_co2=total_t_co2,
        )

        plan_out.additional_properties = d
        return plan_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
