"""What reached the broker: every outbox row published once, read back from the topics themselves.

After a run, the outbox is first drained (every row marked published, within a deadline). Then each
topic the registry wrote to (under the run's own topic prefix, so earlier runs do not count) is read
from its first to its last offset, and the CloudEvent ids found are set against the outbox's rows:

* ``unpublished``: outbox rows still not marked published after the deadline;
* ``missing``: outbox events found on no topic;
* ``duplicates``: messages carrying an id already seen. Delivery is at least once (a relay that dies
  between the broker's acknowledgement and its mark sends the row again) and consumers absorb a
  repeat by its id, so a duplicate is not a lost guarantee; in a run where nothing failed there
  should be none, and with several registry processes none means that only one relay published.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from invariants import rows


async def drain(url: str, deadline_s: float = 60) -> int:
    """Wait until the outbox has no unpublished row (or the deadline passes); the rows left."""
    end = time.monotonic() + deadline_s
    while True:
        left = int((await rows(url, "SELECT count(*) FROM outbox WHERE published_at IS NULL"))[0][0])
        if left == 0 or time.monotonic() > end:
            return left
        await asyncio.sleep(0.5)


async def outbox_ids(url: str) -> tuple[set[str], list[str]]:
    found = await rows(url, "SELECT envelope, topic FROM outbox")
    ids = {(env if isinstance(env, dict) else json.loads(env))["id"] for env, _ in found}
    return ids, sorted({topic for _, topic in found})


async def broker_ids(broker: str, topics: list[str]) -> Counter[str]:
    """How many times each CloudEvent id appears on the topics, read from the beginning to the end."""
    consumer = AIOKafkaConsumer(bootstrap_servers=broker, enable_auto_commit=False)
    await consumer.start()
    seen: Counter[str] = Counter()
    try:
        admin = AIOKafkaAdminClient(bootstrap_servers=broker)
        await admin.start()
        try:
            described = await admin.describe_topics(topics)
        finally:
            await admin.close()
        parts = [TopicPartition(t["topic"], p["partition"]) for t in described for p in t["partitions"]]
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        ends = await consumer.end_offsets(parts)
        while [tp for tp in parts if await consumer.position(tp) < ends[tp]]:
            batch = await consumer.getmany(*parts, timeout_ms=1000)
            for records in batch.values():
                for r in records:
                    seen[json.loads(r.value)["id"]] += 1
    finally:
        await consumer.stop()
    return seen


async def check(url: str, broker: str, prefix: str) -> tuple[str, list[str]]:
    """One line of figures and the problems found (unpublished, missing or repeated events)."""
    left = await drain(url)
    ids, topics = await outbox_ids(url)
    seen = await broker_ids(broker, [prefix + t for t in topics])
    missing = len(ids - seen.keys())
    duplicates = sum(n - 1 for n in seen.values())
    line = (
        f"broker: {sum(seen.values())} messages on {len(topics)} topics for {len(ids)} outbox rows; "
        f"unpublished {left}, missing {missing}, duplicates {duplicates}"
    )
    wrong = [
        f"{k} {v}" for k, v in (("unpublished", left), ("missing", missing), ("duplicates", duplicates)) if v
    ]
    return line, wrong


def _utc(value: datetime | str) -> datetime:
    """A timestamp as PostgreSQL (a datetime) or SQLite (its text) gives it back, in UTC."""
    t = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t


async def relay_lag(url: str, since: datetime) -> str:
    """How long the rows created since ``since`` waited in the outbox: created → marked published.

    The mark follows the broker's acknowledgement, so this is the relay's whole share of an event's
    way to the consumers, from the moment its transaction wrote it."""
    found = await rows(url, "SELECT created_at, published_at FROM outbox WHERE published_at IS NOT NULL")
    lags = sorted((_utc(p) - _utc(c)).total_seconds() * 1000 for c, p in found if _utc(c) >= since)
    if not lags:
        return "relay: no rows in the open loop"
    q = lambda f: lags[min(len(lags) - 1, int(f * len(lags)))]  # noqa: E731
    return f"relay, open loop: created -> published n={len(lags)}: p50 {q(0.5):.0f}, p99 {q(0.99):.0f}, max {lags[-1]:.0f} ms"
