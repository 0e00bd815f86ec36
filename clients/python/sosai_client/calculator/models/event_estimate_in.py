from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attendee_group_in import AttendeeGroupIn


T = TypeVar("T", bound="EventEstimateIn")


@_attrs_define
class EventEstimateIn:
    """
    Attributes:
        fiscal_year (int): fiscal year (April to March), e.g. 2010
        accommodation_nights (int | Unset): person-nights Default: 0.
        attendees (list[AttendeeGroupIn] | Unset):
        meals (int | Unset):  Default: 0.
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        utility (None | str | Unset): venue's utility; the N-1 rule applies
        venue_kwh (float | str | Unset):  Default: 0.0.
    """

    fiscal_year: int
    accommodation_nights: int | Unset = 0
    attendees: list[AttendeeGroupIn] | Unset = UNSET
    meals: int | Unset = 0
    regime: str | Unset = "B"
    utility: None | str | Unset = UNSET
    venue_kwh: float | str | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        fiscal_year = self.fiscal_year

        accommodation_nights = self.accommodation_nights

        attendees: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attendees, Unset):
            attendees = []
            for attendees_item_data in self.attendees:
                attendees_item = attendees_item_data.to_dict()
                attendees.append(attendees_item)

        meals = self.meals

        regime = self.regime

        utility: None | str | Unset
        if isinstance(self.utility, Unset):
            utility = UNSET
        else:
            utility = self.utility

        venue_kwh: float | str | Unset
        if isinstance(self.venue_kwh, Unset):
            venue_kwh = UNSET
        else:
            venue_kwh = self.venue_kwh

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fiscal_year": fiscal_year,
            }
        )
        if accommodation_nights is not UNSET:
            field_dict["accommodation_nights"] = accommodation_nights
        if attendees is not UNSET:
            field_dict["attendees"] = attendees
        if meals is not UNSET:
            field_dict["meals"] = meals
        if regime is not UNSET:
            field_dict["regime"] = regime
        if utility is not UNSET:
            field_dict["utility"] = utility
        if venue_kwh is not UNSET:
            field_dict["venue_kwh"] = venue_kwh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attendee_group_in import AttendeeGroupIn

        d = dict(src_dict)
        fiscal_year = d.pop("fiscal_year")

        accommodation_nights = d.pop("accommodation_nights", UNSET)

        _attendees = d.pop("attendees", UNSET)
        attendees: list[AttendeeGroupIn] | Unset = UNSET
        if _attendees is not UNSET:
            attendees = []
            for attendees_item_data in _attendees:
                attendees_item = AttendeeGroupIn.from_dict(attendees_item_data)

                attendees.append(attendees_item)

        meals = d.pop("meals", UNSET)

        regime = d.pop("regime", UNSET)

        def _parse_utility(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        utility = _parse_utility(d.pop("utility", UNSET))

        def _parse_venue_kwh(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        venue_kwh = _parse_venue_kwh(d.pop("venue_kwh", UNSET))

        event_estimate_in = cls(
            fiscal_year=fiscal_year,
            accommodation_nights=accommodation_nights,
            attendees=attendees,
            meals=meals,
            regime=regime,
            utility=utility,
            venue_kwh=venue_kwh,
        )

        return event_estimate_in
