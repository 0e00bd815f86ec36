from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.footprint_view_status import FootprintViewStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="FootprintView")


@_attrs_define
class FootprintView:
    """
    Attributes:
        status (FootprintViewStatus): ok; unavailable (calculator down or timing out); refused (the calculator rejected
            the session's data, e.g. an unknown utility); pending
        attendees_counted (int | Unset):  Default: 0.
        attendees_without_travel_data (int | Unset):  Default: 0.
        credits_needed (int | None | Unset): whole tonnes, rounded up
        reason (None | str | Unset):
        total_t_co2 (None | str | Unset): decimal string
    """

    status: FootprintViewStatus
    attendees_counted: int | Unset = 0
    attendees_without_travel_data: int | Unset = 0
    credits_needed: int | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    total_t_co2: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        attendees_counted = self.attendees_counted

        attendees_without_travel_data = self.attendees_without_travel_data

        credits_needed: int | None | Unset
        if isinstance(self.credits_needed, Unset):
            credits_needed = UNSET
        else:
            credits_needed = self.credits_needed

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        total_t_co2: None | str | Unset
        if isinstance(self.total_t_co2, Unset):
            total_t_co2 = UNSET
        else:
            total_t_co2 = self.total_t_co2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if attendees_counted is not UNSET:
            field_dict["attendees_counted"] = attendees_counted
        if attendees_without_travel_data is not UNSET:
            field_dict["attendees_without_travel_data"] = attendees_without_travel_data
        if credits_needed is not UNSET:
            field_dict["credits_needed"] = credits_needed
        if reason is not UNSET:
            field_dict["reason"] = reason
        if total_t_co2 is not UNSET:
            field_dict["total_t_co2"] = total_t_co2

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = FootprintViewStatus(d.pop("status"))

        attendees_counted = d.pop("attendees_counted", UNSET)

        attendees_without_travel_data = d.pop("attendees_without_travel_data", UNSET)

        def _parse_credits_needed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        credits_needed = _parse_credits_needed(d.pop("credits_needed", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_total_t_co2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        total_t_co2 = _parse_total_t_co2(d.pop("total_t_co2", UNSET))

        footprint_view = cls(
            status=status,
            attendees_counted=attendees_counted,
            attendees_without_travel_data=attendees_without_travel_data,
            credits_needed=credits_needed,
            reason=reason,
            total_t_co2=total_t_co2,
        )

        footprint_view.additional_properties = d
        return footprint_view

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
