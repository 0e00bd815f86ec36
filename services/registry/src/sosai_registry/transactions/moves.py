"""Holder moves that complete at once: transfers between holding accounts and retirements (無効化).

Both account rows of a transfer are locked (in id order, so opposite transfers never deadlock)
before any block: credits never land in an account that is being closed or suspended.
"""

from __future__ import annotations

from sosai_registry import metrics
from sosai_registry.accounts import repository as accounts
from sosai_registry.accounts.service import require_open, visible
from sosai_registry.claims.rules import check_beneficiary_org
from sosai_registry.context import Ctx, count_tx
from sosai_registry.ledger.rules import check_quantity, quantity_of
from sosai_registry.ledger.serials import today_jst
from sosai_registry.ledger.service import UNMOVABLE, event_block, move
from sosai_registry.models import RETIREMENT_ACCOUNT, Transaction
from sosai_registry.transactions import repository as repo
from sosai_registry.transactions.completion import finish
from sosai_registry.transactions.rules import new_tx
from sosai_registry.transactions.schemas import RetirementIn, TransferIn
from sosai_registry.transactions.service import Outcome
from sosai_shared.contracts import CreditsRetiredV1, CreditsTransferredV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, NotFound, Unprocessable
from sosai_shared.events.outbox import record


def _units_retired() -> Conflict:
    return Conflict(
        "Retired or cancelled units never move again.",
        type="units-retired",
        title="Units retired or cancelled",
    )


async def _completed(ctx: Ctx, kind: str, quantity: int, **fields: str | None) -> Transaction:
    """Insert the caller's transaction completed (one INSERT, no UPDATE: a failed move rolls it back)."""
    tx = new_tx(kind, quantity, ctx.sub, ctx.org, today_jst(), **fields)
    finish(ctx, tx)
    await repo.insert_transaction(ctx.session, tx)
    return tx


async def transfer(ctx: Ctx, body: TransferIn) -> Outcome:
    ranges = body.spans()
    check_quantity(body.quantity, ranges)
    locked = await accounts.lock_accounts(ctx.session, [body.from_account_id, body.to_account_id])
    src = visible(ctx, locked.get(body.from_account_id), body.from_account_id)
    dst = visible(ctx, locked.get(body.to_account_id), body.to_account_id, own=False)
    if src.kind != "holding" or dst.kind != "holding":
        if src.id in UNMOVABLE:
            raise _units_retired()
        raise NotFound(
            "Transfers go between holding accounts.", type="account-not-found", title="Account not found"
        )
    if src.id == dst.id:
        raise Unprocessable("The sending and acquiring accounts are the same.", type="same-account")
    require_open(src)
    require_open(dst)
    qty = quantity_of(body.quantity, ranges)
    tx = await _completed(
        ctx, "transfer", qty, from_account_id=src.id, from_org=src.org, to_account_id=dst.id, to_org=dst.org
    )
    moved = await move(ctx, tx, src.id, dst.id, quantity=body.quantity, ranges=ranges)
    await record(
        ctx.session,
        CreditsTransferredV1(
            transfer_id=tx.id,
            from_account_id=src.id,
            to_account_id=dst.id,
            from_org=src.org,
            to_org=dst.org,
            quantity=qty,
            blocks=[event_block(v) for v in moved],
            transferred_at=tx.completed_at or utcnow(),
        ),
        source=ctx.source,
    )
    count_tx(ctx.session, "transfer", "completed", lambda: metrics.TONNES_TRANSFERRED.inc(qty))
    return Outcome(tx, moved)


async def retire(ctx: Ctx, body: RetirementIn) -> Outcome:
    ranges = body.spans()
    check_quantity(body.quantity, ranges)
    if body.account_id in UNMOVABLE:
        raise _units_retired()
    locked = await accounts.lock_accounts(ctx.session, [body.account_id])
    src = visible(ctx, locked.get(body.account_id), body.account_id)
    if src.kind != "holding":
        raise NotFound(f"No holding account {src.id}.", type="account-not-found", title="Account not found")
    require_open(src)
    check_beneficiary_org(src, body.beneficiary_org)  # only providers retire for others
    qty = quantity_of(body.quantity, ranges)
    tx = await _completed(
        ctx,
        "retirement",
        qty,
        from_account_id=src.id,
        from_org=src.org,
        to_account_id=RETIREMENT_ACCOUNT,
        to_org="registry",
        use=body.use,
        purpose=body.purpose,
        beneficiary=body.beneficiary,
        beneficiary_org=body.beneficiary_org,
        footprint_id=body.footprint_id,
        session_id=body.session_id,
        application_id=body.application_id,
    )
    moved = await move(ctx, tx, src.id, RETIREMENT_ACCOUNT, quantity=body.quantity, ranges=ranges)
    await record(
        ctx.session,
        CreditsRetiredV1(
            retirement_id=tx.id,
            account_id=src.id,
            holder_org=src.org,
            quantity=qty,
            blocks=[event_block(v) for v in moved],
            use=body.use,
            purpose=body.purpose,
            beneficiary=body.beneficiary,
            beneficiary_org=body.beneficiary_org,
            footprint_id=body.footprint_id,
            session_id=body.session_id,
            application_id=body.application_id,
            retired_at=tx.completed_at or utcnow(),
        ),
        source=ctx.source,
    )
    count_tx(ctx.session, "retirement", "completed", lambda: metrics.TONNES_RETIRED.inc(qty))
    return Outcome(tx, moved)
