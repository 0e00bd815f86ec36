"""Every query over reported offset cases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_certification.models import ReportedCase
from sosai_shared.pagination import Page, PageParams, keyset_page


async def page(
    session: AsyncSession,
    paging: PageParams,
    *,
    org: str | None = None,
    offset_type: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Page[ReportedCase]:
    """Reported cases by the day they were reported (then id), optionally filtered."""
    stmt = select(ReportedCase)
    if org is not None:
        stmt = stmt.where(col(ReportedCase.reporter_org) == org)
    if offset_type:
        stmt = stmt.where(col(ReportedCase.offset_type) == offset_type)
    if start is not None:
        stmt = stmt.where(col(ReportedCase.reported_on) >= start)
    if end is not None:
        stmt = stmt.where(col(ReportedCase.reported_on) < end)
    return await keyset_page(session, stmt, (col(ReportedCase.reported_on), col(ReportedCase.id)), paging)


async def counts_by_day(session: AsyncSession) -> list[tuple[str, date, bool, int]]:
    """(offset_type, reported_on, market_distribution, count): small enough to bucket in Python."""
    stmt = select(
        col(ReportedCase.offset_type),
        col(ReportedCase.reported_on),
        col(ReportedCase.market_distribution),
        func.count(),
    ).group_by(
        col(ReportedCase.offset_type), col(ReportedCase.reported_on), col(ReportedCase.market_distribution)
    )
    return [(t, d, bool(m), int(n)) for t, d, m, n in (await session.execute(stmt)).all()]
