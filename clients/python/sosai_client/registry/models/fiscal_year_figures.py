from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FiscalYearFigures")


@_attrs_define
class FiscalYearFigures:
    """
    Attributes:
        fiscal_year (int):
        projects_registered (int | Unset):  Default: 0.
        tonnes_buffer_reversed (int | Unset):  Default: 0.
        tonnes_cancelled (int | Unset):  Default: 0.
        tonnes_certified (int | Unset):  Default: 0.
        tonnes_issued (int | Unset):  Default: 0.
        tonnes_retired (int | Unset):  Default: 0.
        tonnes_to_buffer (int | Unset):  Default: 0.
    """

    fiscal_year: int
    projects_registered: int | Unset = 0
    tonnes_buffer_reversed: int | Unset = 0
    tonnes_cancelled: int | Unset = 0
    tonnes_certified: int | Unset = 0
    tonnes_issued: int | Unset = 0
    tonnes_retired: int | Unset = 0
    tonnes_to_buffer: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fiscal_year = self.fiscal_year

        projects_registered = self.projects_registered

        tonnes_buffer_reversed = self.tonnes_buffer_reversed

        tonnes_cancelled = self.tonnes_cancelled

        tonnes_certified = self.tonnes_certified

        tonnes_issued = self.tonnes_issued

        tonnes_retired = self.tonnes_retired

        tonnes_to_buffer = self.tonnes_to_buffer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fiscal_year": fiscal_year,
            }
        )
        if projects_registered is not UNSET:
            field_dict["projects_registered"] = projects_registered
        if tonnes_buffer_reversed is not UNSET:
            field_dict["tonnes_buffer_reversed"] = tonnes_buffer_reversed
        if tonnes_cancelled is not UNSET:
            field_dict["tonnes_cancelled"] = tonnes_cancelled
        if tonnes_certified is not UNSET:
            field_dict["tonnes_certified"] = tonnes_certified
        if tonnes_issued is not UNSET:
            field_dict["tonnes_issued"] = tonnes_issued
        if tonnes_retired is not UNSET:
            field_dict["tonnes_retired"] = tonnes_retired
        if tonnes_to_buffer is not UNSET:
            field_dict["tonnes_to_buffer"] = tonnes_to_buffer

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fiscal_year = d.pop("fiscal_year")

        projects_registered = d.pop("projects_registered", UNSET)

        tonnes_buffer_reversed = d.pop("tonnes_buffer_reversed", UNSET)

        tonnes_cancelled = d.pop("tonnes_cancelled", UNSET)

        tonnes_certified = d.pop("tonnes_certified", UNSET)

        tonnes_issued = d.pop("tonnes_issued", UNSET)

        tonnes_retired = d.pop("tonnes_retired", UNSET)

        tonnes_to_buffer = d.pop("tonnes_to_buffer", UNSET)

        fiscal_year_figures = cls(
            fiscal_year=fiscal_year,
            projects_registered=projects_registered,
            tonnes_buffer_reversed=tonnes_buffer_reversed,
            tonnes_cancelled=tonnes_cancelled,
            tonnes_certified=tonnes_certified,
            tonnes_issued=tonnes_issued,
            tonnes_retired=tonnes_retired,
            tonnes_to_buffer=tonnes_to_buffer,
        )

        fiscal_year_figures.additional_properties = d
        return fiscal_year_figures

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
