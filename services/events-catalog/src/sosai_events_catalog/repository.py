"""Every query of the events catalog."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_events_catalog.models import CarbonRecord, EventSession, Programme, Registration, RetirementSeen
from sosai_shared.db import insert_ignore, utcnow

# ---- programmes ----


async def programme_by_code(session: AsyncSession, code: str) -> Programme | None:
    return (await session.execute(select(Programme).where(Programme.code == code))).scalar_one_or_none()


async def programmes_by_id(session: AsyncSession, ids: set[str]) -> dict[str, Programme]:
    if not ids:
        return {}
    rows = (await session.execute(select(Programme).where(Programme.id.in_(ids)))).scalars().all()  # type: ignore[attr-defined]
    return {p.id: p for p in rows}


async def list_programmes(session: AsyncSession, limit: int, after_code: str | None) -> list[Programme]:
    q = select(Programme).order_by(Programme.code).limit(limit + 1)
    if after_code is not None:
        q = q.where(Programme.code > after_code)
    return list((await session.execute(q)).scalars().all())


async def all_programmes(session: AsyncSession) -> list[Programme]:
    return list((await session.execute(select(Programme).order_by(Programme.code))).scalars().all())


# ---- sessions ----


async def get_session(session: AsyncSession, session_id: str, *, lock: bool = False) -> EventSession | None:
    q = select(EventSession).where(EventSession.id == session_id)
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def search_sessions(
    session: AsyncSession,
    *,
    limit: int,
    after: tuple[datetime, str] | None,
    programme_id: str | None,
    prefecture: str | None,
    starts_from: datetime | None,
    starts_to: datetime | None,
    fiscal_year: int | None,
) -> list[EventSession]:
    q = select(EventSession)
    if programme_id is not None:
        q = q.where(EventSession.programme_id == programme_id)
    if prefecture is not None:
        q = q.where(EventSession.prefecture == prefecture)
    if starts_from is not None:
        q = q.where(EventSession.starts_at >= starts_from)  # type: ignore[operator]
    if starts_to is not None:
        q = q.where(EventSession.starts_at < starts_to)  # type: ignore[operator]
    if fiscal_year is not None:
        q = q.where(EventSession.fiscal_year == fiscal_year)
    if after is not None:
        at, sid = after
        q = q.where(
            or_(
                EventSession.starts_at > at,  # type: ignore[operator]
                and_(EventSession.starts_at == at, EventSession.id > sid),
            )
        )
    q = q.order_by(EventSession.starts_at, EventSession.id).limit(limit + 1)
    return list((await session.execute(q)).scalars().all())


async def sessions_of_programme(session: AsyncSession, programme_id: str) -> list[EventSession]:
    q = (
        select(EventSession)
        .where(EventSession.programme_id == programme_id)
        .order_by(EventSession.starts_at, EventSession.id)
    )
    return list((await session.execute(q)).scalars().all())


# ---- registrations ----


async def get_registration(
    session: AsyncSession, registration_id: str, *, lock: bool = False
) -> Registration | None:
    q = select(Registration).where(Registration.id == registration_id)
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def registration_by_email(session: AsyncSession, session_id: str, email: str) -> Registration | None:
    q = select(Registration).where(Registration.session_id == session_id, Registration.email == email)
    return (await session.execute(q.with_for_update())).scalar_one_or_none()


async def next_waitlisted(session: AsyncSession, session_id: str) -> Registration | None:
    q = (
        select(Registration)
        .where(Registration.session_id == session_id, Registration.state == "waitlisted")
        .order_by(Registration.waitlist_position)
        .limit(1)
        .with_for_update()
    )
    return (await session.execute(q)).scalar_one_or_none()


async def registrations_of_session(
    session: AsyncSession,
    session_id: str,
    *,
    limit: int,
    after: tuple[str, str] | None,
    state: str | None,
) -> list[Registration]:
    """Attendee list in arrival order (created_at, id)."""
    q = select(Registration).where(Registration.session_id == session_id)
    if state is not None:
        q = q.where(Registration.state == state)
    if after is not None:
        at, rid = after
        at_dt = datetime.fromisoformat(at)
        q = q.where(
            or_(
                Registration.created_at > at_dt,  # type: ignore[operator]
                and_(Registration.created_at == at_dt, Registration.id > rid),
            )
        )
    q = q.order_by(Registration.created_at, Registration.id).limit(limit + 1)
    return list((await session.execute(q)).scalars().all())


async def registrations_of_org(
    session: AsyncSession,
    org: str,
    *,
    limit: int,
    after: tuple[str, str] | None,
) -> list[Registration]:
    q = select(Registration).where(Registration.registrant_org == org)
    if after is not None:
        at, rid = after
        at_dt = datetime.fromisoformat(at)
        q = q.where(
            or_(
                Registration.created_at > at_dt,  # type: ignore[operator]
                and_(Registration.created_at == at_dt, Registration.id > rid),
            )
        )
    q = q.order_by(Registration.created_at, Registration.id).limit(limit + 1)
    return list((await session.execute(q)).scalars().all())


async def travel_of(session: AsyncSession, session_id: str, states: tuple[str, ...]) -> list[Registration]:
    q = select(Registration).where(Registration.session_id == session_id, Registration.state.in_(states))  # type: ignore[attr-defined]
    return list((await session.execute(q)).scalars().all())


async def registration_counts(session: AsyncSession, session_ids: list[str]) -> dict[tuple[str, str], int]:
    if not session_ids:
        return {}
    q = (
        select(Registration.session_id, Registration.state, func.count())
        .where(Registration.session_id.in_(session_ids))  # type: ignore[attr-defined]
        .group_by(Registration.session_id, Registration.state)
    )
    return {(sid, state): int(n) for sid, state, n in (await session.execute(q)).all()}


# ---- carbon ----


async def carbon_record(
    session: AsyncSession, session_id: str, *, lock: bool = False, create: bool = False
) -> CarbonRecord | None:
    if create:
        # insert-if-absent first, so two consumers creating the same record never collide
        await session.execute(
            insert_ignore(
                CarbonRecord.__table__,
                session.bind.dialect.name,  # type: ignore[arg-type, union-attr]
                session_id=session_id,
                credits_retired=0,
                certificate_revoked=False,
                updated_at=utcnow(),
            )
        )
    q = select(CarbonRecord).where(CarbonRecord.session_id == session_id)
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def add_retirement(session: AsyncSession, **values: Any) -> bool:
    """True if this retirement id was new."""
    result = await session.execute(
        insert_ignore(
            RetirementSeen.__table__,
            session.bind.dialect.name,
            **values,  # type: ignore[arg-type, union-attr]
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def retired_for_session(session: AsyncSession, session_id: str) -> int:
    q = select(func.coalesce(func.sum(RetirementSeen.quantity), 0)).where(
        RetirementSeen.session_id == session_id
    )
    return int(await session.scalar(q) or 0)
