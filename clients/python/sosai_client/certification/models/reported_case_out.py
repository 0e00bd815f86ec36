from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="ReportedCaseOut")


@_attrs_define
class ReportedCaseOut:
    """
    Attributes:
        created_at (datetime.datetime):
        description (None | str):
        id (str):
        market_distribution (bool):
        offset_type (str):
        org_name (str):
        period_end (datetime.date | None):
        period_start (datetime.date | None):
        reported_on (datetime.date):
        title (str):
    """

    created_at: datetime.datetime
    description: None | str
    id: str
    market_distribution: bool
    offset_type: str
    org_name: str
    period_end: datetime.date | None
    period_start: datetime.date | None
    reported_on: datetime.date
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        id = self.id

        market_distribution = self.market_distribution

        offset_type = self.offset_type

        org_name = self.org_name

        period_end: None | str
        if isinstance(self.period_end, datetime.date):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        period_start: None | str
        if isinstance(self.period_start, datetime.date):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        reported_on = self.reported_on.isoformat()

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "description": description,
                "id": id,
                "market_distribution": market_distribution,
                "offset_type": offset_type,
                "org_name": org_name,
                "period_end": period_end,
                "period_start": period_start,
                "reported_on": reported_on,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = isoparse(d.pop("created_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        id = d.pop("id")

        market_distribution = d.pop("market_distribution")

        offset_type = d.pop("offset_type")

        org_name = d.pop("org_name")

        def _parse_period_end(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = isoparse(data).date()

                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        period_end = _parse_period_end(d.pop("period_end"))

        def _parse_period_start(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = isoparse(data).date()

                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        period_start = _parse_period_start(d.pop("period_start"))

        reported_on = isoparse(d.pop("reported_on")).date()

        title = d.pop("title")

        reported_case_out = cls(
            created_at=created_at,
            description=description,
            id=id,
            market_distribution=market_distribution,
            offset_type=offset_type,
            org_name=org_name,
            period_end=period_end,
            period_start=period_start,
            reported_on=reported_on,
            title=title,
        )

        reported_case_out.additional_properties = d
        return reported_case_out

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
