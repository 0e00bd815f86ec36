from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import UNSET, Unset

T = TypeVar("T", bound="FactorOut")


@_attrs_define
class FactorOut:
    """
    Attributes:
        activity (str):
        data_year (int):
        fiscal_year (int):
        id (str):
        method (str): calorific: amount x GJ/unit x tC/GJ x 44/12; direct: amount x value
        regime (str):
        region (str):
        revision (int):
        scope (int):
        set_id (str):
        source (str):
        t_co2_per_unit (str):
        unit (str):
        calorific_value (None | str | Unset): GJ per unit
        carbon_factor (None | str | Unset): tC per GJ
        notes (str | Unset):  Default: ''.
        published_t_co2_per_unit (None | str | Unset): the rounded published column
        valid_from (datetime.date | None | Unset):
        valid_until (datetime.date | None | Unset):
        value (None | str | Unset):
        value_unit (None | str | Unset):
    """

    activity: str
    data_year: int
    fiscal_year: int
    id: str
    method: str
    regime: str
    region: str
    revision: int
    scope: int
    set_id: str
    source: str
    t_co2_per_unit: str
    unit: str
    calorific_value: None | str | Unset = UNSET
    carbon_factor: None | str | Unset = UNSET
    notes: str | Unset = ""
    published_t_co2_per_unit: None | str | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET
    valid_until: datetime.date | None | Unset = UNSET
    value: None | str | Unset = UNSET
    value_unit: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        data_year = self.data_year

        fiscal_year = self.fiscal_year

        id = self.id

        method = self.method

        regime = self.regime

        region = self.region

        revision = self.revision

        scope = self.scope

        set_id = self.set_id

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

        notes = self.notes

        published_t_co2_per_unit: None | str | Unset
        if isinstance(self.published_t_co2_per_unit, Unset):
            published_t_co2_per_unit = UNSET
        else:
            published_t_co2_per_unit = self.published_t_co2_per_unit

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

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
                "fiscal_year": fiscal_year,
                "id": id,
                "method": method,
                "regime": regime,
                "region": region,
                "revision": revision,
                "scope": scope,
                "set_id": set_id,
                "source": source,
                "t_co2_per_unit": t_co2_per_unit,
                "unit": unit,
            }
        )
        if calorific_value is not UNSET:
            field_dict["calorific_value"] = calorific_value
        if carbon_factor is not UNSET:
            field_dict["carbon_factor"] = carbon_factor
        if notes is not UNSET:
            field_dict["notes"] = notes
        if published_t_co2_per_unit is not UNSET:
            field_dict["published_t_co2_per_unit"] = published_t_co2_per_unit
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
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

        fiscal_year = d.pop("fiscal_year")

        id = d.pop("id")

        method = d.pop("method")

        regime = d.pop("regime")

        region = d.pop("region")

        revision = d.pop("revision")

        scope = d.pop("scope")

        set_id = d.pop("set_id")

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

        notes = d.pop("notes", UNSET)

        def _parse_published_t_co2_per_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        published_t_co2_per_unit = _parse_published_t_co2_per_unit(d.pop("published_t_co2_per_unit", UNSET))

        def _parse_valid_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = isoparse(data).date()

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = isoparse(data).date()

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

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

        factor_out = cls(
            activity=activity,
            data_year=data_year,
            fiscal_year=fiscal_year,
            id=id,
            method=method,
            regime=regime,
            region=region,
            revision=revision,
            scope=scope,
            set_id=set_id,
            source=source,
            t_co2_per_unit=t_co2_per_unit,
            unit=unit,
            calorific_value=calorific_value,
            carbon_factor=carbon_factor,
            notes=notes,
            published_t_co2_per_unit=published_t_co2_per_unit,
            valid_from=valid_from,
            valid_until=valid_until,
            value=value,
            value_unit=value_unit,
        )

        factor_out.additional_properties = d
        return factor_out

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
