from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EndReportIn")


@_attrs_define
class EndReportIn:
    """
    Attributes:
        report (str): what was offset over the validity period
        actual_credits_retired (int | None | Unset):
    """

    report: str
    actual_credits_retired: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        report = self.report

        actual_credits_retired: int | None | Unset
        if isinstance(self.actual_credits_retired, Unset):
            actual_credits_retired = UNSET
        else:
            actual_credits_retired = self.actual_credits_retired

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "report": report,
            }
        )
        if actual_credits_retired is not UNSET:
            field_dict["actual_credits_retired"] = actual_credits_retired

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        report = d.pop("report")

        def _parse_actual_credits_retired(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        actual_credits_retired = _parse_actual_credits_retired(d.pop("actual_credits_retired", UNSET))

        end_report_in = cls(
            report=report,
            actual_credits_retired=actual_credits_retired,
        )

        return end_report_in
