"""Tables the events-catalog service owns (its own database; no other service reads them).

Programmes, their dated sessions (the venue is embedded in the session: a venue
is only ever seen through the sessions held there), registrations with their
waiting-list tickets, and the per-session carbon record fed by other services'
events (keyed by session id, without a foreign key, because those events may
arrive before the session exists here).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from sosai_shared.db import UTCDateTime, make_base

if TYPE_CHECKING:  # make_base builds the class at run time; the type checker sees what it is
    Base = SQLModel
else:
    Base = make_base("Catalog")


class Programme(Base, table=True):
    __tablename__ = "programmes"

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    name_ja: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    description_ja: str = Field(default="", max_length=4000)
    description_en: str = Field(default="", max_length=4000)
    audience: str = Field(default="", max_length=500)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class EventSession(Base, table=True):
    """One dated occurrence of a programme. ``confirmed_count`` is kept in the same
    transaction as every registration change, under a row lock on this row."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_starts_at_id", "starts_at", "id"),
        Index("ix_sessions_fiscal_year_programme", "fiscal_year", "programme_id"),
    )

    id: str = Field(primary_key=True, max_length=36)
    programme_id: str = Field(
        sa_column=Column(String(36), ForeignKey("programmes.id"), nullable=False, index=True)
    )
    title_ja: str = Field(max_length=300)
    title_en: str = Field(max_length=300)
    venue_name: str = Field(max_length=300)
    venue_address: str = Field(default="", max_length=500)
    venue_city: str = Field(max_length=100)
    prefecture: str = Field(sa_column=Column(String(20), nullable=False, index=True))
    starts_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    ends_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    fiscal_year: int = Field(sa_column=Column(Integer, nullable=False))
    capacity: int
    registration_opens_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    registration_closes_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime, nullable=True)
    )
    confirmed_count: int = Field(default=0)
    waitlisted_count: int = Field(default=0)
    #: Last waiting-list ticket handed out; tickets are never reused, so FIFO is "lowest ticket first".
    waitlist_seq: int = Field(default=0)
    #: iCalendar SEQUENCE: bumped on every change an attendee's calendar should pick up.
    sequence: int = Field(default=0)
    venue_kwh: Decimal | None = Field(default=None, sa_column=Column(Numeric(14, 3), nullable=True))
    utility: str | None = Field(default=None, max_length=50)
    accommodation_nights: int = Field(default=0)
    meals: int = Field(default=0)
    organiser_org: str = Field(max_length=200)
    cancelled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    cancel_reason: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class Registration(Base, table=True):
    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("session_id", "email", name="uq_registrations_session_email"),
        Index("ix_registrations_session_state_pos", "session_id", "state", "waitlist_position"),
        Index("ix_registrations_org_created", "registrant_org", "created_at"),
    )

    id: str = Field(primary_key=True, max_length=36)
    session_id: str = Field(sa_column=Column(String(36), ForeignKey("sessions.id"), nullable=False))
    email: str = Field(max_length=320)
    name: str = Field(max_length=200)
    registrant_org: str = Field(max_length=200)
    registrant_sub: str = Field(max_length=200)
    state: str = Field(max_length=20)  # confirmed | waitlisted | cancelled | attended
    waitlist_position: int | None = Field(default=None)
    origin_prefecture: str | None = Field(default=None, max_length=20)
    origin_city: str | None = Field(default=None, max_length=100)
    travel_mode: str | None = Field(default=None, max_length=10)
    distance_km: Decimal | None = Field(default=None, sa_column=Column(Numeric(10, 1), nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    promoted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    cancelled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    attended_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class CarbonRecord(Base, table=True):
    """What other services told us about a session's offset (no FK: events may come first)."""

    __tablename__ = "carbon_records"

    session_id: str = Field(primary_key=True, max_length=100)
    credits_retired: int = Field(default=0)
    certificate_number: str | None = Field(default=None, max_length=50)
    certificate_application_id: str | None = Field(default=None, max_length=100)
    certificate_revoked: bool = Field(default=False)
    #: Frozen footprint (t-CO2) an organiser recorded from the calculator; the offset test uses it.
    footprint_t_co2: Decimal | None = Field(default=None, sa_column=Column(Numeric(14, 6), nullable=True))
    footprint_basis: str | None = Field(default=None, max_length=20)  # estimate | actual
    footprint_recorded_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    #: Last offset status announced with SessionOffsetV1 (so a status is announced once).
    announced_status: str | None = Field(default=None, max_length=20)
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class RetirementSeen(Base, table=True):
    """Retirements counted for a session: summing by retirement id makes the total idempotent
    even if the same retirement were announced under two event ids."""

    __tablename__ = "retirements_seen"

    retirement_id: str = Field(primary_key=True, max_length=100)
    session_id: str = Field(sa_column=Column(String(100), nullable=False, index=True))
    quantity: int
    retired_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
