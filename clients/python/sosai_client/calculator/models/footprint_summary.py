from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

if TYPE_CHECKING:
    from ..models.coverage_out import CoverageOut
    from ..models.plan_out import PlanOut


T = TypeVar("T", bound="FootprintSummary")


@_attrs_define
class FootprintSummary:
    """
    Attributes:
        coverage (CoverageOut):
        created_at (datetime.datetime):
        fiscal_year (int):
        id (str):
        kind (str):
        name (str):
        offset_type (None | str):
        org (str):
        plan (PlanOut):
        regime (str):
        session_id (None | str):
        total_t_co2 (str):
        units (int | None):
        updated_at (datetime.datetime):
        version (int):
    """

    coverage: CoverageOut
    created_at: datetime.datetime
    fiscal_year: int
    id: str
    kind: str
    name: str
    offset_type: None | str
    org: str
    plan: PlanOut
    regime: str
    session_id: None | str
    total_t_co2: str
    units: int | None
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        coverage = self.coverage.to_dict()

        created_at = self.created_at.isoformat()

        fiscal_year = self.fiscal_year

        id = self.id

        kind = self.kind

        name = self.name

        offset_type: None | str
        offset_type = self.offset_type

        org = self.org

        plan = self.plan.to_dict()

        regime = self.regime

        session_id: None | str
        session_id = self.session_id

        total_t_co2 = self.total_t_co2

        units: int | None
        units = self.units

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "coverage": coverage,
                "created_at": created_at,
                "fiscal_year": fiscal_year,
                "id": id,
                "kind": kind,
                "name": name,
                "offset_type": offset_type,
                "org": org,
                "plan": plan,
                "regime": regime,
                "session_id": session_id,
                "total_t_co2": total_t_co2,
                "units": units,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_out import CoverageOut
        from ..models.plan_out import PlanOut

        d = dict(src_dict)
        coverage = CoverageOut.from_dict(d.pop("coverage"))

        created_at = isoparse(d.pop("created_at"))

        fiscal_year = d.pop("fiscal_year")

        id = d.pop("id")

        kind = d.pop("kind")

        name = d.pop("name")

        def _parse_offset_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        offset_type = _parse_offset_type(d.pop("offset_type"))

        org = d.pop("org")

        plan = PlanOut.from_dict(d.pop("plan"))

        regime = d.pop("regime")

        def _parse_session_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        session_id = _parse_session_id(d.pop("session_id"))

        total_t_co2 = d.pop("total_t_co2")

        def _parse_units(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        units = _parse_units(d.pop("units"))

        updated_at = isoparse(d.pop("updated_at"))

        version = d.pop("version")

        footprint_summary = cls(
            coverage=coverage,
            created_at=created_at,
            fiscal_year=fiscal_year,
            id=id,
            kind=kind,
            name=name,
            offset_type=offset_type,
            org=org,
            plan=plan,
            regime=regime,
            session_id=session_id,
            total_t_co2=total_t_co2,
            units=units,
            updated_at=updated_at,
            version=version,
        )

        footprint_summary.additional_properties = d
        return footprint_summary

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
