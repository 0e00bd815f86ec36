"""The reliability suite across the running services: faults injected, then what must still hold.

Each fault is bounded in time and stays on loopback. After each one the ledger
invariants are checked (every issued tonne in exactly one account, no empty blocks,
disjoint serials) and the calculator's and catalog's views are reconciled with the
registry's retirements: nothing lost, nothing counted twice.

* the broker stopped under load (SOSAI_FAULT_OUTAGE_SECONDS, 45 s on the embedded
  tier, 60 s on Apache Kafka: longer than every client timeout, the consumers' 40 s
  request timeout included, so each client gives up at least once): every write
  succeeds, the outboxes hold the events and drain when it returns, and every view
  converges;
* consumers killed with SIGKILL repeatedly while events flow, then a full replay from
  the earliest offset under a new consumer group: the views are identical;
* poison messages on a topic: each consuming service dead-letters them with the
  reason, and the events behind them keep flowing.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from e2e_support import SERVICE_AWAY, Programme
from journey_support import ORGANISER, company, issue, ok, unique
from reliability_support import check_ledger, metric_sum, outboxes_drained, reconcile, views_converged

from sosai_shared.processes import SERVICES, ServiceProcess
from sosai_shared.testing import wait_until_blocking

OUTAGE = float(
    os.environ.get(
        "SOSAI_FAULT_OUTAGE_SECONDS", "60" if os.environ.get("SOSAI_BROKER_KIND") == "kafka" else "45"
    )
)


class Offsets:
    """One company making small event offsets: a footprint, a retirement naming it and a session."""

    def __init__(self, p: Programme, credits: int = 2000) -> None:
        self.p = p
        self.org = unique("acme")
        self.headers = company(self.org)
        proponent = company(unique("proponent"))
        minted = issue(p, proponent, quantity=credits)
        self.account = ok(
            p.registry.post("/v1/accounts", json={"name": "offsets"}, headers=self.headers), 201
        )["id"]
        ok(
            p.registry.post(
                "/v1/transfers",
                headers=proponent,
                json={
                    "from_account_id": minted.account_id,
                    "to_account_id": self.account,
                    "quantity": credits,
                },
            ),
            201,
        )
        self.footprints: dict[str, int] = {}
        self.sessions: dict[str, int] = {}

    def session(self) -> str:
        s = ok(
            self.p.catalog.post(
                "/v1/sessions",
                headers=ORGANISER,
                json={
                    "programme_code": "jver_briefing",
                    "title_ja": "J-VER説明会",
                    "capacity": 50,
                    "venue": {"name": "Kochi Prefectural Hall", "city": "Kochi", "prefecture": "Kochi"},
                    "starts_at": "2031-06-01T01:00:00Z",
                    "ends_at": "2031-06-01T04:00:00Z",
                },
            ),
            201,
        )
        self.sessions[s["id"]] = 0
        return str(s["id"])

    def post(self, client: httpx.Client, path: str, body: dict[str, Any]) -> Any:
        """POST like a careful client: one Idempotency-Key, retried while the service is away
        (a crash may land after the commit and before the response: the retry must not act twice)."""
        headers = {**self.headers, "Idempotency-Key": unique("op")}
        deadline = time.monotonic() + 120
        while True:
            try:
                r = client.post(path, json=body, headers=headers)
                if r.status_code not in (409, 503) or time.monotonic() > deadline:
                    return ok(r, 201)
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.5)

    def offset(self, session_id: str) -> None:
        fp = self.post(
            self.p.calculator,
            "/v1/footprints",
            {
                "kind": "event",
                "name": "briefing",
                "fiscal_year": 2010,
                "session_id": session_id,
                "attendees": [{"origin": "Kochi", "mode": "bus", "distance_km": "40", "count": 30}],
                "venue_kwh": "800",
                "plan": {"offset_share": "1"},
            },
        )
        need = fp["plan"]["credits_needed"]
        self.post(
            self.p.registry,
            "/v1/retirements",
            {
                "account_id": self.account,
                "quantity": need,
                "use": "meeting_event",
                "purpose": "briefing offset",
                "beneficiary": self.org,
                "footprint_id": fp["id"],
                "session_id": session_id,
            },
        )
        self.footprints[fp["id"]] = need
        self.sessions[session_id] += need

    def converged(self) -> bool:
        return views_converged(self.p, self.headers, self.footprints, self.sessions)

    def check(self) -> None:
        wait_until_blocking(lambda: outboxes_drained(self.p), timeout=240, interval=1, transient=SERVICE_AWAY)
        wait_until_blocking(self.converged, timeout=240, interval=1, transient=SERVICE_AWAY)
        reconcile(self.p, self.headers, self.footprints, self.sessions)
        check_ledger(self.p)


def test_broker_stopped_under_load(faulty: Programme, broker_control: Any) -> None:
    offsets = Offsets(faulty)
    first = offsets.session()
    offsets.offset(first)
    offsets.check()
    before = check_ledger(faulty)

    broker_control.stop()
    started = time.monotonic()
    writes = 0
    session = offsets.session()  # a write while the broker is down, like the ones below
    while time.monotonic() - started < OUTAGE and writes < 40:
        offsets.offset(session)  # each call asserts 201s from the calculator and the registry
        writes += 1
        time.sleep(max(0.0, OUTAGE / 40 - 0.2))
    assert writes >= 5
    assert not outboxes_drained(faulty), "the outage did not hold events back"
    assert metric_sum(faulty.registry, "sosai_outbox_backlog") >= writes
    broker_control.start()

    offsets.check()
    after = check_ledger(faulty)
    outage_tonnes = sum(offsets.footprints.values()) - offsets.footprints[next(iter(offsets.footprints))]
    assert after["retired"] - before["retired"] == outage_tonnes  # each write counted once, none lost


@pytest.mark.timeout(600)  # kills and restarts the consumers several times: minutes on a loaded machine
def test_consumers_killed_repeatedly_then_replayed_from_the_earliest_offset(faulty: Programme) -> None:
    offsets = Offsets(faulty)
    sessions = [offsets.session() for _ in range(3)]
    stop = threading.Event()
    errors: list[BaseException] = []

    def load() -> None:
        i = 0
        while not stop.is_set() and i < 30:
            try:
                offsets.offset(sessions[i % 3])
            except BaseException as exc:  # surfaced by the main thread
                errors.append(exc)
                return
            i += 1

    writer = threading.Thread(target=load)
    writer.start()
    for _ in range(3):  # SIGKILL mid-stream: no graceful shutdown, no offset commit
        time.sleep(2)
        for name in ("calculator", "events-catalog"):
            proc = faulty.processes[name]
            proc.kill()
            proc.start()
        for name in ("calculator", "events-catalog"):
            faulty.processes[name].wait_ready(timeout=120)
    writer.join(timeout=300)
    stop.set()
    assert not errors, errors
    offsets.check()
    snapshot = view_snapshot(offsets)

    # replay: new consumer groups read every topic from the earliest offset into the same databases
    for name, prefix in (("calculator", "CALCULATOR_"), ("events-catalog", "CATALOG_")):
        old = faulty.processes[name]
        old.stop()
        env = {**old.env, f"{prefix}KAFKA_CONSUMER_GROUP_SUFFIX": f".replay-{unique('r')}"}
        new = ServiceProcess(old.spec, env, old.log_path.parent, port=old.port)
        new.start()
        faulty.processes[name] = new
    for name in ("calculator", "events-catalog"):
        faulty.processes[name].wait_ready(timeout=120)
    retired_events = len(offsets.footprints)
    wait_until_blocking(
        lambda: metric_sum(faulty.calculator, "sosai_consumer_duplicates_total") >= retired_events,
        timeout=180,
        interval=1,
        transient=SERVICE_AWAY,
    )
    wait_until_blocking(
        lambda: metric_sum(faulty.catalog, "sosai_consumer_duplicates_total") >= retired_events,
        timeout=180,
        interval=1,
        transient=SERVICE_AWAY,
    )
    assert view_snapshot(offsets) == snapshot  # the replay changed nothing
    offsets.check()


def view_snapshot(offsets: Offsets) -> dict[str, Any]:
    p = offsets.p
    return {
        "footprints": {
            f: ok(p.calculator.get(f"/v1/footprints/{f}", headers=offsets.headers))["coverage"]
            for f in offsets.footprints
        },
        "cards": {
            s: {
                k: v
                for k, v in ok(p.catalog.get(f"/v1/sessions/{s}/carbon-card")).items()
                if k in ("credits_retired", "status", "certificate_number")
            }
            for s in offsets.sessions
        },
    }


def test_poison_messages_are_dead_lettered_and_the_rest_flow(
    faulty: Programme, bootstrap_servers: str
) -> None:
    offsets = Offsets(faulty, credits=200)
    session = offsets.session()
    topic = f"{faulty.topic_prefix}registry.events"
    marker = unique("poison").encode()
    broken_contract = (
        b'{"specversion":"1.0","id":"' + marker + b'","source":"/x","type":'
        b'"jp.sosai.registry.credits.retired.v1","time":"2011-01-01T00:00:00Z","data":{"quantity":-1}}'
    )

    async def produce() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
        await producer.start()
        try:
            await producer.send_and_wait(topic, value=b"not an event " + marker, key=b"poison")
            await producer.send_and_wait(topic, value=broken_contract, key=b"poison")
        finally:
            await producer.stop()

    asyncio.run(produce())
    offsets.offset(session)  # a good event behind the poison
    offsets.check()

    async def dead_letters() -> list[dict[str, bytes]]:
        consumer = AIOKafkaConsumer(
            f"{topic}.dlq",
            bootstrap_servers=bootstrap_servers,
            group_id=None,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        found: list[dict[str, bytes]] = []
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len(found) < 2 * len(readers):
                for msgs in (await consumer.getmany(timeout_ms=1000)).values():
                    found.extend(dict(m.headers) for m in msgs if marker in (m.value or b""))
        finally:
            await consumer.stop()
        return found

    # every service that reads registry.events dead-letters both messages, with its reason
    readers = [s.name for s in SERVICES if "registry.events" in s.consumes]
    letters = asyncio.run(dead_letters())
    consumers = {h["dlq.consumer"].decode() for h in letters}
    assert len(consumers) == len(readers), (readers, consumers)
    assert len(letters) == 2 * len(readers)
    assert all(h["dlq.reason"] for h in letters)
    assert metric_sum(faulty.calculator, "sosai_consumer_dead_lettered_total") >= 2
