from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from dateutil.parser import isoparse

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.venue_in import VenueIn


T = TypeVar("T", bound="SessionIn")


@_attrs_define
class SessionIn:
    """
    Attributes:
        capacity (int):
        ends_at (datetime.datetime):
        programme_code (str):
        starts_at (datetime.datetime):
        title_ja (str):
        venue (VenueIn):
        accommodation_nights (int | Unset):  Default: 0.
        meals (int | Unset):  Default: 0.
        registration_closes_at (datetime.datetime | None | Unset): defaults to the start of the session
        registration_opens_at (datetime.datetime | None | Unset):
        title_en (None | str | Unset):
        utility (None | str | Unset): electricity supplier, e.g. TEPCO
        venue_kwh (float | None | str | Unset):
    """

    capacity: int
    ends_at: datetime.datetime
    programme_code: str
    starts_at: datetime.datetime
    title_ja: str
    venue: VenueIn
    accommodation_nights: int | Unset = 0
    meals: int | Unset = 0
    registration_closes_at: datetime.datetime | None | Unset = UNSET
    registration_opens_at: datetime.datetime | None | Unset = UNSET
    title_en: None | str | Unset = UNSET
    utility: None | str | Unset = UNSET
    venue_kwh: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        ends_at = self.ends_at.isoformat()

        programme_code = self.programme_code

        starts_at = self.starts_at.isoformat()

        title_ja = self.title_ja

        venue = self.venue.to_dict()

        accommodation_nights = self.accommodation_nights

        meals = self.meals

        registration_closes_at: None | str | Unset
        if isinstance(self.registration_closes_at, Unset):
            registration_closes_at = UNSET
        elif isinstance(self.registration_closes_at, datetime.datetime):
            registration_closes_at = self.registration_closes_at.isoformat()
        else:
            registration_closes_at = self.registration_closes_at

        registration_opens_at: None | str | Unset
        if isinstance(self.registration_opens_at, Unset):
            registration_opens_at = UNSET
        elif isinstance(self.registration_opens_at, datetime.datetime):
            registration_opens_at = self.registration_opens_at.isoformat()
        else:
            registration_opens_at = self.registration_opens_at

        title_en: None | str | Unset
        if isinstance(self.title_en, Unset):
            title_en = UNSET
        else:
            title_en = self.title_en

        utility: None | str | Unset
        if isinstance(self.utility, Unset):
            utility = UNSET
        else:
            utility = self.utility

        venue_kwh: float | None | str | Unset
        if isinstance(self.venue_kwh, Unset):
            venue_kwh = UNSET
        else:
            venue_kwh = self.venue_kwh

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capacity": capacity,
                "ends_at": ends_at,
                "programme_code": programme_code,
                "starts_at": starts_at,
                "title_ja": title_ja,
                "venue": venue,
            }
        )
        if accommodation_nights is not UNSET:
            field_dict["accommodation_nights"] = accommodation_nights
        if meals is not UNSET:
            field_dict["meals"] = meals
        if registration_closes_at is not UNSET:
            field_dict["registration_closes_at"] = registration_closes_at
        if registration_opens_at is not UNSET:
            field_dict["registration_opens_at"] = registration_opens_at
        if title_en is not UNSET:
            field_dict["title_en"] = title_en
        if utility is not UNSET:
            field_dict["utility"] = utility
        if venue_kwh is not UNSET:
            field_dict["venue_kwh"] = venue_kwh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.venue_in import VenueIn

        d = dict(src_dict)
        capacity = d.pop("capacity")

        ends_at = isoparse(d.pop("ends_at"))

        programme_code = d.pop("programme_code")

        starts_at = isoparse(d.pop("starts_at"))

        title_ja = d.pop("title_ja")

        venue = VenueIn.from_dict(d.pop("venue"))

        accommodation_nights = d.pop("accommodation_nights", UNSET)

        meals = d.pop("meals", UNSET)

        def _parse_registration_closes_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registration_closes_at_type_0 = isoparse(data)

                return registration_closes_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        registration_closes_at = _parse_registration_closes_at(d.pop("registration_closes_at", UNSET))

        def _parse_registration_opens_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registration_opens_at_type_0 = isoparse(data)

                return registration_opens_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        registration_opens_at = _parse_registration_opens_at(d.pop("registration_opens_at", UNSET))

        def _parse_title_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title_en = _parse_title_en(d.pop("title_en", UNSET))

        def _parse_utility(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        utility = _parse_utility(d.pop("utility", UNSET))

        def _parse_venue_kwh(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        venue_kwh = _parse_venue_kwh(d.pop("venue_kwh", UNSET))

        session_in = cls(
            capacity=capacity,
            ends_at=ends_at,
            programme_code=programme_code,
            starts_at=starts_at,
            title_ja=title_ja,
            venue=venue,
            accommodation_nights=accommodation_nights,
            meals=meals,
            registration_closes_at=registration_closes_at,
            registration_opens_at=registration_opens_at,
            title_en=title_en,
            utility=utility,
            venue_kwh=venue_kwh,
        )

        return session_in
