"""Notifications benchmark: an event's publication on the registry's topic → a subscriber's acknowledgement.

One run: starts the notifications service as a process (its own SQLite file or PostgreSQL database),
a receiver on loopback that answers every webhook after ``--receiver-ms`` (50 ms), subscribes it to
the registry's events, then publishes ``CreditsRetiredV1`` CloudEvents on the registry's topic at
``--rate`` events per second for ``--seconds``, each stamped with its publication time, exactly as
the registry's outbox relay publishes them after the commit. Prints p50/p90/p99/max of publication
→ acknowledgement and how many arrived. The registry's own commit → publication leg (its relay is
woken by the commit) is not in these figures. Not part of the test suites. With ``--backlog`` the
delivery worker is off until every event is stored, then on: its own rate on that backlog.

    SOSAI_TANSU_PORT=19160 bash deploy/local/tansu.sh start
    .venv/bin/python bench/notifications/run.py --broker 127.0.0.1:19160 --rate 200 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import uvicorn
from aiokafka import AIOKafkaProducer

from sosai_shared.contracts import CreditsRetiredV1, SerialBlockV1
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.processes import SERVICES, ServiceProcess
from sosai_shared.ratelimit import GENEROUS_ENV
from sosai_shared.testing import auth

ROOT = Path(__file__).resolve().parents[2]


def retirement(n: int) -> CreditsRetiredV1:
    block = SerialBlockV1(
        serial=f"JP-ER-NAT-P0001-2010-{n:06d}-{n:06d}",
        start=n,
        end=n,
        quantity=1,
        project_id="prj-1",
        vintage=2010,
        credit_type="ER",
    )
    return CreditsRetiredV1(
        retirement_id=f"ret-{n}",
        account_id="acc-bench",
        holder_org="org-bench",
        quantity=1,
        blocks=[block],
        use="meeting_event",
        purpose="bench",
        beneficiary="bench",
        retired_at=datetime.now(UTC),
    )


async def run(args: argparse.Namespace) -> None:
    acked: dict[str, float] = {}
    delay = args.receiver_ms / 1000

    async def receiver(scope: dict, receive, send) -> None:  # type: ignore[no-untyped-def, type-arg]
        if scope["type"] != "http":
            return
        body = b""
        while True:
            m = await receive()
            body += m.get("body", b"")
            if not m.get("more_body"):
                break
        await asyncio.sleep(delay)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        acked.setdefault(json.loads(body)["id"], time.time())

    sock = socket.create_server(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(receiver, log_level="warning", lifespan="off"))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    tmp = ROOT / "var" / "bench-notifications" / uuid.uuid4().hex[:8]
    tmp.mkdir(parents=True)
    prefix = f"bench{uuid.uuid4().hex[:6]}."
    env = {
        **os.environ,
        **GENEROUS_ENV,  # the service is measured, not its rate limiter
        "SOSAI_VAR_DIR": str(tmp),
        "KAFKA_BOOTSTRAP_SERVERS": args.broker,
        "KAFKA_TOPIC_PREFIX": prefix,
        "NOTIFICATIONS_RUN_SMTP_SINK": "false",
        "NOTIFICATIONS_WORKER_POLL_SECONDS": "0.1",
    }
    if args.database_url:
        env["NOTIFICATIONS_DATABASE_URL"] = args.database_url
    if args.backlog:  # the consumer stores everything first; the delivery worker starts on a backlog
        env["NOTIFICATIONS_RUN_WORKERS"] = "false"
    spec = next(s for s in SERVICES if s.name == "notifications")
    proc = ServiceProcess(spec, env, tmp / "log", port=args.port)
    proc.start()
    sent: dict[str, float] = {}
    try:
        await asyncio.to_thread(proc.wait_ready, 120)
        async with httpx.AsyncClient(base_url=proc.url, timeout=30) as client:
            r = await client.post(
                "/v1/webhooks/subscriptions",
                json={
                    "url": f"http://127.0.0.1:{sock.getsockname()[1]}/hook",
                    "event_types": ["jp.sosai.registry.*"],
                },
                headers=auth("org-bench", "notifications:write"),
            )
            r.raise_for_status()
            sub_id = r.json()["id"]
        producer = AIOKafkaProducer(bootstrap_servers=args.broker, acks="all")
        await producer.start()
        await asyncio.sleep(5)  # the consumer joins its group
        try:
            total = int(args.rate * args.seconds)
            start = time.monotonic()
            for n in range(total):
                due = start + n / args.rate
                if (wait := due - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                payload = retirement(n + 1)
                event = CloudEvent(
                    id=str(uuid.uuid4()),
                    source="/sosai/registry",
                    type=payload.event_type,
                    subject=payload.subject,
                    time=datetime.now(UTC),
                    data=payload.model_dump(mode="json"),
                )
                sent[event.id] = time.time()
                await producer.send(
                    prefix + payload.topic, value=event.to_bytes(), key=payload.subject.encode()
                )
            await producer.flush()
            achieved = total / (time.monotonic() - start)
        finally:
            await producer.stop()
        if args.backlog:
            await stored(proc.url, len(sent))
            proc.stop()
            proc = ServiceProcess(
                spec, {**env, "NOTIFICATIONS_RUN_WORKERS": "true"}, tmp / "log", port=args.port
            )
            proc.start()
            await asyncio.to_thread(proc.wait_ready, 120)
        deadline = time.monotonic() + args.drain
        while len(acked) < len(sent) and time.monotonic() < deadline:  # noqa: ASYNC110 (a bench's drain)
            await asyncio.sleep(0.5)
        log_page = await delivery_log(proc.url, sub_id)
    finally:
        proc.stop()
        server.should_exit = True
        await serving
    lat = sorted((acked[i] - t) * 1000 for i, t in sent.items() if i in acked)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [float("nan")] * 99
    print(f"published {len(sent)} events at {achieved:.1f}/s for {args.seconds}s; acknowledged {len(lat)}")
    print(
        f"publication -> acknowledgement (ms): p50 {q[49]:.0f}  p90 {q[89]:.0f}  p99 {q[98]:.0f}  max {lat[-1]:.0f}"
    )
    print(
        f"receiver answers in {args.receiver_ms} ms; database {args.database_url or 'SQLite (embedded default)'}"
    )
    print(
        "the organisation's delivery log (GET /v1/webhooks/subscriptions/{id}/deliveries?limit=3), newest first:"
    )
    print(json.dumps(log_page, ensure_ascii=False, indent=1))
    if args.backlog and len(acked) >= 2:
        first, last = min(acked.values()), max(acked.values())
        print(
            f"backlog of {len(sent)} deliveries: {len(acked)} acknowledged in {last - first:.1f} s, "
            f"{(len(acked) - 1) / (last - first):.1f} deliveries/s (the latencies above include the wait)"
        )


async def delivery_log(url: str, sub_id: str) -> dict:  # type: ignore[type-arg]
    """The newest deliveries as the subscribing organisation reads them, the last one's attempts too."""
    headers = auth("org-bench", "notifications:read")
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        page = (
            await client.get(f"/v1/webhooks/subscriptions/{sub_id}/deliveries?limit=3", headers=headers)
        ).json()
        if page.get("items"):
            newest = page["items"][0]["id"]
            page["newest_with_attempts"] = (
                await client.get(f"/v1/webhooks/deliveries/{newest}", headers=headers)
            ).json()
        return page  # type: ignore[no-any-return]


async def stored(url: str, total: int) -> None:
    """Wait until the service has stored ``total`` events (counted along its public feed)."""
    count, cursor = 0, None
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        while count < total:
            params = {"limit": 200} | ({"after": cursor} if cursor else {})
            page = (await client.get("/v1/public/feed", params=params)).json()
            count += len(page["items"])
            cursor = page["next_cursor"]
            if not page["items"]:
                await asyncio.sleep(1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--broker", required=True)
    ap.add_argument("--rate", type=float, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--receiver-ms", type=float, default=50)
    ap.add_argument("--port", type=int, default=18605)
    ap.add_argument("--drain", type=float, default=120, help="seconds to wait for the last acknowledgements")
    ap.add_argument("--database-url", default="", help="PostgreSQL URL (default: a SQLite file)")
    ap.add_argument(
        "--backlog",
        action="store_true",
        help="store every event with the delivery worker off, then start it: its own rate on a backlog",
    )
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
