"""Rules of the events catalog. Functions take the session, flush when they need to, never commit.

Capacity: every registration change locks the session row (``SELECT ... FOR
UPDATE``; on SQLite the whole database is locked by ``BEGIN IMMEDIATE``) and keeps
``confirmed_count`` (places taken: confirmed + attended) and ``waitlisted_count``
in the same transaction, so concurrent registrations can never overfill a
session, and a cancellation frees exactly one place, which goes at once to the
lowest waiting-list ticket (automatic promotion, no offer to accept).
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_events_catalog import repository as repo
from sosai_events_catalog.metrics import (
    REGISTRATIONS,
    SESSIONS_CANCELLED,
    SESSIONS_SCHEDULED,
    WAITLIST_PROMOTIONS,
)
from sosai_events_catalog.models import CarbonRecord, EventSession, Programme, Registration
from sosai_events_catalog.schemas import (
    CarbonCardOut,
    FootprintView,
    ProgrammeIn,
    ProgrammePatch,
    ProgrammeStatistics,
    RecordedFootprint,
    RegistrationIn,
    RegistrationOut,
    SessionCancelIn,
    SessionIn,
    SessionOut,
    SessionPatch,
    StatisticsOut,
    VenueOut,
)
from sosai_shared.auth import Principal
from sosai_shared.contracts.catalog import SessionCancelledV1, SessionOffsetV1, SessionScheduledV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, NotFound, Unprocessable
from sosai_shared.events.outbox import record
from sosai_shared.fiscal import fiscal_year

TOKYO = ZoneInfo("Asia/Tokyo")


def fiscal_year_of(moment: datetime) -> int:
    """Japanese fiscal year (April to March) of a moment, read on the Tokyo calendar."""
    return fiscal_year(moment)


def credits_for(t_co2: Decimal) -> int:
    """Offsets are whole tonnes, rounded up (42.46 t → 43)."""
    return max(0, math.ceil(t_co2))


# ---- programmes ----


async def create_programme(session: AsyncSession, body: ProgrammeIn) -> Programme:
    if await repo.programme_by_code(session, body.code) is not None:
        raise Conflict(f"A programme with code {body.code!r} exists.", type="programme-exists")
    now = utcnow()
    p = Programme(id=str(uuid.uuid4()), created_at=now, updated_at=now, **body.model_dump())
    session.add(p)
    await session.flush()
    return p


async def programme_or_404(session: AsyncSession, code: str) -> Programme:
    p = await repo.programme_by_code(session, code)
    if p is None:
        raise NotFound(f"No programme {code!r}.", type="programme-not-found")
    return p


async def update_programme(session: AsyncSession, code: str, body: ProgrammePatch) -> Programme:
    p = await programme_or_404(session, code)
    for k, v in body.model_dump(exclude_unset=True).items():
        if v is not None:
            setattr(p, k, v)
    p.updated_at = utcnow()
    await session.flush()
    return p


# ---- sessions ----


def closes_at(s: EventSession) -> datetime:
    return s.registration_closes_at or s.starts_at


def session_status(s: EventSession, now: datetime | None = None) -> str:
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
        sequence=s.sequence,  # type: ignore[arg-type]
        venue_kwh=s.venue_kwh,
        utility=s.utility,
        accommodation_nights=s.accommodation_nights,
        meals=s.meals,
        cancelled_at=s.cancelled_at,
        cancel_reason=s.cancel_reason,
        created_at=s.created_at,
        updated_at=s.updated_at,
    )


def _check_schedule(
    starts: datetime, ends: datetime, opens: datetime | None, closes: datetime | None
) -> None:
    if ends <= starts:
        raise Unprocessable("ends_at must be after starts_at.", type="invalid-schedule")
    if opens is not None and opens >= (closes or starts):
        raise Unprocessable("Registration must open before it closes.", type="invalid-schedule")
    if closes is not None and closes > ends:
        raise Unprocessable("Registration cannot close after the session ends.", type="invalid-schedule")


async def create_session(
    session: AsyncSession, body: SessionIn, principal: Principal, source: str
) -> EventSession:
    programme = await programme_or_404(session, body.programme_code)
    _check_schedule(body.starts_at, body.ends_at, body.registration_opens_at, body.registration_closes_at)
    now = utcnow()
    s = EventSession(
        id=str(uuid.uuid4()),
        programme_id=programme.id,
        title_ja=body.title_ja,
        title_en=body.title_en or body.title_ja,
        venue_name=body.venue.name,
        venue_address=body.venue.address,
        venue_city=body.venue.city,
        prefecture=body.venue.prefecture,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        fiscal_year=fiscal_year_of(body.starts_at),
        capacity=body.capacity,
        registration_opens_at=body.registration_opens_at,
        registration_closes_at=body.registration_closes_at,
        venue_kwh=body.venue_kwh,
        utility=body.utility,
        accommodation_nights=body.accommodation_nights,
        meals=body.meals,
        organiser_org=principal.org,
        created_at=now,
        updated_at=now,
    )
    session.add(s)
    await session.flush()
    await record(
        session,
        SessionScheduledV1(
            session_id=s.id,
            programme_code=programme.code,
            title=s.title_ja,
            prefecture=s.prefecture,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=s.capacity,
            organiser_org=s.organiser_org,  # trust hook: certification checks who may certify it
        ),
        source=source,
    )
    SESSIONS_SCHEDULED.inc()
    return s


async def session_or_404(session: AsyncSession, session_id: str, *, lock: bool = False) -> EventSession:
    s = await repo.get_session(session, session_id, lock=lock)
    if s is None:
        raise NotFound(f"No session {session_id}.", type="session-not-found")
    return s


async def update_session(session: AsyncSession, session_id: str, body: SessionPatch) -> EventSession:
    s = await session_or_404(session, session_id, lock=True)
    if s.cancelled_at is not None:
        raise Conflict("A cancelled session cannot be changed.", type="session-cancelled")
    changes = body.model_dump(exclude_unset=True)
    starts = changes.get("starts_at") or s.starts_at
    ends = changes.get("ends_at") or s.ends_at
    opens = (
        changes["registration_opens_at"] if "registration_opens_at" in changes else s.registration_opens_at
    )
    closes = (
        changes["registration_closes_at"] if "registration_closes_at" in changes else s.registration_closes_at
    )
    _check_schedule(starts, ends, opens, closes)
    capacity = changes.get("capacity") or s.capacity
    if capacity < s.confirmed_count:
        raise Conflict(
            f"{s.confirmed_count} places are taken; capacity cannot go below that.",
            type="capacity-below-confirmed",
        )
    venue = changes.pop("venue", None)
    if venue is not None:
        # a replaced venue is replaced whole: an address left out is empty (exclude_unset drops defaults)
        s.venue_name, s.venue_address = venue["name"], venue.get("address", "")
        s.venue_city, s.prefecture = venue["city"], venue["prefecture"]
    for k, v in changes.items():
        if k in ("registration_opens_at", "registration_closes_at", "venue_kwh", "utility") or v is not None:
            setattr(s, k, v)
    s.fiscal_year = fiscal_year_of(s.starts_at)
    s.sequence += 1
    s.updated_at = utcnow()
    await _fill_from_waitlist(session, s)  # a larger capacity goes to the waiting list first
    await session.flush()
    return s


async def cancel_session(
    session: AsyncSession, session_id: str, body: SessionCancelIn, source: str
) -> EventSession:
    s = await session_or_404(session, session_id, lock=True)
    if s.cancelled_at is not None:
        raise Conflict("The session is already cancelled.", type="session-already-cancelled")
    now = utcnow()
    s.cancelled_at, s.cancel_reason = now, body.reason
    s.sequence += 1
    s.updated_at = now
    await session.flush()
    await record(
        session, SessionCancelledV1(session_id=s.id, reason=body.reason, cancelled_at=now), source=source
    )
    SESSIONS_CANCELLED.inc()
    return s


# ---- registrations ----


def registration_out(r: Registration) -> RegistrationOut:
    return RegistrationOut.model_validate(r, from_attributes=True)


async def register(
    session: AsyncSession, session_id: str, body: RegistrationIn, principal: Principal, *, organiser: bool
) -> Registration:
    s = await session_or_404(session, session_id, lock=True)  # serialises every change to this session
    status = session_status(s)
    if status == "cancelled":
        raise Conflict("The session is cancelled.", type="session-cancelled")
    if not organiser:  # organisers register walk-ins and record past sessions' attendees
        if status == "scheduled":
            raise Conflict("Registration for this session is not open yet.", type="registration-not-open")
        if status in ("closed", "held"):
            raise Conflict("Registration for this session is closed.", type="registration-closed")
    now = utcnow()
    existing = await repo.registration_by_email(session, session_id, body.email)
    if existing is not None and existing.state != "cancelled":
        raise Conflict(f"{body.email} is already registered for this session.", type="already-registered")
    reg = existing or Registration(
        id=str(uuid.uuid4()), session_id=session_id, email=body.email, created_at=now
    )
    reg.name, reg.registrant_org, reg.registrant_sub = body.name, principal.org, principal.sub
    reg.origin_prefecture, reg.origin_city = body.origin_prefecture, body.origin_city
    reg.travel_mode, reg.distance_km = body.travel_mode, body.distance_km
    reg.updated_at, reg.cancelled_at, reg.promoted_at, reg.attended_at = now, None, None, None
    # nobody overtakes the waiting list: a place is free only if no one is already waiting for it
    if s.confirmed_count < s.capacity and s.waitlisted_count == 0:
        reg.state, reg.waitlist_position = "confirmed", None
        s.confirmed_count += 1
    else:
        s.waitlist_seq += 1
        reg.state, reg.waitlist_position = "waitlisted", s.waitlist_seq
        s.waitlisted_count += 1
    if existing is None:
        session.add(reg)
    s.updated_at = now
    await session.flush()
    REGISTRATIONS.labels(reg.state).inc()
    return reg


async def registration_for(
    session: AsyncSession, registration_id: str, principal: Principal, *, organiser: bool, lock: bool = False
) -> Registration:
    """The registration if the caller may see it: organisers see all, registrants their organisation's."""
    reg = await repo.get_registration(session, registration_id, lock=lock)
    if reg is None or (not organiser and reg.registrant_org != principal.org):
        raise NotFound(f"No registration {registration_id}.", type="registration-not-found")
    return reg


async def _fill_from_waitlist(session: AsyncSession, s: EventSession) -> list[Registration]:
    promoted: list[Registration] = []
    if s.cancelled_at is not None:
        return promoted
    while s.confirmed_count < s.capacity and s.waitlisted_count > 0:
        nxt = await repo.next_waitlisted(session, s.id)
        if nxt is None:
            break
        now = utcnow()
        nxt.state, nxt.waitlist_position, nxt.promoted_at, nxt.updated_at = "confirmed", None, now, now
        s.confirmed_count += 1
        s.waitlisted_count -= 1
        promoted.append(nxt)
        WAITLIST_PROMOTIONS.inc()
        REGISTRATIONS.labels("confirmed").inc()
    return promoted


async def cancel_registration(
    session: AsyncSession, registration_id: str, principal: Principal, *, organiser: bool
) -> Registration:
    # lock order: session row, then registration (the same order as register), so no deadlock
    probe = await registration_for(session, registration_id, principal, organiser=organiser)
    s = await session_or_404(session, probe.session_id, lock=True)
    reg = await registration_for(session, registration_id, principal, organiser=organiser, lock=True)
    await session.refresh(reg)
    if reg.state == "cancelled":
        raise Conflict("The registration is already cancelled; nothing was freed.", type="already-cancelled")
    if reg.state == "attended":
        raise Conflict("An attended registration cannot be cancelled.", type="already-attended")
    now = utcnow()
    if reg.state == "confirmed":
        s.confirmed_count -= 1
    else:
        s.waitlisted_count -= 1
    reg.state, reg.waitlist_position, reg.cancelled_at, reg.updated_at = "cancelled", None, now, now
    REGISTRATIONS.labels("cancelled").inc()
    await session.flush()
    await _fill_from_waitlist(session, s)  # exactly the one freed place, to the lowest ticket
    s.updated_at = now
    await session.flush()
    return reg


async def mark_attended(session: AsyncSession, registration_id: str, principal: Principal) -> Registration:
    probe = await registration_for(session, registration_id, principal, organiser=True)
    s = await session_or_404(session, probe.session_id, lock=True)
    reg = await registration_for(session, registration_id, principal, organiser=True, lock=True)
    await session.refresh(reg)
    if s.cancelled_at is not None:
        raise Conflict("The session is cancelled.", type="session-cancelled")
    if utcnow() < s.starts_at:
        raise Conflict("Attendance can be marked once the session has started.", type="session-not-started")
    if reg.state == "attended":
        raise Conflict("Attendance is already recorded.", type="already-attended")
    if reg.state != "confirmed":
        raise Conflict(
            f"Only confirmed registrations can attend (this one is {reg.state}).", type="not-confirmed"
        )
    now = utcnow()
    reg.state, reg.attended_at, reg.updated_at = "attended", now, now
    REGISTRATIONS.labels("attended").inc()
    await session.flush()
    return reg


# ---- carbon ----


def estimate_request(s: EventSession, regs: list[Registration]) -> tuple[dict[str, Any], int, int]:
    """The calculator request for these registrants; registrants without mode and distance are
    not guessed (no silent defaults) but counted, so the card can say how complete the data is."""
    groups: dict[tuple[str, str, Decimal], int] = defaultdict(int)
    missing = 0
    for r in regs:
        if r.travel_mode is None or r.distance_km is None:
            missing += 1
            continue
        origin = " ".join(x for x in (r.origin_prefecture, r.origin_city) if x) or "unknown"
        groups[(origin, r.travel_mode, Decimal(r.distance_km))] += 1
    attendees = [
        {"origin": o, "mode": m, "distance_km": str(d), "count": n} for (o, m, d), n in sorted(groups.items())
    ]
    body: dict[str, Any] = {
        "fiscal_year": s.fiscal_year,
        "attendees": attendees,
        "venue_kwh": str(s.venue_kwh or Decimal(0)),
        "accommodation_nights": s.accommodation_nights,
        "meals": s.meals,
    }
    if s.utility:
        body["utility"] = s.utility
    return body, sum(groups.values()), missing


def offset_status(rec: CarbonRecord | None) -> str:
    if rec is None:
        return "not_offset"
    if rec.certificate_number and not rec.certificate_revoked:
        return "certified"
    if rec.credits_retired <= 0:
        return "not_offset"
    if rec.footprint_t_co2 is not None and rec.credits_retired >= credits_for(rec.footprint_t_co2):
        return "offset"
    # without a recorded footprint the catalog cannot claim full coverage
    return "partly_offset"


async def announce_if_offset(session: AsyncSession, rec: CarbonRecord, source: str) -> None:
    """Publish SessionOffsetV1 when the status newly becomes offset or certified (once per entry)."""
    status = offset_status(rec)
    if status == rec.announced_status:
        return
    rec.announced_status = status
    if status in ("offset", "certified") and await repo.get_session(session, rec.session_id) is not None:
        await record(
            session,
            SessionOffsetV1(
                session_id=rec.session_id,
                credits_retired=rec.credits_retired,
                certificate_number=rec.certificate_number if status == "certified" else None,
                offset_at=utcnow(),
            ),
            source=source,
        )


async def apply_retirement(
    session: AsyncSession,
    *,
    session_id: str,
    retirement_id: str,
    quantity: int,
    retired_at: datetime,
    source: str,
) -> None:
    rec = await repo.carbon_record(session, session_id, lock=True, create=True)
    assert rec is not None
    if not await repo.add_retirement(
        session, retirement_id=retirement_id, session_id=session_id, quantity=quantity, retired_at=retired_at
    ):
        return
    rec.credits_retired = await repo.retired_for_session(session, session_id)
    rec.updated_at = utcnow()
    await announce_if_offset(session, rec, source)
    await session.flush()


async def apply_certified(
    session: AsyncSession, *, session_id: str, application_id: str, certificate_number: str, source: str
) -> None:
    rec = await repo.carbon_record(session, session_id, lock=True, create=True)
    assert rec is not None
    rec.certificate_number, rec.certificate_application_id = certificate_number, application_id
    rec.certificate_revoked = False
    rec.updated_at = utcnow()
    await announce_if_offset(session, rec, source)
    await session.flush()


async def apply_revoked(
    session: AsyncSession, *, session_id: str, certificate_number: str, source: str
) -> None:
    rec = await repo.carbon_record(session, session_id, lock=True, create=True)
    assert rec is not None
    # a revocation of an older certificate must not revoke a newer one
    if rec.certificate_number in (None, certificate_number):
        rec.certificate_number = certificate_number
        rec.certificate_revoked = True
        rec.updated_at = utcnow()
        await announce_if_offset(session, rec, source)
        await session.flush()


async def record_footprint(
    session: AsyncSession, session_id: str, t_co2: Decimal, basis: str, source: str
) -> CarbonRecord:
    await session_or_404(session, session_id)
    rec = await repo.carbon_record(session, session_id, lock=True, create=True)
    assert rec is not None
    now = utcnow()
    rec.footprint_t_co2, rec.footprint_basis, rec.footprint_recorded_at, rec.updated_at = (
        t_co2,
        basis,
        now,
        now,
    )
    await announce_if_offset(session, rec, source)
    await session.flush()
    return rec


def carbon_card(
    session_id: str, rec: CarbonRecord | None, estimate: FootprintView, actual: FootprintView
) -> CarbonCardOut:
    recorded = None
    if rec is not None and rec.footprint_t_co2 is not None and rec.footprint_recorded_at is not None:
        recorded = RecordedFootprint(
            t_co2=str(rec.footprint_t_co2),
            basis=rec.footprint_basis,  # type: ignore[arg-type]
            credits_needed=credits_for(rec.footprint_t_co2),
            recorded_at=rec.footprint_recorded_at,
        )
    cert_status = "none"
    if rec is not None and rec.certificate_number:
        cert_status = "revoked" if rec.certificate_revoked else "certified"
    return CarbonCardOut(
        session_id=session_id,
        estimate=estimate,
        actual=actual,
        recorded_footprint=recorded,
        credits_retired=rec.credits_retired if rec else 0,
        certificate_number=rec.certificate_number if rec else None,
        certificate_status=cert_status,  # type: ignore[arg-type]
        status=offset_status(rec),  # type: ignore[arg-type]
    )


# ---- statistics ----


async def statistics(session: AsyncSession, fiscal_year: int | None) -> StatisticsOut:
    programmes = await repo.all_programmes(session)
    sessions = await repo.search_sessions(
        session,
        limit=1_000_000,
        after=None,
        programme_id=None,
        prefecture=None,
        starts_from=None,
        starts_to=None,
        fiscal_year=fiscal_year,
    )
    counts = await repo.registration_counts(session, [s.id for s in sessions])
    by_programme: dict[str, list[EventSession]] = defaultdict(list)
    for s in sessions:
        by_programme[s.programme_id].append(s)
    out = []
    for p in programmes:
        mine = by_programme.get(p.id, [])
        live = [s for s in mine if s.cancelled_at is None]
        out.append(
            ProgrammeStatistics(
                programme_code=p.code,
                name_ja=p.name_ja,
                name_en=p.name_en,
                sessions=len(live),
                places=len({(s.prefecture, s.venue_city) for s in live}),
                cancelled_sessions=len(mine) - len(live),
                registrations=sum(
                    counts.get((s.id, st), 0) for s in live for st in ("confirmed", "waitlisted", "attended")
                ),
                attendance=sum(counts.get((s.id, "attended"), 0) for s in live),
            )
        )
    return StatisticsOut(fiscal_year=fiscal_year, programmes=out)
