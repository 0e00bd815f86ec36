"""No event is acknowledged silently: unknown types and versions are dead-lettered with a reason,
published types a consumer has no use for are counted as ignored."""

from __future__ import annotations

import os
import time
import uuid
from typing import ClassVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from prometheus_client import REGISTRY
from sqlalchemy import Column, MetaData, String, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_shared.contracts.base import EventPayload
from sosai_shared.db import Database, add_platform_tables, utcnow
from sosai_shared.events.consumer import EventConsumer
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.events.kafka import ensure_topics
from sosai_shared.settings import ServiceSettings
from sosai_shared.testing import wait_until

RUN = os.environ.setdefault("SOSAI_TOY_RUN", uuid.uuid4().hex[:8])
TOPIC = f"unknown{RUN}.events"


class NoteTaggedV1(EventPayload):
    event_type: ClassVar[str] = f"jp.sosai.unknown{RUN}.note.tagged.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "key"
    key: str


class NoteArchivedV1(EventPayload):
    """Published on the same topic; the consumer below has no use for it."""

    event_type: ClassVar[str] = f"jp.sosai.unknown{RUN}.note.archived.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "key"
    key: str


metadata = MetaData()
add_platform_tables(metadata)
tagged = Table(
    "tagged", metadata, Column("event_id", String(64), primary_key=True), Column("key", String(64))
)


async def on_tagged(session: AsyncSession, payload: NoteTaggedV1, event: CloudEvent) -> None:
    await session.execute(tagged.insert().values(event_id=event.id, key=payload.key))


def envelope(event_type: str, key: str) -> bytes:
    return CloudEvent(
        id=str(uuid.uuid4()), source="/t", type=event_type, subject=key, time=utcnow(), data={"key": key}
    ).to_bytes()


async def test_unknown_types_and_versions_are_dead_lettered_and_ignored_types_counted(
    database_url: str, bootstrap_servers: str
) -> None:
    settings = ServiceSettings(
        service_name="t", database_url=database_url, kafka_bootstrap_servers=bootstrap_servers
    )
    await ensure_topics(settings, [TOPIC, f"{TOPIC}.dlq"])
    db = Database(database_url, metadata)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    marker = uuid.uuid4().hex[:10]
    v2 = NoteTaggedV1.event_type.removesuffix(".v1") + ".v2"
    mystery = f"jp.sosai.unknown{RUN}.note.mystery.v1"
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        for event_type in (
            NoteTaggedV1.event_type,
            v2,
            NoteArchivedV1.event_type,
            mystery,
            NoteTaggedV1.event_type,
        ):
            await producer.send_and_wait(TOPIC, value=envelope(event_type, marker), key=marker.encode())
    finally:
        await producer.stop()

    consumer = EventConsumer(settings, db, f"tags{marker}", {NoteTaggedV1: on_tagged}, group_id=f"g-{marker}")
    consumer.start()
    try:

        async def applied() -> int | None:
            async with db.sessionmaker() as s:
                n = await s.scalar(select(func.count()).select_from(tagged).where(tagged.c.key == marker))
            return n if n == 2 else None

        assert await wait_until(applied) == 2  # the good events on either side still flow
    finally:
        await consumer.stop()
        await db.dispose()
    ignored = REGISTRY.get_sample_value(
        "sosai_consumer_ignored_total",
        {"service": "t", "consumer": f"tags{marker}", "type": NoteArchivedV1.event_type},
    )
    assert ignored == 1

    dlq = AIOKafkaConsumer(
        f"{TOPIC}.dlq",
        bootstrap_servers=bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await dlq.start()
    reasons: dict[str, str] = {}
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(reasons) < 2:
            for msgs in (await dlq.getmany(timeout_ms=1000)).values():
                for m in msgs:
                    if m.key == marker.encode():
                        event = CloudEvent.from_bytes(m.value or b"")
                        reasons[event.type] = dict(m.headers)["dlq.reason"].decode()
    finally:
        await dlq.stop()
    assert set(reasons) == {v2, mystery}, reasons  # the ignored type is not a dead letter
    assert "unknown version 'v2'" in reasons[v2] and "applies v1" in reasons[v2]
    assert "unknown event type" in reasons[mystery]
