from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from dateutil.parser import isoparse

from ..models.reported_case_in_offset_type import ReportedCaseInOffsetType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportedCaseIn")


@_attrs_define
class ReportedCaseIn:
    """
    Attributes:
        offset_type (ReportedCaseInOffsetType):
        org_name (str): the organisation running the initiative
        reported_on (datetime.date): when the case was reported to the programme (its period)
        title (str):
        description (None | str | Unset):
        market_distribution (bool | Unset): own-activity cases: the initiative is market-distribution
            (products/services) Default: False.
        period_end (datetime.date | None | Unset):
        period_start (datetime.date | None | Unset):
    """

    offset_type: ReportedCaseInOffsetType
    org_name: str
    reported_on: datetime.date
    title: str
    description: None | str | Unset = UNSET
    market_distribution: bool | Unset = False
    period_end: datetime.date | None | Unset = UNSET
    period_start: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        offset_type = self.offset_type.value

        org_name = self.org_name

        reported_on = self.reported_on.isoformat()

        title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        market_distribution = self.market_distribution

        period_end: None | str | Unset
        if isinstance(self.period_end, Unset):
            period_end = UNSET
        elif isinstance(self.period_end, datetime.date):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        period_start: None | str | Unset
        if isinstance(self.period_start, Unset):
            period_start = UNSET
        elif isinstance(self.period_start, datetime.date):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "offset_type": offset_type,
                "org_name": org_name,
                "reported_on": reported_on,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if market_distribution is not UNSET:
            field_dict["market_distribution"] = market_distribution
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
        if period_start is not UNSET:
            field_dict["period_start"] = period_start

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        offset_type = ReportedCaseInOffsetType(d.pop("offset_type"))

        org_name = d.pop("org_name")

        reported_on = isoparse(d.pop("reported_on")).date()

        title = d.pop("title")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        market_distribution = d.pop("market_distribution", UNSET)

        def _parse_period_end(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = isoparse(data).date()

                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period_end = _parse_period_end(d.pop("period_end", UNSET))

        def _parse_period_start(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = isoparse(data).date()

                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period_start = _parse_period_start(d.pop("period_start", UNSET))

        reported_case_in = cls(
            offset_type=offset_type,
            org_name=org_name,
            reported_on=reported_on,
            title=title,
            description=description,
            market_distribution=market_distribution,
            period_end=period_end,
            period_start=period_start,
        )

        return reported_case_in
