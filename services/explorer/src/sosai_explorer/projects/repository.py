"""Every query behind the project list and the project page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_explorer.models import CreditCertification, LedgerBlock, LedgerEntry, Project
from sosai_explorer.projects.schemas import FilterOptions, ProjectFilters, ProjectRow


def _issued() -> Any:
    return (
        select(col(LedgerEntry.project_id), func.sum(col(LedgerEntry.quantity)).label("issued"))
        .where(col(LedgerEntry.kind) == "issued")
        .group_by(col(LedgerEntry.project_id))
        .subquery()
    )


def _retired() -> Any:
    return (
        select(col(LedgerBlock.project_id), func.sum(col(LedgerBlock.quantity)).label("retired"))
        .where(col(LedgerBlock.kind) == "retired")
        .group_by(col(LedgerBlock.project_id))
        .subquery()
    )


def _filtered(stmt: Select[Any], f: ProjectFilters) -> Select[Any]:
    if f.q:
        like = f"%{f.q.lower()}%"
        stmt = stmt.where(
            or_(func.lower(col(Project.name)).like(like), func.lower(col(Project.project_code)).like(like))
        )
    if f.category:
        stmt = stmt.where(col(Project.category) == f.category)
    if f.prefecture:
        stmt = stmt.where(col(Project.prefecture) == f.prefecture)
    has_issued = exists().where(
        col(LedgerEntry.project_id) == col(Project.project_id), col(LedgerEntry.kind) == "issued"
    )
    if f.status == "issuing":
        stmt = stmt.where(has_issued)
    elif f.status == "registered":
        stmt = stmt.where(~has_issued)
    if f.vintage is not None:
        stmt = stmt.where(
            or_(
                exists().where(
                    col(LedgerBlock.project_id) == col(Project.project_id),
                    col(LedgerBlock.vintage) == f.vintage,
                ),
                exists().where(
                    col(CreditCertification.project_id) == col(Project.project_id),
                    col(CreditCertification.vintage) == f.vintage,
                ),
            )
        )
    return stmt


async def count(session: AsyncSession, f: ProjectFilters) -> int:
    return int((await session.execute(_filtered(select(func.count()).select_from(Project), f))).scalar_one())


def listing(f: ProjectFilters) -> Select[Any]:
    issued, retired = _issued(), _retired()
    stmt = (
        select(
            Project,
            func.coalesce(issued.c.issued, 0).label("issued"),
            func.coalesce(retired.c.retired, 0).label("retired"),
        )
        .outerjoin(issued, issued.c.project_id == col(Project.project_id))
        .outerjoin(retired, retired.c.project_id == col(Project.project_id))
        .order_by(col(Project.project_code), col(Project.project_id))
    )
    return _filtered(stmt, f)


async def page(session: AsyncSession, f: ProjectFilters, offset: int, limit: int) -> list[ProjectRow]:
    return list((await session.execute(listing(f).offset(offset).limit(limit))).all())


async def options(session: AsyncSession) -> FilterOptions:
    cats = await session.execute(select(col(Project.category)).distinct().order_by(col(Project.category)))
    prefs = await session.execute(
        select(col(Project.prefecture)).distinct().order_by(col(Project.prefecture))
    )
    vintages = await session.execute(
        select(col(LedgerBlock.vintage)).distinct().order_by(col(LedgerBlock.vintage))
    )
    return {
        "categories": list(cats.scalars()),
        "prefectures": list(prefs.scalars()),
        "vintages": list(vintages.scalars()),
    }


async def project(session: AsyncSession, project_id: str) -> Project | None:
    return await session.get(Project, project_id)


async def certifications(session: AsyncSession, project_id: str) -> list[CreditCertification]:
    rows = await session.execute(
        select(CreditCertification)
        .where(col(CreditCertification.project_id) == project_id)
        .order_by(col(CreditCertification.certified_at))
    )
    return list(rows.scalars())


async def entries(session: AsyncSession, project_id: str, kinds: tuple[str, ...]) -> list[LedgerEntry]:
    rows = await session.execute(
        select(LedgerEntry)
        .where(col(LedgerEntry.project_id) == project_id, col(LedgerEntry.kind).in_(kinds))
        .order_by(col(LedgerEntry.at), col(LedgerEntry.entry_id))
    )
    return list(rows.scalars())


async def retirements(session: AsyncSession, project_id: str) -> list[tuple[LedgerEntry, int]]:
    """Retirements that used this project's credits, with how many of them (a retirement may span projects)."""
    rows = await session.execute(
        select(LedgerEntry, func.sum(col(LedgerBlock.quantity)))
        .join(LedgerBlock, col(LedgerBlock.entry_id) == col(LedgerEntry.entry_id))
        .where(col(LedgerBlock.project_id) == project_id, col(LedgerBlock.kind) == "retired")
        .group_by(col(LedgerEntry.entry_id))
        .order_by(col(LedgerEntry.at), col(LedgerEntry.entry_id))
    )
    return [(e, int(n)) for e, n in rows.all()]
