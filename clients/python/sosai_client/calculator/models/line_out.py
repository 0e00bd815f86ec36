from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.factor_used import FactorUsed


T = TypeVar("T", bound="LineOut")


@_attrs_define
class LineOut:
    """
    Attributes:
        activity (str):
        amount (str):
        factor (FactorUsed): The snapshot of a factor exactly as it was used.
        position (int):
        region (str):
        rule (str):
        scope (int):
        source (str):
        t_co2 (str):
        unit (str):
    """

    activity: str
    amount: str
    factor: FactorUsed
    position: int
    region: str
    rule: str
    scope: int
    source: str
    t_co2: str
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        amount = self.amount

        factor = self.factor.to_dict()

        position = self.position

        region = self.region

        rule = self.rule

        scope = self.scope

        source = self.source

        t_co2 = self.t_co2

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activity": activity,
                "amount": amount,
                "factor": factor,
                "position": position,
                "region": region,
                "rule": rule,
                "scope": scope,
                "source": source,
                "t_co2": t_co2,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.factor_used import FactorUsed

        d = dict(src_dict)
        activity = d.pop("activity")

        amount = d.pop("amount")

        factor = FactorUsed.from_dict(d.pop("factor"))

        position = d.pop("position")

        region = d.pop("region")

        rule = d.pop("rule")

        scope = d.pop("scope")

        source = d.pop("source")

        t_co2 = d.pop("t_co2")

        unit = d.pop("unit")

        line_out = cls(
            activity=activity,
            amount=amount,
            factor=factor,
            position=position,
            region=region,
            rule=rule,
            scope=scope,
            source=source,
            t_co2=t_co2,
            unit=unit,
        )

        line_out.additional_properties = d
        return line_out

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
