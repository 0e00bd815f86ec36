"""Pure rules of registry transactions: the status family, four eyes, and how much an issuance may be."""

from __future__ import annotations

import math
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sosai_registry.models import Transaction
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, Forbidden, Unprocessable

#: kinds proposed by one administrator and approved by another
FOUR_EYES_KINDS = {"issuance", "cancellation", "buffer_reversal"}


def new_tx(
    kind: str, quantity: int, proposer_sub: str, proposer_org: str, on: date, **fields: Any
) -> Transaction:
    """A transaction as proposed (proposed → checked → completed, or rejected/cancelled)."""
    return Transaction(
        id=str(uuid.uuid4()),
        kind=kind,
        status="proposed",
        quantity=quantity,
        proposer_sub=proposer_sub,
        proposer_org=proposer_org,
        effective_on=on,
        created_at=utcnow(),
        **fields,
    )


def complete(tx: Transaction, effective: date | None = None) -> None:
    now = utcnow()
    tx.status, tx.checked_at, tx.completed_at = "completed", now, now
    if effective is not None:
        tx.effective_on = effective


def check_positive(quantity: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise Unprocessable(
            "The quantity must be a positive whole number of tonnes.",
            type="invalid-quantity",
            title="Invalid quantity",
        )


def check_issuable(quantity: int, certified: int, issued: int, already_issued: bool) -> None:
    """An issuance is positive, the certification's first, and never above what was certified (I5)."""
    check_positive(quantity)
    if issued > 0 or already_issued:
        raise Conflict(
            "This certification has already been issued; it is issued at most once.",
            type="certification-already-issued",
            title="Certification already issued",
        )
    if quantity > certified - issued:
        raise Conflict(
            f"{quantity} t exceeds the {certified - issued} t certified and not issued.",
            type="issuance-exceeds-certified",
            title="Issuance exceeds certified quantity",
        )


def buffer_quantity(quantity: int, share: Decimal, forest: bool) -> int:
    """The forest buffer's share of an issuance, rounded up; the holder must still receive at least 1 t."""
    buffer_q = math.ceil(Decimal(quantity) * share) if forest else 0
    if quantity - buffer_q < 1:
        raise Unprocessable(
            f"{quantity} t leaves nothing for the holder after the {buffer_q} t buffer share.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
    return buffer_q


def check_decidable(tx: Transaction) -> None:
    if tx.kind not in FOUR_EYES_KINDS:
        raise Conflict(
            "Only issuance, cancellation and buffer reversal await approval.",
            type="transaction-not-pending",
            title="Not pending",
        )
    if tx.status != "proposed":
        raise Conflict(
            f"Transaction {tx.id} is {tx.status}.", type="transaction-not-pending", title="Not pending"
        )


def check_four_eyes(tx: Transaction, approver_sub: str) -> None:
    if tx.proposer_sub == approver_sub:
        raise Forbidden(
            "You cannot approve a task you initiated (four eyes).", type="four-eyes", title="Four eyes"
        )


def decided_against(tx: Transaction, decider_sub: str, reason: str) -> None:
    """Another administrator rejects; the proposer withdraws (cancels) their own proposal."""
    tx.status = "cancelled" if tx.proposer_sub == decider_sub else "rejected"
    tx.approver_sub = decider_sub
    tx.reason = f"{tx.reason}; {tx.status}: {reason}" if tx.reason else f"{tx.status}: {reason}"
    tx.completed_at = utcnow()
