from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgrammePatch")


@_attrs_define
class ProgrammePatch:
    """
    Attributes:
        audience (None | str | Unset):
        description_en (None | str | Unset):
        description_ja (None | str | Unset):
        name_en (None | str | Unset):
        name_ja (None | str | Unset):
    """

    audience: None | str | Unset = UNSET
    description_en: None | str | Unset = UNSET
    description_ja: None | str | Unset = UNSET
    name_en: None | str | Unset = UNSET
    name_ja: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        description_en: None | str | Unset
        if isinstance(self.description_en, Unset):
            description_en = UNSET
        else:
            description_en = self.description_en

        description_ja: None | str | Unset
        if isinstance(self.description_ja, Unset):
            description_ja = UNSET
        else:
            description_ja = self.description_ja

        name_en: None | str | Unset
        if isinstance(self.name_en, Unset):
            name_en = UNSET
        else:
            name_en = self.name_en

        name_ja: None | str | Unset
        if isinstance(self.name_ja, Unset):
            name_ja = UNSET
        else:
            name_ja = self.name_ja

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if audience is not UNSET:
            field_dict["audience"] = audience
        if description_en is not UNSET:
            field_dict["description_en"] = description_en
        if description_ja is not UNSET:
            field_dict["description_ja"] = description_ja
        if name_en is not UNSET:
            field_dict["name_en"] = name_en
        if name_ja is not UNSET:
            field_dict["name_ja"] = name_ja

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_description_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description_en = _parse_description_en(d.pop("description_en", UNSET))

        def _parse_description_ja(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description_ja = _parse_description_ja(d.pop("description_ja", UNSET))

        def _parse_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_en = _parse_name_en(d.pop("name_en", UNSET))

        def _parse_name_ja(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_ja = _parse_name_ja(d.pop("name_ja", UNSET))

        programme_patch = cls(
            audience=audience,
            description_en=description_en,
            description_ja=description_ja,
            name_en=name_en,
            name_ja=name_ja,
        )

        return programme_patch
