"""The delivery worker: takes due deliveries from the database queue, signs and sends them.

Bounded: at most ``max_in_flight`` requests at once and ``max_in_flight_per_subscription``
per subscription, each with a hard timeout, so a slow or hanging receiver only ever holds
its own slots. The queue is the database, so a restart loses nothing: a delivery still
``pending`` when the process died is sent again, with the same ``webhook-id`` (receivers
deduplicate by it). One worker per database (run one replica with workers on).

Three loops share the work. The dispatcher starts deliveries from an in-memory queue
(``dispatch.DispatchQueue``) the moment a slot frees, and refills it with one query when it
runs dry of startable jobs, when new events were stored, after outcomes were recorded, and at
least every ``MAX_QUEUE_AGE`` seconds (so a subscription disabled or changed through the API
is seen within that). Each send is its own task. The recorder writes the outcomes that
completed meanwhile in one transaction (group commit: on SQLite one turn of the write lock for
many attempts, instead of one turn each behind the consumer). An outcome not yet recorded when
the process dies is lost with its attempt log line, and the delivery, still pending, is sent
again under the same ``webhook-id``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import UTC, datetime

import aiohttp
from standardwebhooks import Webhook

from sosai_notifications.config import Settings
from sosai_notifications.metrics import DELIVERY_ATTEMPTS, DELIVERY_LATENCY
from sosai_notifications.models import StoredEvent
from sosai_notifications.webhooks import destination, rules, service
from sosai_notifications.webhooks import repository as repo
from sosai_notifications.webhooks.dispatch import DispatchQueue, Job
from sosai_notifications.webhooks.secrets import SecretBox
from sosai_shared.db import Database, utcnow
from sosai_shared.events.envelope import CONTENT_TYPE

log = logging.getLogger("sosai.notifications.worker")

#: Seconds after which the in-memory queue is read again even if it still has work.
MAX_QUEUE_AGE = 2.0
#: Least seconds between two reads of the queue asked for by events (not by age).
MIN_REFILL_INTERVAL = 0.1
#: Most outcomes recorded in one transaction.
RECORD_BATCH = 500


def cloudevent_body(event: StoredEvent, full: bool) -> str:
    """The event in CloudEvents structured mode; a non-owner gets the public projection."""
    body = {
        "specversion": "1.0",
        "id": event.event_id,
        "source": event.source,
        "type": event.type,
        "subject": event.subject,
        "time": event.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "data": event.data if full else (event.public_data or {}),
    }
    if event.correlationid:
        body["correlationid"] = event.correlationid
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def signed_headers(msg_id: str, body: str, secrets: list[str], at: datetime) -> dict[str, str]:
    """Standard Webhooks headers; during a rotation one signature per valid secret."""
    signatures = " ".join(Webhook(s).sign(msg_id, at, body) for s in secrets)
    return {
        "content-type": CONTENT_TYPE,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signatures,
        "user-agent": "Sosai-Webhooks/1",
    }


class DeliveryWorker:
    def __init__(self, settings: Settings, db: Database, box: SecretBox) -> None:
        self.settings, self.db, self.box = settings, db, box
        self.queue = DispatchQueue(
            capacity=settings.delivery_queue_size,
            max_in_flight=settings.max_in_flight,
            max_per_subscription=settings.max_in_flight_per_subscription,
        )
        #: set whenever the dispatcher has something to look at (a slot freed, new work)
        self.wakeup = asyncio.Event()
        self._stop = asyncio.Event()
        self._want_refill = True
        self._refilled_at = float("-inf")
        self._outcomes: list[tuple[Job, service.Attempt]] = []
        self._outcome_ready = asyncio.Event()
        self._sends: dict[asyncio.Task[None], Job] = {}
        self._task: asyncio.Task[None] | None = None
        self._recorder: asyncio.Task[None] | None = None
        self._client: aiohttp.ClientSession | None = None

    def notify(self) -> None:
        """New deliveries may be due (the consumer stored events, an operator requeued some)."""
        self._want_refill = True
        self.wakeup.set()

    def start(self) -> None:
        t = self.settings.delivery_timeout_seconds
        # aiohttp rather than httpx here: httpx's pool rescans every connection twice per request
        # (readability checks by system call), which cost a third of this process's CPU at 60
        # deliveries a second (bench/notifications.md, the profile of 2026-11-29)
        self._client = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=t, connect=min(t, 5.0)),
            connector=aiohttp.TCPConnector(limit=self.settings.max_in_flight, ttl_dns_cache=60),
            cookie_jar=aiohttp.DummyCookieJar(),  # a receiver's cookies are never sent to anyone
            auto_decompress=False,  # the answer's body is read and dropped, never parsed
        )
        self._task = asyncio.create_task(self._run(), name="webhook-delivery-worker")
        self._recorder = asyncio.create_task(self._record_loop(), name="webhook-delivery-recorder")

    async def stop(self) -> None:
        self._stop.set()
        self.wakeup.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
        for t in list(self._sends):
            t.cancel()
        await asyncio.gather(*self._sends, return_exceptions=True)
        # the outcomes already in hand are recorded before leaving (else they are sent again)
        self._outcome_ready.set()
        if self._recorder is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._recorder), timeout=10)
            except Exception:  # the database is away: those deliveries are sent again after the restart
                self._recorder.cancel()
                await asyncio.gather(self._recorder, return_exceptions=True)
        if self._client is not None:
            await self._client.close()

    async def _run(self) -> None:
        poll = self.settings.worker_poll_seconds
        while not self._stop.is_set():
            self._start(self.queue.take())
            since = time.monotonic() - self._refilled_at
            timeout = poll
            if since > MAX_QUEUE_AGE or (self._want_refill and self.queue.starved()):
                if since > MAX_QUEUE_AGE or since >= MIN_REFILL_INTERVAL:
                    try:
                        await self.refill(keep_saturated=since <= MAX_QUEUE_AGE)
                    except Exception as exc:  # database away: try again on the next tick
                        log.warning("delivery worker refill failed: %r", exc)
                    self._start(self.queue.take())
                else:  # a burst of wake-ups: one read per interval is enough
                    timeout = MIN_REFILL_INTERVAL - since
            try:
                await asyncio.wait_for(self.wakeup.wait(), timeout=timeout)
            except TimeoutError:
                self._want_refill = True  # retries come due with time
            self.wakeup.clear()

    async def refill(self, keep_saturated: bool = True) -> int:
        """Read the head of the database's queue into memory: one query; the jobs now waiting.

        Subscriptions with every slot taken are left out of the query; their waiting jobs are
        kept (unless ``keep_saturated`` is false: the periodic full reread), so a saturated
        subscription neither fills the page nor makes the worker read its backlog again and again.
        """
        if self.queue.free() == 0:
            return 0  # nothing could start: read when a slot frees
        self._refilled_at, self._want_refill = time.monotonic(), False
        saturated = self.queue.saturated()
        kept = self.queue.kept(saturated) if keep_saturated else []
        limit = self.queue.capacity - len(kept)
        # only reads: on SQLite it must not queue for the write lock behind the consumer
        async with self.db.read_sessionmaker() as session:
            rows = await repo.due(
                session, utcnow(), limit=limit, busy=self.queue.busy_ids(), saturated=saturated
            )
        self.queue.replace((Job(d, s, e) for d, s, e in rows), kept)
        if len(rows) >= limit:
            self._want_refill = True  # more is due than the queue holds: read on once it runs dry
        return self.queue.waiting

    def _start(self, jobs: list[Job]) -> None:
        for job in jobs:
            task = asyncio.create_task(self._deliver(job))
            self._sends[task] = job

    async def _deliver(self, job: Job) -> None:
        try:
            status, error, latency = await self._send(job)
        except asyncio.CancelledError:
            self.queue.abandoned(job)
            raise
        finally:
            self._sends.pop(asyncio.current_task(), None)  # type: ignore[arg-type]
        self.queue.sent(job)
        self._outcomes.append((job, service.Attempt(job.id, status, latency, error, utcnow())))
        self._outcome_ready.set()
        if not self._stop.is_set():
            # the freed slot goes to the next waiting job at once, not after the dispatcher's next
            # turn of a busy event loop (that hop cost a third of each slot's cycle at 200/s)
            self._start(self.queue.take())
        self.wakeup.set()

    async def _record_loop(self) -> None:
        """Record the outcomes gathered while the previous transaction ran, in one transaction."""
        while True:
            await self._outcome_ready.wait()
            self._outcome_ready.clear()
            while self._outcomes:
                batch = self._outcomes[:RECORD_BATCH]
                try:
                    async with self.db.sessionmaker() as session, session.begin():
                        disabled = await service.record_attempts(
                            session, self.settings, [a for _, a in batch]
                        )
                except Exception as exc:
                    if self._stop.is_set():
                        return  # still pending in the database: sent again after the restart
                    log.warning("recording %d delivery attempts failed, retrying: %r", len(batch), exc)
                    await asyncio.sleep(1.0)
                    continue
                del self._outcomes[: len(batch)]
                self.queue.recorded(job.id for job, _ in batch)
                self.queue.drop_subscriptions(disabled)
                for _, a in batch:
                    DELIVERY_ATTEMPTS.labels(rules.outcome(a.status_code)).inc()
                    DELIVERY_LATENCY.observe(a.latency_ms / 1000)
                self.notify()  # the next event on these subjects may be due now
            if self._stop.is_set():
                return

    async def _send(self, job: Job) -> tuple[int | None, str | None, int]:
        assert self._client is not None
        d, sub, event = job.delivery, job.subscription, job.event
        started = time.perf_counter()
        try:
            if not self.settings.allow_private_urls:
                await destination.ensure_public(sub.url)
            body = cloudevent_body(event, d.full)
            now = utcnow()
            headers = signed_headers(d.id, body, service.signing_secrets(sub, self.box, now), now)
            # a redirect could lead anywhere, past the URL checks: it is an answer, not followed
            async with self._client.post(
                sub.url, data=body.encode(), headers=headers, allow_redirects=False
            ) as r:
                # a short answer is read whole, so the connection serves the next delivery; a
                # longer one is cut here and its connection closed (the body is never used)
                await r.content.read(64 * 1024)
                ok = 200 <= r.status < 300
                return r.status, None if ok else f"HTTP {r.status}", _ms(started)
        except TimeoutError:  # aiohttp's timeouts are TimeoutErrors
            return None, "timed out", _ms(started)
        except Exception as exc:
            return None, f"{type(exc).__name__}: {exc}"[:1000], _ms(started)


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
