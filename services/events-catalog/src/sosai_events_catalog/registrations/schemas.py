"""Request and response models of registrations (inputs refuse unknown fields)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from sosai_events_catalog.programmes.schemas import In
from sosai_events_catalog.sessions.schemas import Prefecture

TravelMode = Literal["car", "bus", "rail", "air"]
RegistrationState = Literal["confirmed", "waitlisted", "cancelled", "attended"]


class RegistrationIn(In):
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    name: str = Field(min_length=1, max_length=200)
    origin_prefecture: Prefecture | None = None
    origin_city: str | None = Field(default=None, max_length=100)
    travel_mode: TravelMode | None = None
    distance_km: Decimal | None = Field(default=None, ge=0, le=10_000, max_digits=10, decimal_places=1)

    @field_validator("email")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.strip().lower()


class RegistrationOut(BaseModel):
    id: str
    session_id: str
    email: str
    name: str
    state: RegistrationState
    waitlist_position: int | None = Field(
        description="waiting-list ticket (FIFO: lower is served first); null unless waitlisted"
    )
    origin_prefecture: str | None
    origin_city: str | None
    travel_mode: str | None
    distance_km: Decimal | None
    created_at: datetime
    updated_at: datetime
    promoted_at: datetime | None
    cancelled_at: datetime | None
    attended_at: datetime | None
