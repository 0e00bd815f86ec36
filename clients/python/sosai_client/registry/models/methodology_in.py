from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.methodology_in_category import MethodologyInCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="MethodologyIn")


@_attrs_define
class MethodologyIn:
    """
    Attributes:
        category (MethodologyInCategory):
        code (str):
        name (str):
        credit_type (None | str | Unset): defaults to ER (emission reduction) or FM (forest)
        version (str | Unset):  Default: '1.0'.
    """

    category: MethodologyInCategory
    code: str
    name: str
    credit_type: None | str | Unset = UNSET
    version: str | Unset = "1.0"

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        code = self.code

        name = self.name

        credit_type: None | str | Unset
        if isinstance(self.credit_type, Unset):
            credit_type = UNSET
        else:
            credit_type = self.credit_type

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "code": code,
                "name": name,
            }
        )
        if credit_type is not UNSET:
            field_dict["credit_type"] = credit_type
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = MethodologyInCategory(d.pop("category"))

        code = d.pop("code")

        name = d.pop("name")

        def _parse_credit_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        credit_type = _parse_credit_type(d.pop("credit_type", UNSET))

        version = d.pop("version", UNSET)

        methodology_in = cls(
            category=category,
            code=code,
            name=name,
            credit_type=credit_type,
            version=version,
        )

        return methodology_in
