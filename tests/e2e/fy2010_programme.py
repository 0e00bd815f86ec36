"""The FY2010 programme loaded by `make seed`'s script: one per test session, shared by the dataset
and report tests (seeding it takes minutes; its figures do not change once loaded)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from e2e_support import E2E_PORT_BASE, Programme, _drop, start_programme

from sosai_shared.processes import SERVICES

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "scripts" / "seed" / "seed_fy2010.py"
PORT_BASE = E2E_PORT_BASE + 100  # its own programme, beside the session one


def url_args(prog: Programme) -> list[str]:
    p = prog.processes
    return [
        "--registry-url",
        p["registry"].url,
        "--certification-url",
        p["certification"].url,
        "--calculator-url",
        p["calculator"].url,
        "--catalog-url",
        p["events-catalog"].url,
    ]


def run_seed(prog: Programme) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SEED), *url_args(prog)], capture_output=True, text=True, timeout=600, check=False
    )


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_base(preferred: int) -> int:
    """The first base from ``preferred`` (in steps of 10) whose services' ports are all free. Other suites run
    programmes of their own on this machine, and a foreign service answering /readyz on our port would
    be taken for ours (and filled with our data)."""
    for base in range(preferred, preferred + 400, 10):
        if all(_port_free(base + i) for i in range(1, len(SERVICES) + 1)):
            return base
    raise RuntimeError(f"no {len(SERVICES)} free ports from {preferred}")


@contextmanager
def seeded_programme(tmp: Path, bootstrap_servers: str, preferred_port_base: int) -> Iterator[Programme]:
    """A programme of its own, loaded by `make seed`'s script; stopped and dropped afterwards."""
    prog, created = start_programme(tmp, bootstrap_servers, free_port_base(preferred_port_base))
    try:
        time.sleep(1.5)  # a service that lost a race for its port exits just after its startup
        dead = [n for n, p in prog.processes.items() if p.proc is None or p.proc.poll() is not None]
        assert not dead, f"services exited after start (port taken?): {dead}"
        done = run_seed(prog)
        assert done.returncode == 0, f"seed failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        yield prog
    finally:
        for c in prog.clients.values():
            c.close()
        for proc in prog.processes.values():
            proc.stop()
        _drop(created)


@pytest.fixture(scope="session")
def seeded(bootstrap_servers: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Programme]:
    with seeded_programme(tmp_path_factory.mktemp("fy2010"), bootstrap_servers, PORT_BASE) as prog:
        yield prog
