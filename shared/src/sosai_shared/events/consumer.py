"""The idempotent consumer: inbox dedup, manual offset commits, bounded retries, dead letters.

Each message is applied in a database transaction that also inserts
``(consumer, event_id)`` into the inbox (consecutive messages of one fetch share one
transaction; a failed batch is applied again one message at a time); a redelivered event finds its row and
changes nothing. The Kafka offset is committed only after the database commit, so
a crash in between redelivers, and the inbox absorbs it. A message that fails the
same way ``max_attempts`` times (bad envelope, payload that breaks the contract, a
rule the handler rejects) goes to ``<topic>.dlq`` with the reason in its headers,
and the partition moves on; so does an event of a type or version this consumer
should understand and does not. A published type it has no use for is counted in
``sosai_consumer_ignored_total``, never skipped silently. A database that is down is not the message's fault:
those errors are retried until the database answers, without dead-lettering.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, NamedTuple

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from prometheus_client import Counter
from pydantic import ValidationError
from sqlalchemy.exc import InterfaceError, OperationalError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_shared.contracts.base import EventPayload, contract_for
from sosai_shared.db import Database, describe_database_error, insert_ignore, insert_ignore_rows, utcnow
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.events.kafka import client_options, make_producer
from sosai_shared.logging import correlation_id_var
from sosai_shared.metrics import (
    CONSUMER_DEAD_LETTERED,
    CONSUMER_DUPLICATES,
    CONSUMER_FAILED,
    CONSUMER_LAG,
    CONSUMER_PROCESSED,
)
from sosai_shared.settings import ServiceSettings

log = logging.getLogger("sosai.consumer")

#: Events a consumer skips on purpose (a published type it has no use for); an alert watches it,
#: because a consumer that should have applied a type shows up here before anyone notices.
CONSUMER_IGNORED = Counter(
    "sosai_consumer_ignored_total",
    "Events a consumer received and deliberately did not apply (a type it has no handler for)",
    ["service", "consumer", "type"],
)

Handler = Callable[[AsyncSession, Any, CloudEvent], Awaitable[None]]
#: A handler may also apply a run of new events at once, in order: ``handler.many(session, items)``
#: (see :func:`applies_many`). The per-event handler stays the path of a lone event and of the retries.
ManyHandler = Callable[[AsyncSession, list[tuple[Any, CloudEvent]]], Awaitable[None]]
#: How long handled offsets may wait to be committed to the group while events keep coming.
OFFSET_COMMIT_SECONDS = 0.25
#: Errors that say "the database is unreachable", not "this message is bad".
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, OSError, TimeoutError)


class Prepared(NamedTuple):
    """A fetched message whose envelope and payload are valid, with the handler that applies it."""

    msg: ConsumerRecord[bytes, bytes]
    event: CloudEvent
    payload: EventPayload
    handler: Handler


class PoisonMessage(Exception):
    """The message can never be applied; send it to the dead-letter topic at once."""


class EventConsumer:
    def __init__(
        self,
        settings: ServiceSettings,
        db: Database,
        name: str,
        handlers: Mapping[type[EventPayload], Handler],
        *,
        after_db_commit: Callable[[CloudEvent], None] | None = None,
        group_id: str | None = None,
    ) -> None:
        self.settings, self.db, self.name = settings, db, name
        self.handlers = {contract.event_type: (contract, h) for contract, h in handlers.items()}
        self.topics = sorted({settings.kafka_topic_prefix + contract.topic for contract in handlers})
        # a given group id gets the topic prefix and the suffix too: two programmes sharing a cluster
        # must never share (and split between them) one consumer group
        self.group_id = (
            settings.kafka_topic_prefix
            + (group_id or f"{settings.service_name}.{name}")
            + settings.kafka_consumer_group_suffix
        )
        self.after_db_commit = after_db_commit
        self.service = settings.service_name
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._consumer: AIOKafkaConsumer | None = None
        self._dlq_producer: AIOKafkaProducer | None = None
        self.applied = 0
        #: offsets handled (in the database) but not yet committed to the group, per partition
        self._uncommitted: dict[TopicPartition, int] = {}
        self._committed_at = 0.0

    @property
    def dlq_topics(self) -> list[str]:
        return [f"{t}.dlq" for t in self.topics]

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"{self.group_id}-consumer")

    async def stop(self) -> None:
        self._stop.set()
        if self._task:
            try:
                await asyncio.wait_for(self._task, timeout=15)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
        try:  # a graceful stop leaves nothing to redeliver (after a broker failure this fails too)
            await asyncio.wait_for(self._commit_offsets(idle=True), timeout=5)
        except Exception:
            pass
        await self._close()

    async def _close(self) -> None:
        for client in (self._consumer, self._dlq_producer):
            if client is not None:
                try:
                    await asyncio.wait_for(client.stop(), timeout=5)
                except Exception:
                    pass
        self._consumer = self._dlq_producer = None

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)
        except TimeoutError:
            pass

    async def _connect(self) -> AIOKafkaConsumer:
        consumer = AIOKafkaConsumer(
            *self.topics,
            **client_options(self.settings),
            group_id=self.group_id,
            client_id=f"{self.group_id}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            request_timeout_ms=max(self.settings.kafka_request_timeout_ms, 40_000),
            metadata_max_age_ms=5_000,
            fetch_max_wait_ms=self.settings.kafka_fetch_max_wait_ms,
            session_timeout_ms=self.settings.kafka_session_timeout_ms,
            heartbeat_interval_ms=max(self.settings.kafka_session_timeout_ms // 3, 500),
        )
        try:
            await consumer.start()
        except Exception:
            try:
                await consumer.stop()
            except Exception:
                pass
            raise
        return consumer

    async def _run(self) -> None:
        delay = 0.5
        while not self._stop.is_set():
            try:
                if self._consumer is None:
                    self._consumer = await self._connect()
                    self._uncommitted.clear()
                    delay = 0.5
                wait_ms = 500 if not self._uncommitted else self._commit_due_in_ms()
                batches = await self._consumer.getmany(timeout_ms=wait_ms, max_records=200)
                for tp, messages in batches.items():
                    handled = await self._handle_batch(messages)
                    # every message up to `handled` is committed in the database (or dead-lettered):
                    # the offset may now move past it (see _commit_offsets for when it does)
                    if handled is not None:
                        self._uncommitted[tp] = handled + 1
                await self._commit_offsets(idle=not batches)
                await self._update_lag()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("consumer %s interrupted, reconnecting: %r", self.group_id, exc)
                await self._close()
                await self._sleep(delay)
                delay = min(delay * 2, 10)

    def _commit_due_in_ms(self) -> int:
        return max(1, int((self._committed_at + OFFSET_COMMIT_SECONDS - time.monotonic()) * 1000))

    async def _commit_offsets(self, *, idle: bool) -> None:
        """Move the group's offsets past what the database holds, at most every
        :data:`OFFSET_COMMIT_SECONDS`, and at once when the consumer has caught up (an empty fetch).

        Why not after every batch: at a steady trickle every batch is one event, and its commit was
        a broker round trip the loop awaited before the next fetch, for each of the consumers of an
        event (about a quarter of a consumer's CPU at 50 events/s, bench/propagation.md). Nothing
        is lost by waiting: a crash before the commit redelivers those events, and the inbox
        absorbs them, as it always did for a crash between the database commit and this one.
        Partitions this consumer no longer holds (a rebalance) are left to their new owner.
        """
        consumer = self._consumer
        if consumer is None or not self._uncommitted:
            return
        if not idle and time.monotonic() - self._committed_at < OFFSET_COMMIT_SECONDS:
            return
        held = consumer.assignment()
        offsets = {tp: o for tp, o in self._uncommitted.items() if tp in held}
        self._uncommitted.clear()
        self._committed_at = time.monotonic()
        if offsets:
            await consumer.commit(offsets)

    async def _update_lag(self) -> None:
        consumer = self._consumer
        if consumer is None:
            return
        per_topic: dict[str, int] = {}
        for tp in consumer.assignment():
            hw = consumer.highwater(tp)
            if hw is None:
                continue
            try:
                pos = await consumer.position(tp)
            except Exception:
                continue
            per_topic[tp.topic] = per_topic.get(tp.topic, 0) + max(hw - pos, 0)
        for topic, lag in per_topic.items():
            CONSUMER_LAG.labels(self.service, self.name, topic).set(lag)

    async def _handle_batch(self, messages: list[ConsumerRecord[bytes, bytes]]) -> int | None:
        """Apply one partition's fetched messages in order; the offset of the last one done.

        Consecutive applicable messages share one database transaction (one inbox row each), so a
        burst costs one commit, not one per event: on SQLite one write lock instead of hundreds.
        If that transaction fails for any reason, its messages are applied again one by one,
        through the same path as a lone message (retries, dead letters), so batching never changes
        which events are applied or dead-lettered, only how many commits it takes.
        """
        handled: int | None = None
        run: list[Prepared] = []
        for msg in messages:
            if self._stop.is_set():
                break
            prepared = await self._prepare(msg)
            if prepared is None:  # dead-lettered or ignored: nothing to apply
                if run:
                    await self._apply_run(run)
                    run = []
            else:
                run.append(prepared)
            handled = msg.offset
        if run:
            await self._apply_run(run)
        return handled

    async def _prepare(self, msg: ConsumerRecord[bytes, bytes]) -> Prepared | None:
        try:
            event = CloudEvent.from_bytes(msg.value or b"")
        except (ValidationError, ValueError) as exc:
            await self._dead_letter(msg, f"invalid CloudEvents envelope: {exc}")
            return None
        entry = self.handlers.get(event.type)
        if entry is None:
            await self._not_handled(msg, event)
            return None
        contract, handler = entry
        try:
            payload = contract.model_validate(event.data)
        except ValidationError as exc:
            await self._dead_letter(msg, f"payload breaks contract {contract.event_type}: {exc}")
            return None
        return Prepared(msg, event, payload, handler)

    async def _apply_run(self, run: list[Prepared]) -> None:
        if len(run) > 1:
            try:
                applied = await apply_many(self.db, self.name, run)
            except Exception as exc:  # whatever it was, the one-by-one path knows how to handle it
                log.info(
                    "consumer %s: a batch of %d failed (%r), applying one by one", self.name, len(run), exc
                )
            else:
                for item, new in zip(run, applied, strict=True):
                    self._applied(item, new)
                return
        for item in run:
            token = correlation_id_var.set(item.event.correlationid or item.event.id)
            try:
                await self._apply_with_retries(item.msg, item.event, item.payload, item.handler)
            finally:
                correlation_id_var.reset(token)

    def _applied(self, item: Prepared, new: bool) -> None:
        if new:
            CONSUMER_PROCESSED.labels(self.service, self.name, item.msg.topic).inc()
            self.applied += 1
            if self.after_db_commit is not None:
                self.after_db_commit(item.event)
        else:
            CONSUMER_DUPLICATES.labels(self.service, self.name, item.msg.topic).inc()

    async def _not_handled(self, msg: ConsumerRecord[bytes, bytes], event: CloudEvent) -> None:
        """An event this consumer has no handler for is never acknowledged silently.

        A type the platform publishes but this consumer does not apply (a shared topic carries
        every event of its publisher) is ignored on purpose, and counted. A version of a type
        this consumer applies, or a type no contract describes, is something it should have
        understood: dead-lettered with the reason, so the alert on dead letters fires.
        """
        base, _, version = event.type.rpartition(".")
        known_versions = sorted(t.rpartition(".")[2] for t in self.handlers if t.rpartition(".")[0] == base)
        if known_versions:
            await self._dead_letter(
                msg,
                f"unknown version {version!r} of {base}: consumer {self.name} applies {', '.join(known_versions)}",
            )
        elif contract_for(event.type) is None:
            await self._dead_letter(msg, f"unknown event type {event.type!r}: no contract describes it")
        else:
            CONSUMER_IGNORED.labels(self.service, self.name, event.type).inc()

    async def _apply_with_retries(
        self, msg: ConsumerRecord[bytes, bytes], event: CloudEvent, payload: EventPayload, handler: Handler
    ) -> None:
        attempts = 0
        transient_delay = 0.2
        while True:
            try:
                new = await self.apply(event, payload, handler, topic=msg.topic)
                self._applied(Prepared(msg, event, payload, handler), new)
                return
            except PoisonMessage as exc:
                CONSUMER_FAILED.labels(self.service, self.name, msg.topic).inc()
                await self._dead_letter(msg, str(exc))
                return
            except TRANSIENT as exc:
                CONSUMER_FAILED.labels(self.service, self.name, msg.topic).inc()
                if self._stop.is_set():
                    raise
                log.warning(
                    "consumer %s: database unavailable, retrying event %s: %s",
                    self.name,
                    event.id,
                    describe_database_error(exc) if isinstance(exc, StatementError) else repr(exc),
                )
                await self._sleep(transient_delay)
                transient_delay = min(transient_delay * 2, 5)
            except Exception as exc:
                attempts += 1
                CONSUMER_FAILED.labels(self.service, self.name, msg.topic).inc()
                if attempts >= self.settings.consumer_max_attempts:
                    # a database error's text quotes the statement's values: give its shape only
                    reason = (
                        describe_database_error(exc)
                        if isinstance(exc, StatementError)
                        else f"{type(exc).__name__}: {exc}"
                    )
                    await self._dead_letter(msg, reason)
                    return
                await self._sleep(0.05 * 2**attempts)

    async def apply(self, event: CloudEvent, payload: EventPayload, handler: Handler, *, topic: str) -> bool:
        """Apply one event exactly once in effect; False if this consumer already applied it."""
        return await apply_once(self.db, self.name, event, payload, handler, topic=topic)

    async def _dead_letter(self, msg: ConsumerRecord[bytes, bytes], reason: str) -> None:
        CONSUMER_DEAD_LETTERED.labels(self.service, self.name, msg.topic).inc()
        log.error(
            "consumer %s dead-letters %s@%s/%s: %s", self.name, msg.topic, msg.partition, msg.offset, reason
        )
        headers = [
            ("dlq.reason", reason[:4000].encode("utf-8")),
            ("dlq.consumer", self.group_id.encode("utf-8")),
            ("dlq.topic", msg.topic.encode("utf-8")),
            ("dlq.partition", str(msg.partition).encode()),
            ("dlq.offset", str(msg.offset).encode()),
        ]
        while True:  # the DLQ write must succeed before the offset moves past the message
            try:
                if self._dlq_producer is None:
                    producer = make_producer(self.settings)
                    await producer.start()
                    self._dlq_producer = producer
                await self._dlq_producer.send_and_wait(
                    f"{msg.topic}.dlq", value=msg.value, key=msg.key, headers=headers
                )
                return
            except Exception as exc:
                if self._stop.is_set():
                    raise
                log.warning("dead-letter publish failed, retrying: %r", exc)
                if self._dlq_producer is not None:
                    try:
                        await self._dlq_producer.stop()
                    except Exception:
                        pass
                    self._dlq_producer = None
                await self._sleep(1.0)


async def apply_once(
    db: Database, consumer: str, event: CloudEvent, payload: EventPayload, handler: Handler, *, topic: str
) -> bool:
    """One event in one transaction with its inbox row; False if ``consumer`` already applied it.

    The consumer's path, and the reconciliation's replay (:mod:`sosai_shared.reconciliation`): both
    leave the same trace in the inbox and go through the same handler.
    """
    async with db.sessionmaker() as session, session.begin():
        result = await session.execute(
            insert_ignore(
                db.inbox,
                db.dialect,
                consumer=consumer,
                event_id=event.id,
                event_type=event.type,
                topic=topic,
                processed_at=utcnow(),
            )
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            return False
        await handler(session, payload, event)
    return True


def applies_many(handler: Handler, many: ManyHandler) -> Handler:
    """Give ``handler`` a way to apply a whole run of new events in one go (used by :func:`apply_many`).

    Why: a consumer that awaits several statements per event spends most of a burst waiting for its
    turn on a busy event loop; one statement per run instead of several per event is what lets the
    notifications service keep up with hundreds of events a second.
    """
    handler.many = many  # type: ignore[attr-defined]
    return handler


async def apply_many(db: Database, consumer: str, run: list[Prepared]) -> list[bool]:
    """Several events in one transaction, each with its inbox row, in order; which were new.

    All or nothing: if one handler fails, none of them is applied (the caller then goes one by one).
    A duplicate inside the run (the same event twice) counts once, as across runs. The inbox rows
    go in with one statement that says which were new; consecutive new events whose handler
    :func:`applies_many` are applied by one call, the others one by one.
    """
    async with db.sessionmaker() as session, session.begin():
        applied = await _claim(session, db, consumer, run)
        i = 0
        while i < len(run):
            item = run[i]
            many: ManyHandler | None = getattr(item.handler, "many", None)
            if not applied[i]:
                i += 1
            elif many is None:
                token = correlation_id_var.set(item.event.correlationid or item.event.id)
                try:
                    await item.handler(session, item.payload, item.event)
                finally:
                    correlation_id_var.reset(token)
                i += 1
            else:
                group: list[tuple[Any, CloudEvent]] = []
                while i < len(run) and (not applied[i] or run[i].handler is item.handler):
                    if applied[i]:
                        group.append((run[i].payload, run[i].event))
                    i += 1
                await many(session, group)
    return applied


async def _claim(session: AsyncSession, db: Database, consumer: str, run: list[Prepared]) -> list[bool]:
    """Insert the run's inbox rows in one statement; for each item, whether it is new."""
    seen: set[str] = set()
    first: list[bool] = []
    rows: list[dict[str, Any]] = []
    now = utcnow()
    for item in run:
        first.append(item.event.id not in seen)
        if first[-1]:
            seen.add(item.event.id)
            rows.append(
                {
                    "consumer": consumer,
                    "event_id": item.event.id,
                    "event_type": item.event.type,
                    "topic": item.msg.topic,
                    "processed_at": now,
                }
            )
    stmt = insert_ignore_rows(db.inbox, db.dialect, rows).returning(db.inbox.c.event_id)
    inserted = set((await session.execute(stmt)).scalars())
    return [f and item.event.id in inserted for f, item in zip(first, run, strict=True)]
