from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgrammeIn")


@_attrs_define
class ProgrammeIn:
    """
    Attributes:
        code (str): stable code, e.g. leader_training
        name_en (str):
        name_ja (str):
        audience (str | Unset):  Default: ''.
        description_en (str | Unset):  Default: ''.
        description_ja (str | Unset):  Default: ''.
    """

    code: str
    name_en: str
    name_ja: str
    audience: str | Unset = ""
    description_en: str | Unset = ""
    description_ja: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name_en = self.name_en

        name_ja = self.name_ja

        audience = self.audience

        description_en = self.description_en

        description_ja = self.description_ja

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name_en": name_en,
                "name_ja": name_ja,
            }
        )
        if audience is not UNSET:
            field_dict["audience"] = audience
        if description_en is not UNSET:
            field_dict["description_en"] = description_en
        if description_ja is not UNSET:
            field_dict["description_ja"] = description_ja

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name_en = d.pop("name_en")

        name_ja = d.pop("name_ja")

        audience = d.pop("audience", UNSET)

        description_en = d.pop("description_en", UNSET)

        description_ja = d.pop("description_ja", UNSET)

        programme_in = cls(
            code=code,
            name_en=name_en,
            name_ja=name_ja,
            audience=audience,
            description_en=description_en,
            description_ja=description_ja,
        )

        return programme_in
