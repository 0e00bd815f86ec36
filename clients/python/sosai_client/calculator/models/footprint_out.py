from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_out import CoverageOut
    from ..models.footprint_out_gases import FootprintOutGases
    from ..models.line_out import LineOut
    from ..models.plan_out import PlanOut
    from ..models.scope_totals import ScopeTotals


T = TypeVar("T", bound="FootprintOut")


@_attrs_define
class FootprintOut:
    """
    Attributes:
        by_scope (ScopeTotals):
        calculated_at (datetime.datetime):
        coverage (CoverageOut):
        created_at (datetime.datetime):
        factor_set_ids (list[str]):
        fiscal_year (int):
        gases (FootprintOutGases):
        id (str):
        kind (str):
        lines (list[LineOut]):
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
        per_unit_t_co2 (None | str | Unset):
    """

    by_scope: ScopeTotals
    calculated_at: datetime.datetime
    coverage: CoverageOut
    created_at: datetime.datetime
    factor_set_ids: list[str]
    fiscal_year: int
    gases: FootprintOutGases
    id: str
    kind: str
    lines: list[LineOut]
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
    per_unit_t_co2: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_scope = self.by_scope.to_dict()

        calculated_at = self.calculated_at.isoformat()

        coverage = self.coverage.to_dict()

        created_at = self.created_at.isoformat()

        factor_set_ids = self.factor_set_ids

        fiscal_year = self.fiscal_year

        gases = self.gases.to_dict()

        id = self.id

        kind = self.kind

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

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

        per_unit_t_co2: None | str | Unset
        if isinstance(self.per_unit_t_co2, Unset):
            per_unit_t_co2 = UNSET
        else:
            per_unit_t_co2 = self.per_unit_t_co2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_scope": by_scope,
                "calculated_at": calculated_at,
                "coverage": coverage,
                "created_at": created_at,
                "factor_set_ids": factor_set_ids,
                "fiscal_year": fiscal_year,
                "gases": gases,
                "id": id,
                "kind": kind,
                "lines": lines,
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
        if per_unit_t_co2 is not UNSET:
            field_dict["per_unit_t_co2"] = per_unit_t_co2

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_out import CoverageOut
        from ..models.footprint_out_gases import FootprintOutGases
        from ..models.line_out import LineOut
        from ..models.plan_out import PlanOut
        from ..models.scope_totals import ScopeTotals

        d = dict(src_dict)
        by_scope = ScopeTotals.from_dict(d.pop("by_scope"))

        calculated_at = isoparse(d.pop("calculated_at"))

        coverage = CoverageOut.from_dict(d.pop("coverage"))

        created_at = isoparse(d.pop("created_at"))

        factor_set_ids = cast(list[str], d.pop("factor_set_ids"))

        fiscal_year = d.pop("fiscal_year")

        gases = FootprintOutGases.from_dict(d.pop("gases"))

        id = d.pop("id")

        kind = d.pop("kind")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineOut.from_dict(lines_item_data)

            lines.append(lines_item)

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

        def _parse_per_unit_t_co2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        per_unit_t_co2 = _parse_per_unit_t_co2(d.pop("per_unit_t_co2", UNSET))

        footprint_out = cls(
            by_scope=by_scope,
            calculated_at=calculated_at,
            coverage=coverage,
            created_at=created_at,
            factor_set_ids=factor_set_ids,
            fiscal_year=fiscal_year,
            gases=gases,
            id=id,
            kind=kind,
            lines=lines,
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
            per_unit_t_co2=per_unit_t_co2,
        )

        footprint_out.additional_properties = d
        return footprint_out

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
