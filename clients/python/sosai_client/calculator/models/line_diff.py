from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LineDiff")


@_attrs_define
class LineDiff:
    """
    Attributes:
        activity (str):
        amount (str):
        delta_t_co2 (str):
        new_factor_id (None | str):
        new_t_co2 (None | str):
        new_t_co2_per_unit (None | str):
        old_factor_id (None | str):
        old_t_co2 (None | str):
        old_t_co2_per_unit (None | str):
        region (str):
        source (str):
        unit (str):
    """

    activity: str
    amount: str
    delta_t_co2: str
    new_factor_id: None | str
    new_t_co2: None | str
    new_t_co2_per_unit: None | str
    old_factor_id: None | str
    old_t_co2: None | str
    old_t_co2_per_unit: None | str
    region: str
    source: str
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        amount = self.amount

        delta_t_co2 = self.delta_t_co2

        new_factor_id: None | str
        new_factor_id = self.new_factor_id

        new_t_co2: None | str
        new_t_co2 = self.new_t_co2

        new_t_co2_per_unit: None | str
        new_t_co2_per_unit = self.new_t_co2_per_unit

        old_factor_id: None | str
        old_factor_id = self.old_factor_id

        old_t_co2: None | str
        old_t_co2 = self.old_t_co2

        old_t_co2_per_unit: None | str
        old_t_co2_per_unit = self.old_t_co2_per_unit

        region = self.region

        source = self.source

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activity": activity,
                "amount": amount,
                "delta_t_co2": delta_t_co2,
                "new_factor_id": new_factor_id,
                "new_t_co2": new_t_co2,
                "new_t_co2_per_unit": new_t_co2_per_unit,
                "old_factor_id": old_factor_id,
                "old_t_co2": old_t_co2,
                "old_t_co2_per_unit": old_t_co2_per_unit,
                "region": region,
                "source": source,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        activity = d.pop("activity")

        amount = d.pop("amount")

        delta_t_co2 = d.pop("delta_t_co2")

        def _parse_new_factor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_factor_id = _parse_new_factor_id(d.pop("new_factor_id"))

        def _parse_new_t_co2(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_t_co2 = _parse_new_t_co2(d.pop("new_t_co2"))

        def _parse_new_t_co2_per_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_t_co2_per_unit = _parse_new_t_co2_per_unit(d.pop("new_t_co2_per_unit"))

        def _parse_old_factor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_factor_id = _parse_old_factor_id(d.pop("old_factor_id"))

        def _parse_old_t_co2(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_t_co2 = _parse_old_t_co2(d.pop("old_t_co2"))

        def _parse_old_t_co2_per_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_t_co2_per_unit = _parse_old_t_co2_per_unit(d.pop("old_t_co2_per_unit"))

        region = d.pop("region")

        source = d.pop("source")

        unit = d.pop("unit")

        line_diff = cls(
            activity=activity,
            amount=amount,
            delta_t_co2=delta_t_co2,
            new_factor_id=new_factor_id,
            new_t_co2=new_t_co2,
            new_t_co2_per_unit=new_t_co2_per_unit,
            old_factor_id=old_factor_id,
            old_t_co2=old_t_co2,
            old_t_co2_per_unit=old_t_co2_per_unit,
            region=region,
            source=source,
            unit=unit,
        )

        line_diff.additional_properties = d
        return line_diff

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
