from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FactorUsed")


@_attrs_define
class FactorUsed:
    """The snapshot of a factor exactly as it was used.

    Attributes:
        activity (str):
        data_year (int):
        id (str):
        method (str):
        regime (str):
        region (str):
        scope (int):
        set_fiscal_year (int):
        set_id (str):
        set_revision (int):
        source (str):
        t_co2_per_unit (str):
        unit (str):
        calorific_value (None | str | Unset):
        carbon_factor (None | str | Unset):
        published_t_co2_per_unit (None | str | Unset):
        value (None | str | Unset):
        value_unit (None | str | Unset):
    """

    activity: str
    data_year: int
    id: str
    method: str
    regime: str
    region: str
    scope: int
    set_fiscal_year: int
    set_id: str
    set_revision: int
    source: str
    t_co2_per_unit: str
    unit: str
    calorific_value: None | str | Unset = UNSET
    carbon_factor: None | str | Unset = UNSET
    published_t_co2_per_unit: None | str | Unset = UNSET
    value: None | str | Unset = UNSET
    value_unit: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        data_year = self.data_year

        id = self.id

        method = self.method

        regime = self.regime

        region = self.region

        scope = self.scope

        set_fiscal_year = self.set_fiscal_year

        set_id = self.set_id

        set_revision = self.set_revision

        source = self.source

        t_co2_per_unit = self.t_co2_per_unit

        unit = self.unit

        calorific_value: None | str | Unset
        if isinstance(self.calorific_value, Unset):
            calorific_value = UNSET
        else:
            calorific_value = self.calorific_value

        carbon_factor: None | str | Unset
        if isinstance(self.carbon_factor, Unset):
            carbon_factor = UNSET
        else:
            carbon_factor = self.carbon_factor

        published_t_co2_per_unit: None | str | Unset
        if isinstance(self.published_t_co2_per_unit, Unset):
            published_t_co2_per_unit = UNSET
        else:
            published_t_co2_per_unit = self.published_t_co2_per_unit

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        value_unit: None | str | Unset
        if isinstance(self.value_unit, Unset):
            value_unit = UNSET
        else:
            value_unit = self.value_unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activity": activity,
                "data_year": data_year,
                "id": id,
                "method": method,
                "regime": regime,
                "region": region,
                "scope": scope,
                "set_fiscal_year": set_fiscal_year,
                "set_id": set_id,
                "set_revision": set_revision,
                "source": source,
                "t_co2_per_unit": t_co2_per_unit,
                "unit": unit,
            }
        )
        if calorific_value is not UNSET:
            field_dict["calorific_value"] = calorific_value
        if carbon_factor is not UNSET:
            field_dict["carbon_factor"] = carbon_factor
        if published_t_co2_per_unit is not UNSET:
            field_dict["published_t_co2_per_unit"] = published_t_co2_per_unit
        if value is not UNSET:
            field_dict["value"] = value
        if value_unit is not UNSET:
            field_dict["value_unit"] = value_unit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        activity = d.pop("activity")

        data_year = d.pop("data_year")

        id = d.pop("id")

        method = d.pop("method")

        regime = d.pop("regime")

        region = d.pop("region")

        scope = d.pop("scope")

        set_fiscal_year = d.pop("set_fiscal_year")

        set_id = d.pop("set_id")

        set_revision = d.pop("set_revision")

        source = d.pop("source")

        t_co2_per_unit = d.pop("t_co2_per_unit")

        unit = d.pop("unit")

        def _parse_calorific_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calorific_value = _parse_calorific_value(d.pop("calorific_value", UNSET))

        def _parse_carbon_factor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        carbon_factor = _parse_carbon_factor(d.pop("carbon_factor", UNSET))

        def _parse_published_t_co2_per_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        published_t_co2_per_unit = _parse_published_t_co2_per_unit(d.pop("published_t_co2_per_unit", UNSET))

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        def _parse_value_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value_unit = _parse_value_unit(d.pop("value_unit", UNSET))

        factor_used = cls(
            activity=activity,
            data_year=data_year,
            id=id,
            method=method,
            regime=regime,
            region=region,
            scope=scope,
            set_fiscal_year=set_fiscal_year,
            set_id=set_id,
            set_revision=set_revision,
            source=source,
            t_co2_per_unit=t_co2_per_unit,
            unit=unit,
            calorific_value=calorific_value,
            carbon_factor=carbon_factor,
            published_t_co2_per_unit=published_t_co2_per_unit,
            value=value,
            value_unit=value_unit,
        )

        factor_used.additional_properties = d
        return factor_used

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
