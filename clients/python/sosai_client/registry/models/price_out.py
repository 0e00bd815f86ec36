from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="PriceOut")


@_attrs_define
class PriceOut:
    """
    Attributes:
        bid_yen (int | None):
        credit_type (str):
        id (int):
        offer_yen (int | None):
        org (str):
        posted_at (datetime.datetime):
    """

    bid_yen: int | None
    credit_type: str
    id: int
    offer_yen: int | None
    org: str
    posted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bid_yen: int | None
        bid_yen = self.bid_yen

        credit_type = self.credit_type

        id = self.id

        offer_yen: int | None
        offer_yen = self.offer_yen

        org = self.org

        posted_at = self.posted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bid_yen": bid_yen,
                "credit_type": credit_type,
                "id": id,
                "offer_yen": offer_yen,
                "org": org,
                "posted_at": posted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_bid_yen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        bid_yen = _parse_bid_yen(d.pop("bid_yen"))

        credit_type = d.pop("credit_type")

        id = d.pop("id")

        def _parse_offer_yen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        offer_yen = _parse_offer_yen(d.pop("offer_yen"))

        org = d.pop("org")

        posted_at = isoparse(d.pop("posted_at"))

        price_out = cls(
            bid_yen=bid_yen,
            credit_type=credit_type,
            id=id,
            offer_yen=offer_yen,
            org=org,
            posted_at=posted_at,
        )

        price_out.additional_properties = d
        return price_out

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
