from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.coverage_out_coverage import CoverageOutCoverage

T = TypeVar("T", bound="CoverageOut")


@_attrs_define
class CoverageOut:
    """
    Attributes:
        coverage (CoverageOutCoverage):
        credits_needed (int):
        credits_retired (int):
    """

    coverage: CoverageOutCoverage
    credits_needed: int
    credits_retired: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        coverage = self.coverage.value

        credits_needed = self.credits_needed

        credits_retired = self.credits_retired

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "coverage": coverage,
                "credits_needed": credits_needed,
                "credits_retired": credits_retired,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        coverage = CoverageOutCoverage(d.pop("coverage"))

        credits_needed = d.pop("credits_needed")

        credits_retired = d.pop("credits_retired")

        coverage_out = cls(
            coverage=coverage,
            credits_needed=credits_needed,
            credits_retired=credits_retired,
        )

        coverage_out.additional_properties = d
        return coverage_out

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
