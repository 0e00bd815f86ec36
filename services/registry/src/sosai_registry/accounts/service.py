"""Holding accounts (open, suspend, reopen, close), balances, Anshin providers and price indications.

Takes the session, never commits. A caller sees its own organisation's accounts (administrators
see all, system accounts included); anything else is 404, never 403.
"""

from __future__ import annotations

import uuid
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_registry.accounts import repository as repo
from sosai_registry.accounts.schemas import BalanceOut, PriceIn
from sosai_registry.context import Ctx
from sosai_registry.ledger import repository as ledger
from sosai_registry.ledger.service import block_view
from sosai_registry.models import Account, PriceIndication, ProviderOrg
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, Forbidden, NotFound, Unprocessable

AccountAction = Literal["suspend", "reopen", "close"]
_TARGET = {"suspend": "suspended", "reopen": "open", "close": "closed"}
_ALLOWED_FROM = {"suspend": {"open"}, "reopen": {"suspended"}, "close": {"open", "suspended"}}


async def account_for(ctx: Ctx, account_id: str, *, lock: bool = False, own: bool = True) -> Account:
    """The account if it exists and (unless admin) belongs to the caller; otherwise 404 account-not-found."""
    return visible(ctx, await ledger.get(ctx.session, Account, account_id, lock=lock), account_id, own=own)


def visible(ctx: Ctx, acc: Account | None, account_id: str, *, own: bool = True) -> Account:
    """``acc`` if it exists and the caller may see it (see :func:`account_for`); otherwise 404."""
    if acc is None or (own and not ctx.is_admin and acc.org != ctx.org):
        raise NotFound(f"No account {account_id}.", type="account-not-found", title="Account not found")
    return acc


def require_open(acc: Account) -> None:
    if acc.status != "open":
        raise Conflict(
            f"Account {acc.id} is {acc.status}.", type="account-not-open", title="Account not open"
        )


async def open_account(ctx: Ctx, name: str) -> Account:
    acc = Account(
        id=str(uuid.uuid4()),
        org=ctx.org,
        name=name,
        kind="holding",
        status="open",
        anshin_provider=await repo.is_provider_org(ctx.session, ctx.org),
        created_at=utcnow(),
    )
    ctx.session.add(acc)
    await ctx.session.flush()
    return acc


async def set_account_status(ctx: Ctx, account_id: str, action: AccountAction) -> Account:
    acc = await account_for(ctx, account_id, lock=True)
    if acc.kind != "holding":
        raise Conflict("System accounts cannot change status.", type="system-account", title="System account")
    if action in {"suspend", "reopen"} and not ctx.is_admin:
        raise Forbidden("Only administrators suspend or reopen accounts.", type="insufficient-scope")
    if acc.status not in _ALLOWED_FROM[action]:
        raise Conflict(
            f"Account {acc.id} is {acc.status}; cannot {action}.",
            type="invalid-account-status",
            title="Invalid account status",
        )
    if action == "close" and await ledger.balance(ctx.session, acc.id) > 0:
        raise Conflict(
            "Only an empty account can be closed; transfer or retire its credits first.",
            type="account-not-empty",
            title="Account not empty",
        )
    acc.status = _TARGET[action]
    await ctx.session.flush()
    return acc


async def balance(ctx: Ctx, account_id: str) -> BalanceOut:
    acc = await account_for(ctx, account_id)
    blocks = await ledger.blocks_of(ctx.session, acc.id)
    return BalanceOut(
        account_id=acc.id,
        total=sum(b.quantity for b in blocks),
        blocks=[block_view(b, b.start, b.end) for b in blocks],
    )


async def register_provider(session: AsyncSession, org: str, provider_id: str, name: str) -> None:
    """Remember the org as an Anshin provider and mark its accounts (now and those opened later)."""
    if not await repo.is_provider_org(session, org):
        await repo.add_provider_org(
            session, ProviderOrg(org=org, provider_id=provider_id, name=name, registered_at=utcnow())
        )
    await repo.mark_provider_accounts(session, org)


async def post_price(ctx: Ctx, body: PriceIn) -> PriceIndication:
    if body.bid_yen is None and body.offer_yen is None:
        raise Unprocessable("Give a bid, an offer or both.", type="invalid-price")
    if body.bid_yen is not None and body.offer_yen is not None and body.bid_yen > body.offer_yen:
        raise Unprocessable("The bid is above the offer.", type="invalid-price")
    p = PriceIndication(
        org=ctx.org,
        credit_type=body.credit_type,
        bid_yen=body.bid_yen,
        offer_yen=body.offer_yen,
        posted_at=utcnow(),
    )
    ctx.session.add(p)
    await ctx.session.flush()
    return p
