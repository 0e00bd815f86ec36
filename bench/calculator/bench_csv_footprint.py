"""Benchmark: a 1,000,000-line activity CSV for one organisation-year to a stored footprint.

Two measurements, each in a fresh subprocess (so peak RSS is its own):

* ``service``: the API's CSV path (``service.create_footprint_from_csv``: streaming parse,
  unit conversion, factor resolution with N-1 rule, exact Decimal sums, one stored
  version with factor snapshots, outbox event) against a migrated SQLite (or
  PostgreSQL, ``--database-url``) database, committed.
* ``floor``: a plain Python loop that only parses the same file with ``csv`` and sums
  ``Decimal(amount) * factor`` (the floor for this work in Python).

Usage: ``.venv/bin/python bench/calculator/bench_csv_footprint.py [--rows N] [--database-url URL]``
The CSV is generated into ``/tmp`` (never committed).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

#: Activities in the generated file: (activity, unit, region, amount range) — a plausible organisation-year.
MIX = [
    ("gasoline", "L", "", (5, 80)),
    ("diesel", "L", "", (10, 200)),
    ("kerosene", "L", "", (5, 50)),
    ("city_gas", "m3", "", (1, 500)),
    ("lpg", "kg", "", (1, 40)),
    ("electricity", "kWh", "tepco", (10, 5000)),
    ("electricity", "kWh", "kansai", (10, 5000)),
    ("electricity", "kWh", "", (10, 5000)),
    ("passenger_rail", "passenger-km", "", (1, 600)),
    ("passenger_air_domestic_scheduled", "passenger-km", "", (200, 1500)),
]
#: t-CO2 per CSV unit for the floor loop (same figures as the FY2010-B / FY2009-B factors).
FLOOR_FACTORS = {
    ("gasoline", ""): Decimal("34.6") * Decimal("0.0183") * 44 / 12 / 1000,
    ("diesel", ""): Decimal("37.7") * Decimal("0.0187") * 44 / 12 / 1000,
    ("kerosene", ""): Decimal("36.7") * Decimal("0.0185") * 44 / 12 / 1000,
    ("city_gas", ""): Decimal("44.8") * Decimal("0.0136") * 44 / 12 / 1000,
    ("lpg", ""): Decimal("50.8") * Decimal("0.0161") * 44 / 12 / 1000,
    ("electricity", "tepco"): Decimal("0.000384"),
    ("electricity", "kansai"): Decimal("0.000294"),
    ("electricity", ""): Decimal("0.000555"),
    ("passenger_rail", ""): Decimal("0.000019"),
    ("passenger_air_domestic_scheduled", ""): Decimal("0.00010729"),
}


def generate(path: Path, rows: int) -> None:
    rnd = random.Random(2010)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["activity", "amount", "unit", "region"])
        for _ in range(rows):
            activity, unit, region, (lo, hi) = rnd.choice(MIX)
            w.writerow([activity, f"{rnd.uniform(lo, hi):.3f}", unit, region])


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_floor(path: Path) -> dict[str, object]:
    start = time.perf_counter()
    total = Decimal(0)
    with path.open(newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for activity, amount, _unit, region in reader:
            total += Decimal(amount) * FLOOR_FACTORS[(activity, region)]
    return {"seconds": time.perf_counter() - start, "peak_rss_mib": peak_rss_mib(), "total_t_co2": str(total)}


async def run_service(path: Path, url: str) -> dict[str, object]:
    from sosai_calculator import models
    from sosai_calculator.factors.service import load_shipped_sets
    from sosai_calculator.footprints.schemas import PlanIn
    from sosai_calculator.footprints.service import create_footprint_from_csv
    from sosai_shared.db import Database
    from sosai_shared.migrations import upgrade

    await upgrade("sosai_calculator", url)
    db = Database(url, models.Base.metadata)
    await load_shipped_sets(db.sessionmaker)
    rss_before = peak_rss_mib()
    start = time.perf_counter()
    async with db.sessionmaker() as session, session.begin():
        with path.open(newline="") as f:
            fp = await create_footprint_from_csv(
                session,
                "org-bench",
                f,
                name="bench FY2010",
                fiscal_year=2010,
                regime="B",
                offset_type=None,
                plan=PlanIn(),
                source="/sosai/calculator-bench",
            )
        total = str(fp.total_t_co2)
    seconds = time.perf_counter() - start
    await db.dispose()
    return {
        "seconds": seconds,
        "peak_rss_mib": peak_rss_mib(),
        "rss_before_ingest_mib": rss_before,
        "total_t_co2": total,
    }


def child(mode: str, path: str, url: str) -> None:
    result = run_floor(Path(path)) if mode == "floor" else asyncio.run(run_service(Path(path), url))
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--database-url", default="")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "CSV", "URL"))
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    tmp = Path(tempfile.mkdtemp(prefix="calc-bench-"))
    csv_path = tmp / "activity.csv"
    t = time.perf_counter()
    generate(csv_path, args.rows)
    print(
        f"generated {args.rows} rows ({csv_path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f}s",
        file=sys.stderr,
    )
    url = args.database_url or f"sqlite+aiosqlite:///{tmp / 'calculator.db'}"
    results = {}
    for mode in ("floor", "service"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(csv_path), url],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "SOSAI_LOG_LEVEL": "WARNING"},
        )
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    results["ratio_time_service_over_floor"] = results["service"]["seconds"] / results["floor"]["seconds"]
    results["rows"] = args.rows
    results["database"] = url.split(":")[0]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
