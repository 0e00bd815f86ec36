from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..models.registration_out_state import RegistrationOutState

T = TypeVar("T", bound="RegistrationOut")


@_attrs_define
class RegistrationOut:
    """
    Attributes:
        attended_at (datetime.datetime | None):
        cancelled_at (datetime.datetime | None):
        created_at (datetime.datetime):
        distance_km (None | str):
        email (str):
        id (str):
        name (str):
        origin_city (None | str):
        origin_prefecture (None | str):
        promoted_at (datetime.datetime | None):
        session_id (str):
        state (RegistrationOutState):
        travel_mode (None | str):
        updated_at (datetime.datetime):
        waitlist_position (int | None): waiting-list ticket (FIFO: lower is served first); null unless waitlisted
    """

    attended_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None
    created_at: datetime.datetime
    distance_km: None | str
    email: str
    id: str
    name: str
    origin_city: None | str
    origin_prefecture: None | str
    promoted_at: datetime.datetime | None
    session_id: str
    state: RegistrationOutState
    travel_mode: None | str
    updated_at: datetime.datetime
    waitlist_position: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attended_at: None | str
        if isinstance(self.attended_at, datetime.datetime):
            attended_at = self.attended_at.isoformat()
        else:
            attended_at = self.attended_at

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        created_at = self.created_at.isoformat()

        distance_km: None | str
        distance_km = self.distance_km

        email = self.email

        id = self.id

        name = self.name

        origin_city: None | str
        origin_city = self.origin_city

        origin_prefecture: None | str
        origin_prefecture = self.origin_prefecture

        promoted_at: None | str
        if isinstance(self.promoted_at, datetime.datetime):
            promoted_at = self.promoted_at.isoformat()
        else:
            promoted_at = self.promoted_at

        session_id = self.session_id

        state = self.state.value

        travel_mode: None | str
        travel_mode = self.travel_mode

        updated_at = self.updated_at.isoformat()

        waitlist_position: int | None
        waitlist_position = self.waitlist_position

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attended_at": attended_at,
                "cancelled_at": cancelled_at,
                "created_at": created_at,
                "distance_km": distance_km,
                "email": email,
                "id": id,
                "name": name,
                "origin_city": origin_city,
                "origin_prefecture": origin_prefecture,
                "promoted_at": promoted_at,
                "session_id": session_id,
                "state": state,
                "travel_mode": travel_mode,
                "updated_at": updated_at,
                "waitlist_position": waitlist_position,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_attended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                attended_at_type_0 = isoparse(data)

                return attended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        attended_at = _parse_attended_at(d.pop("attended_at"))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = isoparse(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        created_at = isoparse(d.pop("created_at"))

        def _parse_distance_km(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        distance_km = _parse_distance_km(d.pop("distance_km"))

        email = d.pop("email")

        id = d.pop("id")

        name = d.pop("name")

        def _parse_origin_city(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        origin_city = _parse_origin_city(d.pop("origin_city"))

        def _parse_origin_prefecture(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        origin_prefecture = _parse_origin_prefecture(d.pop("origin_prefecture"))

        def _parse_promoted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                promoted_at_type_0 = isoparse(data)

                return promoted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        promoted_at = _parse_promoted_at(d.pop("promoted_at"))

        session_id = d.pop("session_id")

        state = RegistrationOutState(d.pop("state"))

        def _parse_travel_mode(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        travel_mode = _parse_travel_mode(d.pop("travel_mode"))

        updated_at = isoparse(d.pop("updated_at"))

        def _parse_waitlist_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        waitlist_position = _parse_waitlist_position(d.pop("waitlist_position"))

        registration_out = cls(
            attended_at=attended_at,
            cancelled_at=cancelled_at,
            created_at=created_at,
            distance_km=distance_km,
            email=email,
            id=id,
            name=name,
            origin_city=origin_city,
            origin_prefecture=origin_prefecture,
            promoted_at=promoted_at,
            session_id=session_id,
            state=state,
            travel_mode=travel_mode,
            updated_at=updated_at,
            waitlist_position=waitlist_position,
        )

        registration_out.additional_properties = d
        return registration_out

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
