"""The six services started for a benchmark and stopped after it (propagation, soak).

A fresh ``var/bench-<name>`` holds the services' SQLite files and logs (kept after the run for a
look, replaced by the next run); with ``SOSAI_TEST_POSTGRES`` set, fresh PostgreSQL databases are
created and dropped afterwards. The rate limits are set generous: the benchmarks measure the
services, not their limiter.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))  # the programme runner of the end-to-end tests

from e2e_support import Programme, _drop, start_programme  # noqa: E402

from sosai_shared.ratelimit import GENEROUS_ENV  # noqa: E402


def add_arguments(ap: argparse.ArgumentParser, port_base: int) -> None:
    """The broker to use and the services' first port (below the ephemeral range: a port an
    outgoing connection happens to hold cannot be bound)."""
    ap.add_argument("--broker", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"))
    ap.add_argument("--port-base", type=int, default=port_base)


def tier() -> str:
    return "PostgreSQL" if os.environ.get("SOSAI_TEST_POSTGRES") else "SQLite"


@contextmanager
def bench_programme(name: str, broker: str, port_base: int) -> Iterator[Programme]:
    tmp = ROOT / "var" / f"bench-{name}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    os.environ.update(GENEROUS_ENV)  # the processes inherit it
    p, created = start_programme(tmp, broker, port_base=port_base)
    try:
        yield p
    finally:
        for proc in p.processes.values():
            proc.stop()
        _drop(created)
