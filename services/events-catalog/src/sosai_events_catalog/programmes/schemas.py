"""Request and response models of programmes and their statistics (inputs refuse unknown fields)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

CODE_PATTERN = r"^[a-z][a-z0-9_]{1,63}$"


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgrammeIn(In):
    code: str = Field(pattern=CODE_PATTERN, description="stable code, e.g. leader_training")
    name_ja: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    description_ja: str = Field(default="", max_length=4000)
    description_en: str = Field(default="", max_length=4000)
    audience: str = Field(default="", max_length=500)


class ProgrammePatch(In):
    name_ja: str | None = Field(default=None, min_length=1, max_length=200)
    name_en: str | None = Field(default=None, min_length=1, max_length=200)
    description_ja: str | None = Field(default=None, max_length=4000)
    description_en: str | None = Field(default=None, max_length=4000)
    audience: str | None = Field(default=None, max_length=500)


class ProgrammeOut(BaseModel):
    id: str
    code: str
    name_ja: str
    name_en: str
    description_ja: str
    description_en: str
    audience: str
    created_at: datetime
    updated_at: datetime


class ProgrammeStatistics(BaseModel):
    programme_code: str
    name_ja: str
    name_en: str
    sessions: int = Field(description="sessions held or scheduled (cancelled ones excluded)")
    places: int = Field(description="distinct prefecture + city of those sessions")
    cancelled_sessions: int
    registrations: int = Field(description="registrations not cancelled")
    attendance: int


class StatisticsOut(BaseModel):
    fiscal_year: int | None
    programmes: list[ProgrammeStatistics]
