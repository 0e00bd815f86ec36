"""Every query of the public feed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_notifications.models import StoredEvent


async def page(session: AsyncSession, *, after: int, limit: int) -> list[StoredEvent]:
    stmt = (
        select(StoredEvent)
        .where(col(StoredEvent.is_public).is_(True), col(StoredEvent.seq) > after)
        .order_by(col(StoredEvent.seq))
        .limit(limit + 1)
    )
    return list((await session.execute(stmt)).scalars())
