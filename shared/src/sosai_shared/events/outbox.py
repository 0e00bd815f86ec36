"""The transactional outbox: events are rows written in the same transaction as the change.

:func:`record` adds the row; :class:`OutboxRelay` publishes pending rows in commit
order, selecting by ``published_at IS NULL`` (never by an id cursor, so a row that
committed late is not skipped), keyed by aggregate id, ``acks=all``, and marks a row
published only after the broker acknowledged it. A crash between acknowledgement
and marking re-sends the row: duplicates are possible, loss is not, and consumers
are idempotent. On PostgreSQL one relay per database holds an advisory lock, so
several replicas never interleave one key's events. A commit wakes the relay of its
own process, and on PostgreSQL a commit in any replica also wakes the one holding the
lock (``LISTEN``/``NOTIFY``, :mod:`sosai_shared.events.outbox_notify`). No database
transaction stays open while the relay waits for the broker.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from sqlalchemy import Table, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from sosai_shared.contracts.base import EventPayload
from sosai_shared.db import READ_ONLY_OPTION, create_engine, event_source, utcnow
from sosai_shared.direct_sql import DirectStatement
from sosai_shared.events import outbox_notify
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.events.kafka import ensure_topics, make_producer
from sosai_shared.faults import RELAY_AFTER_ACK, crash_if_armed
from sosai_shared.logging import correlation_id_var
from sosai_shared.metrics import OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE, OUTBOX_PUBLISH_FAILURES, OUTBOX_PUBLISHED
from sosai_shared.settings import ServiceSettings

log = logging.getLogger("sosai.outbox")

#: Session.info flag: this transaction wrote outbox rows, wake the relay after commit.
WROTE_OUTBOX = "sosai_outbox_wrote"
_ADVISORY_KEY = 0x50_5A_1_0  # arbitrary constant: "the outbox relay of this database"
#: How often the relay checks that the connection holding its advisory lock is still alive. Checked
#: on every round it was a round trip per batch; if that connection alone dies, another replica may
#: publish beside this one for up to this long, and consumers' inboxes absorb the repeats.
RELAY_LOCK_CHECK_SECONDS = 1.0


def outbox_table(session: AsyncSession) -> Table:
    bind = session.info.get("outbox_table")
    if isinstance(bind, Table):
        return bind
    raise RuntimeError("session has no outbox table; create sessions with the service's sessionmaker")


_INSERTS: dict[Table, DirectStatement] = {}


def _insert_into(table: Table) -> DirectStatement:
    """The outbox insert, built once per table: every write of every service records an event."""
    found = _INSERTS.get(table)
    if found is None:
        found = _INSERTS[table] = DirectStatement(table.insert().inline())
    return found


async def record(session: AsyncSession, payload: EventPayload, *, source: str | None = None) -> str:
    """Write an event row in the current transaction; it is published only if the transaction commits.

    The event's ``source`` is the service that owns the session (:func:`sosai_shared.db.event_source`);
    ``source=`` is still accepted, for callers written before that, and wins when given.
    """
    event_id = str(uuid.uuid4())
    envelope = CloudEvent(
        id=event_id,
        source=source or event_source(session),
        type=payload.event_type,
        subject=payload.subject,
        time=utcnow(),
        correlationid=correlation_id_var.get(),
        data=payload.model_dump(mode="json"),
    )
    row = {
        "event_id": event_id,
        "topic": payload.topic,
        "key": payload.subject,
        "type": payload.event_type,
        "envelope": envelope.model_dump(mode="json", exclude_none=True),
        "created_at": envelope.time,
        "attempts": 0,
    }
    await _insert_into(outbox_table(session)).run(session, row)
    session.info[WROTE_OUTBOX] = True
    return event_id


class OutboxRelay:
    def __init__(
        self,
        settings: ServiceSettings,
        sessionmaker: async_sessionmaker[AsyncSession],
        table: Table,
        producer_factory: Any = None,
        topics: Sequence[str] = (),
    ) -> None:
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.table = table
        self.producer_factory = producer_factory or (lambda: make_producer(settings))
        self.wakeup = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._producer: AIOKafkaProducer | None = None
        self._lock_conn: AsyncConnection | None = None
        self._lock_engine: AsyncEngine | None = None
        bind = sessionmaker.kw.get("bind")
        #: The batch is read without the SQLite write lock (see sosai_shared.db.READ_ONLY_OPTION).
        self._read_sessionmaker = (
            async_sessionmaker(bind.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False)
            if bind is not None
            else sessionmaker
        )
        #: On PostgreSQL the batch's read and its mark are one statement each: run in autocommit,
        #: each is one round trip instead of three (BEGIN, the statement, COMMIT) and just as atomic.
        self._mark_sessionmaker = sessionmaker
        if bind is not None and bind.dialect.name == "postgresql":
            single = async_sessionmaker(
                bind.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
            )
            self._read_sessionmaker = self._mark_sessionmaker = single
        self._lock_checked_at = 0.0
        self.service = settings.service_name
        #: Recreated when the broker comes back without them (Tansu keeps topics in memory only).
        self.topics = [settings.kafka_topic_prefix + t for t in topics]

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"{self.service}-outbox-relay")

    async def stop(self) -> None:
        self._stop.set()
        self.wakeup.set()
        if self._task:
            try:
                await asyncio.wait_for(self._task, timeout=15)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
        await self._close_producer()
        await self._release_relay_lock()
        if self._lock_engine is not None:
            await self._lock_engine.dispose()
            self._lock_engine = None

    async def _close_producer(self) -> None:
        if self._producer is not None:
            try:
                await asyncio.wait_for(self._producer.stop(), timeout=5)
            except Exception:
                pass
            self._producer = None

    async def _ensure_producer(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = self.producer_factory()
            try:
                await producer.start()
            except Exception:
                try:
                    await producer.stop()
                except Exception:
                    pass
                raise
            self._producer = producer
        return self._producer

    async def _run(self) -> None:
        delay = self.settings.relay_poll_seconds
        broker_down_logged = False
        while not self._stop.is_set():
            # cleared before the batch is read, not after the wait: a commit that lands while this
            # batch is read or published wakes the next round, so no round is needed "just in case"
            self.wakeup.clear()
            try:
                published = await self.publish_batch()
                if broker_down_logged:
                    log.info("broker reachable again; outbox relay resumed")
                    broker_down_logged = False
                delay = self.settings.relay_poll_seconds
                if published >= self.settings.relay_batch_size:
                    continue  # a full batch: more is waiting, drain without sleeping
            except Exception as exc:
                OUTBOX_PUBLISH_FAILURES.labels(self.service).inc()
                if not broker_down_logged:
                    log.warning("outbox relay cannot publish, will retry: %r", exc)
                    broker_down_logged = True
                await self._close_producer()
                if self.topics and self.settings.kafka_create_topics:
                    try:
                        await ensure_topics(self.settings, self.topics)
                    except Exception:
                        pass  # broker still down; the next round tries again
                delay = min(max(delay * 2, 0.5), 5.0)
            try:
                await asyncio.wait_for(self.wakeup.wait(), timeout=delay)
            except TimeoutError:
                pass

    async def publish_batch(self) -> int:
        """Publish up to one batch in order; returns how many rows were marked published.

        No database transaction is open while the broker is awaited: the batch is read in a
        short read-only transaction, published, then marked in a short write transaction. On
        SQLite a relay stuck on an unreachable broker therefore never holds the write lock
        that every request needs; on PostgreSQL it holds no snapshot or connection in a
        transaction for minutes.
        """
        if not await self._hold_relay_lock():
            return 0  # another replica's relay publishes this database's outbox
        t = self.table
        async with self._read_sessionmaker() as session, session.begin():
            rows = (
                await session.execute(
                    select(t.c.seq, t.c.topic, t.c.key, t.c.envelope, t.c.created_at)
                    .where(t.c.published_at.is_(None))
                    .order_by(t.c.seq)
                    .limit(self.settings.relay_batch_size)
                )
            ).all()
            # The backlog gauges come from the batch itself unless it is full: a count(*) over the
            # unpublished rows on every batch is a second scan the batch makes needless when not full.
            if len(rows) < self.settings.relay_batch_size:
                backlog = len(rows)
                oldest = min((r.created_at for r in rows), default=None)
            else:
                backlog, oldest = (
                    await session.execute(
                        select(func.count(), func.min(t.c.created_at)).where(t.c.published_at.is_(None))
                    )
                ).one()
        OUTBOX_BACKLOG.labels(self.service).set(backlog)
        OUTBOX_OLDEST_AGE.labels(self.service).set(
            (utcnow() - oldest).total_seconds() if oldest is not None else 0
        )
        if not rows:
            return 0
        done: list[int] = []
        error: Exception | None = None
        try:
            producer = await self._ensure_producer()
            # send() queues in order per partition; awaiting each future confirms acks=all.
            futures = []
            for row in rows:
                value = CloudEvent.model_validate(row.envelope).to_bytes()
                fut = await producer.send(
                    self.settings.kafka_topic_prefix + row.topic, value=value, key=row.key.encode("utf-8")
                )
                futures.append((row, fut))
            for row, fut in futures:
                await fut
                done.append(row.seq)
                OUTBOX_PUBLISHED.labels(self.service, row.topic).inc()
        except Exception as exc:  # keep what was acknowledged, retry the rest later
            error = exc
        if done:
            crash_if_armed(RELAY_AFTER_ACK)  # the reliability tests' crash point, off otherwise
            async with self._mark_sessionmaker() as session, session.begin():
                await session.execute(update(t).where(t.c.seq.in_(done)).values(published_at=utcnow()))
            OUTBOX_BACKLOG.labels(self.service).set(backlog - len(done))
        if error is not None:
            raise error
        return len(done)

    async def _hold_relay_lock(self) -> bool:
        """One relay per database: on PostgreSQL a session-level advisory lock, held by a connection
        kept outside any transaction for as long as this relay runs (a transaction-scoped lock would
        need a transaction open while the broker is awaited). SQLite has one process per file."""
        engine = self.sessionmaker.kw.get("bind")
        if engine is None or engine.dialect.name != "postgresql":
            return True
        if self._lock_conn is not None:
            if time.monotonic() - self._lock_checked_at < RELAY_LOCK_CHECK_SECONDS:
                return True
            try:
                await self._lock_conn.execute(text("SELECT 1"))  # the lock lives as long as this session
                self._lock_checked_at = time.monotonic()
                return True
            except Exception:
                await self._release_relay_lock()
        conn = await self._lock_engine_for(engine).connect()
        try:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            got = bool(await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _ADVISORY_KEY}))
        except Exception:
            await conn.close()
            raise
        if not got:
            await conn.close()
            return False
        self._lock_conn = conn
        try:
            # commits in every replica wake this relay, the only one that publishes (outbox_notify)
            await outbox_notify.listen(conn, self.wakeup.set)
        except Exception:
            await self._release_relay_lock()
            raise
        self._lock_checked_at = time.monotonic()
        return True

    def _lock_engine_for(self, engine: AsyncEngine) -> AsyncEngine:
        """The service's engine, or one connection of the relay's own straight to PostgreSQL
        (``relay_database_url``): a pooler in transaction mode would lend the lock's session to others."""
        if not self.settings.relay_database_url:
            return engine
        if self._lock_engine is None:
            # pool of one: the relay asks for the lock in turn, never twice at once, and a replica that
            # does not get it reuses the same connection next time instead of opening another
            self._lock_engine = create_engine(self.settings.relay_database_url, pool_size=1, max_overflow=0)
        return self._lock_engine

    async def _release_relay_lock(self) -> None:
        conn, self._lock_conn = self._lock_conn, None
        if conn is not None:
            try:
                # invalidate, not just close: a pooled connection would keep its session, and the lock
                await asyncio.wait_for(conn.invalidate(), timeout=5)
                await asyncio.wait_for(conn.close(), timeout=5)
            except Exception:
                pass

    async def backlog(self) -> int:
        return (await pending(self.sessionmaker, self.table))[0]


async def pending(sessionmaker: async_sessionmaker[AsyncSession], table: Table) -> tuple[int, float]:
    """(unpublished events, age in seconds of the oldest): what /metrics reports at scrape time."""
    async with sessionmaker() as session:
        count, oldest = (
            await session.execute(
                select(func.count(), func.min(table.c.created_at)).where(table.c.published_at.is_(None))
            )
        ).one()
    return int(count or 0), (utcnow() - oldest).total_seconds() if oldest is not None else 0.0
