from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kind_year_stat import KindYearStat


T = TypeVar("T", bound="StatisticsOut")


@_attrs_define
class StatisticsOut:
    """
    Attributes:
        by_kind_and_year (list[KindYearStat]):
        credits_needed (int):
        credits_retired (int):
        footprints (int):
        total_t_co2 (str):
    """

    by_kind_and_year: list[KindYearStat]
    credits_needed: int
    credits_retired: int
    footprints: int
    total_t_co2: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_kind_and_year = []
        for by_kind_and_year_item_data in self.by_kind_and_year:
            by_kind_and_year_item = by_kind_and_year_item_data.to_dict()
            by_kind_and_year.append(by_kind_and_year_item)

        credits_needed = self.credits_needed

        credits_retired = self.credits_retired

        footprints = self.footprints

        total_t_co2 = self.total_t_co2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_kind_and_year": by_kind_and_year,
                "credits_needed": credits_needed,
                "credits_retired": credits_retired,
                "footprints": footprints,
                "total_t_co2": total_t_co2,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kind_year_stat import KindYearStat

        d = dict(src_dict)
        by_kind_and_year = []
        _by_kind_and_year = d.pop("by_kind_and_year")
        for by_kind_and_year_item_data in _by_kind_and_year:
            by_kind_and_year_item = KindYearStat.from_dict(by_kind_and_year_item_data)

            by_kind_and_year.append(by_kind_and_year_item)

        credits_needed = d.pop("credits_needed")

        credits_retired = d.pop("credits_retired")

        footprints = d.pop("footprints")

        total_t_co2 = d.pop("total_t_co2")

        statistics_out = cls(
            by_kind_and_year=by_kind_and_year,
            credits_needed=credits_needed,
            credits_retired=credits_retired,
            footprints=footprints,
            total_t_co2=total_t_co2,
        )

        statistics_out.additional_properties = d
        return statistics_out

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
