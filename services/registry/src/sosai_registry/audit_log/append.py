"""Appending to the chain in the same database transaction as the move.

``completed(session, tx)`` is the one hook, called where a registry transaction completes; the
entries are written just before that transaction commits (``before_commit``), under the head
row's lock, so concurrent requests append in commit order and a rolled-back move appends nothing.
SQLAlchemy runs session events inside the async session's greenlet, so they may issue SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import col

from sosai_registry.audit_log import chain
from sosai_registry.audit_log.models import LogEntry, LogHead
from sosai_registry.models import Transaction, TransactionBlock
from sosai_shared.db import utcnow

_PENDING = "sosai_audit_log_pending"


def completed(session: AsyncSession, tx: Transaction) -> None:
    """Register ``tx`` for the log; it is appended when (and only if) the transaction commits."""
    sync = session.sync_session
    pending: list[Transaction] | None = sync.info.get(_PENDING)
    if pending is None:
        pending = sync.info[_PENDING] = []
        sa_event.listen(sync, "before_commit", _append)
        sa_event.listen(sync, "after_rollback", _forget)
    if all(p is not tx for p in pending):
        pending.append(tx)


def _forget(sync: Session) -> None:
    sync.info.get(_PENDING, []).clear()


def moves_of(sync: Session, tx_ids: list[str]) -> dict[str, list[tuple[str, str, int, int]]]:
    rows = sync.execute(
        select(
            col(TransactionBlock.transaction_id),
            col(TransactionBlock.from_account_id),
            col(TransactionBlock.to_account_id),
            col(TransactionBlock.start),
            col(TransactionBlock.end),
        ).where(col(TransactionBlock.transaction_id).in_(tx_ids))
    ).all()
    out: dict[str, list[tuple[str, str, int, int]]] = {t: [] for t in tx_ids}
    for tid, f, t, a, z in rows:
        out[tid].append((f, t, a, z))
    return out


def entry_of(tx: Any, moves: list[tuple[str, str, int, int]], seq: int, prev_hash: str) -> dict[str, Any]:
    assert tx.completed_at is not None
    return chain.entry(seq, tx.id, tx.kind, tx.completed_at, moves, prev_hash)


def _append(sync: Session) -> None:
    pending: list[Transaction] = sync.info.get(_PENDING, [])
    if not pending:
        return
    sync.flush()
    head = sync.execute(select(LogHead).where(col(LogHead.id) == 1).with_for_update()).scalar_one()
    moves = moves_of(sync, [tx.id for tx in pending])
    now = utcnow()
    for tx in pending:
        e = entry_of(tx, moves[tx.id], head.seq + 1, head.hash)
        h = chain.digest(e)
        sync.add(LogEntry(seq=e["seq"], transaction_id=tx.id, prev_hash=head.hash, hash=h, appended_at=now))
        head.seq, head.hash = e["seq"], h
    pending.clear()
    sync.flush()
