"""Every query over Anshin providers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_certification.models import Provider
from sosai_shared.pagination import Page, PageParams, keyset_page

ACTIVE = ("applied", "registered", "suspended")


async def active_for_org(session: AsyncSession, org: str) -> Provider | None:
    stmt = select(Provider).where(col(Provider.org) == org, col(Provider.status).in_(ACTIVE))
    return (await session.execute(stmt.limit(1))).scalar_one_or_none()


async def page(session: AsyncSession, paging: PageParams, *, statuses: Iterable[str]) -> Page[Provider]:
    """Providers in the given statuses, by name (then id, which makes the order total)."""
    stmt = select(Provider).where(col(Provider.status).in_(list(statuses)))
    return await keyset_page(session, stmt, (col(Provider.name), col(Provider.id)), paging)
