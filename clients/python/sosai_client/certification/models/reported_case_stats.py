from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.count_by_type import CountByType
    from ..models.own_activity_split import OwnActivitySplit
    from ..models.period_count import PeriodCount


T = TypeVar("T", bound="ReportedCaseStats")


@_attrs_define
class ReportedCaseStats:
    """
    Attributes:
        by_fiscal_year (list[PeriodCount]):
        by_quarter (list[PeriodCount]):
        by_type (list[CountByType]):
        own_activity_split (OwnActivitySplit):
        total (int):
    """

    by_fiscal_year: list[PeriodCount]
    by_quarter: list[PeriodCount]
    by_type: list[CountByType]
    own_activity_split: OwnActivitySplit
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_fiscal_year = []
        for by_fiscal_year_item_data in self.by_fiscal_year:
            by_fiscal_year_item = by_fiscal_year_item_data.to_dict()
            by_fiscal_year.append(by_fiscal_year_item)

        by_quarter = []
        for by_quarter_item_data in self.by_quarter:
            by_quarter_item = by_quarter_item_data.to_dict()
            by_quarter.append(by_quarter_item)

        by_type = []
        for by_type_item_data in self.by_type:
            by_type_item = by_type_item_data.to_dict()
            by_type.append(by_type_item)

        own_activity_split = self.own_activity_split.to_dict()

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_fiscal_year": by_fiscal_year,
                "by_quarter": by_quarter,
                "by_type": by_type,
                "own_activity_split": own_activity_split,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_by_type import CountByType
        from ..models.own_activity_split import OwnActivitySplit
        from ..models.period_count import PeriodCount

        d = dict(src_dict)
        by_fiscal_year = []
        _by_fiscal_year = d.pop("by_fiscal_year")
        for by_fiscal_year_item_data in _by_fiscal_year:
            by_fiscal_year_item = PeriodCount.from_dict(by_fiscal_year_item_data)

            by_fiscal_year.append(by_fiscal_year_item)

        by_quarter = []
        _by_quarter = d.pop("by_quarter")
        for by_quarter_item_data in _by_quarter:
            by_quarter_item = PeriodCount.from_dict(by_quarter_item_data)

            by_quarter.append(by_quarter_item)

        by_type = []
        _by_type = d.pop("by_type")
        for by_type_item_data in _by_type:
            by_type_item = CountByType.from_dict(by_type_item_data)

            by_type.append(by_type_item)

        own_activity_split = OwnActivitySplit.from_dict(d.pop("own_activity_split"))

        total = d.pop("total")

        reported_case_stats = cls(
            by_fiscal_year=by_fiscal_year,
            by_quarter=by_quarter,
            by_type=by_type,
            own_activity_split=own_activity_split,
            total=total,
        )

        reported_case_stats.additional_properties = d
        return reported_case_stats

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
