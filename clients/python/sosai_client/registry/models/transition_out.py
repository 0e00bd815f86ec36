from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="TransitionOut")


@_attrs_define
class TransitionOut:
    """
    Attributes:
        actor_org (str):
        actor_sub (str):
        at (datetime.datetime):
        effective_on (datetime.date):
        from_status (None | str):
        reason (None | str):
        to_status (str):
    """

    actor_org: str
    actor_sub: str
    at: datetime.datetime
    effective_on: datetime.date
    from_status: None | str
    reason: None | str
    to_status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_org = self.actor_org

        actor_sub = self.actor_sub

        at = self.at.isoformat()

        effective_on = self.effective_on.isoformat()

        from_status: None | str
        from_status = self.from_status

        reason: None | str
        reason = self.reason

        to_status = self.to_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_org": actor_org,
                "actor_sub": actor_sub,
                "at": at,
                "effective_on": effective_on,
                "from_status": from_status,
                "reason": reason,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_org = d.pop("actor_org")

        actor_sub = d.pop("actor_sub")

        at = isoparse(d.pop("at"))

        effective_on = isoparse(d.pop("effective_on")).date()

        def _parse_from_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_status = _parse_from_status(d.pop("from_status"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        to_status = d.pop("to_status")

        transition_out = cls(
            actor_org=actor_org,
            actor_sub=actor_sub,
            at=at,
            effective_on=effective_on,
            from_status=from_status,
            reason=reason,
            to_status=to_status,
        )

        transition_out.additional_properties = d
        return transition_out

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
