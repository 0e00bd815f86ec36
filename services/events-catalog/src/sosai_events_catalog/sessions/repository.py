"""Every query over sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_events_catalog.models import EventSession
from sosai_shared.pagination import Page, PageParams, keyset_page


async def get(session: AsyncSession, session_id: str, *, lock: bool = False) -> EventSession | None:
    q = select(EventSession).where(EventSession.id == session_id)
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def search(
    session: AsyncSession,
    paging: PageParams,
    *,
    programme_id: str | None,
    prefecture: str | None,
    starts_from: datetime | None,
    starts_to: datetime | None,
    fiscal_year: int | None,
) -> Page[EventSession]:
    """By start time, then id."""
    q = select(EventSession)
    if programme_id is not None:
        q = q.where(EventSession.programme_id == programme_id)
    if prefecture is not None:
        q = q.where(EventSession.prefecture == prefecture)
    if starts_from is not None:
        q = q.where(col(EventSession.starts_at) >= starts_from)
    if starts_to is not None:
        q = q.where(col(EventSession.starts_at) < starts_to)
    if fiscal_year is not None:
        q = q.where(EventSession.fiscal_year == fiscal_year)
    return await keyset_page(session, q, (col(EventSession.starts_at), col(EventSession.id)), paging)


async def of_programme(session: AsyncSession, programme_id: str) -> list[EventSession]:
    q = (
        select(EventSession)
        .where(EventSession.programme_id == programme_id)
        .order_by(col(EventSession.starts_at), col(EventSession.id))
    )
    return list((await session.execute(q)).scalars().all())
