from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceIn")


@_attrs_define
class PriceIn:
    """
    Attributes:
        credit_type (str):
        bid_yen (int | None | Unset):
        offer_yen (int | None | Unset):
    """

    credit_type: str
    bid_yen: int | None | Unset = UNSET
    offer_yen: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        credit_type = self.credit_type

        bid_yen: int | None | Unset
        if isinstance(self.bid_yen, Unset):
            bid_yen = UNSET
        else:
            bid_yen = self.bid_yen

        offer_yen: int | None | Unset
        if isinstance(self.offer_yen, Unset):
            offer_yen = UNSET
        else:
            offer_yen = self.offer_yen

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credit_type": credit_type,
            }
        )
        if bid_yen is not UNSET:
            field_dict["bid_yen"] = bid_yen
        if offer_yen is not UNSET:
            field_dict["offer_yen"] = offer_yen

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_type = d.pop("credit_type")

        def _parse_bid_yen(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        bid_yen = _parse_bid_yen(d.pop("bid_yen", UNSET))

        def _parse_offer_yen(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        offer_yen = _parse_offer_yen(d.pop("offer_yen", UNSET))

        price_in = cls(
            credit_type=credit_type,
            bid_yen=bid_yen,
            offer_yen=offer_yen,
        )

        return price_in
