"""Every query behind the programme-wide pages (figures, charts, regional flows)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_explorer.models import (
    Certificate,
    CreditCertification,
    LedgerBlock,
    LedgerEntry,
    Methodology,
    OutreachSession,
    Project,
    Provider,
)
from sosai_explorer.programme.schemas import Flow


async def figures(session: AsyncSession) -> dict[str, int]:
    def total(col: Any) -> Any:
        return func.coalesce(func.sum(col), 0)

    queries = {
        "methodologies": _approved_methodologies(),
        "projects": select(func.count()).select_from(Project),
        "certified": select(total(col(CreditCertification.quantity))),
        "issued": select(total(col(LedgerEntry.quantity))).where(col(LedgerEntry.kind) == "issued"),
        "retired": select(total(col(LedgerEntry.quantity))).where(col(LedgerEntry.kind) == "retired"),
        "initiatives": select(func.count()).where(col(Certificate.certified_at).is_not(None)),
        "providers": select(func.count()).where(col(Provider.status) == "registered"),
        "sessions": select(func.count()).where(col(OutreachSession.title).is_not(None)),
    }
    return {k: int((await session.execute(q)).scalar_one()) for k, q in queries.items()}


def _approved_methodologies() -> Any:
    """The registry's count: the methodologies whose latest event says active, plus any code a project
    names that no methodology event describes (a registry that created it before it published them)."""
    known = select(col(Methodology.code))
    codes = union(
        select(col(Methodology.code)).where(col(Methodology.status) == "active"),
        select(col(Project.methodology_code)).where(col(Project.methodology_code).not_in(known)),
    ).subquery()
    return select(func.count()).select_from(codes)


async def tonnes_by_vintage(session: AsyncSession) -> list[tuple[int, str, int]]:
    """(vintage, issued | retired, tonnes): the serial blocks each issuance or retirement moved. Every
    block carries its vintage, the fiscal year of the reduction, whenever the event itself was stamped."""
    rows = await session.execute(
        select(col(LedgerBlock.vintage), col(LedgerBlock.kind), func.sum(col(LedgerBlock.quantity)))
        .where(col(LedgerBlock.kind).in_(("issued", "retired")))
        .group_by(col(LedgerBlock.vintage), col(LedgerBlock.kind))
    )
    return [(int(v), str(k), int(n)) for v, k, n in rows.all()]


async def count_by(session: AsyncSession, col: Any, *where: Any) -> dict[str, int]:
    rows = await session.execute(select(col, func.count()).where(*where).group_by(col))
    return {str(k): int(n) for k, n in rows.all() if k is not None}


async def issued_by_prefecture(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(col(Project.prefecture), func.sum(col(LedgerEntry.quantity)))
        .join(LedgerEntry, col(LedgerEntry.project_id) == col(Project.project_id))
        .where(col(LedgerEntry.kind) == "issued")
        .group_by(col(Project.prefecture))
    )
    return {k: int(n) for k, n in rows.all()}


async def retirement_flows(session: AsyncSession) -> list[Flow]:
    """Tonnes retired per (origin prefecture, retiring holder, beneficiary, place of use)."""
    stmt = (
        select(
            col(Project.prefecture),
            col(LedgerEntry.from_org),
            col(LedgerEntry.beneficiary),
            col(OutreachSession.prefecture),
            func.sum(col(LedgerBlock.quantity)),
        )
        .join(LedgerEntry, col(LedgerEntry.entry_id) == col(LedgerBlock.entry_id))
        .join(Project, col(Project.project_id) == col(LedgerBlock.project_id))
        .outerjoin(OutreachSession, col(OutreachSession.session_id) == col(LedgerEntry.session_id))
        .where(col(LedgerBlock.kind) == "retired")
        .group_by(
            col(Project.prefecture),
            col(LedgerEntry.from_org),
            col(LedgerEntry.beneficiary),
            col(OutreachSession.prefecture),
        )
        .order_by(col(Project.prefecture), func.sum(col(LedgerBlock.quantity)).desc())
    )
    return [
        {"origin": o, "holder": h, "beneficiary": b, "used_at": u, "tonnes": int(n)}
        for o, h, b, u, n in (await session.execute(stmt)).all()
    ]
