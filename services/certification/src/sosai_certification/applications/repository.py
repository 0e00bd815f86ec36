"""Every query over applications, transitions, certificates and retirement usages."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_certification.models import (
    Application,
    Certificate,
    CertificateSequence,
    RetirementUsage,
    Transition,
)
from sosai_shared.db import insert_ignore
from sosai_shared.pagination import Page, PageParams, keyset_page


async def page(
    session: AsyncSession,
    paging: PageParams,
    *,
    org: str | None = None,
    statuses: Iterable[str] | None = None,
    exclude_draft: bool = False,
) -> Page[Application]:
    """Applications in creation order (then id), optionally of one organisation or some statuses."""
    stmt = select(Application)
    if org is not None:
        stmt = stmt.where(col(Application.applicant_org) == org)
    if statuses:
        stmt = stmt.where(col(Application.status).in_(list(statuses)))
    if exclude_draft:
        stmt = stmt.where(col(Application.status) != "draft")
    return await keyset_page(session, stmt, (col(Application.created_at), col(Application.id)), paging)


async def transitions(session: AsyncSession, application_id: str) -> list[Transition]:
    stmt = (
        select(Transition)
        .where(col(Transition.application_id) == application_id)
        .order_by(col(Transition.seq))
    )
    return list((await session.execute(stmt)).scalars())


async def usages(session: AsyncSession, retirement_ids: Iterable[str]) -> dict[str, str]:
    ids = list(retirement_ids)
    if not ids:
        return {}
    stmt = select(col(RetirementUsage.retirement_id), col(RetirementUsage.application_id)).where(
        col(RetirementUsage.retirement_id).in_(ids)
    )
    return {rid: app for rid, app in (await session.execute(stmt)).all()}


async def take_usages(session: AsyncSession, rows: list[RetirementUsage]) -> bool:
    """Claim retirements for one certification; False if another certification holds one of them.

    The primary key decides: on PostgreSQL a concurrent claimant waits for the first to
    commit and then fails here; on SQLite writers are serialized and the check sees the row.
    """
    try:
        async with session.begin_nested():
            session.add_all(rows)
            await session.flush()
    except IntegrityError:
        return False
    return True


async def next_sequence(session: AsyncSession, fiscal_year: int) -> int:
    """Allocate the next certificate sequence of a fiscal year (the row lock serializes allocators)."""
    table = CertificateSequence.__table__  # type: ignore[attr-defined]  # SQLModel does not declare it
    await session.execute(
        insert_ignore(table, session.get_bind().dialect.name, fiscal_year=fiscal_year, last=0)
    )
    result = await session.execute(
        update(table)
        .where(table.c.fiscal_year == fiscal_year)
        .values(last=table.c.last + 1)
        .returning(table.c.last)
    )
    return int(result.scalar_one())


async def certificate_by_number(session: AsyncSession, number: str) -> Certificate | None:
    return await session.get(Certificate, number)


async def certificate_for(session: AsyncSession, application_id: str) -> Certificate | None:
    stmt = select(Certificate).where(col(Certificate.application_id) == application_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def public_certificates(
    session: AsyncSession, paging: PageParams, *, offset_type: str | None, fiscal_year: int | None
) -> Page[Certificate]:
    """Certificates by fiscal year and sequence (the order of their numbers)."""
    stmt = select(Certificate)
    if offset_type:
        stmt = stmt.where(col(Certificate.offset_type) == offset_type)
    if fiscal_year is not None:
        stmt = stmt.where(col(Certificate.fiscal_year) == fiscal_year)
    return await keyset_page(session, stmt, (col(Certificate.fiscal_year), col(Certificate.sequence)), paging)


async def applications_by_id(session: AsyncSession, ids: Iterable[str]) -> dict[str, Application]:
    rows = await session.execute(select(Application).where(col(Application.id).in_(list(ids))))
    return {a.id: a for a in rows.scalars()}
