"""Every query of the public feed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_notifications.models import StoredEvent


async def page(session: AsyncSession, *, after: int, limit: int) -> list[StoredEvent]:
    stmt = (
        select(StoredEvent)
        .where(StoredEvent.is_public.is_(True), StoredEvent.seq > after)  # type: ignore[attr-defined, operator]
        .order_by(StoredEvent.seq)  # type: ignore[arg-type]
        .limit(limit + 1)
    )
    return list((await session.execute(stmt)).scalars())
