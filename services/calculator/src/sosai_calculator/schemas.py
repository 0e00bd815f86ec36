"""Request and response models of the calculator API. Inputs refuse unknown fields.

Decimals travel as JSON strings (pydantic's default for ``Decimal``), so no float
ever touches an emission figure on the way in or out.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sosai_shared.contracts.base import OFFSET_TYPES

#: Documented batch limit of ``POST /v1/estimates/batch``.
MAX_BATCH = 1000
#: Activities a JSON organisation/product footprint may list (bigger data sets: the CSV upload).
MAX_ACTIVITIES = 5000
MAX_ATTENDEE_GROUPS = 2000

FiscalYear = Annotated[int, Field(ge=1990, le=2100, description="fiscal year (April to March), e.g. 2010")]
Regime = Annotated[str, Field(pattern=r"^[A-Z]$", description="factor-set regime; 'B' is the FY2010 set")]
Amount = Annotated[Decimal, Field(ge=0, max_digits=30, decimal_places=12)]
OffsetType = Literal[OFFSET_TYPES]  # type: ignore[valid-type]
Mode = Literal["car", "bus", "rail", "air", "air_domestic_scheduled"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActivityIn(_In):
    activity: str = Field(min_length=1, max_length=60, examples=["gasoline"])
    amount: Amount
    unit: str = Field(min_length=1, max_length=30, examples=["kL"])
    region: str | None = Field(
        None, max_length=40, description="for electricity: the utility (e.g. 'tepco'); omit for the default"
    )
    passengers: int | None = Field(
        None, ge=1, le=1_000_000, description="with a distance unit (km) for passenger transport"
    )


class EstimateIn(ActivityIn):
    fiscal_year: FiscalYear
    regime: Regime = "B"


class BatchIn(_In):
    items: list[EstimateIn] = Field(min_length=1, max_length=MAX_BATCH)


class AttendeeGroupIn(_In):
    origin: str = Field(min_length=1, max_length=100)
    mode: Mode
    distance_km: Amount = Field(
        description="one-way distance; a return trip is counted unless round_trip=false"
    )
    count: int = Field(ge=1, le=1_000_000)
    round_trip: bool = True


class EventActivityIn(_In):
    attendees: list[AttendeeGroupIn] = Field(default_factory=list, max_length=MAX_ATTENDEE_GROUPS)
    venue_kwh: Amount = Decimal(0)
    utility: str | None = Field(None, max_length=40, description="venue's utility; the N-1 rule applies")
    accommodation_nights: int = Field(0, ge=0, le=10_000_000, description="person-nights")
    meals: int = Field(0, ge=0, le=10_000_000)


class EventEstimateIn(EventActivityIn):
    fiscal_year: FiscalYear
    regime: Regime = "B"


class PlanIn(_In):
    planned_reduction_t_co2: Amount = Decimal(0)
    offset_share: Decimal = Field(
        Decimal(1),
        ge=0,
        le=1,
        max_digits=7,
        decimal_places=6,
        description="0..1 of the residual to offset; 1 = carbon neutral",
    )


class _FootprintBase(_In):
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
    units: int = Field(ge=1, le=10**12)
    per_unit: list[ActivityIn] = Field(min_length=1, max_length=MAX_ACTIVITIES)


class EventFootprintIn(_FootprintBase, EventActivityIn):
    kind: Literal["event"]


FootprintIn = Annotated[
    OrganisationFootprintIn | ProductFootprintIn | EventFootprintIn, Field(discriminator="kind")
]


class RecalculateIn(_In):
    reason: str = Field("", max_length=300)


# ---------------------------------------------------------------- responses


class FactorOut(BaseModel):
    id: str
    set_id: str
    fiscal_year: int
    regime: str
    revision: int
    activity: str
    region: str
    scope: int
    unit: str
    method: str = Field(description="calorific: amount x GJ/unit x tC/GJ x 44/12; direct: amount x value")
    calorific_value: Decimal | None = Field(None, description="GJ per unit")
    carbon_factor: Decimal | None = Field(None, description="tC per GJ")
    value: Decimal | None = None
    value_unit: str | None = None
    t_co2_per_unit: Decimal
    published_t_co2_per_unit: Decimal | None = Field(None, description="the rounded published column")
    data_year: int
    source: str
    valid_from: date | None = None
    valid_until: date | None = None
    notes: str = ""


class FactorSetOut(BaseModel):
    id: str
    fiscal_year: int
    regime: str
    revision: int
    current: bool
    source: str
    content_sha256: str
    factor_count: int
    loaded_by: str
    loaded_at: datetime


class FactorUsed(BaseModel):
    """The snapshot of a factor exactly as it was used."""

    id: str
    set_id: str
    set_fiscal_year: int
    set_revision: int
    regime: str
    activity: str
    region: str
    scope: int
    unit: str
    method: str
    calorific_value: Decimal | None = None
    carbon_factor: Decimal | None = None
    value: Decimal | None = None
    value_unit: str | None = None
    t_co2_per_unit: Decimal
    published_t_co2_per_unit: Decimal | None = None
    data_year: int
    source: str


class RuleOut(BaseModel):
    name: Literal["same-year", "default-electricity", "utility-n-minus-1"]
    explanation: str
    emissions_fiscal_year: int
    factor_set_fiscal_year: int


class EstimateOut(BaseModel):
    activity: str
    region: str
    fiscal_year: int
    scope: int
    input_amount: Decimal
    input_unit: str
    amount: Decimal = Field(description="the input converted to the factor's unit")
    unit: str
    t_co2: Decimal
    gases: dict[str, Decimal] = Field(description="per-gas t; these factors are CO2-only")
    factor: FactorUsed
    rule: RuleOut
    formula: str
    t_co2_with_published_factor: Decimal | None = Field(
        None, description="amount x the rounded published t-CO2/unit, for comparison only"
    )


class ItemError(BaseModel):
    type: str
    title: str
    detail: str


class BatchItemOut(BaseModel):
    index: int
    ok: bool
    result: EstimateOut | None = None
    error: ItemError | None = None


class BatchOut(BaseModel):
    items: list[BatchItemOut]
    succeeded: int
    failed: int
    total_t_co2: Decimal = Field(description="sum over the items that succeeded")


class LineOut(BaseModel):
    position: int
    source: str
    activity: str
    region: str
    scope: int
    amount: Decimal
    unit: str
    t_co2: Decimal
    rule: str
    factor: FactorUsed


class ScopeTotals(BaseModel):
    scope1: Decimal
    scope2: Decimal
    scope3: Decimal


class EventEstimateOut(BaseModel):
    fiscal_year: int
    regime: str
    total_t_co2: Decimal
    by_scope: ScopeTotals
    gases: dict[str, Decimal]
    lines: list[LineOut]
    credits_needed_if_fully_offset: int


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
