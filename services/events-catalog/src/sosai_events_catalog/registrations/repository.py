"""Every query over registrations."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_events_catalog.models import Registration
from sosai_shared.pagination import Page, PageParams, keyset_page


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


#: arrival order: registrations are listed as they came
ARRIVAL = (col(Registration.created_at), col(Registration.id))


async def of_session(
    session: AsyncSession,
    session_id: str,
    paging: PageParams,
    *,
    state: str | None,
) -> Page[Registration]:
    q = select(Registration).where(Registration.session_id == session_id)
    if state is not None:
        q = q.where(Registration.state == state)
    return await keyset_page(session, q, ARRIVAL, paging)


async def of_org(session: AsyncSession, org: str, paging: PageParams) -> Page[Registration]:
    q = select(Registration).where(Registration.registrant_org == org)
    return await keyset_page(session, q, ARRIVAL, paging)
