from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_estimate_out_factor_rule import EventEstimateOutFactorRule

if TYPE_CHECKING:
    from ..models.event_estimate_out_gases import EventEstimateOutGases
    from ..models.line_out import LineOut
    from ..models.scope_totals import ScopeTotals


T = TypeVar("T", bound="EventEstimateOut")


@_attrs_define
class EventEstimateOut:
    """
    Attributes:
        by_scope (ScopeTotals):
        credits_needed_if_fully_offset (int):
        factor_rule (EventEstimateOutFactorRule): latest-available when no factor set covers the year yet and the latest
            published set was used for at least one line (named in factor_set_ids and in each line's factor)
        factor_set_ids (list[str]):
        fiscal_year (int):
        gases (EventEstimateOutGases):
        lines (list[LineOut]):
        regime (str):
        total_t_co2 (str):
    """

    by_scope: ScopeTotals
    credits_needed_if_fully_offset: int
    factor_rule: EventEstimateOutFactorRule
    factor_set_ids: list[str]
    fiscal_year: int
    gases: EventEstimateOutGases
    lines: list[LineOut]
    regime: str
    total_t_co2: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_scope = self.by_scope.to_dict()

        credits_needed_if_fully_offset = self.credits_needed_if_fully_offset

        factor_rule = self.factor_rule.value

        factor_set_ids = self.factor_set_ids

        fiscal_year = self.fiscal_year

        gases = self.gases.to_dict()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        regime = self.regime

        total_t_co2 = self.total_t_co2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_scope": by_scope,
                "credits_needed_if_fully_offset": credits_needed_if_fully_offset,
                "factor_rule": factor_rule,
                "factor_set_ids": factor_set_ids,
                "fiscal_year": fiscal_year,
                "gases": gases,
                "lines": lines,
                "regime": regime,
                "total_t_co2": total_t_co2,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_estimate_out_gases import EventEstimateOutGases
        from ..models.line_out import LineOut
        from ..models.scope_totals import ScopeTotals

        d = dict(src_dict)
        by_scope = ScopeTotals.from_dict(d.pop("by_scope"))

        credits_needed_if_fully_offset = d.pop("credits_needed_if_fully_offset")

        factor_rule = EventEstimateOutFactorRule(d.pop("factor_rule"))

        factor_set_ids = cast(list[str], d.pop("factor_set_ids"))

        fiscal_year = d.pop("fiscal_year")

        gases = EventEstimateOutGases.from_dict(d.pop("gases"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineOut.from_dict(lines_item_data)

            lines.append(lines_item)

        regime = d.pop("regime")

        total_t_co2 = d.pop("total_t_co2")

        event_estimate_out = cls(
            by_scope=by_scope,
            credits_needed_if_fully_offset=credits_needed_if_fully_offset,
            factor_rule=factor_rule,
            factor_set_ids=factor_set_ids,
            fiscal_year=fiscal_year,
            gases=gases,
            lines=lines,
            regime=regime,
            total_t_co2=total_t_co2,
        )

        event_estimate_out.additional_properties = d
        return event_estimate_out

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
