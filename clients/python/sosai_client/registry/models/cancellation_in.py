from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.range_in import RangeIn


T = TypeVar("T", bound="CancellationIn")


@_attrs_define
class CancellationIn:
    """
    Attributes:
        account_id (str):
        reason (str):
        quantity (int | None | Unset): by quantity: oldest vintage first, then lowest serial
        ranges (list[RangeIn] | None | Unset): explicit serial ranges
    """

    account_id: str
    reason: str
    quantity: int | None | Unset = UNSET
    ranges: list[RangeIn] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        reason = self.reason

        quantity: int | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        ranges: list[dict[str, Any]] | None | Unset
        if isinstance(self.ranges, Unset):
            ranges = UNSET
        elif isinstance(self.ranges, list):
            ranges = []
            for ranges_type_0_item_data in self.ranges:
                ranges_type_0_item = ranges_type_0_item_data.to_dict()
                ranges.append(ranges_type_0_item)

        else:
            ranges = self.ranges

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account_id": account_id,
                "reason": reason,
            }
        )
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if ranges is not UNSET:
            field_dict["ranges"] = ranges

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.range_in import RangeIn

        d = dict(src_dict)
        account_id = d.pop("account_id")

        reason = d.pop("reason")

        def _parse_quantity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_ranges(data: object) -> list[RangeIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ranges_type_0 = []
                _ranges_type_0 = data
                for ranges_type_0_item_data in _ranges_type_0:
                    ranges_type_0_item = RangeIn.from_dict(ranges_type_0_item_data)

                    ranges_type_0.append(ranges_type_0_item)

                return ranges_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RangeIn] | None | Unset, data)

        ranges = _parse_ranges(d.pop("ranges", UNSET))

        cancellation_in = cls(
            account_id=account_id,
            reason=reason,
            quantity=quantity,
            ranges=ranges,
        )

        return cancellation_in
