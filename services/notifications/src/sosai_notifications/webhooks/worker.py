"""The delivery worker: takes due deliveries from the database queue, signs and sends them.

Bounded: at most ``max_in_flight`` requests at once and ``max_in_flight_per_subscription``
per subscription, each with a hard timeout, so a slow or hanging receiver only ever holds
its own slots. The queue is the database, so a restart loses nothing: a delivery still
``pending`` when the process died is sent again, with the same ``webhook-id`` (receivers
deduplicate by it). One worker per database (run one replica with workers on).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import Counter
from datetime import UTC, datetime

import httpx
from standardwebhooks import Webhook

from sosai_notifications.config import Settings
from sosai_notifications.metrics import DELIVERY_ATTEMPTS, DELIVERY_LATENCY
from sosai_notifications.models import Delivery, StoredEvent, Subscription
from sosai_notifications.webhooks import destination, rules, service
from sosai_notifications.webhooks import repository as repo
from sosai_notifications.webhooks.secrets import SecretBox
from sosai_shared.db import Database, utcnow
from sosai_shared.events.envelope import CONTENT_TYPE

log = logging.getLogger("sosai.notifications.worker")


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
        self.wakeup = asyncio.Event()
        self._stop = asyncio.Event()
        self._busy: set[str] = set()
        self._per_sub: Counter[str] = Counter()
        self._tasks: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None

    def start(self) -> None:
        t = self.settings.delivery_timeout_seconds
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(t, connect=min(t, 5.0)),
            follow_redirects=False,  # a redirect could lead anywhere, past the URL checks
            limits=httpx.Limits(max_connections=self.settings.max_in_flight),
        )
        self._task = asyncio.create_task(self._run(), name="webhook-delivery-worker")

    async def stop(self) -> None:
        self._stop.set()
        self.wakeup.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
        for t in list(self._tasks):
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.dispatch()
            except Exception as exc:  # database away: try again on the next tick
                log.warning("delivery worker tick failed: %r", exc)
            try:
                await asyncio.wait_for(self.wakeup.wait(), timeout=self.settings.worker_poll_seconds)
            except TimeoutError:
                pass
            self.wakeup.clear()

    async def dispatch(self) -> int:
        free = self.settings.max_in_flight - len(self._busy)
        if free <= 0:
            return 0
        # only reads: on SQLite it must not queue for the write lock behind the consumer
        async with self.db.read_sessionmaker() as session:
            due = await repo.due(session, utcnow(), limit=free * 2, busy=self._busy)
            started = 0
            for d in due:
                if started >= free:
                    break
                if self._per_sub[d.subscription_id] >= self.settings.max_in_flight_per_subscription:
                    continue
                sub = await repo.subscription(session, d.subscription_id)
                event = await repo.event(session, d.event_seq)
                if sub is None or event is None:
                    continue
                self._busy.add(d.id)
                self._per_sub[d.subscription_id] += 1
                task = asyncio.create_task(self._deliver(d, sub, event))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
                started += 1
        return started

    async def _deliver(self, d: Delivery, sub: Subscription, event: StoredEvent) -> None:
        try:
            status, error, latency = await self._send(d, sub, event)
            while True:
                try:
                    async with self.db.sessionmaker() as session, session.begin():
                        await service.record_attempt(
                            session, self.settings, d.id, status_code=status, latency_ms=latency, error=error
                        )
                    DELIVERY_ATTEMPTS.labels(rules.outcome(status)).inc()
                    DELIVERY_LATENCY.observe(latency / 1000)
                    break
                except Exception as exc:
                    if self._stop.is_set():
                        return  # still pending in the database: sent again after the restart
                    log.warning("recording delivery %s failed, retrying: %r", d.id, exc)
                    await asyncio.sleep(1.0)
        finally:
            self._busy.discard(d.id)
            self._per_sub[d.subscription_id] -= 1
            self.wakeup.set()  # the next event on this subject may go now

    async def _send(
        self, d: Delivery, sub: Subscription, event: StoredEvent
    ) -> tuple[int | None, str | None, int]:
        assert self._client is not None
        started = time.perf_counter()
        try:
            if not self.settings.allow_private_urls:
                await destination.ensure_public(sub.url)
            body = cloudevent_body(event, d.full)
            now = utcnow()
            headers = signed_headers(d.id, body, service.signing_secrets(sub, self.box, now), now)
            r = await self._client.post(sub.url, content=body.encode(), headers=headers)
            return r.status_code, None if r.is_success else f"HTTP {r.status_code}", _ms(started)
        except httpx.TimeoutException:
            return None, "timed out", _ms(started)
        except Exception as exc:
            return None, f"{type(exc).__name__}: {exc}"[:1000], _ms(started)


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
