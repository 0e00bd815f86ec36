"""A fetched burst applied in one transaction (``apply_many``), on the tier's real database.

What the batch must keep from the one-by-one path: each event applied once (a duplicate inside
the burst, or one the inbox already holds, is skipped), in order, and a handler that takes runs
(``applies_many``) sees exactly the new events, while a per-event handler in the same burst
still runs between them in place.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from aiokafka import ConsumerRecord
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from toyapp import NoteCreatedV1

from sosai_shared.db import Database, service_registry
from sosai_shared.events.consumer import Prepared, applies_many, apply_many
from sosai_shared.events.envelope import CloudEvent


def _prepared(event_id: str, handler: Any, n: int) -> Prepared:
    payload = NoteCreatedV1(note_id=f"note-{n}", key=f"k{n}", seq=n, text=f"text {n}")
    event = CloudEvent(
        id=event_id,
        source="/sosai/toy",
        type=payload.event_type,
        subject=payload.subject,
        time=datetime.now(UTC),
        data=payload.model_dump(mode="json"),
    )
    msg: ConsumerRecord[bytes, bytes] = ConsumerRecord(
        topic="toy.notes",
        partition=0,
        offset=n,
        timestamp=0,
        timestamp_type=0,
        key=None,
        value=event.to_bytes(),
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=0,
        headers=(),
    )
    return Prepared(msg, event, payload, handler)


async def test_a_burst_applies_each_new_event_once_in_order(database_url: str) -> None:
    reg = service_registry()
    db = Database(database_url, reg.metadata, source="/sosai/toy")
    async with db.engine.begin() as conn:
        await conn.run_sync(reg.metadata.create_all)
    seen: list[str] = []  # what the handlers were given, in order: "one:<id>" or "run:<ids>"

    async def one(_session: AsyncSession, _payload: Any, event: CloudEvent) -> None:
        seen.append(f"one:{event.id}")

    async def run(_session: AsyncSession, items: list[tuple[Any, CloudEvent]]) -> None:
        seen.append("run:" + ",".join(e.id for _, e in items))

    async def plain(_session: AsyncSession, _payload: Any, event: CloudEvent) -> None:
        seen.append(f"plain:{event.id}")

    batched = applies_many(one, run)
    ids = [f"e{n}-{uuid.uuid4().hex[:6]}" for n in range(6)]
    try:
        # e0 is in the inbox already (an earlier delivery of the same event)
        assert await apply_many(db, "toy-consumer", [_prepared(ids[0], batched, 0)]) == [True]
        seen.clear()
        burst = [
            _prepared(ids[0], batched, 0),  # applied before: skipped
            _prepared(ids[1], batched, 1),
            _prepared(ids[2], batched, 2),
            _prepared(ids[1], batched, 1),  # the same event twice in one fetch: once
            _prepared(ids[3], plain, 3),  # a per-event handler between two runs
            _prepared(ids[4], batched, 4),
            _prepared(ids[5], batched, 5),
        ]
        applied = await apply_many(db, "toy-consumer", burst)
        assert applied == [False, True, True, False, True, True, True]
        assert seen == [f"run:{ids[1]},{ids[2]}", f"plain:{ids[3]}", f"run:{ids[4]},{ids[5]}"]

        async with db.sessionmaker() as s:
            rows = (
                await s.execute(select(db.inbox.c.event_id).where(db.inbox.c.consumer == "toy-consumer"))
            ).scalars()
            assert sorted(rows) == sorted(ids)  # one inbox row each, the duplicate included once

        # the whole burst again (a redelivery after a crash before the offset commit): nothing new
        seen.clear()
        assert await apply_many(db, "toy-consumer", burst) == [False] * len(burst)
        assert seen == []
        # another consumer of the same database has its own inbox rows
        assert await apply_many(db, "other-consumer", burst[:2]) == [True, True]
    finally:
        await db.dispose()
