"""Pure functions of the chain (no I/O), shared by the registry and by ``verify_log``.

The canonical serialisation is JSON with sorted keys and no whitespace of::

    {"seq", "transaction_id", "kind", "completed_at", "moves": [[from, to, start, end], ...], "prev_hash"}

with moves sorted, and ``hash = sha256(serialisation)`` in hex. Holding accounts appear as
pseudonyms (``acct-`` + the first 16 hex of sha256 of the account id): the chain and the
conservation of tonnes are checkable by anyone, while account ids stay with their holders (who
can recognise their own pseudonym). System accounts appear by name.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
SYSTEM_PREFIX = "SYS-"
ISSUANCE, RETIREMENT, BUFFER, CANCELLATION = (
    "SYS-ISSUANCE",
    "SYS-RETIREMENT",
    "SYS-BUFFER",
    "SYS-CANCELLATION",
)


def account_label(account_id: str) -> str:
    if account_id.startswith(SYSTEM_PREFIX):
        return account_id
    return "acct-" + hashlib.sha256(account_id.encode()).hexdigest()[:16]


def entry(
    seq: int,
    transaction_id: str,
    kind: str,
    completed_at: datetime,
    moves: Iterable[tuple[str, str, int, int]],
    prev_hash: str,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "transaction_id": transaction_id,
        "kind": kind,
        "completed_at": completed_at.isoformat(),
        "moves": sorted([account_label(f), account_label(t), int(a), int(z)] for f, t, a, z in moves),
        "prev_hash": prev_hash,
    }


def digest(e: dict[str, Any]) -> str:
    body = {k: e[k] for k in ("seq", "transaction_id", "kind", "completed_at", "moves", "prev_hash")}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def canonical_parts(
    transaction_id: str, kind: str, completed_at: datetime, moves: Iterable[tuple[str, str, int, int]]
) -> tuple[str, str]:
    """The canonical serialisation around the two values only the log's head knows: for every
    ``seq`` and ``prev_hash``, ``prefix + prev_hash + '","seq":' + str(seq) + suffix`` is exactly what
    :func:`digest` hashes. Lets the database compute the hash under the head's lock in one statement."""
    e = entry(0, transaction_id, kind, completed_at, moves, "")
    head = json.dumps(
        {k: e[k] for k in ("completed_at", "kind", "moves")}, sort_keys=True, separators=(",", ":")
    )
    return head[:-1] + ',"prev_hash":"', ',"transaction_id":' + json.dumps(transaction_id) + "}"


def check_chain(entries: list[dict[str, Any]], genesis: str) -> tuple[list[str], int, str]:
    """Problems found, and the (seq, hash) the chain ends at."""
    problems: list[str] = []
    seq, prev = 0, genesis
    for e in entries:
        if e.get("seq") != seq + 1:
            problems.append(f"entry after {seq} has sequence {e.get('seq')}")
        if e.get("prev_hash") != prev:
            problems.append(f"entry {e.get('seq')} does not chain to the previous hash")
        recomputed = digest(e)
        if recomputed != e.get("hash"):
            problems.append(f"entry {e.get('seq')}: content does not match its hash")
        seq, prev = int(e.get("seq", seq + 1)), str(e.get("hash"))
    return problems, seq, prev


def implied_totals(entries: list[dict[str, Any]]) -> dict[str, int]:
    """The registry-wide tonnes the moves imply, named as in the public statistics."""
    flows: Counter[str] = Counter()
    for e in entries:
        for f, t, a, z in e["moves"]:
            q = z - a + 1
            if f == ISSUANCE:
                flows["tonnes_issued"] += q
            if e["kind"] == "retirement":
                flows["tonnes_retired"] += q
            if e["kind"] == "cancellation":
                flows["tonnes_cancelled"] += q
            flows["tonnes_in_buffer"] += q * ((t == BUFFER) - (f == BUFFER))
    return {
        k: flows.get(k, 0)
        for k in ("tonnes_issued", "tonnes_retired", "tonnes_cancelled", "tonnes_in_buffer")
    }
