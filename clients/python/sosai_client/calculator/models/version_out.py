from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

if TYPE_CHECKING:
    from ..models.line_out import LineOut
    from ..models.scope_totals import ScopeTotals
    from ..models.version_out_input_summary import VersionOutInputSummary


T = TypeVar("T", bound="VersionOut")


@_attrs_define
class VersionOut:
    """
    Attributes:
        by_scope (ScopeTotals):
        calculated_at (datetime.datetime):
        factor_set_ids (list[str]):
        footprint_id (str):
        input_summary (VersionOutInputSummary):
        lines (list[LineOut]):
        reason (str):
        total_t_co2 (str):
        version (int):
    """

    by_scope: ScopeTotals
    calculated_at: datetime.datetime
    factor_set_ids: list[str]
    footprint_id: str
    input_summary: VersionOutInputSummary
    lines: list[LineOut]
    reason: str
    total_t_co2: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_scope = self.by_scope.to_dict()

        calculated_at = self.calculated_at.isoformat()

        factor_set_ids = self.factor_set_ids

        footprint_id = self.footprint_id

        input_summary = self.input_summary.to_dict()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        reason = self.reason

        total_t_co2 = self.total_t_co2

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_scope": by_scope,
                "calculated_at": calculated_at,
                "factor_set_ids": factor_set_ids,
                "footprint_id": footprint_id,
                "input_summary": input_summary,
                "lines": lines,
                "reason": reason,
                "total_t_co2": total_t_co2,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_out import LineOut
        from ..models.scope_totals import ScopeTotals
        from ..models.version_out_input_summary import VersionOutInputSummary

        d = dict(src_dict)
        by_scope = ScopeTotals.from_dict(d.pop("by_scope"))

        calculated_at = isoparse(d.pop("calculated_at"))

        factor_set_ids = cast(list[str], d.pop("factor_set_ids"))

        footprint_id = d.pop("footprint_id")

        input_summary = VersionOutInputSummary.from_dict(d.pop("input_summary"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineOut.from_dict(lines_item_data)

            lines.append(lines_item)

        reason = d.pop("reason")

        total_t_co2 = d.pop("total_t_co2")

        version = d.pop("version")

        version_out = cls(
            by_scope=by_scope,
            calculated_at=calculated_at,
            factor_set_ids=factor_set_ids,
            footprint_id=footprint_id,
            input_summary=input_summary,
            lines=lines,
            reason=reason,
            total_t_co2=total_t_co2,
            version=version,
        )

        version_out.additional_properties = d
        return version_out

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
