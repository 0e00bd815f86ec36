"""Soak: ten minutes of mixed load on the whole programme, then the books are checked and the memory read.

One run starts the six services as processes (the end-to-end tests' ``start_programme``: fresh
SQLite files, or fresh PostgreSQL databases when ``SOSAI_TEST_POSTGRES`` is set; a topic prefix of
its own on the broker given) and drives, each at a fixed rate (open loop), for ``--seconds``:

- issuance: a project registered, certified, proposed and approved by two admins (every ``--issue-every`` s);
- transfers: 2 t from the company's account to a partner's;
- retirements: 1 t, each naming one of the scopes below, so that the three consumers count it;
- scopes: a catalog session, a calculator footprint naming it and a draft certification application
  naming both (the "footprint" operation);
- registrations: an attendee registered to a session, every other one to one of the first four
  (capacity 100 each, so those fill up and the later registrants are waitlisted).

At the end, after a settling pause, it checks:

- the registry's invariants (``bench/registry/invariants.py``): every issued tonne in exactly one
  block, no overlap, one outbox row per completed move, one log entry per completed transaction,
  and the completed moves equal to the 201s counted here;
- the three consumers against the registry's public ledger (``python -m sosai_shared.reconciliation``
  with each service's own settings, no repair): no divergence of any kind;
- the catalog: no session with more confirmed registrations than its capacity;
- the memory (resident set) of each service process, after a warm-up minute and at the end: growth
  beyond 20 % is reported.

    bash deploy/local/tansu.sh start
    .venv/bin/python bench/soak/run.py --broker 127.0.0.1:$SOSAI_TANSU_PORT --seconds 600
    SOSAI_TEST_POSTGRES=postgresql+asyncpg://postgres@127.0.0.1:$SOSAI_PG_PORT \\
        .venv/bin/python bench/soak/run.py --broker 127.0.0.1:$SOSAI_KAFKA_PORT --seconds 600
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "bench" / "registry"))
sys.path.insert(0, str(ROOT / "bench" / "propagation"))

from e2e_support import Programme  # noqa: E402
from invariants import measure, problems  # noqa: E402
from journey_support import ORGANISER, company, issue, unique  # noqa: E402
from programme import add_arguments, bench_programme, tier  # noqa: E402
from run import make_probe  # noqa: E402  (bench/propagation/run.py: one scope set)

from sosai_shared.processes import SERVICES  # noqa: E402

GROWTH_LIMIT = 0.20


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def memory(p: Programme) -> dict[str, float]:
    return {name: rss_mb(proc.proc.pid) for name, proc in p.processes.items() if proc.proc is not None}


class Load:
    """The open-loop drivers and what they counted."""

    def __init__(self, p: Programme, args: argparse.Namespace) -> None:
        self.p, self.args = p, args
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.moves_201 = 0
        self.scopes: list[dict[str, str]] = []
        self.sessions: list[str] = []
        self.org = unique("soak")
        self.h = company(self.org)
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32, keepalive_expiry=2)
        self.c = {
            name: httpx.AsyncClient(base_url=p.processes[svc].url, timeout=60, limits=limits)
            for name, svc in (
                ("registry", "registry"),
                ("calculator", "calculator"),
                ("certification", "certification"),
                ("catalog", "events-catalog"),
            )
        }

    async def timed(self, op: str, call: Any, status: int = 201) -> Any:
        t0 = time.perf_counter()
        try:
            r = await call
        except httpx.TransportError as exc:
            self.errors[op].append(repr(exc))
            return None
        self.latency[op].append(time.perf_counter() - t0)
        if r.status_code != status:
            self.errors[op].append(f"{r.status_code} {r.text[:200]}")
            return None
        return r.json()

    async def setup(self) -> None:
        self.account = (await asyncio.to_thread(issue, self.p, self.h, 200_000)).account_id
        partner = company(unique("partner"))
        sink = await self.c["registry"].post("/v1/accounts", json={"name": "partner"}, headers=partner)
        self.sink = sink.json()["id"]
        for n in range(4):
            await self.scope(n)

    async def scope(self, n: int) -> None:
        t0 = time.perf_counter()
        try:
            probe = await make_probe(self.c, self.org, self.h, n)
        except (RuntimeError, httpx.TransportError) as exc:
            self.errors["scope"].append(str(exc)[:200])
            return
        self.latency["scope"].append(time.perf_counter() - t0)
        self.scopes.append(probe)
        self.sessions.append(probe["session_id"])

    async def issuance(self, _: int) -> None:
        t0 = time.perf_counter()
        try:
            await asyncio.to_thread(issue, self.p, self.h, 1_000)
        except (AssertionError, httpx.HTTPError) as exc:
            self.errors["issuance"].append(str(exc)[:200])
            return
        self.latency["issuance"].append(time.perf_counter() - t0)

    async def transfer(self, _: int) -> None:
        body = {"from_account_id": self.account, "to_account_id": self.sink, "quantity": 2}
        if await self.timed("transfer", self.c["registry"].post("/v1/transfers", json=body, headers=self.h)):
            self.moves_201 += 1

    async def retire(self, n: int) -> None:
        body = {
            "account_id": self.account,
            "quantity": 1,
            "use": "meeting_event",
            "purpose": "soak",
            "beneficiary": "Soak Corporation",
            **random.choice(self.scopes),
        }
        if await self.timed(
            "retirement", self.c["registry"].post("/v1/retirements", json=body, headers=self.h)
        ):
            self.moves_201 += 1

    async def register(self, n: int) -> None:
        body = {"email": f"attendee{n}-{self.org}@example.jp", "name": f"Attendee {n}"}
        url = f"/v1/sessions/{random.choice(self.sessions[:4] if n % 2 else self.sessions)}/registrations"
        await self.timed("registration", self.c["catalog"].post(url, json=body, headers=self.h))

    async def drive(self, op: Any, rate: float, until: float) -> None:
        """``op`` every 1/rate s until the deadline, whatever the previous calls are doing (open loop)."""
        tasks = []
        start = time.perf_counter()
        for k in itertools.count():
            at = start + k / rate
            if at >= until:
                break
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            tasks.append(asyncio.create_task(op(k)))
        await asyncio.gather(*tasks)

    async def close(self) -> None:
        for client in self.c.values():
            await client.aclose()


def reconcile(p: Programme) -> tuple[list[str], bool]:
    """``python -m sosai_shared.reconciliation`` for each consumer with its own settings; (output, clean)."""
    lines, clean = [], True
    for spec in SERVICES:
        if spec.name not in ("calculator", "certification", "events-catalog"):
            continue
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "sosai_shared.reconciliation",
                "--service",
                spec.name,
                "--grace",
                "0",
                "--registry-url",
                p.processes["registry"].url,
            ],
            env=p.processes[spec.name].env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        clean = clean and out.returncode == 0
        lines += [f"  {spec.name}: exit {out.returncode}"] + [
            f"    {x}" for x in out.stdout.strip().splitlines()
        ]
        lines += [f"    {x}" for x in out.stderr.strip().splitlines()[-3:]]
    return lines, clean


async def overbooked(load: Load) -> tuple[list[str], int, int]:
    """Sessions with more confirmed registrations than places; confirmed and waitlisted in all."""
    out, confirmed, waitlisted = [], 0, 0
    for sid in load.sessions:
        r = await load.c["catalog"].get(f"/v1/sessions/{sid}", headers=ORGANISER)
        if r.status_code != 200:
            out.append(f"session {sid}: GET answered {r.status_code} {r.text[:200]}")
            continue
        s = r.json()
        confirmed, waitlisted = confirmed + s["confirmed"], waitlisted + s["waitlisted"]
        if s["confirmed"] > s["capacity"]:
            out.append(f"session {sid}: {s['confirmed']} confirmed for {s['capacity']} places")
    return out, confirmed, waitlisted


async def soak(p: Programme, args: argparse.Namespace) -> tuple[list[str], bool]:
    load = Load(p, args)
    lines: list[str] = []
    wrong: list[str] = []
    try:
        await load.setup()
        warm_until = time.perf_counter() + args.warmup
        end = time.perf_counter() + args.warmup + args.seconds
        drivers = [
            load.drive(load.issuance, 1 / args.issue_every, end),
            load.drive(load.scope, args.scope_rate, end),
            load.drive(load.transfer, args.transfer_rate, end),
            load.drive(load.retire, args.retire_rate, end),
            load.drive(load.register, args.register_rate, end),
        ]
        running = asyncio.gather(*drivers)
        await asyncio.sleep(max(0.0, warm_until - time.perf_counter()))
        mem_start = memory(p)
        samples = [(0, mem_start)]
        while not running.done():
            await asyncio.wait([running], timeout=60)
            if not running.done():
                samples.append((len(samples) * 60, memory(p)))
        await running
        mem_end = memory(p)
        await asyncio.sleep(args.settle)
        lines.append(f"load for {args.seconds:.0f} s after a {args.warmup:.0f} s warm-up:")
        for op in ("issuance", "scope", "transfer", "retirement", "registration"):
            lat = load.latency[op]
            q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [0.0] * 99
            lines.append(
                f"  {op:<12} {len(lat)} answered, {len(load.errors[op])} errors; "
                f"p50 {q[49] * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms"
                + (f"; first error: {load.errors[op][0]}" if load.errors[op] else "")
            )
        wrong += [f"{op}: {len(e)} errors" for op, e in load.errors.items() if e]
        lines.append("memory (RSS MB) after the warm-up -> at the end (growth):")
        for name in mem_start:
            growth = mem_end[name] / mem_start[name] - 1
            trend = " ".join(f"{m[name]:.0f}" for _, m in samples)
            lines.append(
                f"  {name:<15} {mem_start[name]:.0f} -> {mem_end[name]:.0f} ({growth:+.1%}); per minute: {trend}"
            )
            if growth > GROWTH_LIMIT:
                wrong.append(f"{name} memory grew {growth:.0%}")
        found = await measure(p.database_urls["registry"])
        wrong += problems(found, load.moves_201, 0)
        lines.append(f"registry invariants: {found}")
        over, confirmed, waitlisted = await overbooked(load)
        wrong += over
        lines.append(
            f"catalog: {len(load.sessions)} sessions, {confirmed} registrations confirmed, {waitlisted} "
            f"waitlisted, {len(over)} sessions over capacity"
        )
    finally:
        await load.close()
    rec_lines, clean = await asyncio.to_thread(reconcile, p)
    lines.append("reconciliation of each consumer against the registry's public ledger:")
    lines += rec_lines
    if not clean:
        wrong.append("reconciliation found divergences")
    lines.append(f"verdict: {'OK' if not wrong else 'PROBLEMS: ' + '; '.join(wrong)}")
    return lines, not wrong


def main() -> None:
    ap = argparse.ArgumentParser()
    add_arguments(ap, port_base=24150)
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--warmup", type=float, default=60)
    ap.add_argument("--settle", type=float, default=10, help="pause before the books are checked")
    ap.add_argument("--issue-every", type=float, default=30)
    ap.add_argument("--scope-rate", type=float, default=0.5)
    ap.add_argument("--transfer-rate", type=float, default=4)
    ap.add_argument("--retire-rate", type=float, default=4)
    ap.add_argument("--register-rate", type=float, default=2)
    args = ap.parse_args()
    print(f"tier: {tier()}, broker {args.broker}; load average before {os.getloadavg()}", flush=True)
    with bench_programme("soak", args.broker, args.port_base) as p:
        lines, ok = asyncio.run(soak(p, args))
    print("\n".join(line for line in lines if line))
    print(f"load average after {os.getloadavg()}")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
