"""Request and response models of the events catalog (inputs refuse unknown fields)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

#: The 47 prefectures, romanised as the Ministry's English pages write them.
PREFECTURES = (
    "Hokkaido",
    "Aomori",
    "Iwate",
    "Miyagi",
    "Akita",
    "Yamagata",
    "Fukushima",
    "Ibaraki",
    "Tochigi",
    "Gunma",
    "Saitama",
    "Chiba",
    "Tokyo",
    "Kanagawa",
    "Niigata",
    "Toyama",
    "Ishikawa",
    "Fukui",
    "Yamanashi",
    "Nagano",
    "Gifu",
    "Shizuoka",
    "Aichi",
    "Mie",
    "Shiga",
    "Kyoto",
    "Osaka",
    "Hyogo",
    "Nara",
    "Wakayama",
    "Tottori",
    "Shimane",
    "Okayama",
    "Hiroshima",
    "Yamaguchi",
    "Tokushima",
    "Kagawa",
    "Ehime",
    "Kochi",
    "Fukuoka",
    "Saga",
    "Nagasaki",
    "Kumamoto",
    "Oita",
    "Miyazaki",
    "Kagoshima",
    "Okinawa",
)
Prefecture = Literal[PREFECTURES]  # type: ignore[valid-type]
TravelMode = Literal["car", "bus", "rail", "air"]
SessionStatus = Literal["scheduled", "open", "full", "closed", "cancelled", "held"]
RegistrationState = Literal["confirmed", "waitlisted", "cancelled", "attended"]
OffsetStatus = Literal["not_offset", "partly_offset", "offset", "certified"]

CODE_PATTERN = r"^[a-z][a-z0-9_]{1,63}$"


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- programmes ----


class ProgrammeIn(_In):
    code: str = Field(pattern=CODE_PATTERN, description="stable code, e.g. leader_training")
    name_ja: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    description_ja: str = Field(default="", max_length=4000)
    description_en: str = Field(default="", max_length=4000)
    audience: str = Field(default="", max_length=500)


class ProgrammePatch(_In):
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


# ---- sessions ----


class VenueIn(_In):
    name: str = Field(min_length=1, max_length=300)
    address: str = Field(default="", max_length=500)
    city: str = Field(
        min_length=1, max_length=100, description="municipality; places are counted by prefecture+city"
    )
    prefecture: Prefecture


class VenueOut(BaseModel):
    name: str
    address: str
    city: str
    prefecture: str


class SessionIn(_In):
    programme_code: str = Field(pattern=CODE_PATTERN)
    title_ja: str = Field(min_length=1, max_length=300)
    title_en: str | None = Field(default=None, min_length=1, max_length=300)
    venue: VenueIn
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    capacity: int = Field(ge=1, le=100_000)
    registration_opens_at: AwareDatetime | None = None
    registration_closes_at: AwareDatetime | None = Field(
        default=None, description="defaults to the start of the session"
    )
    venue_kwh: Decimal | None = Field(default=None, ge=0, le=10_000_000, max_digits=14, decimal_places=3)
    utility: str | None = Field(default=None, max_length=50, description="electricity supplier, e.g. TEPCO")
    accommodation_nights: int = Field(default=0, ge=0, le=1_000_000)
    meals: int = Field(default=0, ge=0, le=1_000_000)


class SessionPatch(_In):
    title_ja: str | None = Field(default=None, min_length=1, max_length=300)
    title_en: str | None = Field(default=None, min_length=1, max_length=300)
    venue: VenueIn | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)
    registration_opens_at: AwareDatetime | None = None
    registration_closes_at: AwareDatetime | None = None
    venue_kwh: Decimal | None = Field(default=None, ge=0, le=10_000_000, max_digits=14, decimal_places=3)
    utility: str | None = Field(default=None, max_length=50)
    accommodation_nights: int | None = Field(default=None, ge=0, le=1_000_000)
    meals: int | None = Field(default=None, ge=0, le=1_000_000)


class SessionCancelIn(_In):
    reason: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    id: str
    programme_code: str
    title_ja: str
    title_en: str
    venue: VenueOut
    starts_at: datetime
    ends_at: datetime
    starts_at_local: str = Field(description="start in Asia/Tokyo (ISO 8601 with +09:00)")
    ends_at_local: str
    timezone: str = "Asia/Tokyo"
    fiscal_year: int
    capacity: int
    confirmed: int
    waitlisted: int
    places_left: int
    registration_opens_at: datetime | None
    registration_closes_at: datetime
    status: SessionStatus
    sequence: int
    venue_kwh: Decimal | None
    utility: str | None
    accommodation_nights: int
    meals: int
    cancelled_at: datetime | None
    cancel_reason: str | None
    created_at: datetime
    updated_at: datetime


# ---- registrations ----


class RegistrationIn(_In):
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


# ---- carbon ----


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
    basis: Literal["estimate", "actual"]
    credits_needed: int
    recorded_at: datetime


class CarbonCardOut(BaseModel):
    session_id: str
    estimate: FootprintView
    actual: FootprintView
    recorded_footprint: RecordedFootprint | None
    credits_retired: int
    certificate_number: str | None
    certificate_status: Literal["none", "certified", "revoked", "expired"]  # trust hook: expired
    status: OffsetStatus


# ---- statistics ----


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
