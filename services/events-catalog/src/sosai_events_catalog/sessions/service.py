"""Sessions: scheduling, changes, cancellation, lookups and their public views. Never commits.

Every change bumps the session's ``sequence`` (the iCalendar SEQUENCE), so calendar clients
replace the event they hold.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_events_catalog import metrics
from sosai_events_catalog.models import EventSession, Programme
from sosai_events_catalog.programmes import repository as programmes
from sosai_events_catalog.programmes.service import programme_for
from sosai_events_catalog.registrations.service import fill_from_waitlist
from sosai_events_catalog.sessions import repository as repo
from sosai_events_catalog.sessions import rules
from sosai_events_catalog.sessions.schemas import SessionCancelIn, SessionIn, SessionOut, SessionPatch
from sosai_shared.auth import Principal
from sosai_shared.committed import after_commit
from sosai_shared.contracts.catalog import SessionCancelledV1, SessionScheduledV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict
from sosai_shared.events.outbox import record
from sosai_shared.pagination import Page, PageParams

#: Fields a patch may set to null (the others keep their value when null is sent).
NULLABLE = ("registration_opens_at", "registration_closes_at", "venue_kwh", "utility")


async def session_for(session: AsyncSession, session_id: str, *, lock: bool = False) -> EventSession:
    s = await repo.get(session, session_id, lock=lock)
    if s is None:
        raise rules.not_found(session_id)
    return s


async def views(session: AsyncSession, sessions: list[EventSession]) -> list[SessionOut]:
    progs = await programmes.by_ids(session, {s.programme_id for s in sessions})
    return [rules.session_out(s, progs[s.programme_id].code) for s in sessions]


async def view(session: AsyncSession, s: EventSession) -> SessionOut:
    return (await views(session, [s]))[0]


async def search(
    session: AsyncSession,
    paging: PageParams,
    *,
    programme: str | None,
    prefecture: str | None,
    starts_from: datetime | None,
    starts_to: datetime | None,
    fiscal_year: int | None,
) -> Page[SessionOut]:
    programme_id = (await programme_for(session, programme)).id if programme else None
    page = await repo.search(
        session,
        paging,
        programme_id=programme_id,
        prefecture=prefecture,
        starts_from=starts_from,
        starts_to=starts_to,
        fiscal_year=fiscal_year,
    )
    return Page[SessionOut](items=await views(session, page.items), next_cursor=page.next_cursor)


async def create(session: AsyncSession, body: SessionIn, principal: Principal, source: str) -> EventSession:
    programme = await programme_for(session, body.programme_code)
    rules.check_schedule(
        body.starts_at, body.ends_at, body.registration_opens_at, body.registration_closes_at
    )
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
        fiscal_year=rules.fiscal_year_of(body.starts_at),
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
            organiser_org=s.organiser_org,  # certification checks who may certify it
        ),
        source=source,
    )
    after_commit(session, metrics.SESSIONS_SCHEDULED.inc)
    return s


async def update(session: AsyncSession, session_id: str, body: SessionPatch) -> EventSession:
    s = await session_for(session, session_id, lock=True)
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
    rules.check_schedule(starts, ends, opens, closes)
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
        if k in NULLABLE or v is not None:
            setattr(s, k, v)
    s.fiscal_year = rules.fiscal_year_of(s.starts_at)
    s.sequence += 1
    s.updated_at = utcnow()
    await fill_from_waitlist(session, s)  # a larger capacity goes to the waiting list first
    await session.flush()
    return s


async def cancel(session: AsyncSession, session_id: str, body: SessionCancelIn, source: str) -> EventSession:
    s = await session_for(session, session_id, lock=True)
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
    after_commit(session, metrics.SESSIONS_CANCELLED.inc)
    return s


async def calendar_of_session(session: AsyncSession, session_id: str) -> tuple[list[EventSession], Programme]:
    s = await session_for(session, session_id)
    return [s], (await programmes.by_ids(session, {s.programme_id}))[s.programme_id]


async def calendar_of_programme(session: AsyncSession, code: str) -> tuple[list[EventSession], Programme]:
    p = await programme_for(session, code)
    return await repo.of_programme(session, p.id), p
