from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PlanIn")


@_attrs_define
class PlanIn:
    """
    Attributes:
        offset_share (float | str | Unset): 0..1 of the residual to offset; 1 = carbon neutral Default: 1.0.
        planned_reduction_t_co2 (float | str | Unset):  Default: 0.0.
    """

    offset_share: float | str | Unset = 1.0
    planned_reduction_t_co2: float | str | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        offset_share: float | str | Unset
        if isinstance(self.offset_share, Unset):
            offset_share = UNSET
        else:
            offset_share = self.offset_share

        planned_reduction_t_co2: float | str | Unset
        if isinstance(self.planned_reduction_t_co2, Unset):
            planned_reduction_t_co2 = UNSET
        else:
            planned_reduction_t_co2 = self.planned_reduction_t_co2

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if offset_share is not UNSET:
            field_dict["offset_share"] = offset_share
        if planned_reduction_t_co2 is not UNSET:
            field_dict["planned_reduction_t_co2"] = planned_reduction_t_co2

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_offset_share(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        offset_share = _parse_offset_share(d.pop("offset_share", UNSET))

        def _parse_planned_reduction_t_co2(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        planned_reduction_t_co2 = _parse_planned_reduction_t_co2(d.pop("planned_reduction_t_co2", UNSET))

        plan_in = cls(
            offset_share=offset_share,
            planned_reduction_t_co2=planned_reduction_t_co2,
        )

        return plan_in
