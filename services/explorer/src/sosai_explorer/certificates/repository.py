"""Every query behind certificates, labels, verification and the Anshin provider list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_explorer.models import Certificate, Footprint, LedgerEntry, Provider


def certificates_query(offset_type: str | None) -> Select[Any]:
    stmt = select(Certificate).where(col(Certificate.certified_at).is_not(None))
    if offset_type:
        stmt = stmt.where(col(Certificate.offset_type) == offset_type)
    return stmt


async def count(session: AsyncSession, stmt: Select[Any]) -> int:
    return int((await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one())


async def page(session: AsyncSession, stmt: Select[Any], offset: int, limit: int) -> list[Certificate]:
    rows = await session.execute(
        stmt.order_by(col(Certificate.certified_at).desc(), col(Certificate.number))
        .offset(offset)
        .limit(limit)
    )
    return list(rows.scalars())


async def certificate(session: AsyncSession, number: str) -> Certificate | None:
    return await session.get(Certificate, number)


async def footprint(session: AsyncSession, footprint_id: str | None) -> Footprint | None:
    return None if footprint_id is None else await session.get(Footprint, footprint_id)


async def retirements_for(session: AsyncSession, cert: Certificate) -> dict[str, LedgerEntry]:
    """The retirements a certificate counts: those it names and those naming its application."""
    rows = await session.execute(
        select(LedgerEntry).where(
            col(LedgerEntry.kind) == "retired",
            or_(
                col(LedgerEntry.entry_id).in_(cert.retirement_ids),
                col(LedgerEntry.application_id) == cert.application_id,
            ),
        )
    )
    return {e.entry_id: e for e in rows.scalars()}


async def retirements_claimed_by_others(session: AsyncSession, number: str) -> set[str]:
    rows = await session.execute(
        select(col(Certificate.retirement_ids)).where(
            col(Certificate.number) != number, col(Certificate.certified_at).is_not(None)
        )
    )
    return {r for ids in rows.scalars() for r in ids}


async def retirement(session: AsyncSession, retirement_id: str) -> LedgerEntry | None:
    entry = await session.get(LedgerEntry, retirement_id)
    return entry if entry is not None and entry.kind == "retired" else None


async def providers(session: AsyncSession) -> list[Provider]:
    rows = await session.execute(
        select(Provider).order_by(col(Provider.registered_at), col(Provider.provider_id))
    )
    return list(rows.scalars())
