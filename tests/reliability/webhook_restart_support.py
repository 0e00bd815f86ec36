"""The notifications service as a real process, a real webhook receiver and events on the real broker,
for the restart tests (here, and in tests/full_tier for the database restart).

The receiver is what a careful integrator writes: it verifies every signature with the
Standard Webhooks library and deduplicates by ``webhook-id``. What the tests then assert is
the promise of the service: every event published reaches the receiver (nothing lost), each
event under one ``webhook-id`` only (so the deduplicating receiver acts on it once), and in the
order of publication per subject.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from e2e_support import E2E_PORT_BASE
from standardwebhooks import Webhook

from sosai_shared.contracts import CreditsIssuedV1, SerialBlockV1
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.processes import SERVICES, ServiceProcess
from sosai_shared.testing import auth, wait_until_blocking

NOTIFICATIONS = next(s for s in SERVICES if s.name == "notifications")
PORT = E2E_PORT_BASE + 41


@dataclass
class Receiver:
    """A real HTTP endpoint on loopback (a thread of the test); ``failing`` answers 503 to everything."""

    failing: bool = False
    secret: str = ""
    #: webhook-id -> the CloudEvent acknowledged under it (the receiver's deduplication table)
    acted: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: event id -> every webhook-id it came under (more than one would be a double delivery)
    ids_of_event: dict[str, set[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # event ids in the order first acted on
    requests: int = 0
    bad_signatures: int = 0
    bad_reasons: list[str] = field(default_factory=list)
    torn: int = 0  # requests cut short by the service dying mid-send
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                declared = int(self.headers.get("content-length", "0"))
                body = self.rfile.read(declared)
                if len(body) < declared:
                    # the sender died mid-request (the tests kill it): a torn request, which any HTTP
                    # server drops before a handler sees it; not a delivery, and not a bad signature
                    receiver.count_torn()
                    self.close_connection = True
                    return
                status = receiver.receive(dict(self.headers.items()), body)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def receive(self, headers: dict[str, str], body: bytes) -> int:
        lowered = {k.lower(): v for k, v in headers.items()}
        with self.lock:
            self.requests += 1
            try:
                Webhook(self.secret).verify(body, lowered)
            except Exception as exc:
                self.bad_signatures += 1
                self.bad_reasons.append(f"{exc!r} on {len(body)} bytes, headers {sorted(lowered)}")
                return 400
            if self.failing:
                return 503
            msg_id = lowered["webhook-id"]
            event = json.loads(body)
            self.ids_of_event.setdefault(event["id"], set()).add(msg_id)
            if msg_id not in self.acted:  # a repeat of an acknowledged message is acknowledged, not acted on
                self.acted[msg_id] = event
                self.order.append(event["id"])
            return 200

    def count_torn(self) -> None:
        with self.lock:
            self.torn += 1

    def acted_on(self) -> set[str]:
        with self.lock:
            return set(self.order)


def notifications_process(database_url: str, servers: str, tmp: Path, prefix: str) -> ServiceProcess:
    env = {
        **os.environ,
        "SOSAI_VAR_DIR": str(tmp),
        "KAFKA_BOOTSTRAP_SERVERS": servers,
        "KAFKA_TOPIC_PREFIX": prefix,
        "NOTIFICATIONS_DATABASE_URL": database_url,
        "NOTIFICATIONS_RUN_SMTP_SINK": "false",
        "NOTIFICATIONS_SMTP_PORT": str(E2E_PORT_BASE + 42),  # nothing listens: no mail in these tests
        # retries in seconds, not hours, so a test sees a failed receiver recover
        "NOTIFICATIONS_WORKER_POLL_SECONDS": "0.2",
        "NOTIFICATIONS_RETRY_BASE_SECONDS": "0.3",
        "NOTIFICATIONS_RETRY_CAP_SECONDS": "2",
        "NOTIFICATIONS_DELIVERY_TIMEOUT_SECONDS": "5",
    }
    proc = ServiceProcess(NOTIFICATIONS, env, tmp / "log", port=PORT)
    proc.start()
    proc.wait_ready(timeout=120)
    return proc


def owner(org: str) -> dict[str, str]:
    return auth(org, "notifications:write", "notifications:read", sub=f"dev@{org}")


def subscribe(proc: ServiceProcess, receiver: Receiver, org: str) -> str:
    r = httpx.post(
        f"{proc.url}/v1/webhooks/subscriptions",
        json={"url": receiver.url, "event_types": ["jp.sosai.registry.*"]},
        headers=owner(org),
        timeout=30,
    )
    assert r.status_code == 201, r.text
    receiver.secret = r.json()["secret"]
    return str(r.json()["id"])


def delivery_log(proc: ServiceProcess, org: str, sub_id: str) -> list[dict[str, Any]]:
    """The subscription's whole delivery log, as the organisation reads it."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        r = httpx.get(
            f"{proc.url}/v1/webhooks/subscriptions/{sub_id}/deliveries",
            params={"limit": 200, **({"cursor": cursor} if cursor else {})},
            headers=owner(org),
            timeout=30,
        )
        assert r.status_code == 200, r.text
        items.extend(r.json()["items"])
        cursor = r.json().get("next_cursor")
        if not cursor:
            return items


@dataclass
class Publisher:
    """Publishes registry events for one organisation on the tier's broker, remembering their order."""

    servers: str
    prefix: str
    org: str
    published: list[CloudEvent] = field(default_factory=list)

    def issue(self, projects: list[str], per_project: int) -> None:
        batch: list[CloudEvent] = []
        for _ in range(per_project):
            for project in projects:
                start = 1 + 10 * (len(self.published) + len(batch))
                payload = CreditsIssuedV1(
                    issuance_id=f"iss-{uuid.uuid4().hex[:10]}",
                    certification_id="cert-restart",
                    project_id=project,
                    account_id=f"acc-{self.org}",
                    holder_org=self.org,
                    quantity=10,
                    blocks=[
                        SerialBlockV1(
                            serial=f"JP-ER-NAT-P0001-2010-{start:06d}-{start + 9:06d}",
                            start=start,
                            end=start + 9,
                            quantity=10,
                            project_id=project,
                            vintage=2010,
                            credit_type="ER",
                        )
                    ],
                    issued_at=datetime.now(UTC),
                )
                batch.append(
                    CloudEvent(
                        id=str(uuid.uuid4()),
                        source="/sosai/registry",
                        type=payload.event_type,
                        subject=payload.subject,
                        time=datetime.now(UTC),
                        data=payload.model_dump(mode="json"),
                    )
                )
        asyncio.run(self._send(batch))
        self.published.extend(batch)

    async def _send(self, batch: list[CloudEvent]) -> None:
        producer = AIOKafkaProducer(bootstrap_servers=self.servers, acks="all")
        await producer.start()
        try:
            for e in batch:  # keyed by subject, as the outboxes do: one partition, one order per subject
                await producer.send_and_wait(
                    f"{self.prefix}{CreditsIssuedV1.topic}",
                    value=e.to_bytes(),
                    key=(e.subject or "").encode(),
                )
        finally:
            await producer.stop()


def wait_all_acted_on(receiver: Receiver, publisher: Publisher, timeout: float = 240) -> None:
    wanted = {e.id for e in publisher.published}
    wait_until_blocking(lambda: wanted <= receiver.acted_on() or None, timeout=timeout, interval=0.5)


def settled_log(proc: ServiceProcess, org: str, sub_id: str, publisher: Publisher) -> list[dict[str, Any]]:
    """The delivery log once every published event's delivery is recorded as acknowledged."""

    def settled() -> list[dict[str, Any]] | None:
        log = delivery_log(proc, org, sub_id)
        done = len(log) >= len(publisher.published) and all(d["status"] == "succeeded" for d in log)
        return log if done else None

    return wait_until_blocking(settled, timeout=120, interval=0.5)


def check_exactly_once_in_order(receiver: Receiver, publisher: Publisher, log: list[dict[str, Any]]) -> None:
    """Nothing lost, nothing acted on twice, and each subject's events in their publication order;
    the delivery log holds one delivery per event, each acknowledged, under the id the receiver saw."""
    published = [e.id for e in publisher.published]
    assert len(log) == len(published), (len(log), len(published))
    assert {d["id"] for d in log} == set(receiver.acted)
    assert all(d["status"] == "succeeded" for d in log), {d["status"] for d in log}
    assert sorted(d["event_id"] for d in log) == sorted(published)
    assert receiver.bad_signatures == 0, receiver.bad_reasons
    assert sorted(receiver.order) == sorted(published)  # every event once, and only those
    doubled = {e: ids for e, ids in receiver.ids_of_event.items() if len(ids) != 1}
    assert not doubled, f"events sent under more than one webhook-id: {doubled}"
    subject = {e.id: e.subject for e in publisher.published}
    for s in set(subject.values()):
        assert [e for e in receiver.order if subject[e] == s] == [e for e in published if subject[e] == s]


def new_prefix() -> str:
    return f"notif{uuid.uuid4().hex[:6]}."


# the tests' fixtures: a receiver thread per test, and a fresh notifications database on the tier


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.start()
    try:
        yield r
    finally:
        r.stop()


@pytest.fixture
async def notifications_db(database_factory: Any) -> str:
    return str(await database_factory.new("notifications"))
