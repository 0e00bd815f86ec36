"""Every query over applications, transitions, certificates and retirement usages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification.models import (
    Application,
    Certificate,
    CertificateSequence,
    RetirementUsage,
    Transition,
)
from sosai_shared.db import insert_ignore


async def get(session: AsyncSession, application_id: str, *, for_update: bool = False) -> Application | None:
    stmt = select(Application).where(Application.id == application_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


def _after(cursor: list[object] | None) -> object:
    if not cursor:
        return None
    at, ident = datetime.fromisoformat(str(cursor[0])), str(cursor[1])
    return or_(Application.created_at > at, and_(Application.created_at == at, Application.id > ident))


async def page(
    session: AsyncSession,
    *,
    limit: int,
    cursor: list[object] | None,
    org: str | None = None,
    statuses: Iterable[str] | None = None,
    exclude_draft: bool = False,
) -> list[Application]:
    stmt = select(Application)
    if org is not None:
        stmt = stmt.where(Application.applicant_org == org)
    if statuses:
        stmt = stmt.where(Application.status.in_(list(statuses)))  # type: ignore[attr-defined]
    if exclude_draft:
        stmt = stmt.where(Application.status != "draft")
    after = _after(cursor)
    if after is not None:
        stmt = stmt.where(after)  # type: ignore[arg-type]
    stmt = stmt.order_by(Application.created_at, Application.id).limit(limit + 1)
    return list((await session.execute(stmt)).scalars())


async def transitions(session: AsyncSession, application_id: str) -> list[Transition]:
    stmt = select(Transition).where(Transition.application_id == application_id).order_by(Transition.seq)
    return list((await session.execute(stmt)).scalars())


async def usages(session: AsyncSession, retirement_ids: Iterable[str]) -> dict[str, str]:
    ids = list(retirement_ids)
    if not ids:
        return {}
    stmt = select(RetirementUsage.retirement_id, RetirementUsage.application_id).where(
        RetirementUsage.retirement_id.in_(ids)  # type: ignore[attr-defined]
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
    table = CertificateSequence.__table__  # type: ignore[attr-defined]
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
    stmt = select(Certificate).where(Certificate.application_id == application_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def public_certificates(
    session: AsyncSession,
    *,
    limit: int,
    cursor: list[object] | None,
    offset_type: str | None,
    fiscal_year: int | None,
) -> list[tuple[Certificate, Application]]:
    stmt = select(Certificate, Application).join(Application, Application.id == Certificate.application_id)
    if offset_type:
        stmt = stmt.where(Certificate.offset_type == offset_type)
    if fiscal_year is not None:
        stmt = stmt.where(Certificate.fiscal_year == fiscal_year)
    if cursor:
        fy, seq = int(str(cursor[0])), int(str(cursor[1]))
        stmt = stmt.where(
            or_(Certificate.fiscal_year > fy, and_(Certificate.fiscal_year == fy, Certificate.sequence > seq))
        )
    stmt = stmt.order_by(Certificate.fiscal_year, Certificate.sequence).limit(limit + 1)
    return [(c, a) for c, a in (await session.execute(stmt)).all()]
