"""Request and response models of estimates and of calculated lines. Inputs refuse unknown fields.

Decimals travel as JSON strings (pydantic's default for ``Decimal``), so no float ever
touches an emission figure. Counts are strict integers (``"3"``, ``true`` and ``1.5`` are
refused), bounded so that every product of them still fits the stored columns.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sosai_calculator.factors.schemas import FactorUsed, FiscalYear, Regime, RuleOut

#: Documented batch limit of ``POST /v1/estimates/batch``.
MAX_BATCH = 1000
MAX_ATTENDEE_GROUPS = 2000
#: Largest count a request may carry (passengers, attendees, nights, meals).
MAX_COUNT = 10_000_000

Amount = Annotated[Decimal, Field(ge=0, max_digits=30, decimal_places=12)]
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
Mode = Literal["car", "bus", "rail", "air", "air_domestic_scheduled"]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActivityIn(In):
    activity: str = Field(min_length=1, max_length=60, examples=["gasoline"])
    amount: Amount
    unit: str = Field(min_length=1, max_length=30, examples=["kL"])
    region: str | None = Field(
        None, max_length=40, description="for electricity: the utility (e.g. 'tepco'); omit for the default"
    )
    passengers: int | None = Field(
        None, strict=True, ge=1, le=1_000_000, description="with a distance unit (km) for passenger transport"
    )


class EstimateIn(ActivityIn):
    fiscal_year: FiscalYear
    regime: Regime = "B"


class BatchIn(In):
    items: list[EstimateIn] = Field(min_length=1, max_length=MAX_BATCH)


class AttendeeGroupIn(In):
    origin: str = Field(min_length=1, max_length=100)
    mode: Mode
    distance_km: Amount = Field(
        description="one-way distance; a return trip is counted unless round_trip=false"
    )
    count: int = Field(strict=True, ge=1, le=1_000_000)
    round_trip: bool = True


class EventActivityIn(In):
    attendees: list[AttendeeGroupIn] = Field(default_factory=list, max_length=MAX_ATTENDEE_GROUPS)
    venue_kwh: Amount = Decimal(0)
    utility: str | None = Field(None, max_length=40, description="venue's utility; the N-1 rule applies")
    accommodation_nights: Count = Field(0, description="person-nights")
    meals: Count = 0


class EventEstimateIn(EventActivityIn):
    fiscal_year: FiscalYear
    regime: Regime = "B"


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
    factor_rule: Literal["fiscal-year", "latest-available"] = Field(
        description="latest-available when no factor set covers the year yet and the latest published "
        "set was used for at least one line (named in factor_set_ids and in each line's factor)"
    )
    factor_set_ids: list[str]
