"""``make run`` from a warm checkout (the virtualenv built) to every service answering ``/readyz``.

Starts ``make run`` as a user would, with a var directory of its own, and times it until the line
``Sōsai is running`` (printed once every service has answered ``/readyz``; see
``sosai_shared.processes``), then stops it with Ctrl-C (SIGINT) and times the shutdown too. The
first start is on an empty var directory (the broker started, every database created and
migrated); the next ``--runs - 1`` reuse it, as a developer's second ``make run`` does. The
services' ports are the defaults, so nothing else may be running ``make run`` meanwhile.

    .venv/bin/python bench/make_run.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READY = "Sōsai is running"


def one(var: Path) -> tuple[float, float, int]:
    """(seconds to ready, seconds to stop after Ctrl-C, services listed)."""
    env = {**os.environ, "SOSAI_VAR_DIR": str(var)}
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)  # make run starts its own embedded broker
    t0 = time.monotonic()
    proc = subprocess.Popen(
        ["make", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # Ctrl-C goes to make and everything under it, as in a terminal
    )
    assert proc.stdout is not None
    ready = None
    listed = 0
    for line in proc.stdout:
        if ready is None and READY in line:
            ready = time.monotonic() - t0
        elif ready is not None and "/docs" in line:
            listed += 1
        elif ready is not None and line.startswith("Press Ctrl-C"):
            break
    if ready is None:
        raise RuntimeError(f"make run ended without {READY!r} (exit {proc.wait()})")
    t1 = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    proc.communicate(timeout=120)
    return ready, time.monotonic() - t1, listed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    var = ROOT / "var" / "bench-make-run"
    shutil.rmtree(var, ignore_errors=True)
    print(f"load average before: {os.getloadavg()}")
    for n in range(args.runs):
        ready, stopped, listed = one(var)
        state = "empty var directory" if n == 0 else "var directory reused"
        print(f"run {n + 1} ({state}): {listed} services ready in {ready:.1f} s; stopped in {stopped:.1f} s")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
