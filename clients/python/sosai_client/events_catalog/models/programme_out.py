from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="ProgrammeOut")


@_attrs_define
class ProgrammeOut:
    """
    Attributes:
        audience (str):
        code (str):
        created_at (datetime.datetime):
        description_en (str):
        description_ja (str):
        id (str):
        name_en (str):
        name_ja (str):
        updated_at (datetime.datetime):
    """

    audience: str
    code: str
    created_at: datetime.datetime
    description_en: str
    description_ja: str
    id: str
    name_en: str
    name_ja: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audience = self.audience

        code = self.code

        created_at = self.created_at.isoformat()

        description_en = self.description_en

        description_ja = self.description_ja

        id = self.id

        name_en = self.name_en

        name_ja = self.name_ja

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audience": audience,
                "code": code,
                "created_at": created_at,
                "description_en": description_en,
                "description_ja": description_ja,
                "id": id,
                "name_en": name_en,
                "name_ja": name_ja,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        audience = d.pop("audience")

        code = d.pop("code")

        created_at = isoparse(d.pop("created_at"))

        description_en = d.pop("description_en")

        description_ja = d.pop("description_ja")

        id = d.pop("id")

        name_en = d.pop("name_en")

        name_ja = d.pop("name_ja")

        updated_at = isoparse(d.pop("updated_at"))

        programme_out = cls(
            audience=audience,
            code=code,
            created_at=created_at,
            description_en=description_en,
            description_ja=description_ja,
            id=id,
            name_en=name_en,
            name_ja=name_ja,
            updated_at=updated_at,
        )

        programme_out.additional_properties = d
        return programme_out

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
