"""Every query over factor sets and factors."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_calculator.models import Factor, FactorSet
from sosai_shared.pagination import Page, PageParams, keyset_page


async def current_set(session: AsyncSession, fiscal_year: int, regime: str) -> FactorSet | None:
    """The newest revision of a fiscal year's set: what new calculations use."""
    q = (
        select(FactorSet)
        .where(FactorSet.fiscal_year == fiscal_year, FactorSet.regime == regime)
        .order_by(col(FactorSet.revision).desc())
        .limit(1)
    )
    return (await session.execute(q)).scalar_one_or_none()


async def loaded_years(session: AsyncSession, regime: str) -> list[int]:
    q = select(FactorSet.fiscal_year).where(FactorSet.regime == regime).distinct()
    return [int(y) for y in (await session.execute(q)).scalars()]


async def set_by_hash(session: AsyncSession, fiscal_year: int, regime: str, sha: str) -> FactorSet | None:
    q = select(FactorSet).where(
        FactorSet.fiscal_year == fiscal_year, FactorSet.regime == regime, FactorSet.content_sha256 == sha
    )
    return (await session.execute(q)).scalar_one_or_none()


async def max_revision(session: AsyncSession, fiscal_year: int, regime: str) -> int:
    q = select(func.max(FactorSet.revision)).where(
        FactorSet.fiscal_year == fiscal_year, FactorSet.regime == regime
    )
    return int((await session.execute(q)).scalar_one_or_none() or 0)


async def get_set(session: AsyncSession, set_id: str) -> FactorSet | None:
    return await session.get(FactorSet, set_id)


async def current_revisions(session: AsyncSession) -> dict[tuple[int, str], int]:
    q = select(col(FactorSet.fiscal_year), col(FactorSet.regime), func.max(FactorSet.revision)).group_by(
        col(FactorSet.fiscal_year), col(FactorSet.regime)
    )
    return {(int(fy), str(rg)): int(rev) for fy, rg, rev in (await session.execute(q)).all()}


async def page_sets(session: AsyncSession, paging: PageParams) -> Page[FactorSet]:
    keys = (col(FactorSet.fiscal_year), col(FactorSet.regime), col(FactorSet.revision))
    return await keyset_page(session, select(FactorSet), keys, paging)


async def factors_of_set_activity(session: AsyncSession, set_id: str, activity: str) -> list[Factor]:
    q = select(Factor).where(Factor.set_id == set_id, Factor.activity == activity)
    return list((await session.execute(q)).scalars())


async def search_factors(
    session: AsyncSession,
    *,
    filters: dict[str, str | int | None],
    set_ids: Sequence[str] | None,
    paging: PageParams,
) -> Page[Factor]:
    q = select(Factor)
    for name, value in filters.items():
        if value is not None:
            q = q.where(getattr(Factor, name) == value)
    if set_ids is not None:
        q = q.where(col(Factor.set_id).in_(set_ids))
    return await keyset_page(session, q, (col(Factor.id),), paging)


async def get_factor(session: AsyncSession, factor_id: str) -> Factor | None:
    return await session.get(Factor, factor_id)
