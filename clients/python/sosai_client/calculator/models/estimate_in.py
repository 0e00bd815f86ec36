from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EstimateIn")


@_attrs_define
class EstimateIn:
    """
    Attributes:
        activity (str):
        amount (float | str):
        fiscal_year (int): fiscal year (April to March), e.g. 2010
        unit (str):
        passengers (int | None | Unset): with a distance unit (km) for passenger transport
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        region (None | str | Unset): for electricity: the utility (e.g. 'tepco'); omit for the default
    """

    activity: str
    amount: float | str
    fiscal_year: int
    unit: str
    passengers: int | None | Unset = UNSET
    regime: str | Unset = "B"
    region: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        amount: float | str
        amount = self.amount

        fiscal_year = self.fiscal_year

        unit = self.unit

        passengers: int | None | Unset
        if isinstance(self.passengers, Unset):
            passengers = UNSET
        else:
            passengers = self.passengers

        regime = self.regime

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
                "fiscal_year": fiscal_year,
                "unit": unit,
            }
        )
        if passengers is not UNSET:
            field_dict["passengers"] = passengers
        if regime is not UNSET:
            field_dict["regime"] = regime
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

        fiscal_year = d.pop("fiscal_year")

        unit = d.pop("unit")

        def _parse_passengers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        passengers = _parse_passengers(d.pop("passengers", UNSET))

        regime = d.pop("regime", UNSET)

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        estimate_in = cls(
            activity=activity,
            amount=amount,
            fiscal_year=fiscal_year,
            unit=unit,
            passengers=passengers,
            regime=regime,
            region=region,
        )

        return estimate_in
