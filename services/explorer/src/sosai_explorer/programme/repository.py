"""Every query behind the programme-wide pages (figures, charts, regional flows)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_explorer.models import (
    Certificate,
    CreditCertification,
    LedgerBlock,
    LedgerEntry,
    OutreachSession,
    Project,
    Provider,
)


async def figures(session: AsyncSession) -> dict[str, int]:
    def total(col: Any) -> Any:
        return func.coalesce(func.sum(col), 0)

    queries = {
        "methodologies": select(func.count(distinct(Project.methodology_code))),
        "projects": select(func.count()).select_from(Project),
        "certified": select(total(CreditCertification.quantity)),
        "issued": select(total(LedgerEntry.quantity)).where(LedgerEntry.kind == "issued"),
        "retired": select(total(LedgerEntry.quantity)).where(LedgerEntry.kind == "retired"),
        "initiatives": select(func.count()).where(Certificate.certified_at.is_not(None)),
        "providers": select(func.count()).where(Provider.status == "registered"),
        "sessions": select(func.count()).where(OutreachSession.title.is_not(None)),
    }
    return {k: int((await session.execute(q)).scalar_one()) for k, q in queries.items()}


async def entry_amounts(session: AsyncSession) -> list[tuple[str, datetime, int]]:
    rows = await session.execute(
        select(LedgerEntry.kind, LedgerEntry.at, LedgerEntry.quantity).where(
            LedgerEntry.kind.in_(("issued", "retired"))
        )
    )
    return [(k, at, q) for k, at, q in rows.all()]


async def count_by(session: AsyncSession, col: Any, *where: Any) -> dict[str, int]:
    rows = await session.execute(select(col, func.count()).where(*where).group_by(col))
    return {str(k): int(n) for k, n in rows.all() if k is not None}


async def issued_by_prefecture(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(Project.prefecture, func.sum(LedgerEntry.quantity))
        .join(LedgerEntry, LedgerEntry.project_id == Project.project_id)
        .where(LedgerEntry.kind == "issued")
        .group_by(Project.prefecture)
    )
    return {k: int(n) for k, n in rows.all()}


async def retirement_flows(session: AsyncSession) -> list[dict[str, Any]]:
    """Tonnes retired per (origin prefecture, retiring holder, beneficiary, place of use)."""
    stmt = (
        select(
            Project.prefecture,
            LedgerEntry.from_org,
            LedgerEntry.beneficiary,
            OutreachSession.prefecture.label("used_at"),
            func.sum(LedgerBlock.quantity),
        )
        .join(LedgerEntry, LedgerEntry.entry_id == LedgerBlock.entry_id)
        .join(Project, Project.project_id == LedgerBlock.project_id)
        .outerjoin(OutreachSession, OutreachSession.session_id == LedgerEntry.session_id)
        .where(LedgerBlock.kind == "retired")
        .group_by(
            Project.prefecture, LedgerEntry.from_org, LedgerEntry.beneficiary, OutreachSession.prefecture
        )
        .order_by(Project.prefecture, func.sum(LedgerBlock.quantity).desc())
    )
    return [
        {"origin": o, "holder": h, "beneficiary": b, "used_at": u, "tonnes": int(n)}
        for o, h, b, u, n in (await session.execute(stmt)).all()
    ]
