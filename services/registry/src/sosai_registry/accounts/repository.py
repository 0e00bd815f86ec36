"""Every query over accounts, provider organisations and price indications."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_registry.models import Account, PriceIndication, ProviderOrg
from sosai_shared.pagination import Page, PageParams, keyset_page


async def lock_accounts(session: AsyncSession, ids: Sequence[str]) -> dict[str, Account]:
    """Lock account rows in id order, so that two transactions naming the same accounts never deadlock;
    returns the rows found, in the same statement (one round trip for both accounts)."""
    stmt = (
        select(Account)
        .where(col(Account.id).in_(sorted(set(ids))))
        .order_by(col(Account.id))
        .with_for_update()
    )
    return {a.id: a for a in (await session.execute(stmt)).scalars().all()}


async def is_provider_org(session: AsyncSession, org: str) -> bool:
    return (await session.get(ProviderOrg, org)) is not None


async def add_provider_org(session: AsyncSession, provider: ProviderOrg) -> None:
    session.add(provider)
    await session.flush()


async def mark_provider_accounts(session: AsyncSession, org: str) -> None:
    await session.execute(update(Account).where(col(Account.org) == org).values(anshin_provider=True))


async def accounts_page(session: AsyncSession, params: PageParams, org: str | None) -> Page[Account]:
    stmt = select(Account)
    if org is not None:
        stmt = stmt.where(Account.org == org)
    return await keyset_page(session, stmt, (col(Account.created_at), col(Account.id)), params)


async def latest_prices(session: AsyncSession) -> list[PriceIndication]:
    sub = (
        select(PriceIndication.org, PriceIndication.credit_type, func.max(PriceIndication.id).label("mid"))
        .group_by(PriceIndication.org, PriceIndication.credit_type)
        .subquery()
    )
    stmt = (
        select(PriceIndication)
        .join(sub, col(PriceIndication.id) == sub.c.mid)
        .order_by(col(PriceIndication.credit_type), col(PriceIndication.org))
    )
    return list((await session.execute(stmt)).scalars().all())


async def prices_page(
    session: AsyncSession, params: PageParams, credit_type: str | None
) -> Page[PriceIndication]:
    stmt = select(PriceIndication)
    if credit_type:
        stmt = stmt.where(PriceIndication.credit_type == credit_type)
    return await keyset_page(session, stmt, (col(PriceIndication.posted_at), col(PriceIndication.id)), params)
