from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_out_name import RuleOutName

T = TypeVar("T", bound="RuleOut")


@_attrs_define
class RuleOut:
    """
    Attributes:
        emissions_fiscal_year (int):
        explanation (str):
        factor_set_fiscal_year (int):
        name (RuleOutName): latest-available: no set covers the year yet; the latest published set (named in the
            explanation and in the factor's set_id) is used
    """

    emissions_fiscal_year: int
    explanation: str
    factor_set_fiscal_year: int
    name: RuleOutName
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        emissions_fiscal_year = self.emissions_fiscal_year

        explanation = self.explanation

        factor_set_fiscal_year = self.factor_set_fiscal_year

        name = self.name.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "emissions_fiscal_year": emissions_fiscal_year,
                "explanation": explanation,
                "factor_set_fiscal_year": factor_set_fiscal_year,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        emissions_fiscal_year = d.pop("emissions_fiscal_year")

        explanation = d.pop("explanation")

        factor_set_fiscal_year = d.pop("factor_set_fiscal_year")

        name = RuleOutName(d.pop("name"))

        rule_out = cls(
            emissions_fiscal_year=emissions_fiscal_year,
            explanation=explanation,
            factor_set_fiscal_year=factor_set_fiscal_year,
            name=name,
        )

        rule_out.additional_properties = d
        return rule_out

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
