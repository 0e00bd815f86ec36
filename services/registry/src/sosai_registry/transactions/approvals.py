"""Events of the four-eyes queue: a proposal waiting for a second officer, and its decision.

Written to the outbox in the transaction that proposes or decides, so the notifications service can
tell the proposer's officers what waits for them (a digest) without reading this database.
"""

from __future__ import annotations

from typing import Literal

from sosai_registry.context import Ctx
from sosai_registry.models import Transaction
from sosai_shared.contracts import ApprovalDecidedV1, ApprovalRequestedV1
from sosai_shared.db import utcnow
from sosai_shared.events.outbox import record

Decision = Literal["approved", "rejected", "withdrawn", "expired"]

#: a decided proposal's status → the decision the event names (a proposer's own rejection is a withdrawal)
DECISIONS: dict[str, Decision] = {"completed": "approved", "rejected": "rejected", "cancelled": "withdrawn"}


async def requested(ctx: Ctx, tx: Transaction) -> None:
    # an issuance names the account credits go to; a cancellation or a reversal the one they leave
    account_id, account_org = (
        (tx.to_account_id, tx.to_org) if tx.kind == "issuance" else (tx.from_account_id, tx.from_org)
    )
    await record(
        ctx.session,
        ApprovalRequestedV1(
            proposal_id=tx.id,
            kind=tx.kind,
            account_id=account_id or "",
            account_org=account_org or "",
            quantity=tx.quantity,
            project_id=tx.project_id,
            reason=tx.reason,
            proposer_sub=tx.proposer_sub,
            proposer_org=tx.proposer_org,
            proposed_at=tx.created_at,
        ),
        source=ctx.source,
    )


async def decided(ctx: Ctx, tx: Transaction, reason: str | None = None) -> None:
    await record(
        ctx.session,
        ApprovalDecidedV1(
            proposal_id=tx.id,
            kind=tx.kind,
            proposer_org=tx.proposer_org,
            decision=DECISIONS[tx.status],
            decided_by=ctx.sub,
            reason=reason,
            decided_at=tx.completed_at or utcnow(),
        ),
        source=ctx.source,
    )
