from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="LifecycleStep")


@_attrs_define
class LifecycleStep:
    """
    Attributes:
        at (datetime.datetime):
        effective_on (datetime.date):
        from_kind (str):
        kind (str):
        range_ (str):
        to_kind (str):
        transaction_id (str):
    """

    at: datetime.datetime
    effective_on: datetime.date
    from_kind: str
    kind: str
    range_: str
    to_kind: str
    transaction_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        effective_on = self.effective_on.isoformat()

        from_kind = self.from_kind

        kind = self.kind

        range_ = self.range_

        to_kind = self.to_kind

        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "effective_on": effective_on,
                "from_kind": from_kind,
                "kind": kind,
                "range": range_,
                "to_kind": to_kind,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = isoparse(d.pop("at"))

        effective_on = isoparse(d.pop("effective_on")).date()

        from_kind = d.pop("from_kind")

        kind = d.pop("kind")

        range_ = d.pop("range")

        to_kind = d.pop("to_kind")

        transaction_id = d.pop("transaction_id")

        lifecycle_step = cls(
            at=at,
            effective_on=effective_on,
            from_kind=from_kind,
            kind=kind,
            range_=range_,
            to_kind=to_kind,
            transaction_id=transaction_id,
        )

        lifecycle_step.additional_properties = d
        return lifecycle_step

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
