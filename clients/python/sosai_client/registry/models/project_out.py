from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transition_out import TransitionOut


T = TypeVar("T", bound="ProjectOut")


@_attrs_define
class ProjectOut:
    """
    Attributes:
        applied_at (datetime.datetime):
        category (str):
        code (str):
        crediting_end (datetime.date):
        crediting_start (datetime.date):
        id (str):
        methodology_code (str):
        name (str):
        prefecture (str):
        programme (str):
        proponent_org (str):
        registered_on (datetime.date | None):
        status (str):
        transitions (list[TransitionOut] | Unset):
    """

    applied_at: datetime.datetime
    category: str
    code: str
    crediting_end: datetime.date
    crediting_start: datetime.date
    id: str
    methodology_code: str
    name: str
    prefecture: str
    programme: str
    proponent_org: str
    registered_on: datetime.date | None
    status: str
    transitions: list[TransitionOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        applied_at = self.applied_at.isoformat()

        category = self.category

        code = self.code

        crediting_end = self.crediting_end.isoformat()

        crediting_start = self.crediting_start.isoformat()

        id = self.id

        methodology_code = self.methodology_code

        name = self.name

        prefecture = self.prefecture

        programme = self.programme

        proponent_org = self.proponent_org

        registered_on: None | str
        if isinstance(self.registered_on, datetime.date):
            registered_on = self.registered_on.isoformat()
        else:
            registered_on = self.registered_on

        status = self.status

        transitions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transitions, Unset):
            transitions = []
            for transitions_item_data in self.transitions:
                transitions_item = transitions_item_data.to_dict()
                transitions.append(transitions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applied_at": applied_at,
                "category": category,
                "code": code,
                "crediting_end": crediting_end,
                "crediting_start": crediting_start,
                "id": id,
                "methodology_code": methodology_code,
                "name": name,
                "prefecture": prefecture,
                "programme": programme,
                "proponent_org": proponent_org,
                "registered_on": registered_on,
                "status": status,
            }
        )
        if transitions is not UNSET:
            field_dict["transitions"] = transitions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transition_out import TransitionOut

        d = dict(src_dict)
        applied_at = isoparse(d.pop("applied_at"))

        category = d.pop("category")

        code = d.pop("code")

        crediting_end = isoparse(d.pop("crediting_end")).date()

        crediting_start = isoparse(d.pop("crediting_start")).date()

        id = d.pop("id")

        methodology_code = d.pop("methodology_code")

        name = d.pop("name")

        prefecture = d.pop("prefecture")

        programme = d.pop("programme")

        proponent_org = d.pop("proponent_org")

        def _parse_registered_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registered_on_type_0 = isoparse(data).date()

                return registered_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        registered_on = _parse_registered_on(d.pop("registered_on"))

        status = d.pop("status")

        _transitions = d.pop("transitions", UNSET)
        transitions: list[TransitionOut] | Unset = UNSET
        if _transitions is not UNSET:
            transitions = []
            for transitions_item_data in _transitions:
                transitions_item = TransitionOut.from_dict(transitions_item_data)

                transitions.append(transitions_item)

        project_out = cls(
            applied_at=applied_at,
            category=category,
            code=code,
            crediting_end=crediting_end,
            crediting_start=crediting_start,
            id=id,
            methodology_code=methodology_code,
            name=name,
            prefecture=prefecture,
            programme=programme,
            proponent_org=proponent_org,
            registered_on=registered_on,
            status=status,
            transitions=transitions,
        )

        project_out.additional_properties = d
        return project_out

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
