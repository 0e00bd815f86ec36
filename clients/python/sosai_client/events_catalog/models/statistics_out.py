from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.programme_statistics import ProgrammeStatistics


T = TypeVar("T", bound="StatisticsOut")


@_attrs_define
class StatisticsOut:
    """
    Attributes:
        fiscal_year (int | None):
        programmes (list[ProgrammeStatistics]):
    """

    fiscal_year: int | None
    programmes: list[ProgrammeStatistics]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fiscal_year: int | None
        fiscal_year = self.fiscal_year

        programmes = []
        for programmes_item_data in self.programmes:
            programmes_item = programmes_item_data.to_dict()
            programmes.append(programmes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fiscal_year": fiscal_year,
                "programmes": programmes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.programme_statistics import ProgrammeStatistics

        d = dict(src_dict)

        def _parse_fiscal_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        fiscal_year = _parse_fiscal_year(d.pop("fiscal_year"))

        programmes = []
        _programmes = d.pop("programmes")
        for programmes_item_data in _programmes:
            programmes_item = ProgrammeStatistics.from_dict(programmes_item_data)

            programmes.append(programmes_item)

        statistics_out = cls(
            fiscal_year=fiscal_year,
            programmes=programmes,
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
