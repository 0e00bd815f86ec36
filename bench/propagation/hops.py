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
    return lines


if __name__ == "__main__":
    import json
    import sys

    print("\n".join(asyncio.run(hops(json.loads(sys.argv[1])))))
