"""Request and response models of sessions and their venues (inputs refuse unknown fields).

Counts are strict integers (``"3"``, ``true`` and ``1.5`` are refused) bounded to what the
catalog stores.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from sosai_events_catalog.programmes.schemas import CODE_PATTERN, In
from sosai_shared.dates import IsoDateTime

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
SessionStatus = Literal["scheduled", "open", "full", "closed", "cancelled", "held"]
MAX_CAPACITY = 100_000
MAX_COUNT = 1_000_000


class VenueIn(In):
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


class SessionIn(In):
    programme_code: str = Field(pattern=CODE_PATTERN)
    title_ja: str = Field(min_length=1, max_length=300)
    title_en: str | None = Field(default=None, min_length=1, max_length=300)
    venue: VenueIn
    starts_at: IsoDateTime
    ends_at: IsoDateTime
    capacity: int = Field(strict=True, ge=1, le=MAX_CAPACITY)
    registration_opens_at: IsoDateTime | None = None
    registration_closes_at: IsoDateTime | None = Field(
        default=None, description="defaults to the start of the session"
    )
    venue_kwh: Decimal | None = Field(default=None, ge=0, le=10_000_000, max_digits=14, decimal_places=3)
    utility: str | None = Field(default=None, max_length=50, description="electricity supplier, e.g. TEPCO")
    accommodation_nights: int = Field(default=0, strict=True, ge=0, le=MAX_COUNT)
    meals: int = Field(default=0, strict=True, ge=0, le=MAX_COUNT)


class SessionPatch(In):
    title_ja: str | None = Field(default=None, min_length=1, max_length=300)
    title_en: str | None = Field(default=None, min_length=1, max_length=300)
    venue: VenueIn | None = None
    starts_at: IsoDateTime | None = None
    ends_at: IsoDateTime | None = None
    capacity: int | None = Field(default=None, strict=True, ge=1, le=MAX_CAPACITY)
    registration_opens_at: IsoDateTime | None = None
    registration_closes_at: IsoDateTime | None = None
    venue_kwh: Decimal | None = Field(default=None, ge=0, le=10_000_000, max_digits=14, decimal_places=3)
    utility: str | None = Field(default=None, max_length=50)
    accommodation_nights: int | None = Field(default=None, strict=True, ge=0, le=MAX_COUNT)
    meals: int | None = Field(default=None, strict=True, ge=0, le=MAX_COUNT)


class SessionCancelIn(In):
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
