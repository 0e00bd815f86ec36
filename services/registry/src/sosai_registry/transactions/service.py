"""Proposals and four-eyes decisions: issuance, cancellation (取消) and buffer reversal.

One administrator proposes, another approves (``approve`` runs every check again under locks
and completes the transaction through ``completion``); the proposer may withdraw, another
administrator may reject. Takes the session, never commits; metrics count after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sosai_registry.accounts.service import account_for, require_open
from sosai_registry.context import Ctx, count_tx
from sosai_registry.ledger import repository as ledger
from sosai_registry.ledger.rules import check_quantity, quantity_of
from sosai_registry.ledger.schemas import BlockOut
from sosai_registry.ledger.serials import today_jst
from sosai_registry.ledger.service import UNMOVABLE, moved_views
from sosai_registry.models import BUFFER_ACCOUNT, CANCELLATION_ACCOUNT, RETIREMENT_ACCOUNT, Transaction
from sosai_registry.projects.service import certification_for, project_for
from sosai_registry.transactions import approvals, completion
from sosai_registry.transactions import repository as repo
from sosai_registry.transactions.rules import (
    check_decidable,
    check_four_eyes,
    check_issuable,
    check_positive,
    decided_against,
    new_tx,
)
from sosai_registry.transactions.schemas import (
    BufferReversalIn,
    CancellationIn,
    IssuanceProposalIn,
    RetirementOut,
    TransactionOut,
)
from sosai_shared.errors import Conflict, NotFound


@dataclass
class Outcome:
    """A completed (or decided) transaction, the ranges it moved, and the buffer contribution it spawned."""

    tx: Transaction
    blocks: list[BlockOut] = field(default_factory=list)
    buffer_tx: Transaction | None = None


def proposed(ctx: Ctx, kind: str, quantity: int, **fields: str | date | None) -> Transaction:
    tx = new_tx(kind, quantity, ctx.sub, ctx.org, today_jst(), **fields)
    ctx.session.add(tx)
    return tx


async def propose_issuance(ctx: Ctx, certification_id: str, body: IssuanceProposalIn) -> Transaction:
    cert = await certification_for(ctx, certification_id)
    already = await repo.issuance_for_certification(ctx.session, cert.id) is not None
    check_issuable(body.quantity, cert.quantity, cert.issued_quantity, already)
    acc = await account_for(ctx, body.account_id, own=False)
    if acc.kind != "holding":
        raise NotFound(f"No holding account {acc.id}.", type="account-not-found", title="Account not found")
    require_open(acc)
    tx = proposed(
        ctx,
        "issuance",
        body.quantity,
        to_account_id=acc.id,
        to_org=acc.org,
        certification_id=cert.id,
        project_id=cert.project_id,
        validity_end=body.validity_end,
    )
    await ctx.session.flush()
    await approvals.requested(ctx, tx)
    count_tx(ctx.session, "issuance", "proposed")
    return tx


async def propose_cancellation(ctx: Ctx, body: CancellationIn) -> Transaction:
    ranges = body.spans()
    check_quantity(body.quantity, ranges)
    if body.account_id in UNMOVABLE:
        raise Conflict(
            f"Units in {body.account_id} are {UNMOVABLE[body.account_id]} and never move again.",
            type="units-retired",
            title="Units retired or cancelled",
        )
    acc = await account_for(ctx, body.account_id, own=False)
    qty = quantity_of(body.quantity, ranges)
    held = await ledger.balance(ctx.session, acc.id)
    if qty > held:
        raise Conflict(
            f"The account holds {held} t; {qty} t requested.",
            type="insufficient-balance",
            title="Insufficient balance",
            available=held,
        )
    tx = proposed(
        ctx,
        "cancellation",
        qty,
        from_account_id=acc.id,
        from_org=acc.org,
        to_account_id=CANCELLATION_ACCOUNT,
        reason=body.reason,
        requested_ranges=json.dumps(ranges) if ranges is not None else None,
    )
    await ctx.session.flush()
    await approvals.requested(ctx, tx)
    count_tx(ctx.session, "cancellation", "proposed")
    return tx


async def propose_buffer_reversal(ctx: Ctx, body: BufferReversalIn) -> Transaction:
    check_positive(body.quantity)
    p = await project_for(ctx, body.project_id)
    held = sum(b.quantity for b in await ledger.blocks_of(ctx.session, BUFFER_ACCOUNT, project_id=p.id))
    if body.quantity > held:
        raise Conflict(
            f"The buffer holds {held} t of project {p.code}.",
            type="insufficient-balance",
            title="Insufficient balance",
            available=held,
        )
    tx = proposed(
        ctx,
        "buffer_reversal",
        body.quantity,
        from_account_id=BUFFER_ACCOUNT,
        from_org="registry",
        to_account_id=RETIREMENT_ACCOUNT,
        project_id=p.id,
        reason=body.reason,
    )
    await ctx.session.flush()
    await approvals.requested(ctx, tx)
    count_tx(ctx.session, "buffer_reversal", "proposed")
    return tx


async def transaction_for(ctx: Ctx, tx_id: str, *, lock: bool = False) -> Transaction:
    tx = await ledger.get(ctx.session, Transaction, tx_id, lock=lock)
    if tx is None or (not ctx.is_admin and ctx.org not in {tx.from_org, tx.to_org}):
        raise NotFound(
            f"No transaction {tx_id}.", type="transaction-not-found", title="Transaction not found"
        )
    return tx


async def _pending_for_decision(ctx: Ctx, tx_id: str) -> Transaction:
    tx = await transaction_for(ctx, tx_id, lock=True)
    check_decidable(tx)
    return tx


async def approve(ctx: Ctx, tx_id: str, effective: date | None) -> Outcome:
    tx = await _pending_for_decision(ctx, tx_id)
    check_four_eyes(tx, ctx.sub)
    tx.approver_sub = tx.approver_sub or ctx.sub
    if tx.kind == "issuance":
        blocks, buffer_tx = await completion.issuance(ctx, tx, effective)
        done = Outcome(tx, blocks, buffer_tx)
    elif tx.kind == "cancellation":
        done = Outcome(tx, await completion.cancellation(ctx, tx, effective))
    else:
        done = Outcome(tx, await completion.buffer_reversal(ctx, tx, effective))
    await approvals.decided(ctx, tx)
    return done


async def decide_against(ctx: Ctx, tx_id: str, reason: str) -> Transaction:
    """Another admin rejects; the proposer withdraws (cancels) their own proposal."""
    tx = await _pending_for_decision(ctx, tx_id)
    decided_against(tx, ctx.sub, reason)
    await ctx.session.flush()
    await approvals.decided(ctx, tx, reason)
    count_tx(ctx.session, tx.kind, tx.status)
    return tx


# ---------------------------------------------------------------- views
async def transaction_views(
    ctx: Ctx, txs: Sequence[Transaction], buffer_tx: Transaction | None = None
) -> list[TransactionOut]:
    """Views of transactions with the ranges they moved, in two queries for any number of them."""
    moved = await moved_views(ctx.session, [t.id for t in txs])
    return [view_of(t, moved[t.id], buffer_tx) for t in txs]


def view_of(tx: Transaction, blocks: list[BlockOut], buffer_tx: Transaction | None = None) -> TransactionOut:
    """The view of a transaction whose moved ranges are known (a move just made): no query."""
    view = TransactionOut.model_validate(tx, from_attributes=True)
    view.blocks = sorted(blocks, key=lambda b: b.start)  # the order ``moved_views`` reads them in
    view.buffer_transaction_id = buffer_tx.id if buffer_tx else None
    return view


async def transaction_view(ctx: Ctx, tx: Transaction, buffer_tx: Transaction | None = None) -> TransactionOut:
    return (await transaction_views(ctx, [tx], buffer_tx))[0]


def retirement_view(base_url: str, tx: Transaction, blocks: list[BlockOut]) -> RetirementOut:
    """A retirement as the public sees it: its stable URL and printable notice beside the facts."""
    base = base_url.rstrip("/")
    assert tx.completed_at is not None
    return RetirementOut(
        id=tx.id,
        status=tx.status,
        quantity=tx.quantity,
        account_id=tx.from_account_id or "",
        holder_org=tx.from_org or "",
        use=tx.use or "",
        purpose=tx.purpose or "",
        beneficiary=tx.beneficiary or "",
        beneficiary_org=tx.beneficiary_org,
        footprint_id=tx.footprint_id,
        session_id=tx.session_id,
        application_id=tx.application_id,
        retired_at=tx.completed_at,
        retired_on=tx.effective_on,
        blocks=blocks,
        url=f"{base}/v1/public/retirements/{tx.id}",
        notice_url=f"{base}/v1/public/retirements/{tx.id}/notice",
    )


async def retirement_views(ctx: Ctx, base_url: str, txs: Sequence[Transaction]) -> list[RetirementOut]:
    moved = await moved_views(ctx.session, [t.id for t in txs])
    return [retirement_view(base_url, t, moved[t.id]) for t in txs]
