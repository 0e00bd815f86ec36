"""Queries over the facts learnt from other services' events (footprints, retirements), and the
statistics' queries across the aggregates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_certification.models import (
    Application,
    Certificate,
    Footprint,
    Provider,
    Retirement,
    RetirementUsage,
)
from sosai_shared.db import insert_ignore


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def upsert_footprint(session: AsyncSession, values: dict[str, object]) -> None:
    """Insert, or move to a newer version; an older version arriving late changes nothing."""
    table = Footprint.__table__  # type: ignore[attr-defined]  # SQLModel does not declare it
    result = await session.execute(insert_ignore(table, _dialect(session), **values))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        await session.execute(
            update(table)
            .where(table.c.footprint_id == values["footprint_id"], table.c.version < values["version"])
            .values(**values)
        )


async def insert_retirement(session: AsyncSession, values: dict[str, object]) -> None:
    table = Retirement.__table__  # type: ignore[attr-defined]  # SQLModel does not declare it
    await session.execute(insert_ignore(table, _dialect(session), **values))


async def retirements_held(session: AsyncSession) -> list[tuple[str, str | None, int]]:
    """(retirement id, application it references, tonnes) of every retirement learnt: the
    reconciliation's view."""
    q = select(col(Retirement.retirement_id), col(Retirement.application_id), col(Retirement.quantity))
    return [(str(r), a, int(n)) for r, a, n in (await session.execute(q)).all()]


async def retirement_attachments(session: AsyncSession) -> dict[str, str]:
    """Retirement id → the application it counts for: the certified one that used it, else the
    earliest application naming it."""
    out: dict[str, str] = {}
    q = select(col(Application.id), col(Application.retirement_ids)).order_by(
        col(Application.created_at).desc(), col(Application.id).desc()
    )
    for app_id, named in (await session.execute(q)).all():
        out.update(dict.fromkeys(named or [], str(app_id)))  # newest first: the earliest wins
    used = select(col(RetirementUsage.retirement_id), col(RetirementUsage.application_id))
    out.update({str(r): str(a) for r, a in (await session.execute(used)).all()})
    return out


async def get_footprint(session: AsyncSession, footprint_id: str | None) -> Footprint | None:
    if not footprint_id:
        return None
    return await session.get(Footprint, footprint_id)


async def retirements_for(
    session: AsyncSession, application_id: str, named: Iterable[str]
) -> list[Retirement]:
    """Retirements that reference the application, or that the application names."""
    named = list(named)
    cond = col(Retirement.application_id) == application_id
    if named:
        cond = or_(cond, col(Retirement.retirement_id).in_(named))
    rows = await session.execute(select(Retirement).where(cond).order_by(col(Retirement.retirement_id)))
    return list(rows.scalars())


async def certificates_with_status(session: AsyncSession) -> list[tuple[str, int, date, date, str]]:
    """(offset type, fiscal year, valid from, valid until, application status) of every certificate."""
    stmt = select(
        col(Certificate.offset_type),
        col(Certificate.fiscal_year),
        col(Certificate.valid_from),
        col(Certificate.valid_until),
        col(Application.status),
    ).join(Application, col(Application.id) == col(Certificate.application_id))
    return [(t, fy, vf, vu, status) for t, fy, vf, vu, status in (await session.execute(stmt)).all()]


async def providers_by_status(session: AsyncSession) -> dict[str, int]:
    stmt = select(col(Provider.status), func.count()).group_by(col(Provider.status))
    return {status: int(n) for status, n in (await session.execute(stmt)).all()}
