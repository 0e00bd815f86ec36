"""The ledger's invariants, checked on the registry's database after a benchmark run.

* every issued tonne is in exactly one account: the blocks add up to the issued quantity, no two
  blocks overlap, and every block lies inside its issuance's range;
* issued serial ranges are disjoint;
* every completed transfer or retirement has exactly one outbox row, and their number equals the
  201 answers the load generator counted (nothing completed unseen, nothing answered twice);
* every completed transaction has its entry in the tamper-evident log.

Plain SQL that runs on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import asyncpg

from sosai_shared.contracts import CreditsRetiredV1, CreditsTransferredV1

MOVE_EVENTS = (CreditsTransferredV1.event_type, CreditsRetiredV1.event_type)

QUERIES = {
    "issued_tonnes": "SELECT COALESCE(SUM(quantity), 0) FROM issuances",
    "held_tonnes": 'SELECT COALESCE(SUM("end" - start + 1), 0) FROM blocks',
    "overlapping_blocks": "SELECT count(*) FROM blocks a JOIN blocks b ON a.id < b.id "
    'AND a.start <= b."end" AND b.start <= a."end"',
    "blocks_outside_issuance": "SELECT count(*) FROM blocks b JOIN issuances i ON i.id = b.issuance_id "
    'WHERE b.start < i.serial_start OR b."end" > i.serial_end',
    "overlapping_issuances": "SELECT count(*) FROM issuances a JOIN issuances b ON a.id < b.id "
    "AND a.serial_start <= b.serial_end AND b.serial_start <= a.serial_end",
    "completed_moves": "SELECT count(*) FROM transactions WHERE kind IN ('transfer', 'retirement') "
    "AND status = 'completed'",
    "outbox_moves": f"SELECT count(*) FROM outbox WHERE type IN ('{MOVE_EVENTS[0]}', '{MOVE_EVENTS[1]}')",
    "completed_transactions": "SELECT count(*) FROM transactions WHERE status = 'completed'",
    "log_entries": "SELECT count(*) FROM transaction_log",
}


async def rows(url: str, sql: str, *args: Any) -> list[tuple]:
    """A query's rows from a service's database, on either dialect.

    ``url`` is a SQLAlchemy URL (``postgresql+asyncpg://...``, ``sqlite+aiosqlite:///path``), a plain
    ``postgresql://`` DSN or a SQLite file path; parameters are written ``?`` (SQLite's style) and
    numbered for PostgreSQL here.
    """
    if url.startswith("postgresql"):
        conn = await asyncpg.connect(url.replace("+asyncpg", ""))
        try:
            n = iter(range(1, len(args) + 1))
            return [tuple(r) for r in await conn.fetch(re.sub(r"\?", lambda _: f"${next(n)}", sql), *args)]
        finally:
            await conn.close()
    db = sqlite3.connect(url.split("///", 1)[1] if url.startswith("sqlite") else url)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


async def measure(url: str) -> dict[str, int]:
    """The figures above from a registry database (any ``url`` that :func:`rows` takes)."""
    return {k: int((await rows(url, q))[0][0]) for k, q in QUERIES.items()}


def problems(found: dict[str, Any], answered_201: int, moves_before: int) -> list[str]:
    """What is wrong, given the 201s counted by the generator and the moves completed before it ran."""
    out = []
    if found["held_tonnes"] != found["issued_tonnes"]:
        out.append(f"held {found['held_tonnes']} t != issued {found['issued_tonnes']} t")
    for k in ("overlapping_blocks", "blocks_outside_issuance", "overlapping_issuances"):
        if found[k]:
            out.append(f"{k}: {found[k]}")
    if found["outbox_moves"] != found["completed_moves"]:
        out.append(f"outbox rows {found['outbox_moves']} != completed moves {found['completed_moves']}")
    if found["completed_moves"] - moves_before != answered_201:
        out.append(f"completed moves {found['completed_moves'] - moves_before} != 201 answers {answered_201}")
    if found["log_entries"] != found["completed_transactions"]:
        out.append(f"log entries {found['log_entries']} != completed {found['completed_transactions']}")
    return out
