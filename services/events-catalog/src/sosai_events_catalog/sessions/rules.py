"""Pure rules of sessions: fiscal year, the derived status, a valid schedule, the public view."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sosai_events_catalog.models import EventSession
from sosai_events_catalog.sessions.schemas import SessionOut, SessionStatus, VenueOut
from sosai_shared.db import utcnow
from sosai_shared.errors import NotFound, Unprocessable
from sosai_shared.fiscal import fiscal_year

TOKYO = ZoneInfo("Asia/Tokyo")


def fiscal_year_of(moment: datetime) -> int:
    """Japanese fiscal year (April to March) of a moment, read on the Tokyo calendar."""
    return fiscal_year(moment)


def closes_at(s: EventSession) -> datetime:
    return s.registration_closes_at or s.starts_at


def session_status(s: EventSession, now: datetime | None = None) -> SessionStatus:
    """Derived, never stored: cancelled > held (ended) > closed (registration over or under way)
    > scheduled (registration not open yet) > full (no place left) > open."""
    now = now or utcnow()
    if s.cancelled_at is not None:
        return "cancelled"
    if now >= s.ends_at:
        return "held"
    if now >= closes_at(s):
        return "closed"
    if s.registration_opens_at is not None and now < s.registration_opens_at:
        return "scheduled"
    if s.confirmed_count >= s.capacity:
        return "full"
    return "open"


def check_schedule(starts: datetime, ends: datetime, opens: datetime | None, closes: datetime | None) -> None:
    if ends <= starts:
        raise Unprocessable("ends_at must be after starts_at.", type="invalid-schedule")
    if opens is not None and opens >= (closes or starts):
        raise Unprocessable("Registration must open before it closes.", type="invalid-schedule")
    if closes is not None and closes > ends:
        raise Unprocessable("Registration cannot close after the session ends.", type="invalid-schedule")


def session_out(s: EventSession, programme_code: str) -> SessionOut:
    return SessionOut(
        id=s.id,
        programme_code=programme_code,
        title_ja=s.title_ja,
        title_en=s.title_en,
        venue=VenueOut(
            name=s.venue_name, address=s.venue_address, city=s.venue_city, prefecture=s.prefecture
        ),
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        starts_at_local=s.starts_at.astimezone(TOKYO).isoformat(),
        ends_at_local=s.ends_at.astimezone(TOKYO).isoformat(),
        fiscal_year=s.fiscal_year,
        capacity=s.capacity,
        confirmed=s.confirmed_count,
        waitlisted=s.waitlisted_count,
        places_left=max(0, s.capacity - s.confirmed_count),
        registration_opens_at=s.registration_opens_at,
        registration_closes_at=closes_at(s),
        status=session_status(s),
        sequence=s.sequence,
        venue_kwh=s.venue_kwh,
        utility=s.utility,
        accommodation_nights=s.accommodation_nights,
        meals=s.meals,
        cancelled_at=s.cancelled_at,
        cancel_reason=s.cancel_reason,
        created_at=s.created_at,
        updated_at=s.updated_at,
    )


def not_found(session_id: str) -> NotFound:
    return NotFound(f"No session {session_id}.", type="session-not-found")
