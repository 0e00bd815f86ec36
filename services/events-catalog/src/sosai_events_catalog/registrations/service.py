"""Registrations: register, cancel, attend, promote from the waiting list. Never commits.

Capacity: every registration change locks the session row (``SELECT ... FOR UPDATE``; on
SQLite the whole database is locked by ``BEGIN IMMEDIATE``) and keeps ``confirmed_count``
and ``waitlisted_count`` in the same transaction, so concurrent registrations can never
overfill a session. The counting itself is :class:`rules.Places`.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_events_catalog import metrics
from sosai_events_catalog.models import EventSession, Registration
from sosai_events_catalog.registrations import repository as repo
from sosai_events_catalog.registrations import rules
from sosai_events_catalog.registrations.schemas import RegistrationIn, RegistrationOut
from sosai_events_catalog.sessions import repository as sessions
from sosai_events_catalog.sessions.rules import not_found, session_status
from sosai_shared.auth import Principal
from sosai_shared.committed import after_commit
from sosai_shared.contracts.catalog import RegistrationPromotedV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, NotFound
from sosai_shared.events.outbox import record
from sosai_shared.pagination import Page, PageParams


def registration_out(r: Registration) -> RegistrationOut:
    return RegistrationOut.model_validate(r, from_attributes=True)


def _places(s: EventSession) -> rules.Places:
    return rules.Places(
        capacity=s.capacity,
        confirmed=s.confirmed_count,
        waitlisted=s.waitlisted_count,
        waitlist_seq=s.waitlist_seq,
        cancelled=s.cancelled_at is not None,
    )


def _store(s: EventSession, places: rules.Places) -> None:
    s.confirmed_count, s.waitlisted_count, s.waitlist_seq = (
        places.confirmed,
        places.waitlisted,
        places.waitlist_seq,
    )


def _count(session: AsyncSession, state: str, n: int = 1) -> None:
    after_commit(session, lambda: metrics.REGISTRATIONS.labels(state).inc(n))


async def _locked_session(session: AsyncSession, session_id: str) -> EventSession:
    s = await sessions.get(session, session_id, lock=True)
    if s is None:
        raise not_found(session_id)
    return s


async def register(
    session: AsyncSession, session_id: str, body: RegistrationIn, principal: Principal, *, organiser: bool
) -> Registration:
    s = await _locked_session(session, session_id)  # serialises every change to this session
    rules.check_open(session_status(s), organiser=organiser)
    now = utcnow()
    existing = await repo.by_email(session, session_id, body.email)
    if existing is not None and existing.state != "cancelled":
        raise Conflict(f"{body.email} is already registered for this session.", type="already-registered")
    reg = existing or Registration(
        id=str(uuid.uuid4()),
        session_id=session_id,
        email=body.email,
        name=body.name,
        registrant_org=principal.org,
        registrant_sub=principal.sub,
        state="confirmed",  # set below, with the counters
        created_at=now,
        updated_at=now,
    )
    reg.name, reg.registrant_org, reg.registrant_sub = body.name, principal.org, principal.sub
    reg.origin_prefecture, reg.origin_city = body.origin_prefecture, body.origin_city
    reg.travel_mode, reg.distance_km = body.travel_mode, body.distance_km
    reg.updated_at, reg.cancelled_at, reg.promoted_at, reg.attended_at = now, None, None, None
    places = _places(s)
    reg.state, reg.waitlist_position = places.admit()
    _store(s, places)
    if existing is None:
        session.add(reg)
    s.updated_at = now
    await session.flush()
    _count(session, reg.state)
    return reg


async def registration_for(
    session: AsyncSession, registration_id: str, principal: Principal, *, organiser: bool, lock: bool = False
) -> Registration:
    """The registration if the caller may see it: organisers see all, registrants their organisation's."""
    reg = await repo.get(session, registration_id, lock=lock)
    if reg is None or (not organiser and reg.registrant_org != principal.org):
        raise NotFound(f"No registration {registration_id}.", type="registration-not-found")
    return reg


async def fill_from_waitlist(session: AsyncSession, s: EventSession) -> list[Registration]:
    """Free places go to the lowest tickets, at once (the caller holds the session row's lock)."""
    places = _places(s)
    promoted: list[Registration] = []
    for _ in range(places.promotions()):
        nxt = await repo.next_waitlisted(session, s.id)
        if nxt is None:  # pragma: no cover - the counters and the rows move together
            break
        now = utcnow()
        nxt.state, nxt.waitlist_position, nxt.promoted_at, nxt.updated_at = "confirmed", None, now, now
        s.confirmed_count += 1
        s.waitlisted_count -= 1
        promoted.append(nxt)
        await record(  # in the same transaction: the registrant is told of exactly the places given
            session,
            RegistrationPromotedV1(
                registration_id=nxt.id,
                session_id=s.id,
                registrant_org=nxt.registrant_org,
                title=s.title_ja,
                title_en=s.title_en or None,
                venue_name=s.venue_name,
                prefecture=s.prefecture,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                promoted_at=now,
            ),
        )
    if promoted:
        n = len(promoted)
        after_commit(session, lambda: metrics.WAITLIST_PROMOTIONS.inc(n))
        _count(session, "confirmed", n)
    return promoted


async def _locked(
    session: AsyncSession, registration_id: str, principal: Principal, *, organiser: bool
) -> tuple[EventSession, Registration]:
    # lock order: session row, then registration (the same order as register), so no deadlock
    probe = await registration_for(session, registration_id, principal, organiser=organiser)
    s = await _locked_session(session, probe.session_id)
    reg = await registration_for(session, registration_id, principal, organiser=organiser, lock=True)
    await session.refresh(reg)
    return s, reg


async def cancel(
    session: AsyncSession, registration_id: str, principal: Principal, *, organiser: bool
) -> Registration:
    s, reg = await _locked(session, registration_id, principal, organiser=organiser)
    rules.check_cancellable(reg.state)
    now = utcnow()
    places = _places(s)
    places.leave(reg.state)
    _store(s, places)
    reg.state, reg.waitlist_position, reg.cancelled_at, reg.updated_at = "cancelled", None, now, now
    _count(session, "cancelled")
    await session.flush()
    await fill_from_waitlist(session, s)  # exactly the one freed place, to the lowest ticket
    s.updated_at = now
    await session.flush()
    return reg


async def mark_attended(session: AsyncSession, registration_id: str, principal: Principal) -> Registration:
    s, reg = await _locked(session, registration_id, principal, organiser=True)
    now = utcnow()
    rules.check_attendable(
        reg.state, session_cancelled=s.cancelled_at is not None, started=now >= s.starts_at
    )
    reg.state, reg.attended_at, reg.updated_at = "attended", now, now
    _count(session, "attended")
    await session.flush()
    return reg


async def page_of_session(
    session: AsyncSession, session_id: str, paging: PageParams, state: str | None
) -> Page[RegistrationOut]:
    if await sessions.get(session, session_id) is None:
        raise not_found(session_id)
    return (await repo.of_session(session, session_id, paging, state=state)).map(registration_out)


async def page_of_org(session: AsyncSession, org: str, paging: PageParams) -> Page[RegistrationOut]:
    return (await repo.of_org(session, org, paging)).map(registration_out)
