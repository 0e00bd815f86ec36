from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from dateutil.parser import isoparse

from ..types import UNSET, Unset

T = TypeVar("T", bound="CertificationIn")


@_attrs_define
class CertificationIn:
    """
    Attributes:
        monitoring_report (str): monitoring report reference
        period_end (datetime.date):
        period_start (datetime.date):
        quantity (int): certified whole tonnes
        verifier (str): verification body
        effective_date (datetime.date | None | Unset): admin backdating of the certification date
    """

    monitoring_report: str
    period_end: datetime.date
    period_start: datetime.date
    quantity: int
    verifier: str
    effective_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        monitoring_report = self.monitoring_report

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        quantity = self.quantity

        verifier = self.verifier

        effective_date: None | str | Unset
        if isinstance(self.effective_date, Unset):
            effective_date = UNSET
        elif isinstance(self.effective_date, datetime.date):
            effective_date = self.effective_date.isoformat()
        else:
            effective_date = self.effective_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "monitoring_report": monitoring_report,
                "period_end": period_end,
                "period_start": period_start,
                "quantity": quantity,
                "verifier": verifier,
            }
        )
        if effective_date is not UNSET:
            field_dict["effective_date"] = effective_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        monitoring_report = d.pop("monitoring_report")

        period_end = isoparse(d.pop("period_end")).date()

        period_start = isoparse(d.pop("period_start")).date()

        quantity = d.pop("quantity")

        verifier = d.pop("verifier")

        def _parse_effective_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_date_type_0 = isoparse(data).date()

                return effective_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        effective_date = _parse_effective_date(d.pop("effective_date", UNSET))

        certification_in = cls(
            monitoring_report=monitoring_report,
            period_end=period_end,
            period_start=period_start,
            quantity=quantity,
            verifier=verifier,
            effective_date=effective_date,
        )

        return certification_in
