"""Every query over methodologies, projects, their transitions and certifications."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_registry.models import Certification, Methodology, Project, ProjectTransition
from sosai_registry.projects.rules import PUBLIC_PROJECT_STATUSES
from sosai_shared.pagination import Page, PageParams, keyset_page


async def methodology_by_code(session: AsyncSession, code: str) -> Methodology | None:
    return (await session.execute(select(Methodology).where(Methodology.code == code))).scalar_one_or_none()


async def methodologies_by_id(session: AsyncSession, ids: Collection[str]) -> dict[str, Methodology]:
    if not ids:
        return {}
    stmt = select(Methodology).where(col(Methodology.id).in_(ids))
    return {m.id: m for m in (await session.execute(stmt)).scalars().all()}


async def methodologies_page(
    session: AsyncSession, params: PageParams, category: str | None
) -> Page[Methodology]:
    stmt = select(Methodology)
    if category:
        stmt = stmt.where(Methodology.category == category)
    return await keyset_page(session, stmt, (col(Methodology.created_at), col(Methodology.id)), params)


async def projects_page(
    session: AsyncSession,
    params: PageParams,
    *,
    org: str | None = None,
    status: str | None = None,
    prefecture: str | None = None,
    public: bool = False,
) -> Page[Project]:
    """A page of projects: of one proponent (``org``), or only those the public ledger shows."""
    stmt = select(Project)
    if public:
        stmt = stmt.where(col(Project.status).in_(PUBLIC_PROJECT_STATUSES))
    if org is not None:
        stmt = stmt.where(Project.proponent_org == org)
    if status:
        stmt = stmt.where(Project.status == status)
    if prefecture:
        stmt = stmt.where(Project.prefecture == prefecture)
    return await keyset_page(session, stmt, (col(Project.applied_at), col(Project.id)), params)


async def transitions(session: AsyncSession, project_id: str) -> Sequence[ProjectTransition]:
    stmt = (
        select(ProjectTransition)
        .where(ProjectTransition.project_id == project_id)
        .order_by(col(ProjectTransition.id))
    )
    return (await session.execute(stmt)).scalars().all()


async def overlapping_certification(session: AsyncSession, project_id: str, start: date, end: date) -> bool:
    found = await session.scalar(
        select(func.count())
        .select_from(Certification)
        .where(
            Certification.project_id == project_id,
            Certification.period_start <= end,
            Certification.period_end >= start,
        )
    )
    return bool(found)


async def certifications_of(session: AsyncSession, project_id: str) -> Sequence[Certification]:
    stmt = (
        select(Certification)
        .where(Certification.project_id == project_id)
        .order_by(col(Certification.period_start))
    )
    return (await session.execute(stmt)).scalars().all()
