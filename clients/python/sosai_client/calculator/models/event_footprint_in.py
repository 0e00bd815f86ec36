from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.event_footprint_in_offset_type_type_0 import EventFootprintInOffsetTypeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attendee_group_in import AttendeeGroupIn
    from ..models.plan_in import PlanIn


T = TypeVar("T", bound="EventFootprintIn")


@_attrs_define
class EventFootprintIn:
    """
    Attributes:
        fiscal_year (int): fiscal year (April to March), e.g. 2010
        kind (Literal['event']):
        name (str):
        accommodation_nights (int | Unset): person-nights Default: 0.
        attendees (list[AttendeeGroupIn] | Unset):
        meals (int | Unset):  Default: 0.
        offset_type (EventFootprintInOffsetTypeType0 | None | Unset):
        plan (PlanIn | Unset):
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        session_id (None | str | Unset): the events-catalog session
        utility (None | str | Unset): venue's utility; the N-1 rule applies
        venue_kwh (float | str | Unset):  Default: 0.0.
    """

    fiscal_year: int
    kind: Literal["event"]
    name: str
    accommodation_nights: int | Unset = 0
    attendees: list[AttendeeGroupIn] | Unset = UNSET
    meals: int | Unset = 0
    offset_type: EventFootprintInOffsetTypeType0 | None | Unset = UNSET
    plan: PlanIn | Unset = UNSET
    regime: str | Unset = "B"
    session_id: None | str | Unset = UNSET
    utility: None | str | Unset = UNSET
    venue_kwh: float | str | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        fiscal_year = self.fiscal_year

        kind = self.kind

        name = self.name

        accommodation_nights = self.accommodation_nights

        attendees: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attendees, Unset):
            attendees = []
            for attendees_item_data in self.attendees:
                attendees_item = attendees_item_data.to_dict()
                attendees.append(attendees_item)

        meals = self.meals

        offset_type: None | str | Unset
        if isinstance(self.offset_type, Unset):
            offset_type = UNSET
        elif isinstance(self.offset_type, EventFootprintInOffsetTypeType0):
            offset_type = self.offset_type.value
        else:
            offset_type = self.offset_type

        plan: dict[str, Any] | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.to_dict()

        regime = self.regime

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

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
                "kind": kind,
                "name": name,
            }
        )
        if accommodation_nights is not UNSET:
            field_dict["accommodation_nights"] = accommodation_nights
        if attendees is not UNSET:
            field_dict["attendees"] = attendees
        if meals is not UNSET:
            field_dict["meals"] = meals
        if offset_type is not UNSET:
            field_dict["offset_type"] = offset_type
        if plan is not UNSET:
            field_dict["plan"] = plan
        if regime is not UNSET:
            field_dict["regime"] = regime
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if utility is not UNSET:
            field_dict["utility"] = utility
        if venue_kwh is not UNSET:
            field_dict["venue_kwh"] = venue_kwh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attendee_group_in import AttendeeGroupIn
        from ..models.plan_in import PlanIn

        d = dict(src_dict)
        fiscal_year = d.pop("fiscal_year")

        kind = cast(Literal["event"], d.pop("kind"))
        if kind != "event":
            raise ValueError(f"kind must match const 'event', got '{kind}'")

        name = d.pop("name")

        accommodation_nights = d.pop("accommodation_nights", UNSET)

        _attendees = d.pop("attendees", UNSET)
        attendees: list[AttendeeGroupIn] | Unset = UNSET
        if _attendees is not UNSET:
            attendees = []
            for attendees_item_data in _attendees:
                attendees_item = AttendeeGroupIn.from_dict(attendees_item_data)

                attendees.append(attendees_item)

        meals = d.pop("meals", UNSET)

        def _parse_offset_type(data: object) -> EventFootprintInOffsetTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offset_type_type_0 = EventFootprintInOffsetTypeType0(data)

                return offset_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventFootprintInOffsetTypeType0 | None | Unset, data)

        offset_type = _parse_offset_type(d.pop("offset_type", UNSET))

        _plan = d.pop("plan", UNSET)
        plan: PlanIn | Unset
        if isinstance(_plan, Unset):
            plan = UNSET
        else:
            plan = PlanIn.from_dict(_plan)

        regime = d.pop("regime", UNSET)

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

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

        event_footprint_in = cls(
            fiscal_year=fiscal_year,
            kind=kind,
            name=name,
            accommodation_nights=accommodation_nights,
            attendees=attendees,
            meals=meals,
            offset_type=offset_type,
            plan=plan,
            regime=regime,
            session_id=session_id,
            utility=utility,
            venue_kwh=venue_kwh,
        )

        return event_footprint_in
