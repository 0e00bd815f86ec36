from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..models.session_out_status import SessionOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.venue_out import VenueOut


T = TypeVar("T", bound="SessionOut")


@_attrs_define
class SessionOut:
    """
    Attributes:
        accommodation_nights (int):
        cancel_reason (None | str):
        cancelled_at (datetime.datetime | None):
        capacity (int):
        confirmed (int):
        created_at (datetime.datetime):
        ends_at (datetime.datetime):
        ends_at_local (str):
        fiscal_year (int):
        id (str):
        meals (int):
        places_left (int):
        programme_code (str):
        registration_closes_at (datetime.datetime):
        registration_opens_at (datetime.datetime | None):
        sequence (int):
        starts_at (datetime.datetime):
        starts_at_local (str): start in Asia/Tokyo (ISO 8601 with +09:00)
        status (SessionOutStatus):
        title_en (str):
        title_ja (str):
        updated_at (datetime.datetime):
        utility (None | str):
        venue (VenueOut):
        venue_kwh (None | str):
        waitlisted (int):
        timezone (str | Unset):  Default: 'Asia/Tokyo'.
    """

    accommodation_nights: int
    cancel_reason: None | str
    cancelled_at: datetime.datetime | None
    capacity: int
    confirmed: int
    created_at: datetime.datetime
    ends_at: datetime.datetime
    ends_at_local: str
    fiscal_year: int
    id: str
    meals: int
    places_left: int
    programme_code: str
    registration_closes_at: datetime.datetime
    registration_opens_at: datetime.datetime | None
    sequence: int
    starts_at: datetime.datetime
    starts_at_local: str
    status: SessionOutStatus
    title_en: str
    title_ja: str
    updated_at: datetime.datetime
    utility: None | str
    venue: VenueOut
    venue_kwh: None | str
    waitlisted: int
    timezone: str | Unset = "Asia/Tokyo"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accommodation_nights = self.accommodation_nights

        cancel_reason: None | str
        cancel_reason = self.cancel_reason

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        capacity = self.capacity

        confirmed = self.confirmed

        created_at = self.created_at.isoformat()

        ends_at = self.ends_at.isoformat()

        ends_at_local = self.ends_at_local

        fiscal_year = self.fiscal_year

        id = self.id

        meals = self.meals

        places_left = self.places_left

        programme_code = self.programme_code

        registration_closes_at = self.registration_closes_at.isoformat()

        registration_opens_at: None | str
        if isinstance(self.registration_opens_at, datetime.datetime):
            registration_opens_at = self.registration_opens_at.isoformat()
        else:
            registration_opens_at = self.registration_opens_at

        sequence = self.sequence

        starts_at = self.starts_at.isoformat()

        starts_at_local = self.starts_at_local

        status = self.status.value

        title_en = self.title_en

        title_ja = self.title_ja

        updated_at = self.updated_at.isoformat()

        utility: None | str
        utility = self.utility

        venue = self.venue.to_dict()

        venue_kwh: None | str
        venue_kwh = self.venue_kwh

        waitlisted = self.waitlisted

        timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accommodation_nights": accommodation_nights,
                "cancel_reason": cancel_reason,
                "cancelled_at": cancelled_at,
                "capacity": capacity,
                "confirmed": confirmed,
                "created_at": created_at,
                "ends_at": ends_at,
                "ends_at_local": ends_at_local,
                "fiscal_year": fiscal_year,
                "id": id,
                "meals": meals,
                "places_left": places_left,
                "programme_code": programme_code,
                "registration_closes_at": registration_closes_at,
                "registration_opens_at": registration_opens_at,
                "sequence": sequence,
                "starts_at": starts_at,
                "starts_at_local": starts_at_local,
                "status": status,
                "title_en": title_en,
                "title_ja": title_ja,
                "updated_at": updated_at,
                "utility": utility,
                "venue": venue,
                "venue_kwh": venue_kwh,
                "waitlisted": waitlisted,
            }
        )
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.venue_out import VenueOut

        d = dict(src_dict)
        accommodation_nights = d.pop("accommodation_nights")

        def _parse_cancel_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason"))

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

        capacity = d.pop("capacity")

        confirmed = d.pop("confirmed")

        created_at = isoparse(d.pop("created_at"))

        ends_at = isoparse(d.pop("ends_at"))

        ends_at_local = d.pop("ends_at_local")

        fiscal_year = d.pop("fiscal_year")

        id = d.pop("id")

        meals = d.pop("meals")

        places_left = d.pop("places_left")

        programme_code = d.pop("programme_code")

        registration_closes_at = isoparse(d.pop("registration_closes_at"))

        def _parse_registration_opens_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registration_opens_at_type_0 = isoparse(data)

                return registration_opens_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        registration_opens_at = _parse_registration_opens_at(d.pop("registration_opens_at"))

        sequence = d.pop("sequence")

        starts_at = isoparse(d.pop("starts_at"))

        starts_at_local = d.pop("starts_at_local")

        status = SessionOutStatus(d.pop("status"))

        title_en = d.pop("title_en")

        title_ja = d.pop("title_ja")

        updated_at = isoparse(d.pop("updated_at"))

        def _parse_utility(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        utility = _parse_utility(d.pop("utility"))

        venue = VenueOut.from_dict(d.pop("venue"))

        def _parse_venue_kwh(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        venue_kwh = _parse_venue_kwh(d.pop("venue_kwh"))

        waitlisted = d.pop("waitlisted")

        timezone = d.pop("timezone", UNSET)

        session_out = cls(
            accommodation_nights=accommodation_nights,
            cancel_reason=cancel_reason,
            cancelled_at=cancelled_at,
            capacity=capacity,
            confirmed=confirmed,
            created_at=created_at,
            ends_at=ends_at,
            ends_at_local=ends_at_local,
            fiscal_year=fiscal_year,
            id=id,
            meals=meals,
            places_left=places_left,
            programme_code=programme_code,
            registration_closes_at=registration_closes_at,
            registration_opens_at=registration_opens_at,
            sequence=sequence,
            starts_at=starts_at,
            starts_at_local=starts_at_local,
            status=status,
            title_en=title_en,
            title_ja=title_ja,
            updated_at=updated_at,
            utility=utility,
            venue=venue,
            venue_kwh=venue_kwh,
            waitlisted=waitlisted,
            timezone=timezone,
        )

        session_out.additional_properties = d
        return session_out

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
