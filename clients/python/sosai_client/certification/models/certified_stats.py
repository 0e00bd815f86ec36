from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.count_by_type import CountByType
    from ..models.period_count import PeriodCount


T = TypeVar("T", bound="CertifiedStats")


@_attrs_define
class CertifiedStats:
    """
    Attributes:
        by_fiscal_year (list[PeriodCount]):
        by_type (list[CountByType]):
        currently_valid (int):
        total (int):
    """

    by_fiscal_year: list[PeriodCount]
    by_type: list[CountByType]
    currently_valid: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_fiscal_year = []
        for by_fiscal_year_item_data in self.by_fiscal_year:
            by_fiscal_year_item = by_fiscal_year_item_data.to_dict()
            by_fiscal_year.append(by_fiscal_year_item)

        by_type = []
        for by_type_item_data in self.by_type:
            by_type_item = by_type_item_data.to_dict()
            by_type.append(by_type_item)

        currently_valid = self.currently_valid

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_fiscal_year": by_fiscal_year,
                "by_type": by_type,
                "currently_valid": currently_valid,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_by_type import CountByType
        from ..models.period_count import PeriodCount

        d = dict(src_dict)
        by_fiscal_year = []
        _by_fiscal_year = d.pop("by_fiscal_year")
        for by_fiscal_year_item_data in _by_fiscal_year:
            by_fiscal_year_item = PeriodCount.from_dict(by_fiscal_year_item_data)

            by_fiscal_year.append(by_fiscal_year_item)

        by_type = []
        _by_type = d.pop("by_type")
        for by_type_item_data in _by_type:
            by_type_item = CountByType.from_dict(by_type_item_data)

            by_type.append(by_type_item)

        currently_valid = d.pop("currently_valid")

        total = d.pop("total")

        certified_stats = cls(
            by_fiscal_year=by_fiscal_year,
            by_type=by_type,
            currently_valid=currently_valid,
            total=total,
        )

        certified_stats.additional_properties = d
        return certified_stats

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
