"""A consumer in its own process: applies NoteCreated events into its own database.

Run as ``python shared/tests/consumer_proc.py DB_URL BOOTSTRAP GROUP [--crash-after-commit]``
(with shared/tests on PYTHONPATH). With the flag it dies right after its first database commit,
before the offset commit: the restart must not apply that event twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.ext.asyncio import AsyncSession
from toyapp import NoteCreatedV1

from sosai_shared.db import Database, add_platform_tables
from sosai_shared.events.consumer import EventConsumer
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.settings import ServiceSettings

metadata = MetaData()
add_platform_tables(metadata)
received = Table(
    "received",
    metadata,
    Column("n", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("key", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
)


async def on_note(session: AsyncSession, payload: NoteCreatedV1, event: CloudEvent) -> None:
    await session.execute(received.insert().values(event_id=event.id, key=payload.key, seq=payload.seq))


async def main() -> None:
    url, servers, group = sys.argv[1], sys.argv[2], sys.argv[3]
    crash = "--crash-after-commit" in sys.argv
    settings = ServiceSettings(service_name="toyconsumer", database_url=url, kafka_bootstrap_servers=servers)
    db = Database(url, metadata)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)

    def die(_: CloudEvent) -> None:
        os._exit(3)

    consumer = EventConsumer(
        settings,
        db,
        "notes",
        {NoteCreatedV1: on_note},
        group_id=group,
        after_db_commit=die if crash else None,
    )
    consumer.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    print("consumer ready", flush=True)
    await stop.wait()
    await consumer.stop()
    await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
