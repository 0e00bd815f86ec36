"""Every query over programmes, and the counts their statistics need."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_events_catalog.models import EventSession, Programme, Registration
from sosai_shared.pagination import Page, PageParams, keyset_page


async def by_code(session: AsyncSession, code: str) -> Programme | None:
    return (await session.execute(select(Programme).where(Programme.code == code))).scalar_one_or_none()


async def by_ids(session: AsyncSession, ids: set[str]) -> dict[str, Programme]:
    if not ids:
        return {}
    rows = (await session.execute(select(Programme).where(col(Programme.id).in_(ids)))).scalars().all()
    return {p.id: p for p in rows}


async def page(session: AsyncSession, paging: PageParams) -> Page[Programme]:
    return await keyset_page(session, select(Programme), (col(Programme.code),), paging)


async def every(session: AsyncSession) -> list[Programme]:
    return list((await session.execute(select(Programme).order_by(col(Programme.code)))).scalars().all())


async def sessions_of_year(session: AsyncSession, fiscal_year: int | None) -> list[EventSession]:
    q = select(EventSession)
    if fiscal_year is not None:
        q = q.where(EventSession.fiscal_year == fiscal_year)
    return list((await session.execute(q)).scalars().all())


async def registration_counts(session: AsyncSession, session_ids: list[str]) -> dict[tuple[str, str], int]:
    if not session_ids:
        return {}
    q = (
        select(Registration.session_id, Registration.state, func.count())
        .where(col(Registration.session_id).in_(session_ids))
        .group_by(col(Registration.session_id), col(Registration.state))
    )
    return {(sid, state): int(n) for sid, state, n in (await session.execute(q)).all()}
