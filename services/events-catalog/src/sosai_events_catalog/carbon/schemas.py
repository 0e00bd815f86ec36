"""Response models of the carbon card and of a recorded footprint."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

OffsetStatus = Literal["not_offset", "partly_offset", "offset", "certified"]
Basis = Literal["estimate", "actual"]


class FootprintView(BaseModel):
    status: Literal["ok", "unavailable", "refused", "pending"] = Field(
        description="ok; unavailable (calculator down or timing out); refused (the calculator rejected the "
        "session's data, e.g. an unknown utility); pending"
    )
    total_t_co2: str | None = Field(default=None, description="decimal string")
    credits_needed: int | None = Field(default=None, description="whole tonnes, rounded up")
    attendees_counted: int = 0
    attendees_without_travel_data: int = 0
    reason: str | None = None


class RecordedFootprint(BaseModel):
    t_co2: str
    basis: Basis
    credits_needed: int
    recorded_at: datetime


class CarbonCardOut(BaseModel):
    session_id: str
    estimate: FootprintView
    actual: FootprintView
    recorded_footprint: RecordedFootprint | None
    credits_retired: int
    certificate_number: str | None
    certificate_status: Literal["none", "certified", "revoked", "expired"]
    status: OffsetStatus
