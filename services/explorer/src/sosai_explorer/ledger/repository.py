"""Every query behind the serial lookup and the retirement pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_explorer.models import Certificate, LedgerBlock, LedgerEntry, Project

#: the order of a serial's life when two events share a timestamp
_KIND_ORDER = {"issued": 0, "transferred": 1, "buffer_reversed": 2, "retired": 3, "cancelled": 3}


async def blocks_overlapping(
    session: AsyncSession, start: int, end: int, limit: int = 500
) -> list[Row[LedgerBlock, LedgerEntry]]:
    rows = await session.execute(
        select(LedgerBlock, LedgerEntry)
        .join(LedgerEntry, col(LedgerEntry.entry_id) == col(LedgerBlock.entry_id))
        .where(col(LedgerBlock.start) <= end, col(LedgerBlock.end) >= start)
        .order_by(col(LedgerBlock.at), col(LedgerBlock.start))
        .limit(limit)
    )
    found = list(rows.all())
    found.sort(key=lambda r: (r[0].at, _KIND_ORDER.get(r[0].kind, 9), r[0].start))
    return found


def retirements_query(
    beneficiary: str | None, project_id: str | None, since: datetime | None, until: datetime | None
) -> Select[Any]:
    stmt = select(LedgerEntry).where(col(LedgerEntry.kind) == "retired")
    if beneficiary:
        stmt = stmt.where(func.lower(col(LedgerEntry.beneficiary)).like(f"%{beneficiary.lower()}%"))
    if project_id:
        stmt = stmt.where(
            col(LedgerEntry.entry_id).in_(
                select(col(LedgerBlock.entry_id)).where(
                    col(LedgerBlock.project_id) == project_id, col(LedgerBlock.kind) == "retired"
                )
            )
        )
    if since is not None:
        stmt = stmt.where(col(LedgerEntry.at) >= since)
    if until is not None:
        stmt = stmt.where(col(LedgerEntry.at) < until)
    return stmt


async def count(session: AsyncSession, stmt: Select[Any]) -> int:
    return int((await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one())


async def page(session: AsyncSession, stmt: Select[Any], offset: int, limit: int) -> list[LedgerEntry]:
    rows = await session.execute(
        stmt.order_by(col(LedgerEntry.at).desc(), col(LedgerEntry.entry_id)).offset(offset).limit(limit)
    )
    return list(rows.scalars())


async def entry(session: AsyncSession, entry_id: str) -> LedgerEntry | None:
    return await session.get(LedgerEntry, entry_id)


async def blocks_of(session: AsyncSession, entry_id: str) -> list[tuple[LedgerBlock, Project | None]]:
    rows = await session.execute(
        select(LedgerBlock, Project)
        .outerjoin(Project, col(Project.project_id) == col(LedgerBlock.project_id))
        .where(col(LedgerBlock.entry_id) == entry_id)
        .order_by(col(LedgerBlock.start))
    )
    return [(b, p) for b, p in rows.all()]


async def certificates_claiming(session: AsyncSession, entry: LedgerEntry) -> list[Certificate]:
    """Certificates that count a retirement: those naming it, or certifying the application it names.
    Retirement ids sit in a JSON list; the list of certificates is small enough to filter here."""
    rows = await session.execute(select(Certificate).where(col(Certificate.certified_at).is_not(None)))
    return [
        c
        for c in rows.scalars()
        if entry.entry_id in c.retirement_ids
        or (entry.application_id and c.application_id == entry.application_id)
    ]


async def projects_named(session: AsyncSession, ids: set[str]) -> dict[str, Project]:
    if not ids:
        return {}
    rows = await session.execute(select(Project).where(col(Project.project_id).in_(ids)))
    return {p.project_id: p for p in rows.scalars()}
