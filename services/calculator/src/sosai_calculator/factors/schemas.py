"""Request and response models of factor sets and factors; the fiscal-year and regime types."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from sosai_calculator.factors.rules import Choice, RuleName

FiscalYear = Annotated[
    int, Field(strict=True, ge=1990, le=2100, description="fiscal year (April to March), e.g. 2010")
]
Regime = Annotated[str, Field(pattern=r"^[A-Z]$", description="factor-set regime; 'B' is the FY2010 set")]


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
    name: RuleName = Field(
        description="latest-available: no set covers the year yet; the latest published set (named in the "
        "explanation and in the factor's set_id) is used"
    )
    explanation: str
    emissions_fiscal_year: int
    factor_set_fiscal_year: int

    @classmethod
    def of(cls, choice: Choice) -> RuleOut:
        return cls(
            name=choice.rule,
            explanation=choice.explanation,
            emissions_fiscal_year=choice.emissions_fiscal_year,
            factor_set_fiscal_year=choice.factor.set_fiscal_year,
        )


def factor_used(choice: Choice) -> FactorUsed:
    return FactorUsed.model_validate(choice.factor.as_json())
