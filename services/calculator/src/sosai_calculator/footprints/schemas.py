"""Request and response models of stored footprints, their versions, plans and coverage."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from sosai_calculator.estimates.schemas import (
    ActivityIn,
    Amount,
    EventActivityIn,
    In,
    LineOut,
    ScopeTotals,
)
from sosai_calculator.factors.schemas import FiscalYear, Regime
from sosai_shared.contracts.base import OFFSET_TYPES

#: Activities a JSON organisation/product footprint may list (bigger data sets: the CSV upload).
MAX_ACTIVITIES = 5000
#: ``footprints.units`` is a 32-bit INTEGER column on every dialect: refuse more than it holds
#: (SQLite would store it, PostgreSQL would fail with a 500).
MAX_UNITS = 2**31 - 1

OffsetType = Literal[OFFSET_TYPES]  # type: ignore[valid-type]


class PlanIn(In):
    planned_reduction_t_co2: Amount = Decimal(0)
    offset_share: Decimal = Field(
        Decimal(1),
        ge=0,
        le=1,
        max_digits=7,
        decimal_places=6,
        description="0..1 of the residual to offset; 1 = carbon neutral",
    )


class _FootprintBase(In):
    name: str = Field(min_length=1, max_length=300)
    fiscal_year: FiscalYear
    regime: Regime = "B"
    session_id: str | None = Field(None, max_length=100, description="the events-catalog session")
    offset_type: OffsetType | None = None
    plan: PlanIn = Field(default_factory=PlanIn)


class OrganisationFootprintIn(_FootprintBase):
    kind: Literal["organisation"]
    activities: list[ActivityIn] = Field(min_length=1, max_length=MAX_ACTIVITIES)


class ProductFootprintIn(_FootprintBase):
    kind: Literal["product"]
    units: int = Field(strict=True, ge=1, le=MAX_UNITS, description=f"units produced (at most {MAX_UNITS})")
    per_unit: list[ActivityIn] = Field(min_length=1, max_length=MAX_ACTIVITIES)


class EventFootprintIn(_FootprintBase, EventActivityIn):
    kind: Literal["event"]


FootprintIn = Annotated[
    OrganisationFootprintIn | ProductFootprintIn | EventFootprintIn, Field(discriminator="kind")
]


class RecalculateIn(In):
    reason: str = Field("", max_length=300)


class PlanOut(BaseModel):
    total_t_co2: Decimal
    planned_reduction_t_co2: Decimal
    residual_t_co2: Decimal
    offset_share: Decimal
    credits_needed: int


class CoverageOut(BaseModel):
    credits_needed: int
    credits_retired: int
    coverage: Literal["none", "partial", "full"]


class FootprintSummary(BaseModel):
    id: str
    org: str
    kind: str
    name: str
    fiscal_year: int
    regime: str
    session_id: str | None
    offset_type: str | None
    units: int | None
    version: int
    total_t_co2: Decimal
    plan: PlanOut
    coverage: CoverageOut
    created_at: datetime
    updated_at: datetime


class FootprintOut(FootprintSummary):
    by_scope: ScopeTotals
    gases: dict[str, Decimal]
    per_unit_t_co2: Decimal | None = None
    factor_set_ids: list[str]
    calculated_at: datetime
    lines: list[LineOut]


class VersionOut(BaseModel):
    footprint_id: str
    version: int
    reason: str
    total_t_co2: Decimal
    by_scope: ScopeTotals
    factor_set_ids: list[str]
    input_summary: dict[str, object]
    calculated_at: datetime
    lines: list[LineOut]


class LineDiff(BaseModel):
    source: str
    activity: str
    region: str
    amount: Decimal
    unit: str
    old_t_co2: Decimal | None
    new_t_co2: Decimal | None
    delta_t_co2: Decimal
    old_factor_id: str | None
    new_factor_id: str | None
    old_t_co2_per_unit: Decimal | None
    new_t_co2_per_unit: Decimal | None


class RecalculationOut(BaseModel):
    footprint: FootprintOut
    previous_version: int
    previous_total_t_co2: Decimal
    delta_t_co2: Decimal
    lines: list[LineDiff]


class KindYearStat(BaseModel):
    kind: str
    fiscal_year: int
    footprints: int
    total_t_co2: Decimal


class StatisticsOut(BaseModel):
    footprints: int
    total_t_co2: Decimal
    credits_needed: int
    credits_retired: int
    by_kind_and_year: list[KindYearStat]
