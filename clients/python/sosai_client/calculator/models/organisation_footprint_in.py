from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organisation_footprint_in_offset_type_type_0 import OrganisationFootprintInOffsetTypeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activity_in import ActivityIn
    from ..models.plan_in import PlanIn


T = TypeVar("T", bound="OrganisationFootprintIn")


@_attrs_define
class OrganisationFootprintIn:
    """
    Attributes:
        activities (list[ActivityIn]):
        fiscal_year (int): fiscal year (April to March), e.g. 2010
        kind (Literal['organisation']):
        name (str):
        offset_type (None | OrganisationFootprintInOffsetTypeType0 | Unset):
        plan (PlanIn | Unset):
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        session_id (None | str | Unset): the events-catalog session
    """

    activities: list[ActivityIn]
    fiscal_year: int
    kind: Literal["organisation"]
    name: str
    offset_type: None | OrganisationFootprintInOffsetTypeType0 | Unset = UNSET
    plan: PlanIn | Unset = UNSET
    regime: str | Unset = "B"
    session_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        activities = []
        for activities_item_data in self.activities:
            activities_item = activities_item_data.to_dict()
            activities.append(activities_item)

        fiscal_year = self.fiscal_year

        kind = self.kind

        name = self.name

        offset_type: None | str | Unset
        if isinstance(self.offset_type, Unset):
            offset_type = UNSET
        elif isinstance(self.offset_type, OrganisationFootprintInOffsetTypeType0):
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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "activities": activities,
                "fiscal_year": fiscal_year,
                "kind": kind,
                "name": name,
            }
        )
        if offset_type is not UNSET:
            field_dict["offset_type"] = offset_type
        if plan is not UNSET:
            field_dict["plan"] = plan
        if regime is not UNSET:
            field_dict["regime"] = regime
        if session_id is not UNSET:
            field_dict["session_id"] = session_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activity_in import ActivityIn
        from ..models.plan_in import PlanIn

        d = dict(src_dict)
        activities = []
        _activities = d.pop("activities")
        for activities_item_data in _activities:
            activities_item = ActivityIn.from_dict(activities_item_data)

            activities.append(activities_item)

        fiscal_year = d.pop("fiscal_year")

        kind = cast(Literal["organisation"], d.pop("kind"))
        if kind != "organisation":
            raise ValueError(f"kind must match const 'organisation', got '{kind}'")

        name = d.pop("name")

        def _parse_offset_type(data: object) -> None | OrganisationFootprintInOffsetTypeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offset_type_type_0 = OrganisationFootprintInOffsetTypeType0(data)

                return offset_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrganisationFootprintInOffsetTypeType0 | Unset, data)

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

        organisation_footprint_in = cls(
            activities=activities,
            fiscal_year=fiscal_year,
            kind=kind,
            name=name,
            offset_type=offset_type,
            plan=plan,
            regime=regime,
            session_id=session_id,
        )

        return organisation_footprint_in
