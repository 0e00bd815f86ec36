"""Every query over Anshin providers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification.models import Provider

ACTIVE = ("applied", "registered", "suspended")


async def get(session: AsyncSession, provider_id: str, *, for_update: bool = False) -> Provider | None:
    stmt = select(Provider).where(Provider.id == provider_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def active_for_org(session: AsyncSession, org: str) -> Provider | None:
    stmt = select(Provider).where(Provider.org == org, Provider.status.in_(ACTIVE))  # type: ignore[attr-defined]
    return (await session.execute(stmt.limit(1))).scalar_one_or_none()


async def page(
    session: AsyncSession, *, limit: int, cursor: list[object] | None, statuses: Iterable[str]
) -> list[Provider]:
    stmt = select(Provider).where(Provider.status.in_(list(statuses)))  # type: ignore[attr-defined]
    if cursor:
        name, ident = str(cursor[0]), str(cursor[1])
        stmt = stmt.where(or_(Provider.name > name, and_(Provider.name == name, Provider.id > ident)))
    return list((await session.execute(stmt.order_by(Provider.name, Provider.id).limit(limit + 1))).scalars())
