from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from dateutil.parser import isoparse

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.venue_in import VenueIn


T = TypeVar("T", bound="SessionPatch")


@_attrs_define
class SessionPatch:
    """
    Attributes:
        accommodation_nights (int | None | Unset):
        capacity (int | None | Unset):
        ends_at (datetime.datetime | None | Unset):
        meals (int | None | Unset):
        registration_closes_at (datetime.datetime | None | Unset):
        registration_opens_at (datetime.datetime | None | Unset):
        starts_at (datetime.datetime | None | Unset):
        title_en (None | str | Unset):
        title_ja (None | str | Unset):
        utility (None | str | Unset):
        venue (None | Unset | VenueIn):
        venue_kwh (float | None | str | Unset):
    """

    accommodation_nights: int | None | Unset = UNSET
    capacity: int | None | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    meals: int | None | Unset = UNSET
    registration_closes_at: datetime.datetime | None | Unset = UNSET
    registration_opens_at: datetime.datetime | None | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    title_en: None | str | Unset = UNSET
    title_ja: None | str | Unset = UNSET
    utility: None | str | Unset = UNSET
    venue: None | Unset | VenueIn = UNSET
    venue_kwh: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.venue_in import VenueIn

        accommodation_nights: int | None | Unset
        if isinstance(self.accommodation_nights, Unset):
            accommodation_nights = UNSET
        else:
            accommodation_nights = self.accommodation_nights

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        meals: int | None | Unset
        if isinstance(self.meals, Unset):
            meals = UNSET
        else:
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

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        title_en: None | str | Unset
        if isinstance(self.title_en, Unset):
            title_en = UNSET
        else:
            title_en = self.title_en

        title_ja: None | str | Unset
        if isinstance(self.title_ja, Unset):
            title_ja = UNSET
        else:
            title_ja = self.title_ja

        utility: None | str | Unset
        if isinstance(self.utility, Unset):
            utility = UNSET
        else:
            utility = self.utility

        venue: dict[str, Any] | None | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        elif isinstance(self.venue, VenueIn):
            venue = self.venue.to_dict()
        else:
            venue = self.venue

        venue_kwh: float | None | str | Unset
        if isinstance(self.venue_kwh, Unset):
            venue_kwh = UNSET
        else:
            venue_kwh = self.venue_kwh

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if accommodation_nights is not UNSET:
            field_dict["accommodation_nights"] = accommodation_nights
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if meals is not UNSET:
            field_dict["meals"] = meals
        if registration_closes_at is not UNSET:
            field_dict["registration_closes_at"] = registration_closes_at
        if registration_opens_at is not UNSET:
            field_dict["registration_opens_at"] = registration_opens_at
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if title_en is not UNSET:
            field_dict["title_en"] = title_en
        if title_ja is not UNSET:
            field_dict["title_ja"] = title_ja
        if utility is not UNSET:
            field_dict["utility"] = utility
        if venue is not UNSET:
            field_dict["venue"] = venue
        if venue_kwh is not UNSET:
            field_dict["venue_kwh"] = venue_kwh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.venue_in import VenueIn

        d = dict(src_dict)

        def _parse_accommodation_nights(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        accommodation_nights = _parse_accommodation_nights(d.pop("accommodation_nights", UNSET))

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = isoparse(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_meals(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        meals = _parse_meals(d.pop("meals", UNSET))

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

        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = isoparse(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_title_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title_en = _parse_title_en(d.pop("title_en", UNSET))

        def _parse_title_ja(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title_ja = _parse_title_ja(d.pop("title_ja", UNSET))

        def _parse_utility(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        utility = _parse_utility(d.pop("utility", UNSET))

        def _parse_venue(data: object) -> None | Unset | VenueIn:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                venue_type_0 = VenueIn.from_dict(data)

                return venue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VenueIn, data)

        venue = _parse_venue(d.pop("venue", UNSET))

        def _parse_venue_kwh(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        venue_kwh = _parse_venue_kwh(d.pop("venue_kwh", UNSET))

        session_patch = cls(
            accommodation_nights=accommodation_nights,
            capacity=capacity,
            ends_at=ends_at,
            meals=meals,
            registration_closes_at=registration_closes_at,
            registration_opens_at=registration_opens_at,
            starts_at=starts_at,
            title_en=title_en,
            title_ja=title_ja,
            utility=utility,
            venue=venue,
            venue_kwh=venue_kwh,
        )

        return session_patch
