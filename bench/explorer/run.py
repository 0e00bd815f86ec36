"""Explorer benchmark: project list, project page and serial lookup at 50 concurrent clients.

One run: builds a read model at the FY2010 programme's scale (86 projects in 30 prefectures,
40,240 t issued in blocks, transfers and 400 retirements, 56 certificates, sessions) by applying
events through the explorer's own consumer inbox and handlers into a fresh database, starts the
explorer with uvicorn as a separate process with its consumer off and no registry, broker or other
service running at all (the pages are served from the read model alone), and drives each page with
N concurrent httpx clients on loopback for a fixed time. Prints requests/s and p50/p95/p99.
Not part of the test suites.

    .venv/bin/python bench/explorer/run.py --clients 50 --seconds 20 [--database-url postgresql+asyncpg://...]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from sosai_explorer.config import Settings
from sosai_explorer.handlers import HANDLERS
from sosai_explorer.models import Base
from sosai_explorer.prefectures import PREFECTURES
from sosai_shared.contracts import (
    CreditsIssuedV1,
    CreditsRetiredV1,
    CreditsTransferredV1,
    EventPayload,
    OffsetCertifiedV1,
    ProjectRegisteredV1,
    SerialBlockV1,
    SessionScheduledV1,
)
from sosai_shared.db import Database
from sosai_shared.events.consumer import EventConsumer
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.migrations import upgrade
from sosai_shared.ratelimit import GENEROUS_ENV

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2010, 4, 1, 3, tzinfo=UTC)


def programme(rng: random.Random) -> list[EventPayload]:
    events: list[EventPayload] = []
    next_serial = 1
    prefs = [p.key for p in PREFECTURES[:30]]
    for i in range(1, 87):
        pid, code = f"prj-{i}", f"P{i:04d}"
        forest = i % 4 == 0
        events.append(
            ProjectRegisteredV1(
                project_id=pid,
                project_code=code,
                name=f"Project {code}",
                proponent_org=f"org-{i}",
                methodology_code=f"{'R' if forest else 'E'}{i % 28:03d}",
                category="forest_absorption" if forest else "emission_reduction",
                prefecture=prefs[i % 30],
                programme="national",
                registered_at=T0 + timedelta(days=i),
            )
        )
        qty = 468  # 86 x 468 = 40,248 t, the white paper's 40,240 t issued
        block = SerialBlockV1(
            serial=f"JP-ER-NAT-{code}-2010-{next_serial:06d}-{next_serial + qty - 1:06d}",
            start=next_serial,
            end=next_serial + qty - 1,
            quantity=qty,
            project_id=pid,
            vintage=2010,
            credit_type="ER",
        )
        events.append(
            CreditsIssuedV1(
                issuance_id=f"iss-{i}",
                certification_id=f"cc-{i}",
                project_id=pid,
                account_id=f"acc-{i}",
                holder_org=f"org-{i}",
                quantity=qty,
                blocks=[block],
                issued_at=T0 + timedelta(days=100 + i),
            )
        )
        # five retirements of 13 t from the top of each block, after a transfer to a provider
        top = block.end - 64
        moved = block.model_copy(update={"start": top, "quantity": 65, "serial": f"{code}-{top}"})
        events.append(
            CreditsTransferredV1(
                transfer_id=f"tr-{i}",
                from_account_id=f"acc-{i}",
                to_account_id="acc-prov",
                from_org=f"org-{i}",
                to_org="org-provider",
                quantity=65,
                blocks=[moved],
                transferred_at=T0 + timedelta(days=150 + i),
            )
        )
        for k in range(5):
            s = top + 13 * k
            part = block.model_copy(
                update={"start": s, "end": s + 12, "quantity": 13, "serial": f"{code}-{s}"}
            )
            events.append(
                CreditsRetiredV1(
                    retirement_id=f"ret-{i}-{k}",
                    account_id="acc-prov",
                    holder_org="org-provider",
                    quantity=13,
                    blocks=[part],
                    use="meeting_event",
                    purpose="offset",
                    beneficiary=f"Beneficiary {rng.randint(1, 200)}",
                    retired_at=T0 + timedelta(days=200 + i + k),
                )
            )
        next_serial += qty
    for n in range(1, 57):
        events.append(
            OffsetCertifiedV1(
                application_id=f"app-{n}",
                certificate_number=f"CO-2010-{n:03d}",
                applicant_org=f"org-{n}",
                offset_type="meeting_event",
                subject_name=f"Initiative {n}",
                retirement_ids=[f"ret-{n}-0"],
                credits_retired=13,
                valid_from=date(2011, 1, 1),
                valid_until=date(2011, 12, 31),
                certified_at=T0 + timedelta(days=280),
            )
        )
    for n in range(1, 20):
        events.append(
            SessionScheduledV1(
                session_id=f"s-{n}",
                programme_code="JVER",
                title=f"Briefing {n}",
                prefecture=prefs[n],
                starts_at=T0 + timedelta(days=n * 10),
                ends_at=T0 + timedelta(days=n * 10, hours=3),
                capacity=80,
            )
        )
    return events


async def seed(url: str) -> int:
    settings = Settings(database_url=url, run_consumers=False)
    await upgrade("sosai_explorer", url)
    db = Database(url, Base.metadata)
    consumer = EventConsumer(settings, db, "readmodel", HANDLERS)
    events = programme(random.Random(2010))
    for p in events:
        event = CloudEvent(
            id=str(uuid.uuid4()),
            source="/bench",
            type=p.event_type,
            subject=p.subject,
            time=T0,
            data=p.model_dump(mode="json"),
        )
        await consumer.apply(event, p, HANDLERS[type(p)], topic=p.topic)
    await db.dispose()
    return len(events)


async def drive(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def worker(n: int) -> None:
            nonlocal errors
            i = n
            while time.monotonic() < deadline:
                t = time.perf_counter()
                r = await client.get(paths[i % len(paths)])
                latencies.append(time.perf_counter() - t)
                errors += r.status_code != 200
                i += clients

        started = time.monotonic()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--port", type=int, default=int(os.environ.get("SOSAI_E2E_PORT_BASE", "18700")) + 80)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="explorer-bench-"))
    url = args.database_url or f"sqlite+aiosqlite:///{tmp / 'explorer.db'}"
    n = asyncio.run(seed(url))
    print(f"read model seeded from {n} events ({url.split('://')[0]})")
    env = {
        **os.environ,
        **GENEROUS_ENV,  # the service is measured, not its rate limiter
        "EXPLORER_DATABASE_URL": url,
        "EXPLORER_RUN_CONSUMERS": "false",
        "EXPLORER_RUN_RELAY": "false",
        "EXPLORER_KAFKA_CREATE_TOPICS": "false",
        "SOSAI_VAR_DIR": str(tmp),
        "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9",
    }  # nothing listens there: no broker, no registry
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "sosai_explorer.main:create_app",
            "--factory",
            "--port",
            str(args.port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        scenarios = {
            "project list": [f"/projects?page={p}&lang=ja" for p in range(1, 5)]
            + ["/projects?prefecture=kochi"],
            "project page": [f"/projects/prj-{i}?lang=en" for i in range(1, 87)],
            "serial lookup": [f"/serials?q={s}" for s in range(1, 40_000, 397)],
        }
        print(
            f"{args.clients} concurrent clients, {args.seconds:.0f} s per page, loopback, no registry running"
        )
        print(
            f"{'page':<14} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
        )
        for name, paths in scenarios.items():
            r = asyncio.run(drive(base, paths, args.clients, args.seconds))
            print(
                f"{name:<14} {r['requests']:>8} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
                f"{r['p99']:>8.1f} {r['errors']:>6}"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
