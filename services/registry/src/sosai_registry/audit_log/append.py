"""Appending to the chain in the same database transaction as the move.

``completed(session, tx)`` is the one hook, called where a registry transaction completes; the
entries are written just before that transaction commits (``before_commit``), under the head
row's lock, so concurrent requests append in commit order and a rolled-back move appends nothing.
SQLAlchemy runs session events inside the async session's greenlet, so they may issue SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import col

from sosai_registry.audit_log import chain
from sosai_registry.audit_log.models import LogEntry, LogHead
from sosai_registry.models import Transaction, TransactionBlock
from sosai_shared.db import UTCDateTime, utcnow
from sosai_shared.direct_sql import DirectStatement

_PENDING = "sosai_audit_log_pending"
_MOVES = "sosai_audit_log_moves"


def completed(session: AsyncSession, tx: Transaction) -> None:
    """Register ``tx`` for the log; it is appended when (and only if) the transaction commits."""
    sync = session.sync_session
    pending: list[Transaction] | None = sync.info.get(_PENDING)
    if pending is None:
        pending = sync.info[_PENDING] = []
    if all(p is not tx for p in pending):
        pending.append(tx)


def moved(session: AsyncSession, tx_id: str, moves: list[tuple[str, str, int, int]]) -> None:
    """The ranges ``tx_id`` moved, as the move engine wrote them: the append need not read them back."""
    session.sync_session.info.setdefault(_MOVES, {}).setdefault(tx_id, []).extend(moves)


#: PostgreSQL: lock the head, hash the entry, move the head and insert the entry in one statement, so
#: the lock that orders every completion is held for one round trip and the commit. The hash is the
#: one ``chain.digest`` gives (``chain.canonical_parts``); ``old`` is the head as locked, the newest.
_APPEND = DirectStatement(
    text(
        """
    WITH old AS (SELECT seq, hash FROM transaction_log_head WHERE id = 1 FOR UPDATE),
    moved AS (
        UPDATE transaction_log_head h
        SET seq = old.seq + 1,
            hash = encode(sha256(convert_to(
                CAST(:prefix AS text) || old.hash || '","seq":' || (old.seq + 1)::text || CAST(:suffix AS text),
                'UTF8')), 'hex')
        FROM old WHERE h.id = 1
        RETURNING h.seq, h.hash, old.hash AS prev_hash
    )
    INSERT INTO transaction_log (seq, transaction_id, prev_hash, hash, appended_at)
    SELECT seq, :tx, prev_hash, hash, :now FROM moved
    """
    ).bindparams(bindparam("now", type_=UTCDateTime))
)


def _forget(sync: Session) -> None:
    sync.info.get(_PENDING, []).clear()
    sync.info.pop(_MOVES, None)


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
    # read before taking the head's lock: every append waits for that lock, so it is held only for
    # the head read, the entry insert, the head update and the commit, never for this query; moves
    # the move engine reported (``moved``) are not read back
    known: dict[str, list[tuple[str, str, int, int]]] = sync.info.pop(_MOVES, {})
    unknown = [tx.id for tx in pending if tx.id not in known]
    moves = {**(moves_of(sync, unknown) if unknown else {}), **known}
    now = utcnow()
    if sync.get_bind().dialect.name == "postgresql":
        for tx in pending:
            assert tx.completed_at is not None
            prefix, suffix = chain.canonical_parts(tx.id, tx.kind, tx.completed_at, moves[tx.id])
            _APPEND.run_in_event(sync, {"prefix": prefix, "suffix": suffix, "tx": tx.id, "now": now})
        pending.clear()
        return
    head = sync.execute(select(LogHead).where(col(LogHead.id) == 1).with_for_update()).scalar_one()
    for tx in pending:
        e = entry_of(tx, moves[tx.id], head.seq + 1, head.hash)
        h = chain.digest(e)
        sync.add(LogEntry(seq=e["seq"], transaction_id=tx.id, prev_hash=head.hash, hash=h, appended_at=now))
        head.seq, head.hash = e["seq"], h
    pending.clear()
    sync.flush()


# Listened to once on the class: a listener added to each session built a dispatcher per request.
sa_event.listen(Session, "before_commit", _append)
sa_event.listen(Session, "after_rollback", _forget)
