"""Registry benchmark: transfers and retirements through the HTTP API against PostgreSQL, beside pgbench.

One run: creates two scratch databases on the local cluster, starts the registry with uvicorn as a
separate process (its own migrations), seeds accounts and credits, drives transfers and retirements
with many concurrent httpx clients on loopback for a fixed time, then runs pgbench's built-in TPC-B-like
workload (``-c 8 -j 2 -T 20``) on the other scratch database of the same cluster, and prints both and
the ratio. Not part of the test suites.

    bash deploy/local/postgres.sh start
    .venv/bin/python bench/registry/run.py --broker 127.0.0.1:19201 --clients 32 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import httpx

from sosai_shared.testing import auth

ROOT = Path(__file__).resolve().parents[2]
ADMIN1 = auth("registry", "registry:admin", sub="bench-admin-1")
ADMIN2 = auth("registry", "registry:admin", sub="bench-admin-2")


async def admin_exec(pg: str, sql: str) -> None:
    conn = await asyncpg.connect(f"postgresql://postgres@{pg}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def must(r: httpx.Response, status: int = 200) -> dict:
    if r.status_code != status:
        raise RuntimeError(f"{r.request.method} {r.request.url} -> {r.status_code} {r.text}")
    return r.json()


async def seed(
    c: httpx.AsyncClient, sources: int, per_account: int
) -> tuple[list[tuple[str, dict]], list[str]]:
    code = f"B{uuid.uuid4().hex[:6]}"
    await must(
        await c.post(
            "/v1/methodologies",
            json={"code": code, "name": "bench", "category": "emission_reduction"},
            headers=ADMIN1,
        ),
        201,
    )
    accounts: list[tuple[str, dict]] = []
    sinks: list[str] = []
    for i in range(sources):
        org = f"bench-org-{i}"
        h = auth(org, "registry:write", "registry:read", sub=f"u@{org}")
        p = await must(
            await c.post(
                "/v1/projects",
                json={
                    "name": f"bench {i}",
                    "methodology_code": code,
                    "prefecture": "tokyo",
                    "crediting_start": "2008-04-01",
                    "crediting_end": "2013-03-31",
                },
                headers=h,
            ),
            201,
        )
        for to in ("validated", "registered"):
            await must(await c.post(f"/v1/projects/{p['id']}/transitions", json={"to": to}, headers=ADMIN1))
        acc = (await must(await c.post("/v1/accounts", json={"name": "src"}, headers=h), 201))["id"]
        sink = (await must(await c.post("/v1/accounts", json={"name": "sink"}, headers=h), 201))["id"]
        cert = await must(
            await c.post(
                f"/v1/projects/{p['id']}/certifications",
                json={
                    "period_start": "2010-04-01",
                    "period_end": "2011-03-31",
                    "monitoring_report": "m",
                    "verifier": "v",
                    "quantity": per_account,
                },
                headers=ADMIN1,
            ),
            201,
        )
        tx = await must(
            await c.post(
                f"/v1/certifications/{cert['id']}/issuances",
                json={"quantity": per_account, "account_id": acc},
                headers=ADMIN1,
            ),
            201,
        )
        await must(await c.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=ADMIN2))
        accounts.append((acc, h))
        sinks.append(sink)
    return accounts, sinks


async def drive(
    base: str, accounts: list[tuple[str, dict]], sinks: list[str], clients: int, seconds: float
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as c:

        async def worker(n: int) -> None:
            nonlocal errors
            acc, h = accounts[n % len(accounts)]
            sink = sinks[n % len(sinks)]
            i = 0
            while time.perf_counter() < stop:
                i += 1
                if i % 2:
                    body = {"from_account_id": acc, "to_account_id": sink, "quantity": 2}
                    url = "/v1/transfers"
                else:
                    body = {
                        "account_id": acc,
                        "quantity": 1,
                        "use": "own_activity",
                        "purpose": "bench",
                        "beneficiary": f"customer {n}",
                    }
                    url = "/v1/retirements"
                t0 = time.perf_counter()
                r = await c.post(url, json=body, headers=h)
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 201:
                    errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - t0
    q = statistics.quantiles(latencies, n=100)
    return {
        "ops": len(latencies),
        "errors": errors,
        "seconds": elapsed,
        "ops_per_s": len(latencies) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
    }


def pgbench(pg: str, db: str, seconds: int) -> float:
    host, port = pg.split(":")
    base = ["-h", host, "-p", port, "-U", "postgres"]
    subprocess.run(["pgbench", "-i", "-q", "-s", "10", *base, db], check=True, capture_output=True)
    out = subprocess.run(
        ["pgbench", "-c", "8", "-j", "2", "-T", str(seconds), *base, db],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    m = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)
    if m is None:
        raise RuntimeError(out)
    return float(m.group(1))


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default="127.0.0.1:55432")
    ap.add_argument("--broker", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"))
    ap.add_argument("--port", type=int, default=18201)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--accounts", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args()
    stamp = uuid.uuid4().hex[:8]
    reg_db, bench_db = f"bench_registry_{stamp}", f"bench_pgbench_{stamp}"
    await admin_exec(args.pg, f'CREATE DATABASE "{reg_db}"')
    await admin_exec(args.pg, f'CREATE DATABASE "{bench_db}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql+asyncpg://postgres@{args.pg}/{reg_db}",
        "KAFKA_BOOTSTRAP_SERVERS": args.broker,
        "SOSAI_LOG_LEVEL": "WARNING",
        "REGISTRY_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(  # noqa: ASYNC220 - started once, before the measured part
        [
            sys.executable,
            "-m",
            "uvicorn",
            "sosai_registry.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(args.port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            # a loaded two-core machine (or a profiler attached) can take minutes to start the service
            for _ in range(600):
                try:
                    if (await c.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.5)
            else:
                raise RuntimeError("the registry did not become healthy within 300 s")
            accounts, sinks = await seed(c, args.accounts, 1_000_000)
        svc = await drive(base, accounts, sinks, args.clients, args.seconds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    try:
        tps = pgbench(args.pg, bench_db, 20)
    finally:
        await admin_exec(args.pg, f'DROP DATABASE IF EXISTS "{reg_db}" WITH (FORCE)')
        await admin_exec(args.pg, f'DROP DATABASE IF EXISTS "{bench_db}" WITH (FORCE)')
    print(
        f"registry HTTP: {svc['ops']} ops in {svc['seconds']:.1f} s with {args.clients} clients over "
        f"{args.accounts} source accounts: {svc['ops_per_s']:.1f} ops/s, p50 {svc['p50_ms']:.1f} ms, "
        f"p99 {svc['p99_ms']:.1f} ms, errors {svc['errors']}"
    )
    print(f"pgbench TPC-B-like (-c 8 -j 2 -T 20, scale 10): {tps:.1f} tps")
    print(f"ratio registry ops/s / pgbench tps: {svc['ops_per_s'] / tps:.3f}")


if __name__ == "__main__":
    asyncio.run(main())
