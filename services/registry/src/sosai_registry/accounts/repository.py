"""Every query over accounts, provider organisations and price indications."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, bindparam, func, or_, update
from sqlalchemy import select as core_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sosai_registry.models import Account, PriceIndication, ProviderOrg
from sosai_shared.direct_sql import DirectStatement
from sosai_shared.pagination import Page, PageParams, keyset_page

_ACCOUNTS = cast(Table, Account.__table__)  # type: ignore[attr-defined]  # SQLModel does not declare it
_LOCK = DirectStatement(
    core_select(_ACCOUNTS)
    .where(or_(_ACCOUNTS.c.id == bindparam("first"), _ACCOUNTS.c.id == bindparam("second")))
    .order_by(_ACCOUNTS.c.id)
    .with_for_update()
)


async def lock_accounts(session: AsyncSession, ids: Sequence[str]) -> dict[str, Account]:
    """Lock one or two account rows in id order, so that two transactions naming the same accounts
    never deadlock; returns the rows found, in the same statement (one round trip for both accounts).
    The accounts returned are not tracked by the session: movers read them, never change them."""
    first, *rest = sorted(set(ids))
    assert len(rest) <= 1, "a move names at most two accounts"
    rows = await _LOCK.rows(session, {"first": first, "second": rest[0] if rest else first})
    return {r["id"]: Account(**r) for r in rows}


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
