from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="MethodologyOut")


@_attrs_define
class MethodologyOut:
    """
    Attributes:
        category (str):
        code (str):
        created_at (datetime.datetime):
        credit_type (str):
        id (str):
        name (str):
        status (str):
        version (str):
    """

    category: str
    code: str
    created_at: datetime.datetime
    credit_type: str
    id: str
    name: str
    status: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        code = self.code

        created_at = self.created_at.isoformat()

        credit_type = self.credit_type

        id = self.id

        name = self.name

        status = self.status

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "code": code,
                "created_at": created_at,
                "credit_type": credit_type,
                "id": id,
                "name": name,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = d.pop("category")

        code = d.pop("code")

        created_at = isoparse(d.pop("created_at"))

        credit_type = d.pop("credit_type")

        id = d.pop("id")

        name = d.pop("name")

        status = d.pop("status")

        version = d.pop("version")

        methodology_out = cls(
            category=category,
            code=code,
            created_at=created_at,
            credit_type=credit_type,
            id=id,
            name=name,
            status=status,
            version=version,
        )

        methodology_out.additional_properties = d
        return methodology_out

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
