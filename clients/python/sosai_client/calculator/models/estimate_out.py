from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.estimate_out_gases import EstimateOutGases
    from ..models.factor_used import FactorUsed
    from ..models.rule_out import RuleOut


T = TypeVar("T", bound="EstimateOut")


@_attrs_define
class EstimateOut:
    """
    Attributes:
        activity (str):
        amount (str): the input converted to the factor's unit
        factor (FactorUsed): The snapshot of a factor exactly as it was used.
        fiscal_year (int):
        formula (str):
        gases (EstimateOutGases): per-gas t; these factors are CO2-only
        input_amount (str):
        input_unit (str):
        region (str):
        rule (RuleOut):
        scope (int):
        t_co2 (str):
        unit (str):
        t_co2_with_published_factor (None | str | Unset): amount x the rounded published t-CO2/unit, for comparison only
    """

    activity: str
    amount: str
    factor: FactorUsed
    fiscal_year: int
    formula: str
    gases: EstimateOutGases
    input_amount: str
    input_unit: str
    region: str
    rule: RuleOut
    scope: int
    t_co2: str
    unit: str
    t_co2_with_published_factor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        amount = self.amount

        factor = self.factor.to_dict()

        fiscal_year = self.fiscal_year

        formula = self.formula

        gases = self.gases.to_dict()

        input_amount = self.input_amount

        input_unit = self.input_unit

        region = self.region

        rule = self.rule.to_dict()

        scope = self.scope

        t_co2 = self.t_co2

        unit = self.unit

        t_co2_with_published_factor: None | str | Unset
        if isinstance(self.t_co2_with_published_factor, Unset):
            t_co2_with_published_factor = UNSET
        else:
            t_co2_with_published_factor = self.t_co2_with_published_factor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activity": activity,
                "amount": amount,
                "factor": factor,
                "fiscal_year": fiscal_year,
                "formula": formula,
                "gases": gases,
                "input_amount": input_amount,
                "input_unit": input_unit,
                "region": region,
                "rule": rule,
                "scope": scope,
                "t_co2": t_co2,
                "unit": unit,
            }
        )
        if t_co2_with_published_factor is not UNSET:
            field_dict["t_co2_with_published_factor"] = t_co2_with_published_factor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.estimate_out_gases import EstimateOutGases
        from ..models.factor_used import FactorUsed
        from ..models.rule_out import RuleOut

        d = dict(src_dict)
        activity = d.pop("activity")

        amount = d.pop("amount")

        factor = FactorUsed.from_dict(d.pop("factor"))

        fiscal_year = d.pop("fiscal_year")

        formula = d.pop("formula")

        gases = EstimateOutGases.from_dict(d.pop("gases"))

        input_amount = d.pop("input_amount")

        input_unit = d.pop("input_unit")

        region = d.pop("region")

        rule = RuleOut.from_dict(d.pop("rule"))

        scope = d.pop("scope")

        t_co2 = d.pop("t_co2")

        unit = d.pop("unit")

        def _parse_t_co2_with_published_factor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        t_co2_with_published_factor = _parse_t_co2_with_published_factor(d.pop("t_co2_with_published_factor", UNSET))

        estimate_out = cls(
            activity=activity,
            amount=amount,
            factor=factor,
            fiscal_year=fiscal_year,
            formula=formula,
            gases=gases,
            input_amount=input_amount,
            input_unit=input_unit,
            region=region,
            rule=rule,
            scope=scope,
            t_co2=t_co2,
            unit=unit,
            t_co2_with_published_factor=t_co2_with_published_factor,
        )

        estimate_out.additional_properties = d
        return estimate_out

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
