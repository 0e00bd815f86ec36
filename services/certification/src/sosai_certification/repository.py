"""Queries over the facts learnt from other services' events (footprints, retirements)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification.models import Footprint, Retirement
from sosai_shared.db import insert_ignore


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def upsert_footprint(session: AsyncSession, values: dict[str, object]) -> None:
    """Insert, or move to a newer version; an older version arriving late changes nothing."""
    table = Footprint.__table__  # type: ignore[attr-defined]
    result = await session.execute(insert_ignore(table, _dialect(session), **values))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        await session.execute(
            update(table)
            .where(table.c.footprint_id == values["footprint_id"], table.c.version < values["version"])
            .values(**values)
        )


async def insert_retirement(session: AsyncSession, values: dict[str, object]) -> None:
    table = Retirement.__table__  # type: ignore[attr-defined]
    await session.execute(insert_ignore(table, _dialect(session), **values))


async def get_footprint(session: AsyncSession, footprint_id: str | None) -> Footprint | None:
    if not footprint_id:
        return None
    return await session.get(Footprint, footprint_id)


async def retirements_for(
    session: AsyncSession, application_id: str, named: Iterable[str]
) -> list[Retirement]:
    """Retirements that reference the application, or that the application names."""
    named = list(named)
    cond = Retirement.application_id == application_id
    if named:
        cond = or_(cond, Retirement.retirement_id.in_(named))  # type: ignore[attr-defined]
    rows = await session.execute(select(Retirement).where(cond).order_by(Retirement.retirement_id))
    return list(rows.scalars())
