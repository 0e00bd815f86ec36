"""Registry benchmark: transfers and retirements through the HTTP API, beside pgbench on the same cluster.

One run, on PostgreSQL (``--db postgres``) or on the embedded default, SQLite (``--db sqlite``):

1. creates scratch databases (two on the local PostgreSQL cluster, or a SQLite file);
2. starts the registry with uvicorn as a separate process (one worker, migrations at start-up, the
   outbox relay publishing to the broker given);
3. seeds 16 organisations, each with a source account holding 1,000,000 t and a sink account;
4. closed loop: 32 ``hey`` connections (see ``load.py``) for ``--seconds``; p50/p99 and ops/s;
5. open loop: the same connections at a fixed total rate of half that throughput (or ``--open-rate``);
   p50/p99; and how long that loop's events waited in the outbox (created → marked published);
6. checks the ledger invariants (``invariants.py``) against the 201s counted;
7. on PostgreSQL, ``pgbench -i -s 10`` and ``pgbench -c 8 -j 2 -T <seconds>`` (TPC-B-like) on the other
   scratch database; prints the ratio. Drops the scratch databases.

``--replicas N`` starts N registry processes on the same database (PostgreSQL only), on ``--port``
and the ports after it, and splits the connections between them (the scale-out run: one relay
publishes, the others wait on its advisory lock). After every run, ``published.py`` drains the outbox
and reads the run's topics back from the broker: every outbox event found once.

``--profile FILE`` records the registry (the first process) with py-spy during the closed loop (raw collapsed stacks, for
``top_frames.py``). ``--src DIR`` puts DIR's ``services/registry/src`` and ``shared/src`` first on the
registry's path: the same benchmark against another checkout (e.g. ``git archive main``), for a
before/after table. Not part of the test suites.

    .venv/bin/python bench/registry/run.py --pg 127.0.0.1:55432 --broker 127.0.0.1:19092
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import published
from invariants import measure, problems
from load import bodies, run_hey
from seed import seed

from sosai_registry.audit_log.chain import GENESIS, check_chain
from sosai_shared.ratelimit import GENEROUS_ENV

ROOT = Path(__file__).resolve().parents[2]


async def admin_exec(pg: str, sql: str) -> None:
    conn = await asyncpg.connect(f"postgresql://postgres@{pg}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


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


def start_registry(args: argparse.Namespace, database_url: str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        **GENEROUS_ENV,  # the service is measured, not its rate limiter
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": args.broker,
        "KAFKA_TOPIC_PREFIX": args.topic_prefix,  # this run's own topics, read back by published.py
        "SOSAI_LOG_LEVEL": "WARNING",
        "REGISTRY_LOG_LEVEL": "WARNING",
    }
    if args.src:
        src = Path(args.src)
        paths = [src / "services/registry/src", src / "shared/src", os.environ.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in paths if str(p))
    cmd = [sys.executable, "-m", "uvicorn", "sosai_registry.main:create_app", "--factory"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    return subprocess.Popen(cmd, env=env, cwd=ROOT)


async def wait_healthy(c: httpx.AsyncClient) -> None:
    for _ in range(600):  # a loaded two-core machine can take a while to start the service
        try:
            if (await c.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.5)
    raise RuntimeError("the registry did not become healthy within 300 s")


async def log_problems(c: httpx.AsyncClient) -> list[str]:
    """The tamper-evident log read back through the public API, every hash recomputed."""
    entries: list[dict] = []
    after: int | None = 0
    while after is not None:
        page = (await c.get("/v1/public/log", params={"after": after, "limit": 1000})).json()
        entries += page["entries"]
        after = page["next_after"]
    found, seq, _ = check_chain(entries, GENESIS)
    return found[:5] + ([] if seq == len(entries) else [f"log ends at {seq}, {len(entries)} entries"])


async def bench(args: argparse.Namespace, database_url: str, check_url: str) -> list[str]:
    # the first process migrates alone; the others start once it is healthy (as a Deployment's
    # replicas start after the migration Job)
    bases = [f"http://127.0.0.1:{args.port + n}" for n in range(args.replicas)]
    procs = [start_registry(args, database_url, args.port)]
    lines: list[str] = []
    try:
        async with httpx.AsyncClient(base_url=bases[0], timeout=60) as c:
            await wait_healthy(c)
        for n in range(1, args.replicas):
            procs.append(start_registry(args, database_url, args.port + n))
            async with httpx.AsyncClient(base_url=bases[n], timeout=60) as c:
                await wait_healthy(c)
        async with httpx.AsyncClient(base_url=bases[0], timeout=60) as c:
            accounts, sinks = await seed(c, args.accounts, 1_000_000)
        conns = bodies(accounts, sinks)
        pids = [p.pid for p in procs]
        before = (await measure(check_url))["completed_moves"]
        spy = None
        if args.profile:
            spy_cmd = [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pids[0])]
            # --gil: only samples that hold the interpreter lock, i.e. the registry's Python CPU (idle
            # waits and the greenlet hops' parked stacks are left out); 50 Hz keeps the pauses small
            spy_cmd += ["--format", "raw", "--output", args.profile, "--rate", "50", "--gil"]
            spy = subprocess.Popen(  # noqa: ASYNC220 - started once, before the measured part
                [*spy_cmd, "--duration", str(args.seconds)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        closed = await asyncio.to_thread(run_hey, args.hey, bases, conns, args.seconds, pids)
        if spy is not None:
            spy.wait(timeout=120)
        lines.append(closed.line(f"closed loop, {len(conns)} connections over {len(procs)} process(es)"))
        rate = args.open_rate or closed.ops_per_s / 2
        open_start = datetime.now(UTC)
        opened = await asyncio.to_thread(run_hey, args.hey, bases, conns, args.seconds, pids, rate)
        lines.append(opened.line(f"open loop at {rate:.0f} requests/s offered"))
        await asyncio.sleep(1)  # let the relay finish; it does not change the ledger's counts
        found = await measure(check_url)
        wrong = problems(found, closed.ops - closed.errors + opened.ops - opened.errors, before)
        async with httpx.AsyncClient(base_url=bases[0], timeout=60) as c:
            wrong += await log_problems(c)
        line, unpublished = await published.check(check_url, args.broker, args.topic_prefix)
        lines.append(line)
        lines.append(await published.relay_lag(check_url, open_start))
        wrong += unpublished
        lines.append(f"invariants: {'OK' if not wrong else 'VIOLATED: ' + '; '.join(wrong)} {found}")
        lines.append(f"ratio_input {closed.ops_per_s:.1f}")
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)
    return lines


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    ap.add_argument("--pg", default="127.0.0.1:55432")
    ap.add_argument("--broker", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"))
    ap.add_argument("--port", type=int, default=18201)
    ap.add_argument("--accounts", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--hey", default=shutil.which("hey") or str(Path.home() / "go/bin/hey"))
    ap.add_argument("--profile", default="")
    ap.add_argument("--src", default="")
    ap.add_argument(
        "--open-rate",
        type=float,
        default=0,
        help="the open loop's requests/s (default: half the closed loop's)",
    )
    ap.add_argument("--replicas", type=int, default=1, help="registry processes on --port, --port+1, ...")
    args = ap.parse_args()
    args.topic_prefix = f"bench-{uuid.uuid4().hex[:8]}."
    if args.replicas > 1 and args.db == "sqlite":
        ap.error("--replicas > 1 needs PostgreSQL: the embedded default is one process by design")
    print(f"load average before: {os.getloadavg()}")
    if args.db == "sqlite":
        with tempfile.TemporaryDirectory(prefix="registry-bench-") as tmp:
            path = f"{tmp}/registry.db"
            lines = await bench(args, f"sqlite+aiosqlite:///{path}", path)
        print("\n".join(line for line in lines if not line.startswith("ratio_input")))
        print(f"load average after: {os.getloadavg()}")
        return
    stamp = uuid.uuid4().hex[:8]
    reg_db, bench_db = f"bench_registry_{stamp}", f"bench_pgbench_{stamp}"
    await admin_exec(args.pg, f'CREATE DATABASE "{reg_db}"')
    await admin_exec(args.pg, f'CREATE DATABASE "{bench_db}"')
    try:
        lines = await bench(
            args,
            f"postgresql+asyncpg://postgres@{args.pg}/{reg_db}",
            f"postgresql://postgres@{args.pg}/{reg_db}",
        )
        tps = pgbench(args.pg, bench_db, args.seconds)
    finally:
        await admin_exec(args.pg, f'DROP DATABASE IF EXISTS "{reg_db}" WITH (FORCE)')
        await admin_exec(args.pg, f'DROP DATABASE IF EXISTS "{bench_db}" WITH (FORCE)')
    ops = float(lines[-1].split()[1])
    print("\n".join(lines[:-1]))
    print(f"pgbench TPC-B-like (-c 8 -j 2 -T {args.seconds}, scale 10): {tps:.1f} tps")
    print(f"ratio registry ops/s (closed loop) / pgbench tps: {ops / tps:.3f}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    asyncio.run(main())
