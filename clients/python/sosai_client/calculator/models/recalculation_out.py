from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.footprint_out import FootprintOut
    from ..models.line_diff import LineDiff


T = TypeVar("T", bound="RecalculationOut")


@_attrs_define
class RecalculationOut:
    """
    Attributes:
        delta_t_co2 (str):
        footprint (FootprintOut):
        lines (list[LineDiff]):
        previous_total_t_co2 (str):
        previous_version (int):
    """

    delta_t_co2: str
    footprint: FootprintOut
    lines: list[LineDiff]
    previous_total_t_co2: str
    previous_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delta_t_co2 = self.delta_t_co2

        footprint = self.footprint.to_dict()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        previous_total_t_co2 = self.previous_total_t_co2

        previous_version = self.previous_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delta_t_co2": delta_t_co2,
                "footprint": footprint,
                "lines": lines,
                "previous_total_t_co2": previous_total_t_co2,
                "previous_version": previous_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.footprint_out import FootprintOut
        from ..models.line_diff import LineDiff

        d = dict(src_dict)
        delta_t_co2 = d.pop("delta_t_co2")

        footprint = FootprintOut.from_dict(d.pop("footprint"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineDiff.from_dict(lines_item_data)

            lines.append(lines_item)

        previous_total_t_co2 = d.pop("previous_total_t_co2")

        previous_version = d.pop("previous_version")

        recalculation_out = cls(
            delta_t_co2=delta_t_co2,
            footprint=footprint,
            lines=lines,
            previous_total_t_co2=previous_total_t_co2,
            previous_version=previous_version,
        )

        recalculation_out.additional_properties = d
        return recalculation_out

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
