"""Every query behind the outreach calendar and its carbon cards."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_explorer.models import Certificate, Footprint, LedgerEntry, OutreachSession


async def count(session: AsyncSession) -> int:
    stmt = select(func.count()).where(col(OutreachSession.title).is_not(None))
    return int((await session.execute(stmt)).scalar_one())


async def sessions(session: AsyncSession, offset: int, limit: int) -> list[OutreachSession]:
    rows = await session.execute(
        select(OutreachSession)
        .where(col(OutreachSession.title).is_not(None))
        .order_by(col(OutreachSession.starts_at), col(OutreachSession.session_id))
        .offset(offset)
        .limit(limit)
    )
    return list(rows.scalars())


async def footprints_of(session: AsyncSession, ids: list[str]) -> dict[str, Footprint]:
    rows = await session.execute(select(Footprint).where(col(Footprint.session_id).in_(ids)))
    return {f.session_id: f for f in rows.scalars() if f.session_id}


async def retired_for(session: AsyncSession, ids: list[str]) -> dict[str, int]:
    rows = await session.execute(
        select(col(LedgerEntry.session_id), func.sum(col(LedgerEntry.quantity)))
        .where(col(LedgerEntry.kind) == "retired", col(LedgerEntry.session_id).in_(ids))
        .group_by(col(LedgerEntry.session_id))
    )
    return {k: int(n) for k, n in rows.all() if k is not None}


async def certificates_of(session: AsyncSession, ids: list[str]) -> dict[str, Certificate]:
    rows = await session.execute(
        select(Certificate).where(
            col(Certificate.session_id).in_(ids), col(Certificate.certified_at).is_not(None)
        )
    )
    return {c.session_id: c for c in rows.scalars() if c.session_id}
