"""Faults around the event backbone with real processes: a relay killed between the broker's
acknowledgement and marking its rows, and a consumer group rebalanced mid-stream."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import httpx
from aiokafka import AIOKafkaConsumer
from test_events_broker import ConsumerProcess, received_rows
from toy_process import ToyProcess
from toyapp import NoteCreatedV1

from sosai_shared.events.envelope import CloudEvent
from sosai_shared.testing import auth, wait_until

W = auth("org-a", "notes:write")


async def copies_on_the_topic(servers: str, key: str) -> list[str]:
    """Event ids of every message with this key on the toy topic, read from the earliest offset
    until the topic has been quiet for a few seconds."""
    consumer = AIOKafkaConsumer(
        NoteCreatedV1.topic, bootstrap_servers=servers, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    ids: list[str] = []
    quiet = 0
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and quiet < 3:
            got = [m for msgs in (await consumer.getmany(timeout_ms=1000)).values() for m in msgs]
            quiet = 0 if got else quiet + 1
            ids.extend(CloudEvent.from_bytes(m.value or b"").id for m in got if m.key == key.encode())
    finally:
        await consumer.stop()
    return ids


async def test_relay_killed_after_the_ack_before_marking_the_duplicate_is_applied_once(
    database_url: str,
    database_factory,
    bootstrap_servers: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    key = f"dup-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "toy.log"
    toy = ToyProcess(database_url, bootstrap_servers, log).start(SOSAI_FAULT_POINT="relay-after-ack")
    try:
        try:
            async with httpx.AsyncClient(base_url=toy.url, timeout=10) as client:
                await client.post("/v1/notes", json={"key": key, "seq": 0, "text": "once"}, headers=W)
        except httpx.TransportError:
            pass  # the relay may kill the process before the response is out; the commit came first
        assert toy.proc is not None and toy.proc.wait(timeout=60) == -9  # died after the broker's ack
    finally:
        toy.kill()
    toy = ToyProcess(database_url, bootstrap_servers, log).start()  # the relay publishes the row again
    consumer_db = await database_factory.new("consumer")
    consumer = ConsumerProcess(consumer_db, bootstrap_servers, f"g-{uuid.uuid4().hex[:8]}")
    try:
        async with httpx.AsyncClient(base_url=toy.url, timeout=10) as client:
            r = await client.post("/v1/notes", json={"key": key, "seq": 1, "text": "after"}, headers=W)
        assert r.status_code == 201, r.text

        async def both_applied() -> list[tuple[str, str, int]] | None:
            rows = [row for row in await received_rows(consumer_db) if row[1] == key]
            return rows if len(rows) >= 2 else None

        # one key, one partition: the duplicate was consumed before the later event was applied
        rows = await wait_until(both_applied, timeout=120)
    finally:
        consumer.stop()
        toy.stop()
    copies = await copies_on_the_topic(bootstrap_servers, key)
    first = [row[0] for row in rows if row[2] == 0]
    assert copies.count(first[0]) == 2, copies  # delivered twice: acknowledged, not marked, re-sent
    assert [row[2] for row in rows] == [0, 1]  # ...and applied once


async def test_a_second_consumer_joins_mid_stream_and_leaves_every_event_applied_once(
    toy: httpx.AsyncClient,
    database_factory,
    bootstrap_servers: str,  # type: ignore[no-untyped-def]
) -> None:
    consumer_db = await database_factory.new("consumer")
    group = f"g-{uuid.uuid4().hex[:8]}"
    prefix = f"rb-{uuid.uuid4().hex[:6]}"
    total = 90

    async def write(start: int, end: int) -> None:
        for i in range(start, end):  # three keys, so the events spread over the partitions
            r = await toy.post(
                "/v1/notes", json={"key": f"{prefix}-{i % 3}", "seq": i, "text": "x"}, headers=W
            )
            assert r.status_code == 201, r.text
            await asyncio.sleep(0.1)

    async def applied_at_least(n: int) -> int | None:
        count = len([r for r in await received_rows(consumer_db) if r[1].startswith(prefix)])
        return count if count >= n else None

    first = ConsumerProcess(consumer_db, bootstrap_servers, group)
    second: ConsumerProcess | None = None
    try:
        await write(0, 30)
        await wait_until(lambda: applied_at_least(1), timeout=120)  # the first instance owns the partitions
        second = ConsumerProcess(consumer_db, bootstrap_servers, group)  # joins: a rebalance mid-stream
        await write(30, 60)
        assert second.stop() in (0, -15)  # leaves: another rebalance, with events still flowing
        await write(60, total)
        await wait_until(lambda: applied_at_least(total), timeout=180)
        await asyncio.sleep(2)  # anything applied twice would show up by now
    finally:
        if second is not None:
            second.stop()
        first.stop()
    rows = [r for r in await received_rows(consumer_db) if r[1].startswith(prefix)]
    assert len(rows) == total and len({r[0] for r in rows}) == total  # each event applied exactly once
    for k in range(3):  # and in order within each key
        seqs = [r[2] for r in rows if r[1] == f"{prefix}-{k}"]
        assert seqs == sorted(seqs) and len(seqs) == total // 3
