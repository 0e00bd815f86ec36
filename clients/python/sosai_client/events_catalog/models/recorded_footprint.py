from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..models.recorded_footprint_basis import RecordedFootprintBasis

T = TypeVar("T", bound="RecordedFootprint")


@_attrs_define
class RecordedFootprint:
    """
    Attributes:
        basis (RecordedFootprintBasis):
        credits_needed (int):
        recorded_at (datetime.datetime):
        t_co2 (str):
    """

    basis: RecordedFootprintBasis
    credits_needed: int
    recorded_at: datetime.datetime
    t_co2: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        basis = self.basis.value

        credits_needed = self.credits_needed

        recorded_at = self.recorded_at.isoformat()

        t_co2 = self.t_co2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "basis": basis,
                "credits_needed": credits_needed,
                "recorded_at": recorded_at,
                "t_co2": t_co2,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        basis = RecordedFootprintBasis(d.pop("basis"))

        credits_needed = d.pop("credits_needed")

        recorded_at = isoparse(d.pop("recorded_at"))

        t_co2 = d.pop("t_co2")

        recorded_footprint = cls(
            basis=basis,
            credits_needed=credits_needed,
            recorded_at=recorded_at,
            t_co2=t_co2,
        )

        recorded_footprint.additional_properties = d
        return recorded_footprint

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
