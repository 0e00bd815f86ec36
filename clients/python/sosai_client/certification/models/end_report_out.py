from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="EndReportOut")


@_attrs_define
class EndReportOut:
    """
    Attributes:
        actual_credits_retired (int | None):
        number (str):
        report (str):
        submitted_at (datetime.datetime):
    """

    actual_credits_retired: int | None
    number: str
    report: str
    submitted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actual_credits_retired: int | None
        actual_credits_retired = self.actual_credits_retired

        number = self.number

        report = self.report

        submitted_at = self.submitted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actual_credits_retired": actual_credits_retired,
                "number": number,
                "report": report,
                "submitted_at": submitted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_actual_credits_retired(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        actual_credits_retired = _parse_actual_credits_retired(d.pop("actual_credits_retired"))

        number = d.pop("number")

        report = d.pop("report")

        submitted_at = isoparse(d.pop("submitted_at"))

        end_report_out = cls(
            actual_credits_retired=actual_credits_retired,
            number=number,
            report=report,
            submitted_at=submitted_at,
        )

        end_report_out.additional_properties = d
        return end_report_out

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
