from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="AccountOut")


@_attrs_define
class AccountOut:
    """
    Attributes:
        anshin_provider (bool):
        created_at (datetime.datetime):
        id (str):
        kind (str):
        name (str):
        org (str):
        status (str):
    """

    anshin_provider: bool
    created_at: datetime.datetime
    id: str
    kind: str
    name: str
    org: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        anshin_provider = self.anshin_provider

        created_at = self.created_at.isoformat()

        id = self.id

        kind = self.kind

        name = self.name

        org = self.org

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "anshin_provider": anshin_provider,
                "created_at": created_at,
                "id": id,
                "kind": kind,
                "name": name,
                "org": org,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        anshin_provider = d.pop("anshin_provider")

        created_at = isoparse(d.pop("created_at"))

        id = d.pop("id")

        kind = d.pop("kind")

        name = d.pop("name")

        org = d.pop("org")

        status = d.pop("status")

        account_out = cls(
            anshin_provider=anshin_provider,
            created_at=created_at,
            id=id,
            kind=kind,
            name=name,
            org=org,
            status=status,
        )

        account_out.additional_properties = d
        return account_out

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
