"""Propagation benchmark: from a retirement's 201 to the consumers' views showing it.

One run starts the programme's services as processes (``sosai_shared.processes.ServiceProcess``, through
the end-to-end tests' ``start_programme``: fresh SQLite files, or fresh PostgreSQL databases when
``SOSAI_TEST_POSTGRES`` is set, and a topic prefix of its own on the broker given), issues credits to
one company, spreads them over ``--accounts`` holding accounts of it (8 by default), and retires 1 t
from each in turn at a fixed rate (open loop: a request is sent every 1/rate s whatever the previous
ones are doing). One account's moves are serialised by its row lock, by design: with a single
account (``--accounts 1``, the set-up before 2026-11-29 evening) a run at 50/s measured that lock's
queue as much as the propagation. A retirement sent while no probe is being watched is a probe (up to ``--probes``): it names a catalog
session, a calculator footprint and a draft certification application created for it alone
beforehand, and three watchers poll, every ``--poll-ms``, the views a person would look at until they
show it (one probe at a time, so that the polls stay a small part of the load):

- calculator: ``GET /v1/footprints/{id}``, ``coverage.credits_retired`` ≥ 1;
- certification: ``GET /v1/applications/{id}``, the checklist's evidence names the retirement;
- catalog: ``GET /v1/sessions/{id}/carbon-card``, ``credits_retired`` ≥ 1.

The latency of one probe in one view is the time from the registry's 201 being received to the
response of the first poll that shows it (an upper bound: it includes that poll's own round trip,
whose median is printed beside it). Not part of the test suites.

    bash deploy/local/tansu.sh start      # SOSAI_TANSU_PORT of your own
    .venv/bin/python bench/propagation/run.py --broker 127.0.0.1:$SOSAI_TANSU_PORT --rate 50 --seconds 60
    # PostgreSQL + Apache Kafka: deploy/local/postgres.sh and kafka.sh started, then
    SOSAI_TEST_POSTGRES=postgresql+asyncpg://postgres@127.0.0.1:$SOSAI_PG_PORT \\
        .venv/bin/python bench/propagation/run.py --broker 127.0.0.1:$SOSAI_KAFKA_PORT ...
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))  # the programme runner of the end-to-end tests

from e2e_support import Programme  # noqa: E402
from hops import hops  # noqa: E402  (puts bench/registry on the path)
from journey_support import company, issue, unique  # noqa: E402
from load import process_cpu_seconds  # noqa: E402  (bench/registry/load.py)
from programme import add_arguments, bench_programme, tier  # noqa: E402

from sosai_shared.testing import auth  # noqa: E402

VIEWS = ("calculator", "certification", "catalog")


async def must(r: httpx.Response, status: int = 201) -> Any:
    if r.status_code != status:
        raise RuntimeError(f"{r.request.method} {r.request.url} -> {r.status_code} {r.text}")
    return r.json()


async def make_probe(c: dict[str, httpx.AsyncClient], org: str, h: dict[str, str], n: int) -> dict[str, str]:
    """A catalog session, a footprint naming it and a draft application naming both: one probe's views."""
    organiser = auth(org, "catalog:organise", sub=f"organiser@{org}")
    session = await must(
        await c["catalog"].post(
            "/v1/sessions",
            headers=organiser,
            json={
                "programme_code": "expo",
                "title_ja": f"ベンチ {n}",
                "title_en": f"Bench {n}",
                "venue": {"name": "Hall", "city": "Koto", "prefecture": "Tokyo"},
                "starts_at": "2030-02-01T01:00:00Z",
                "ends_at": "2030-02-01T08:00:00Z",
                "capacity": 100,
                "venue_kwh": "1000",
                "utility": "TEPCO",
            },
        )
    )
    footprint = await must(
        await c["calculator"].post(
            "/v1/footprints",
            headers=h,
            json={
                "kind": "event",
                "name": f"Bench {n}",
                "fiscal_year": 2010,
                "session_id": session["id"],
                "offset_type": "meeting_event",
                "attendees": [{"origin": "Osaka", "mode": "rail", "distance_km": "500", "count": 20}],
                "venue_kwh": "1000",
                "utility": "TEPCO",
                "plan": {"offset_share": "1"},
            },
        )
    )
    application = await must(
        await c["certification"].post(
            "/v1/applications",
            headers=h,
            json={
                "offset_type": "meeting_event",
                "subject_name": f"Bench {n}",
                "subject_kind": "event",
                "footprint_id": footprint["id"],
                "session_id": session["id"],
                "carbon_neutral": True,
            },
        )
    )
    return {"session_id": session["id"], "footprint_id": footprint["id"], "application_id": application["id"]}


def visible(view: str, body: Any, retirement_id: str) -> bool:
    if view == "calculator":
        return int(body["coverage"]["credits_retired"]) >= 1
    if view == "certification":
        return retirement_id in str(body["checks"])
    return int(body["credits_retired"]) >= 1


async def watch(
    c: httpx.AsyncClient,
    view: str,
    url: str,
    h: dict[str, str],
    rid: str,
    t201: float,
    poll: float,
    out: dict,
) -> None:
    deadline = t201 + 60
    while time.perf_counter() < deadline:
        t0 = time.perf_counter()
        r = await c.get(url, headers=h)
        t1 = time.perf_counter()
        out["poll"][view].append(t1 - t0)
        if r.status_code == 200 and visible(view, r.json(), rid):
            out["lat"][view].append(t1 - t201)
            return
        await asyncio.sleep(max(0.0, poll - (time.perf_counter() - t0)))
    out["missed"][view] += 1


async def spread(
    registry: httpx.AsyncClient, h: dict[str, str], funded: str, share: int, args: argparse.Namespace
) -> list[str]:
    """``--accounts`` holding accounts of the company, ``share`` t moved into each new one."""
    accounts = [funded]
    for _ in range(args.accounts - 1):
        r = await registry.post("/v1/accounts", json={"name": "bench"}, headers=h)
        assert r.status_code == 201, r.text
        accounts.append(r.json()["id"])
        body = {"from_account_id": funded, "to_account_id": accounts[-1], "quantity": share}
        r = await registry.post("/v1/transfers", json=body, headers=h)
        assert r.status_code == 201, r.text
    return accounts


async def drive(p: Programme, args: argparse.Namespace) -> dict[str, Any]:
    org = unique("bench")
    h = auth(
        org,
        "registry:write",
        "registry:read",
        "calculator:write",
        "calculator:read",
        "certification:apply",
        sub=f"staff@{org}",
    )
    total = int(args.rate * args.seconds)
    credits = await asyncio.to_thread(issue, p, company(org), total + 100)
    # idle connections dropped before uvicorn's 5 s keep-alive closes them under a request being sent
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64, keepalive_expiry=2)
    c = {
        name: httpx.AsyncClient(base_url=p.processes[svc].url, timeout=60, limits=limits)
        for name, svc in (
            ("registry", "registry"),
            ("calculator", "calculator"),
            ("certification", "certification"),
            ("catalog", "events-catalog"),
        )
    }
    out: dict[str, Any] = {
        "lat": {v: [] for v in VIEWS},
        "poll": {v: [] for v in VIEWS},
        "missed": dict.fromkeys(VIEWS, 0),
        "retire": [],
        "errors": 0,
    }
    try:
        n_probes = args.probes
        sem = asyncio.Semaphore(8)

        async def one(n: int) -> dict[str, str]:
            async with sem:
                return await make_probe(c, org, h, n)

        accounts = await spread(c["registry"], h, credits.account_id, (total + 100) // args.accounts, args)
        t0 = time.perf_counter()
        probes = await asyncio.gather(*(one(n) for n in range(n_probes)))
        print(f"set up {n_probes} probes in {time.perf_counter() - t0:.1f} s", flush=True)
        await asyncio.sleep(2)  # the probes' own events (footprints, sessions) settle first
        tasks: list[asyncio.Task[None]] = []
        unused = list(reversed(probes))
        in_flight = False  # one probe watched at a time: the watchers' polls must not be the load

        async def retire(k: int) -> None:
            nonlocal in_flight
            probe = unused.pop() if unused and not in_flight else {}
            in_flight = in_flight or bool(probe)
            body = {
                "account_id": accounts[k % len(accounts)],
                "quantity": 1,
                "use": "meeting_event" if probe else "own_activity",
                "purpose": "propagation bench",
                "beneficiary": "Bench Corporation",
                **probe,
            }
            t_send = time.perf_counter()
            try:
                r = await c["registry"].post("/v1/retirements", json=body, headers=h)
            except httpx.TransportError:
                r = None
            t201 = time.perf_counter()
            out["retire"].append(t201 - t_send)
            if r is None or r.status_code != 201:
                out["errors"] += 1
            elif probe and args.poll_ms > 0:
                rid = r.json()["id"]
                urls = {
                    "calculator": f"/v1/footprints/{probe['footprint_id']}",
                    "certification": f"/v1/applications/{probe['application_id']}",
                    "catalog": f"/v1/sessions/{probe['session_id']}/carbon-card",
                }
                await asyncio.gather(
                    *(watch(c[v], v, urls[v], h, rid, t201, args.poll_ms / 1000, out) for v in VIEWS)
                )
            if probe:
                # without watchers the next retirement may carry the next probe at once
                in_flight = False

        cpu_before = cpu_of(p)
        own_before = time.process_time()
        start = time.perf_counter()
        for k in range(total):
            await asyncio.sleep(max(0.0, start + k / args.rate - time.perf_counter()))
            tasks.append(asyncio.create_task(retire(k)))
        out["sent_in"] = time.perf_counter() - start
        await asyncio.gather(*tasks)
        await asyncio.sleep(1)  # the consumers' share of the last retirements
        after = cpu_of(p)
        out["cpu"] = {name: after[name] - cpu_before[name] for name in after}
        out["cpu"]["(this load generator)"] = time.process_time() - own_before
    finally:
        for client in c.values():
            await client.aclose()
    return out


def cpu_of(p: Programme) -> dict[str, float]:
    return {
        name: process_cpu_seconds(proc.proc.pid)
        for name, proc in p.processes.items()
        if proc.proc is not None
    }


def ms(xs: list[float], q: int) -> str:
    if len(xs) < 2:
        return "n/a"
    return f"{statistics.quantiles(xs, n=100, method='inclusive')[q - 1] * 1000:.0f}"


def report(out: dict[str, Any], args: argparse.Namespace) -> None:
    load = os.getloadavg()
    print(
        f"{len(out['retire'])} retirements sent in {out['sent_in']:.1f} s (target {args.rate}/s for "
        f"{args.seconds} s), errors {out['errors']}; registry 201 p50 {ms(out['retire'], 50)} ms, "
        f"p99 {ms(out['retire'], 99)} ms; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    for v in VIEWS:
        lat = out["lat"][v]
        print(
            f"  {v:<13} {len(lat)} probes: p50 {ms(lat, 50)} ms, p99 {ms(lat, 99)} ms, "
            f"max {max(lat) * 1000 if lat else 0:.0f} ms, missed {out['missed'][v]}; "
            f"one poll's round trip p50 {ms(out['poll'][v], 50)} ms"
        )
    n = len(out["retire"])
    per = ", ".join(f"{name} {sec * 1000 / n:.1f}" for name, sec in sorted(out["cpu"].items()))
    print(f"CPU per retirement, ms (while the load ran, probes and polls included): {per}")


def main() -> None:
    ap = argparse.ArgumentParser()
    add_arguments(ap, port_base=24050)
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--probes", type=int, default=100, help="probe retirements, watched one at a time")
    ap.add_argument(
        "--poll-ms",
        type=float,
        default=10,
        help="the watchers' poll period; 0: the probes' retirements are sent but not watched (the "
        "commit timestamps still measure them, without the polls' load)",
    )
    ap.add_argument(
        "--accounts",
        type=int,
        default=8,
        help="holding accounts retired from in turn (one account's moves queue on its row lock)",
    )
    args = ap.parse_args()
    with bench_programme("propagation", args.broker, args.port_base) as p:
        out = asyncio.run(drive(p, args))
        time.sleep(2)  # the last events reach their consumers
        out["hops"] = asyncio.run(hops(p.database_urls))
    print(f"tier: {tier()}, broker {args.broker}")
    report(out, args)
    print("hops, from the services' own timestamps (every retirement of the run):")
    print("\n".join(out["hops"]))


if __name__ == "__main__":
    main()
