"""Every query over registrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from sosai_events_catalog.models import Registration


async def get(session: AsyncSession, registration_id: str, *, lock: bool = False) -> Registration | None:
    q = select(Registration).where(Registration.id == registration_id)
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def by_email(session: AsyncSession, session_id: str, email: str) -> Registration | None:
    q = select(Registration).where(Registration.session_id == session_id, Registration.email == email)
    return (await session.execute(q.with_for_update())).scalar_one_or_none()


async def next_waitlisted(session: AsyncSession, session_id: str) -> Registration | None:
    q = (
        select(Registration)
        .where(Registration.session_id == session_id, Registration.state == "waitlisted")
        .order_by(col(Registration.waitlist_position))
        .limit(1)
        .with_for_update()
    )
    return (await session.execute(q)).scalar_one_or_none()


def _arrival_page(
    q: SelectOfScalar[Registration], limit: int, after: tuple[datetime, str] | None
) -> SelectOfScalar[Registration]:
    """Arrival order (created_at, id), after the cursor's registration."""
    if after is not None:
        at, rid = after
        q = q.where(
            or_(
                col(Registration.created_at) > at,
                and_(col(Registration.created_at) == at, col(Registration.id) > rid),
            )
        )
    return q.order_by(col(Registration.created_at), col(Registration.id)).limit(limit + 1)


async def of_session(
    session: AsyncSession,
    session_id: str,
    *,
    limit: int,
    after: tuple[datetime, str] | None,
    state: str | None,
) -> list[Registration]:
    q = select(Registration).where(Registration.session_id == session_id)
    if state is not None:
        q = q.where(Registration.state == state)
    return list((await session.execute(_arrival_page(q, limit, after))).scalars().all())


async def of_org(
    session: AsyncSession, org: str, *, limit: int, after: tuple[datetime, str] | None
) -> list[Registration]:
    q = select(Registration).where(Registration.registrant_org == org)
    return list((await session.execute(_arrival_page(q, limit, after))).scalars().all())
