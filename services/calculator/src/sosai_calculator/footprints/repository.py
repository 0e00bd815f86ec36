"""Every query over footprints, their versions and lines, and the retirements counted against them."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_calculator.models import Footprint, FootprintLine, FootprintVersion, Retirement
from sosai_shared.pagination import Page, PageParams, keyset_page


async def get_footprint(
    session: AsyncSession, footprint_id: str, *, for_update: bool = False
) -> Footprint | None:
    q = select(Footprint).where(Footprint.id == footprint_id)
    if for_update:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def page_footprints(
    session: AsyncSession,
    org: str,
    *,
    kind: str | None,
    fiscal_year: int | None,
    paging: PageParams,
) -> Page[Footprint]:
    """Newest first, keyed by (created_at, id)."""
    q = select(Footprint).where(Footprint.org == org)
    if kind:
        q = q.where(Footprint.kind == kind)
    if fiscal_year:
        q = q.where(Footprint.fiscal_year == fiscal_year)
    keys = (col(Footprint.created_at), col(Footprint.id))
    return await keyset_page(session, q, keys, paging, descending=True)


async def get_version(session: AsyncSession, footprint_id: str, version: int) -> FootprintVersion | None:
    return await session.get(FootprintVersion, (footprint_id, version))


async def lines_of(session: AsyncSession, footprint_id: str, version: int) -> list[FootprintLine]:
    q = (
        select(FootprintLine)
        .where(FootprintLine.footprint_id == footprint_id, FootprintLine.version == version)
        .order_by(col(FootprintLine.position))
    )
    return list((await session.execute(q)).scalars())


async def retirement_exists(session: AsyncSession, retirement_id: str) -> bool:
    return await session.get(Retirement, retirement_id) is not None


async def credits_retired_for(session: AsyncSession, footprint_id: str) -> int:
    q = select(func.coalesce(func.sum(Retirement.quantity), 0)).where(Retirement.footprint_id == footprint_id)
    return int((await session.execute(q)).scalar_one() or 0)


async def footprint_totals(session: AsyncSession) -> list[tuple[str, int, Decimal]]:
    """(kind, fiscal_year, total) per footprint; totals are decimal strings, summed exactly in Python."""
    q = select(col(Footprint.kind), col(Footprint.fiscal_year), col(Footprint.total_t_co2))
    return [(str(k), int(fy), t) for k, fy, t in (await session.execute(q)).all()]


async def credit_sums(session: AsyncSession) -> tuple[int, int]:
    q = select(
        func.coalesce(func.sum(Footprint.credits_needed), 0),
        func.coalesce(func.sum(Footprint.credits_retired), 0),
    )
    needed, retired = (await session.execute(q)).one()
    return int(needed), int(retired)


async def retirements_held(session: AsyncSession) -> list[tuple[str, str, int]]:
    """(retirement id, footprint id, tonnes) of every retirement counted here: the reconciliation's view."""
    q = select(col(Retirement.retirement_id), col(Retirement.footprint_id), col(Retirement.quantity))
    return [(str(r), str(f), int(n)) for r, f, n in (await session.execute(q)).all()]


async def credits_shown(session: AsyncSession) -> dict[str, int]:
    """The retired tonnes each footprint shows (its coverage), by footprint id."""
    q = select(col(Footprint.id), col(Footprint.credits_retired))
    return {str(f): int(n) for f, n in (await session.execute(q)).all()}
