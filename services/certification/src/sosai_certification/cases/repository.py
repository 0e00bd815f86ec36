"""Every query over reported offset cases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification.models import ReportedCase


async def page(
    session: AsyncSession,
    *,
    limit: int,
    cursor: list[object] | None,
    org: str | None = None,
    offset_type: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[ReportedCase]:
    stmt = select(ReportedCase)
    if org is not None:
        stmt = stmt.where(ReportedCase.reporter_org == org)
    if offset_type:
        stmt = stmt.where(ReportedCase.offset_type == offset_type)
    if start is not None:
        stmt = stmt.where(ReportedCase.reported_on >= start)
    if end is not None:
        stmt = stmt.where(ReportedCase.reported_on < end)
    if cursor:
        on, ident = date.fromisoformat(str(cursor[0])), str(cursor[1])
        stmt = stmt.where(
            or_(ReportedCase.reported_on > on, and_(ReportedCase.reported_on == on, ReportedCase.id > ident))
        )
    stmt = stmt.order_by(ReportedCase.reported_on, ReportedCase.id).limit(limit + 1)
    return list((await session.execute(stmt)).scalars())


async def counts_by_day(session: AsyncSession) -> list[tuple[str, date, bool, int]]:
    """(offset_type, reported_on, market_distribution, count): small enough to bucket in Python."""
    stmt = select(
        ReportedCase.offset_type, ReportedCase.reported_on, ReportedCase.market_distribution, func.count()
    ).group_by(ReportedCase.offset_type, ReportedCase.reported_on, ReportedCase.market_distribution)
    return [(t, d, bool(m), int(n)) for t, d, m, n in (await session.execute(stmt)).all()]
