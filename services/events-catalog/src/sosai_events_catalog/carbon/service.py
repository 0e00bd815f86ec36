"""A session's carbon: the card, the recorded footprint, and what other services' events tell us.

Takes the session, never commits. The calculator is asked over HTTP outside any database
transaction (a short read of its own first), so a slow calculator never holds a lock.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sosai_events_catalog.carbon import repository as repo
from sosai_events_catalog.carbon import rules
from sosai_events_catalog.carbon.calculator import (
    CalculatorRefused,
    CalculatorUnavailable,
    EstimateCache,
    estimate_event,
)
from sosai_events_catalog.carbon.schemas import CarbonCardOut, FootprintView, RecordedFootprint
from sosai_events_catalog.config import Settings
from sosai_events_catalog.models import CarbonRecord, EventSession, Registration
from sosai_events_catalog.sessions.rules import not_found
from sosai_shared.contracts.catalog import SessionOffsetV1
from sosai_shared.db import utcnow
from sosai_shared.errors import DomainError, Unprocessable
from sosai_shared.events.outbox import record

TAKING_PART = ("confirmed", "attended")


@dataclass(frozen=True)
class Snapshot:
    session: EventSession
    expected: list[Registration]
    attended: list[Registration]
    record: CarbonRecord | None


async def snapshot(sessionmaker: async_sessionmaker[AsyncSession], session_id: str) -> Snapshot:
    # a short read of its own: the calculator call that follows must not hold a transaction open
    async with sessionmaker() as db:
        s = await db.get(EventSession, session_id)
        if s is None:
            raise not_found(session_id)
        expected = await repo.travel_of(db, session_id, TAKING_PART)
        attended = [r for r in expected if r.state == "attended"]
        return Snapshot(s, expected, attended, await repo.carbon_record(db, session_id))


async def footprint_view(
    settings: Settings, s: EventSession, regs: list[Registration], cache: EstimateCache | None = None
) -> FootprintView:
    """The calculator's estimate; through ``cache`` when given (the card), else asked afresh."""
    body, counted, missing = rules.estimate_request(s, regs)
    try:
        total = await (cache.estimate(body) if cache is not None else estimate_event(settings, body))
    except CalculatorUnavailable as exc:
        return FootprintView(
            status="refused" if isinstance(exc, CalculatorRefused) else "unavailable",
            reason=exc.reason,
            attendees_counted=counted,
            attendees_without_travel_data=missing,
        )
    return FootprintView(
        status="ok",
        total_t_co2=str(total),
        credits_needed=rules.credits_for(total),
        attendees_counted=counted,
        attendees_without_travel_data=missing,
    )


async def carbon_card(
    cache: EstimateCache, sessionmaker: async_sessionmaker[AsyncSession], session_id: str
) -> CarbonCardOut:
    """The public card: its estimates come through the cache (recording a footprint asks afresh)."""
    settings = cache.settings
    snap = await snapshot(sessionmaker, session_id)
    if snap.attended:
        estimate, actual = await asyncio.gather(
            footprint_view(settings, snap.session, snap.expected, cache),
            footprint_view(settings, snap.session, snap.attended, cache),
        )
    else:
        estimate = await footprint_view(settings, snap.session, snap.expected, cache)
        actual = FootprintView(status="pending", reason="no attendance recorded yet")
    return rules.carbon_card(session_id, snap.record, estimate, actual)


async def record_footprint(
    session: AsyncSession,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    session_id: str,
    source: str,
) -> RecordedFootprint:
    """Freeze the session's footprint: the actual one once attendance is recorded, else the estimate."""
    snap = await snapshot(sessionmaker, session_id)
    basis, regs = ("actual", snap.attended) if snap.attended else ("estimate", snap.expected)
    view = await footprint_view(settings, snap.session, regs)
    if view.status == "refused":
        raise Unprocessable(
            f"The session's data cannot be estimated: {view.reason}.",
            type="estimate-refused",
            title="Estimate refused",
        )
    if view.status != "ok" or view.total_t_co2 is None:
        raise DomainError(
            f"The footprint cannot be computed now: {view.reason}.",
            type="calculator-unavailable",
            title="Calculator unavailable",
            status=503,
        )
    rec = await repo.carbon_record(session, session_id, lock=True, create=True)
    assert rec is not None
    now = utcnow()
    rec.footprint_t_co2, rec.footprint_basis = Decimal(view.total_t_co2), basis
    rec.footprint_recorded_at, rec.updated_at = now, now
    await announce_if_offset(session, rec, source)
    await session.flush()
    recorded = rules.recorded_out(rec)
    assert recorded is not None
    return recorded


# ------------------------------------------------------------------ what other services tell us


async def announce_if_offset(session: AsyncSession, rec: CarbonRecord, source: str) -> None:
    """Publish SessionOffsetV1 when the status newly becomes offset or certified (once per entry)."""
    status = rules.offset_status(rec)
    if status == rec.announced_status:
        return
    rec.announced_status = status
    if status in ("offset", "certified") and await repo.session_exists(session, rec.session_id):
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
    await _recount(session, rec, source)


async def recount_retired(session: AsyncSession, session_id: str, source: str) -> None:
    """Recount a session's retired tonnes from the retirements seen (the reconciliation's repair)."""
    rec = await repo.carbon_record(session, session_id, lock=True, create=True)
    assert rec is not None
    await _recount(session, rec, source)


async def _recount(session: AsyncSession, rec: CarbonRecord, source: str) -> None:
    rec.credits_retired = await repo.retired_for_session(session, rec.session_id)
    rec.updated_at = utcnow()
    await announce_if_offset(session, rec, source)
    await session.flush()
