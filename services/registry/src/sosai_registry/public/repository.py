"""Queries only the public ledger makes: issuance pages and the statistics' sums and counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, literal_column
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_registry.ledger.serials import fiscal_year_bounds
from sosai_registry.models import Certification, Issuance, Methodology, Project, Transaction
from sosai_shared.pagination import Page, PageParams, keyset_page


async def issuances_page(
    session: AsyncSession, params: PageParams, project_id: str | None, fiscal_year: int | None
) -> Page[Issuance]:
    stmt = select(Issuance)
    if project_id:
        stmt = stmt.where(Issuance.project_id == project_id)
    if fiscal_year:
        lo, hi = fiscal_year_bounds(fiscal_year)
        stmt = stmt.where(Issuance.issued_on >= lo, Issuance.issued_on <= hi)
    return await keyset_page(session, stmt, (col(Issuance.issued_at), col(Issuance.id)), params)


async def _sums_by_date(
    session: AsyncSession, date_col: Any, qty_col: Any, *where: Any
) -> list[tuple[date, int]]:
    rows = (await session.execute(select(date_col, func.sum(qty_col)).where(*where).group_by(date_col))).all()
    return [(r[0], int(r[1] or 0)) for r in rows]


async def registrations_by_date(session: AsyncSession) -> list[tuple[date, int]]:
    return await _sums_by_date(
        session,
        Project.registered_on,
        literal_column("1"),
        col(Project.registered_on).is_not(None),
    )


async def certified_by_date(session: AsyncSession) -> list[tuple[date, int]]:
    return await _sums_by_date(session, Certification.certified_on, Certification.quantity)


async def completed_by_date(session: AsyncSession, kind: str) -> list[tuple[date, int]]:
    """Tonnes of completed transactions of one kind, per effective date."""
    done = col(Transaction.status) == "completed"
    return await _sums_by_date(
        session, Transaction.effective_on, Transaction.quantity, done, col(Transaction.kind) == kind
    )


async def active_methodologies_by_category(session: AsyncSession) -> dict[str, int]:
    return await _counts_by(session, Methodology.category, Methodology.status == "active")


async def projects_by_status(session: AsyncSession) -> dict[str, int]:
    return await _counts_by(session, Project.status)


async def _counts_by(session: AsyncSession, column: Any, *where: Any) -> dict[str, int]:
    rows = (await session.execute(select(column, func.count()).where(*where).group_by(column))).all()
    return {str(r[0]): int(r[1]) for r in rows}
