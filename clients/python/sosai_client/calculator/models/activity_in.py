from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ActivityIn")


@_attrs_define
class ActivityIn:
    """
    Attributes:
        activity (str):
        amount (float | str):
        unit (str):
        passengers (int | None | Unset): with a distance unit (km) for passenger transport
        region (None | str | Unset): for electricity: the utility (e.g. 'tepco'); omit for the default
    """

    activity: str
    amount: float | str
    unit: str
    passengers: int | None | Unset = UNSET
    region: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        amount: float | str
        amount = self.amount

        unit = self.unit

        passengers: int | None | Unset
        if isinstance(self.passengers, Unset):
            passengers = UNSET
        else:
            passengers = self.passengers

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "activity": activity,
                "amount": amount,
                "unit": unit,
            }
        )
        if passengers is not UNSET:
            field_dict["passengers"] = passengers
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        activity = d.pop("activity")

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        unit = d.pop("unit")

        def _parse_passengers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        passengers = _parse_passengers(d.pop("passengers", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        activity_in = cls(
            activity=activity,
            amount=amount,
            unit=unit,
            passengers=passengers,
            region=region,
        )

        return activity_in
