"""Request and response models of reported (uncertified) offset cases."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sosai_certification.applications.schemas import OffsetType
from sosai_shared.dates import IsoDate


class ReportedCaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    offset_type: OffsetType
    title: str = Field(min_length=1, max_length=300)
    org_name: str = Field(min_length=1, max_length=300, description="the organisation running the initiative")
    reported_on: IsoDate = Field(description="when the case was reported to the programme (its period)")
    period_start: IsoDate | None = None
    period_end: IsoDate | None = None
    market_distribution: bool = Field(
        False, description="own-activity cases: the initiative is market-distribution (products/services)"
    )
    description: str | None = Field(None, max_length=5000)

    @model_validator(mode="after")
    def _period(self) -> ReportedCaseIn:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class BulkReportedCasesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[ReportedCaseIn] = Field(min_length=1, max_length=1000)


class ReportedCaseOut(BaseModel):
    id: str
    offset_type: str
    title: str
    org_name: str
    reported_on: date
    period_start: date | None
    period_end: date | None
    market_distribution: bool
    description: str | None
    created_at: datetime


class BulkResultOut(BaseModel):
    created: int
    ids: list[str]
