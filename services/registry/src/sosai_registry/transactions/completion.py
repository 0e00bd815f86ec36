"""Completing an approved proposal: issuing into the holder's (and the buffer's) account, cancelling,
reversing the buffer. Every check runs again here, under locks, because the world may have moved
since the proposal. Each completion writes its outbox event in the same transaction.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

from sosai_registry import metrics
from sosai_registry.accounts.service import account_for, require_open
from sosai_registry.audit_log import append as audit_log
from sosai_registry.context import Ctx, count_tx
from sosai_registry.ledger import repository as ledger
from sosai_registry.ledger.schemas import BlockOut
from sosai_registry.ledger.serials import today_jst
from sosai_registry.ledger.service import block_view, event_block, move, new_block
from sosai_registry.models import (
    BUFFER_ACCOUNT,
    CANCELLATION_ACCOUNT,
    ISSUANCE_ACCOUNT,
    RETIREMENT_ACCOUNT,
    Certification,
    Issuance,
    Project,
    Transaction,
    TransactionBlock,
)
from sosai_registry.projects.rules import FOREST
from sosai_registry.projects.service import methodology
from sosai_registry.transactions import repository as repo
from sosai_registry.transactions.rules import buffer_quantity, check_issuable, complete
from sosai_shared.contracts import BufferReversedV1, CreditsCancelledV1, CreditsIssuedV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict
from sosai_shared.events.outbox import record


def finish(ctx: Ctx, tx: Transaction, effective: date | None = None) -> None:
    """Complete ``tx`` and chain it into the tamper-evident log once the transaction commits."""
    complete(tx, effective)
    audit_log.completed(ctx.session, tx)


async def issuance(
    ctx: Ctx, tx: Transaction, effective: date | None
) -> tuple[list[BlockOut], Transaction | None]:
    """Issue the certified serials: the holder's block, and the forest buffer's share in its own transaction."""
    s = ctx.session
    assert tx.certification_id and tx.to_account_id and tx.validity_end
    cert = await ledger.get(s, Certification, tx.certification_id, lock=True)
    assert cert is not None
    already = await repo.issuance_for_certification(s, cert.id) is not None
    check_issuable(tx.quantity, cert.quantity, cert.issued_quantity, already)
    acc = await account_for(ctx, tx.to_account_id, own=False)
    require_open(acc)
    project = await ledger.get(s, Project, cert.project_id)
    assert project is not None
    if project.status != "registered":
        raise Conflict(
            f"Project {project.code} is {project.status}.",
            type="project-not-registered",
            title="Project not registered",
        )
    meth = await methodology(ctx, project.methodology_id)
    q = tx.quantity
    buffer_q = buffer_quantity(q, ctx.buffer_share, meth.category == FOREST)
    start = await ledger.next_counter(s, "serial", q)
    end = start + q - 1
    on = effective or today_jst()
    now = utcnow()
    iss = Issuance(
        id=str(uuid.uuid4()),
        transaction_id=tx.id,
        certification_id=cert.id,
        project_id=project.id,
        holder_account_id=acc.id,
        holder_org=acc.org,
        serial_start=start,
        serial_end=end,
        quantity=q,
        buffer_quantity=buffer_q,
        scheme="JP",
        credit_type=meth.credit_type,
        programme=project.programme,
        project_code=project.code,
        vintage=cert.vintage,
        validity_end=tx.validity_end,
        issued_on=on,
        issued_at=now,
    )
    await ledger.insert_issuance(s, iss)
    cert.issued_quantity = q
    holder_end = end - buffer_q
    s.add(new_block(iss, acc.id, start, holder_end))
    s.add(
        TransactionBlock(
            transaction_id=tx.id,
            issuance_id=iss.id,
            from_account_id=ISSUANCE_ACCOUNT,
            to_account_id=acc.id,
            start=start,
            end=holder_end,
            at=now,
        )
    )
    views = [block_view(iss, start, holder_end)]
    buffer_tx = None
    if buffer_q:
        buffer_tx = Transaction(
            id=str(uuid.uuid4()),
            kind="buffer_contribution",
            status="proposed",
            quantity=buffer_q,
            from_account_id=ISSUANCE_ACCOUNT,
            from_org="registry",
            to_account_id=BUFFER_ACCOUNT,
            to_org="registry",
            proposer_sub=tx.proposer_sub,
            proposer_org=tx.proposer_org,
            approver_sub=ctx.sub,
            certification_id=cert.id,
            project_id=project.id,
            parent_id=tx.id,
            effective_on=on,
            created_at=now,
        )
        finish(ctx, buffer_tx)
        s.add(buffer_tx)
        await s.flush()
        s.add(new_block(iss, BUFFER_ACCOUNT, holder_end + 1, end))
        s.add(
            TransactionBlock(
                transaction_id=buffer_tx.id,
                issuance_id=iss.id,
                from_account_id=ISSUANCE_ACCOUNT,
                to_account_id=BUFFER_ACCOUNT,
                start=holder_end + 1,
                end=end,
                at=now,
            )
        )
        views.append(block_view(iss, holder_end + 1, end))
        count_tx(s, "buffer_contribution", "completed")
    finish(ctx, tx, on)
    await s.flush()
    await record(
        s,
        CreditsIssuedV1(
            issuance_id=iss.id,
            certification_id=cert.id,
            project_id=project.id,
            account_id=acc.id,
            holder_org=acc.org,
            quantity=q,
            buffer_quantity=buffer_q,
            blocks=[event_block(v) for v in views],
            issued_at=now,
        ),
        source=ctx.source,
    )
    count_tx(s, "issuance", "completed", lambda: metrics.TONNES_ISSUED.inc(q))
    return views, buffer_tx


async def cancellation(ctx: Ctx, tx: Transaction, effective: date | None) -> list[BlockOut]:
    assert tx.from_account_id
    acc = await account_for(ctx, tx.from_account_id, lock=True, own=False)
    ranges = [(int(a), int(b)) for a, b in json.loads(tx.requested_ranges)] if tx.requested_ranges else None
    moved = await move(
        ctx, tx, acc.id, CANCELLATION_ACCOUNT, quantity=None if ranges else tx.quantity, ranges=ranges
    )
    finish(ctx, tx, effective)
    await record(
        ctx.session,
        CreditsCancelledV1(
            cancellation_id=tx.id,
            account_id=acc.id,
            holder_org=acc.org,
            quantity=tx.quantity,
            blocks=[event_block(v) for v in moved],
            reason=tx.reason or "",
            cancelled_at=utcnow(),
        ),
        source=ctx.source,
    )
    q = tx.quantity
    count_tx(ctx.session, "cancellation", "completed", lambda: metrics.TONNES_CANCELLED.inc(q))
    return moved


async def buffer_reversal(ctx: Ctx, tx: Transaction, effective: date | None) -> list[BlockOut]:
    assert tx.project_id
    await account_for(ctx, BUFFER_ACCOUNT, lock=True, own=False)
    moved = await move(
        ctx, tx, BUFFER_ACCOUNT, RETIREMENT_ACCOUNT, quantity=tx.quantity, project_id=tx.project_id
    )
    finish(ctx, tx, effective)
    await record(
        ctx.session,
        BufferReversedV1(
            reversal_id=tx.id,
            project_id=tx.project_id,
            quantity=tx.quantity,
            blocks=[event_block(v) for v in moved],
            reason=tx.reason or "",
            reversed_at=utcnow(),
        ),
        source=ctx.source,
    )
    q = tx.quantity
    count_tx(ctx.session, "buffer_reversal", "completed", lambda: metrics.TONNES_RETIRED.inc(q))
    return moved
