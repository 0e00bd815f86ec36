"""The event backbone against the tier's real broker (Tansu or Apache Kafka) and database.

Nothing here is mocked: the toy service writes through the outbox, its relay
publishes, and a consumer in another process applies events into its own database.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import func, select
from toyapp import NoteCreatedV1

from sosai_shared.db import Database
from sosai_shared.events.consumer import EventConsumer
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.settings import ServiceSettings
from sosai_shared.testing import auth, wait_until

HERE = Path(__file__).resolve().parent
W = auth("org-a", "notes:write")


class ConsumerProcess:
    def __init__(self, url: str, servers: str, group: str, crash: bool = False) -> None:
        args = [sys.executable, str(HERE / "consumer_proc.py"), url, servers, group]
        if crash:
            args.append("--crash-after-commit")
        env = {**os.environ, "PYTHONPATH": f"{HERE}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        self.proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        return self.proc.wait(timeout=30)


async def received_rows(url: str) -> list[tuple[str, str, int]]:
    from consumer_proc import metadata, received

    db = Database(url, metadata)
    try:
        async with db.sessionmaker() as s:
            try:
                rows = (
                    await s.execute(
                        select(received.c.event_id, received.c.key, received.c.seq).order_by(received.c.n)
                    )
                ).all()
            except Exception:
                return []  # the consumer process has not created its tables yet
            return [tuple(r) for r in rows]  # type: ignore[misc]
    finally:
        await db.dispose()


async def test_outbox_event_reaches_a_consumer_in_another_process_exactly_once(
    toy: httpx.AsyncClient,
    database_factory,
    bootstrap_servers: str,  # type: ignore[no-untyped-def]
) -> None:
    consumer_db = await database_factory.new("consumer")
    p = uuid.uuid4().hex[:6]
    for i in range(20):
        r = await toy.post("/v1/notes", json={"key": f"{p}k{i % 3}", "seq": i, "text": "x"}, headers=W)
        assert r.status_code == 201
    proc = ConsumerProcess(consumer_db, bootstrap_servers, f"g-{uuid.uuid4().hex[:8]}")
    try:
        rows = await wait_until(lambda: _has(consumer_db, 20, p))
    finally:
        assert proc.stop() in (0, -15)
    assert len({r[0] for r in rows}) == 20
    for key in (f"{p}k0", f"{p}k1", f"{p}k2"):  # per-key order kept end to end
        seqs = [r[2] for r in rows if r[1] == key]
        assert seqs == sorted(seqs)
    assert await toy.app.state.runtime.relay.backlog() == 0  # type: ignore[attr-defined]


async def _has(url: str, n: int, prefix: str) -> list[tuple[str, str, int]] | None:
    """The rows of this test's keys (the topic is shared by the tests of one run)."""
    rows = [r for r in await received_rows(url) if r[1].startswith(prefix)]
    assert len(rows) <= n, f"more effects than events: {len(rows)} > {n}"
    return rows if len(rows) == n else None


async def test_consumer_killed_between_db_commit_and_offset_commit_applies_nothing_twice(
    toy: httpx.AsyncClient,
    database_factory,
    bootstrap_servers: str,  # type: ignore[no-untyped-def]
) -> None:
    consumer_db = await database_factory.new("consumer")
    group = f"g-{uuid.uuid4().hex[:8]}"
    p = uuid.uuid4().hex[:6]
    for i in range(5):
        assert (
            await toy.post("/v1/notes", json={"key": p, "seq": i, "text": "x"}, headers=W)
        ).status_code == 201
    crashing = ConsumerProcess(consumer_db, bootstrap_servers, group, crash=True)
    assert crashing.proc.wait(timeout=90) == 3  # died right after its first DB commit
    first = await received_rows(consumer_db)
    # whatever it read first (the topic also holds earlier tests' events): one transaction, which
    # holds the consecutive events of its first fetch
    assert len(first) >= 1
    proc = ConsumerProcess(consumer_db, bootstrap_servers, group)
    try:
        rows = await wait_until(lambda: _has(consumer_db, 5, p))
    finally:
        proc.stop()
    assert [r[2] for r in rows] == [0, 1, 2, 3, 4]  # one key, one partition: order kept
    everything = await received_rows(consumer_db)
    # the events applied just before the crash were redelivered after the restart, and absorbed
    for applied_before_the_crash in first:
        assert [r[0] for r in everything].count(applied_before_the_crash[0]) == 1
    assert len({r[0] for r in everything}) == len(everything)
    assert len({r[0] for r in rows}) == 5


async def test_same_event_delivered_twice_is_applied_once(database_url: str) -> None:
    from consumer_proc import metadata, on_note, received

    db = Database(database_url, metadata)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    consumer = EventConsumer(
        ServiceSettings(service_name="t", database_url=database_url), db, "notes", {NoteCreatedV1: on_note}
    )
    payload = NoteCreatedV1(note_id="n1", key="k", seq=1, text="x")
    event = CloudEvent(
        id=str(uuid.uuid4()),
        source="/t",
        type=payload.event_type,
        subject="k",
        time=payload_time(),
        data=payload.model_dump(mode="json"),
    )
    assert await consumer.apply(event, payload, on_note, topic=NoteCreatedV1.topic) is True
    assert await consumer.apply(event, payload, on_note, topic=NoteCreatedV1.topic) is False
    async with db.sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(received)) == 1
    await db.dispose()


def payload_time():  # type: ignore[no-untyped-def]
    from sosai_shared.db import utcnow

    return utcnow()


async def test_poison_messages_go_to_the_dlq_and_the_rest_flow(
    database_url: str, bootstrap_servers: str
) -> None:
    from consumer_proc import metadata, on_note, received

    from sosai_shared.events.kafka import ensure_topics

    settings = ServiceSettings(
        service_name="t",
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        consumer_max_attempts=2,
    )
    topic = NoteCreatedV1.topic
    await ensure_topics(settings, [topic, f"{topic}.dlq"])
    db = Database(database_url, metadata)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)

    def good(seq: int) -> bytes:
        p = NoteCreatedV1(note_id=f"n{seq}", key="poison", seq=seq, text="ok")
        return CloudEvent(
            id=str(uuid.uuid4()),
            source="/t",
            type=p.event_type,
            subject="poison",
            time=payload_time(),
            data=p.model_dump(mode="json"),
        ).to_bytes()

    broken_contract = CloudEvent(
        id=str(uuid.uuid4()),
        source="/t",
        type=NoteCreatedV1.event_type,
        subject="poison",
        time=payload_time(),
        data={"key": "poison"},
    ).to_bytes()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    marker = uuid.uuid4().hex
    try:
        for value in (good(1), b"this is not json " + marker.encode(), broken_contract, good(2)):
            await producer.send_and_wait(topic, value=value, key=b"poison")
    finally:
        await producer.stop()

    consumer = EventConsumer(settings, db, "notes", {NoteCreatedV1: on_note}, group_id=f"g-{marker[:8]}")
    consumer.start()
    try:

        async def applied() -> int | None:
            async with db.sessionmaker() as s:
                n = await s.scalar(
                    select(func.count()).select_from(received).where(received.c.key == "poison")
                )
            return n if n and n >= 2 else None

        assert await wait_until(applied) == 2
    finally:
        await consumer.stop()
        await db.dispose()

    dlq = AIOKafkaConsumer(
        f"{topic}.dlq",
        bootstrap_servers=bootstrap_servers,
        auto_offset_reset="earliest",
        group_id=None,
        enable_auto_commit=False,
    )
    await dlq.start()
    reasons: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(reasons) < 2:
            for msgs in (await dlq.getmany(timeout_ms=1000)).values():
                for m in msgs:
                    h = dict(m.headers)
                    if marker.encode() in (m.value or b"") or b"payload breaks contract" in h["dlq.reason"]:
                        reasons.append(h["dlq.reason"].decode())
    finally:
        await dlq.stop()
    assert any("invalid CloudEvents envelope" in r for r in reasons), reasons
    assert any("payload breaks contract" in r for r in reasons), reasons


async def test_broker_down_writes_succeed_and_the_outbox_drains_in_order_after(
    toy: httpx.AsyncClient,
    broker_control,
    database_factory,
    bootstrap_servers: str,  # type: ignore[no-untyped-def]
) -> None:
    relay = toy.app.state.runtime.relay  # type: ignore[attr-defined]
    await wait_until(lambda: _zero(relay))
    broker_control.stop()
    down = f"down-{uuid.uuid4().hex[:6]}"
    for i in range(10):
        r = await toy.post("/v1/notes", json={"key": down, "seq": i, "text": "x"}, headers=W)
        assert r.status_code == 201, r.text
    await asyncio.sleep(1.0)
    assert await relay.backlog() == 10  # nothing lost, nothing published: all waiting in the outbox
    broker_control.start()
    await wait_until(lambda: _zero(relay), timeout=120)
    consumer_db = await database_factory.new("consumer")
    proc = ConsumerProcess(consumer_db, bootstrap_servers, f"g-{uuid.uuid4().hex[:8]}")
    try:

        async def ten_down() -> list[int] | None:
            seqs = [r[2] for r in await received_rows(consumer_db) if r[1] == down]
            return seqs if len(seqs) >= 10 else None

        seqs = await wait_until(ten_down, timeout=90)
    finally:
        proc.stop()
    assert seqs == list(range(10))


async def _zero(relay) -> bool:  # type: ignore[no-untyped-def]
    return await relay.backlog() == 0
