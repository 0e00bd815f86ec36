"""Every query of the calculator service."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_calculator.models import Factor, FactorSet, Footprint, FootprintLine, FootprintVersion, Retirement


async def current_set(session: AsyncSession, fiscal_year: int, regime: str) -> FactorSet | None:
    """The newest revision of a fiscal year's set: what new calculations use."""
    return (
        await session.execute(
            select(FactorSet)
            .where(FactorSet.fiscal_year == fiscal_year, FactorSet.regime == regime)
            .order_by(FactorSet.revision.desc())
            .limit(1)  # type: ignore[attr-defined]
        )
    ).scalar_one_or_none()


async def set_by_hash(session: AsyncSession, fiscal_year: int, regime: str, sha: str) -> FactorSet | None:
    return (
        await session.execute(
            select(FactorSet).where(
                FactorSet.fiscal_year == fiscal_year,
                FactorSet.regime == regime,
                FactorSet.content_sha256 == sha,
            )
        )
    ).scalar_one_or_none()


async def max_revision(session: AsyncSession, fiscal_year: int, regime: str) -> int:
    value = await session.scalar(
        select(func.max(FactorSet.revision)).where(
            FactorSet.fiscal_year == fiscal_year, FactorSet.regime == regime
        )
    )
    return int(value or 0)


async def get_set(session: AsyncSession, set_id: str) -> FactorSet | None:
    return await session.get(FactorSet, set_id)


async def current_revisions(session: AsyncSession) -> dict[tuple[int, str], int]:
    rows = (
        await session.execute(
            select(FactorSet.fiscal_year, FactorSet.regime, func.max(FactorSet.revision)).group_by(
                FactorSet.fiscal_year, FactorSet.regime
            )
        )
    ).all()
    return {(r[0], r[1]): int(r[2]) for r in rows}


async def list_sets(session: AsyncSession, limit: int, after: Sequence[Any] | None) -> list[FactorSet]:
    q = select(FactorSet)
    if after:
        fy, regime, rev = after
        q = q.where(
            or_(
                FactorSet.fiscal_year > fy,
                and_(FactorSet.fiscal_year == fy, FactorSet.regime > regime),
                and_(FactorSet.fiscal_year == fy, FactorSet.regime == regime, FactorSet.revision > rev),
            )
        )
    q = q.order_by(FactorSet.fiscal_year, FactorSet.regime, FactorSet.revision).limit(limit + 1)
    return list((await session.execute(q)).scalars())


async def factors_of_set_activity(session: AsyncSession, set_id: str, activity: str) -> list[Factor]:
    return list(
        (
            await session.execute(select(Factor).where(Factor.set_id == set_id, Factor.activity == activity))
        ).scalars()
    )


async def search_factors(
    session: AsyncSession,
    *,
    filters: dict[str, Any],
    set_ids: list[str] | None,
    limit: int,
    after: str | None,
) -> list[Factor]:
    q = select(Factor)
    for name, value in filters.items():
        if value is not None:
            q = q.where(getattr(Factor, name) == value)
    if set_ids is not None:
        q = q.where(Factor.set_id.in_(set_ids))  # type: ignore[attr-defined]
    if after is not None:
        q = q.where(Factor.id > after)
    q = q.order_by(Factor.id).limit(limit + 1)
    return list((await session.execute(q)).scalars())


async def get_factor(session: AsyncSession, factor_id: str) -> Factor | None:
    return await session.get(Factor, factor_id)


async def get_footprint(
    session: AsyncSession, footprint_id: str, *, for_update: bool = False
) -> Footprint | None:
    q = select(Footprint).where(Footprint.id == footprint_id)
    if for_update:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def list_footprints(
    session: AsyncSession,
    org: str,
    *,
    kind: str | None,
    fiscal_year: int | None,
    limit: int,
    after: Sequence[Any] | None,
) -> list[Footprint]:
    q = select(Footprint).where(Footprint.org == org)
    if kind:
        q = q.where(Footprint.kind == kind)
    if fiscal_year:
        q = q.where(Footprint.fiscal_year == fiscal_year)
    if after:
        created, fid = after
        q = q.where(
            or_(Footprint.created_at < created, and_(Footprint.created_at == created, Footprint.id < fid))
        )
    q = q.order_by(Footprint.created_at.desc(), Footprint.id.desc()).limit(limit + 1)  # type: ignore[attr-defined]
    return list((await session.execute(q)).scalars())


async def get_version(session: AsyncSession, footprint_id: str, version: int) -> FootprintVersion | None:
    return await session.get(FootprintVersion, (footprint_id, version))


async def lines_of(session: AsyncSession, footprint_id: str, version: int) -> list[FootprintLine]:
    return list(
        (
            await session.execute(
                select(FootprintLine)
                .where(FootprintLine.footprint_id == footprint_id, FootprintLine.version == version)
                .order_by(FootprintLine.position)
            )
        ).scalars()
    )


async def retirement_exists(session: AsyncSession, retirement_id: str) -> bool:
    return await session.get(Retirement, retirement_id) is not None


async def credits_retired_for(session: AsyncSession, footprint_id: str) -> int:
    value = await session.scalar(
        select(func.coalesce(func.sum(Retirement.quantity), 0)).where(Retirement.footprint_id == footprint_id)
    )
    return int(value or 0)


async def statistics_rows(session: AsyncSession) -> list[tuple[str, int, Any]]:
    """(kind, fiscal_year, total) per footprint; totals are decimal strings, summed exactly in Python."""
    rows = (await session.execute(select(Footprint.kind, Footprint.fiscal_year, Footprint.total_t_co2))).all()
    return [(r[0], r[1], r[2]) for r in rows]


async def credit_sums(session: AsyncSession) -> tuple[int, int]:
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(Footprint.credits_needed), 0),
                func.coalesce(func.sum(Footprint.credits_retired), 0),
            )
        )
    ).one()
    return int(row[0]), int(row[1])
