"""Where a retirement's propagation time goes, read from the services' own tables after a run.

Every ``CreditsRetiredV1`` the registry wrote is followed through three timestamps the services
record anyway, so nothing is instrumented for the benchmark:

* ``outbox.created_at``: the event's time, taken in the registry's request before its commit;
* ``outbox.published_at``: set by the relay once the broker acknowledged the batch (an upper bound
  on the acknowledgement: the mark is its own short transaction);
* ``inbox.processed_at`` in each consumer's database: taken when the consumer starts applying the
  event it received, in the transaction that applies it.

So ``created → published`` is the relay (commit, wake-up, read, send, acknowledgement, mark) and
``created → received`` is the whole path up to the consumer's handler, broker and fetch included;
what a poll then sees also waits for that handler's commit. All services run on one machine, so
their clocks are the same clock.

On PostgreSQL with ``track_commit_timestamp`` (deploy/local/postgres.sh turns it on) one more hop
is exact and needs no poll: ``committed → committed``, from the commit of the registry's
transaction that wrote the retirement (its ``transactions`` row; the 201 follows that commit) to the commit of each consumer's
transaction that applied it (from then on every read of that service sees it), both read with
``pg_xact_commit_timestamp(xmin)`` from the one cluster's clock. This is the propagation the issue
asks for, measured by the database's own notification of each commit instead of a tight poll.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sosai_shared.contracts import CreditsRetiredV1

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "registry"))
from invariants import rows

CONSUMERS = ("calculator", "certification", "events-catalog")


def _when(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _ms(xs: list[float], q: int) -> str:
    if len(xs) < 2:
        return "n/a"
    return f"{statistics.quantiles(xs, n=100, method='inclusive')[q - 1]:.0f}"


async def hops(database_urls: dict[str, str]) -> list[str]:
    """One line per hop: p50, p99 and max in ms over every retirement of the run."""
    kind = CreditsRetiredV1.event_type
    sent = {
        event_id: (_when(created), _when(published) if published else None)
        for event_id, created, published in await rows(
            database_urls["registry"],
            "SELECT event_id, created_at, published_at FROM outbox WHERE type = ?",
            kind,
        )
    }
    relay = [(p - c).total_seconds() * 1000 for c, p in sent.values() if p is not None]
    lines = [
        f"  created -> published (relay)     n={len(relay)}: p50 {_ms(relay, 50)}, p99 {_ms(relay, 99)} ms"
    ]
    for name in CONSUMERS:
        if name not in database_urls:
            continue
        got = await rows(
            database_urls[name], "SELECT event_id, processed_at FROM inbox WHERE event_type = ?", kind
        )
        path = [(_when(t) - sent[e][0]).total_seconds() * 1000 for e, t in got if e in sent]
        after_ack = [
            (_when(t) - sent[e][1]).total_seconds() * 1000
            for e, t in got
            if e in sent and sent[e][1] is not None
        ]
        lines.append(
            f"  created -> received ({name:<14}) n={len(path)}: p50 {_ms(path, 50)}, p99 {_ms(path, 99)} ms; "
            f"published -> received p50 {_ms(after_ack, 50)} ms"
        )
    return lines + await commit_to_commit(database_urls)


async def commit_to_commit(database_urls: dict[str, str]) -> list[str]:
    """Registry commit → each consumer's commit, per retirement; empty off PostgreSQL, or when the
    cluster does not keep commit timestamps."""
    url = database_urls["registry"]
    if not url.startswith("postgresql"):
        return []
    if (await rows(url, "SHOW track_commit_timestamp"))[0][0] != "on":
        return ["  committed -> committed: track_commit_timestamp is off in this cluster (see hops.py)"]
    kind = CreditsRetiredV1.event_type
    # the retirement's own row: the outbox row is updated by the relay's mark (a new xmin), the
    # transaction row never changes after the commit that inserted it with its event
    q = (
        "SELECT o.event_id, pg_xact_commit_timestamp(t.xmin), o.published_at FROM outbox o "
        "JOIN transactions t ON t.id = o.envelope->'data'->>'retirement_id' WHERE o.type = ?"
    )
    found = [(e, _when(t), p) for e, t, p in await rows(url, q, kind) if t is not None]
    registry = {e: t for e, t, _ in found}
    # the relay's share: from the registry's commit to the broker's acknowledgement (published_at)
    relay = [(_when(p) - t).total_seconds() * 1000 for _, t, p in found if p is not None]
    lines = [
        f"  committed -> published (relay) n={len(relay)}: p50 {_ms(relay, 50)}, p99 {_ms(relay, 99)} ms"
    ]
    q = "SELECT event_id, pg_xact_commit_timestamp(xmin), processed_at FROM inbox WHERE event_type = ?"
    for name in CONSUMERS:
        if name not in database_urls:
            continue
        got = [(e, t, r) for e, t, r in await rows(database_urls[name], q, kind) if e in registry and t]
        ms = sorted((_when(t) - registry[e]).total_seconds() * 1000 for e, t, _ in got)
        # the consumer's own share: from taking the event up (processed_at) to its commit
        own = [(_when(t) - _when(r)).total_seconds() * 1000 for _, t, r in got]
        worst = f"{ms[-1]:.0f}" if ms else "n/a"
        lines.append(
            f"  committed -> committed ({name:<14}) n={len(ms)}: p50 {_ms(ms, 50)}, p99 {_ms(ms, 99)}, "
            f"max {worst} ms; received -> committed p50 {_ms(own, 50)}, p99 {_ms(own, 99)} ms"
        )
    return lines


if __name__ == "__main__":
    import json
    import sys

    print("\n".join(asyncio.run(hops(json.loads(sys.argv[1])))))
