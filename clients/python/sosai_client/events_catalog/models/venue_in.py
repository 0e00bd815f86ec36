from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.venue_in_prefecture import VenueInPrefecture
from ..types import UNSET, Unset

T = TypeVar("T", bound="VenueIn")


@_attrs_define
class VenueIn:
    """
    Attributes:
        city (str): municipality; places are counted by prefecture+city
        name (str):
        prefecture (VenueInPrefecture):
        address (str | Unset):  Default: ''.
    """

    city: str
    name: str
    prefecture: VenueInPrefecture
    address: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        name = self.name

        prefecture = self.prefecture.value

        address = self.address

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "city": city,
                "name": name,
                "prefecture": prefecture,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        city = d.pop("city")

        name = d.pop("name")

        prefecture = VenueInPrefecture(d.pop("prefecture"))

        address = d.pop("address", UNSET)

        venue_in = cls(
            city=city,
            name=name,
            prefecture=prefecture,
            address=address,
        )

        return venue_in
