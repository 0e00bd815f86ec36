"""Models shared by every part of the API: the problem document and the statistics."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ProblemOut(BaseModel):
    """RFC 9457 problem details (extra members such as ``failed`` or ``errors`` may follow)."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str | None = None


_DESCRIPTIONS = {
    401: "missing or invalid bearer token",
    403: "insufficient scope, or a reviewer deciding on the own organisation's record",
    404: "no such record, or it belongs to another organisation",
    409: "illegal transition or a rule not met (see the problem type)",
    422: "invalid request (see the problem type and errors)",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ProblemOut, "description": _DESCRIPTIONS[code]} for code in codes}


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
