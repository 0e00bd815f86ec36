"""Response models of the statistics (problem documents are ``sosai_shared.problems.Problem``)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CountByType(BaseModel):
    offset_type: str
    count: int


class PeriodCount(BaseModel):
    period: str = Field(description="FY2010 or FY2010-Q1 (fiscal years run April to March; Q1 = Apr-Jun)")
    offset_type: str
    count: int


class OwnActivitySplit(BaseModel):
    before_2010_04: dict[str, int] = Field(description="own-activity cases reported before 2010-04-01")
    from_2010_04: dict[str, int] = Field(description="own-activity cases reported from 2010-04-01")


class CertifiedStats(BaseModel):
    total: int
    currently_valid: int
    by_type: list[CountByType]
    by_fiscal_year: list[PeriodCount]


class ProviderStats(BaseModel):
    registered: int
    suspended: int
    pending: int


class ReportedCaseStats(BaseModel):
    total: int
    by_type: list[CountByType]
    by_fiscal_year: list[PeriodCount]
    by_quarter: list[PeriodCount]
    own_activity_split: OwnActivitySplit


class StatisticsOut(BaseModel):
    certified_initiatives: CertifiedStats
    providers: ProviderStats
    reported_cases: ReportedCaseStats
