from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ScopeTotals")


@_attrs_define
class ScopeTotals:
    """
    Attributes:
        scope1 (str):
        scope2 (str):
        scope3 (str):
    """

    scope1: str
    scope2: str
    scope3: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope1 = self.scope1

        scope2 = self.scope2

        scope3 = self.scope3

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scope1": scope1,
                "scope2": scope2,
                "scope3": scope3,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scope1 = d.pop("scope1")

        scope2 = d.pop("scope2")

        scope3 = d.pop("scope3")

        scope_totals = cls(
            scope1=scope1,
            scope2=scope2,
            scope3=scope3,
        )

        scope_totals.additional_properties = d
        return scope_totals

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
