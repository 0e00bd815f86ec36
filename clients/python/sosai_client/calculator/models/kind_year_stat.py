from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KindYearStat")


@_attrs_define
class KindYearStat:
    """
    Attributes:
        fiscal_year (int):
        footprints (int):
        kind (str):
        total_t_co2 (str):
    """

    fiscal_year: int
    footprints: int
    kind: str
    total_t_co2: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fiscal_year = self.fiscal_year

        footprints = self.footprints

        kind = self.kind

        total_t_co2 = self.total_t_co2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fiscal_year": fiscal_year,
                "footprints": footprints,
                "kind": kind,
                "total_t_co2": total_t_co2,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fiscal_year = d.pop("fiscal_year")

        footprints = d.pop("footprints")

        kind = d.pop("kind")

        total_t_co2 = d.pop("total_t_co2")

        kind_year_stat = cls(
            fiscal_year=fiscal_year,
            footprints=footprints,
            kind=kind,
            total_t_co2=total_t_co2,
        )

        kind_year_stat.additional_properties = d
        return kind_year_stat

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
