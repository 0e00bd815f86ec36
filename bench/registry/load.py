"""The registry benchmark's load: ``hey`` (a compiled HTTP load generator) with per-account bodies.

``hey`` sends one body per process, so each (source account, operation) pair gets its own process
with one connection: per source account one client transferring 2 t to its sink and one retiring
1 t, both by quantity (every request splits a block). With 16 accounts that is 32 connections, two
per account, so the per-account row lock is contended as in production.

Closed loop: each connection sends its next request when the previous one is answered, for a fixed
time. Open loop: each connection is throttled to a fixed rate (``hey -q``), so the offered load is
fixed whatever the latency, and the processes start 1/rate apart so that their ticks spread evenly
over the period instead of arriving as one burst per period; hey waits for a slow answer before the next request (so latencies above
the interval are under-counted, which matters only far beyond the 50 ms target).

Measured beside the figures: the CPU seconds of the hey processes (``RUSAGE_CHILDREN``) and of the
registry process (``/proc/<pid>/stat``), so the generator's share of the two cores is on record.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Figures:
    ops: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    hey_cpu_s: float
    registry_cpu_s: float

    @property
    def ops_per_s(self) -> float:
        return self.ops / self.seconds

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.ops} ops in {self.seconds:.0f} s: {self.ops_per_s:.1f} ops/s, "
            f"p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, errors {self.errors}; CPU s: "
            f"registry {self.registry_cpu_s:.1f}, hey {self.hey_cpu_s:.1f} "
            f"({100 * self.hey_cpu_s / max(self.hey_cpu_s + self.registry_cpu_s, 1e-9):.0f} % of both)"
        )


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (fields 14 and 15 of /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def bodies(accounts: list[tuple[str, dict[str, str]]], sinks: list[str]) -> list[tuple[str, dict, dict]]:
    """(path, body, headers) of every connection: a transferring and a retiring one per source account."""
    out: list[tuple[str, dict, dict]] = []
    for n, ((acc, headers), sink) in enumerate(zip(accounts, sinks, strict=True)):
        out.append(("/v1/transfers", {"from_account_id": acc, "to_account_id": sink, "quantity": 2}, headers))
        retire = {
            "account_id": acc,
            "quantity": 1,
            "use": "own_activity",
            "purpose": "bench",
            "beneficiary": f"customer {n}",
        }
        out.append(("/v1/retirements", retire, headers))
    return out


def run_hey(
    hey: str,
    bases: list[str],
    conns: list[tuple[str, dict, dict]],
    seconds: int,
    registry_pids: list[int],
    rate: float | None = None,
) -> Figures:
    """All connections at once for ``seconds``; ``rate`` (requests/s over all of them) makes it open loop.

    With several registry processes (``bases``), connection i goes to process i mod n: an account's
    transferring and retiring connections land on different processes, so its row lock is contended
    across them.
    """
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    reg0 = sum(process_cpu_seconds(pid) for pid in registry_pids)
    with tempfile.TemporaryDirectory(prefix="registry-bench-") as tmp:
        procs = []
        for i, (path, body, headers) in enumerate(conns):
            body_file = Path(tmp, f"body-{i}.json")
            body_file.write_text(json.dumps(body))
            # -t 120: hey's default 20 s timeout drops a slow answer from its CSV while the registry
            # completes the move, and the invariants would count a 201 too few
            cmd = [hey, "-z", f"{seconds}s", "-t", "120", "-c", "1", "-m", "POST", "-T", "application/json"]
            cmd += ["-D", str(body_file), "-o", "csv"]
            if rate is not None:
                cmd += ["-q", f"{rate / len(conns):.4f}"]
            for k, v in headers.items():
                cmd += ["-H", f"{k}: {v}"]
            out = Path(tmp, f"out-{i}.csv").open("w")
            if rate is not None and i:
                # each hey ticks at its own period from its own start: started together, the 32 tick
                # in step and the service sees a burst of 32 every period, not a rate; started
                # 1/rate apart, the arrivals are spread evenly over the period
                time.sleep(1 / rate)
            url = bases[i % len(bases)] + path
            procs.append((subprocess.Popen([*cmd, url], stdout=out, stderr=subprocess.PIPE), out))
        latencies: list[float] = []
        errors = 0
        for i, (p, out) in enumerate(procs):
            _, err = p.communicate()
            out.close()
            if p.returncode != 0:
                raise RuntimeError(f"hey failed: {err.decode()[:500]}")
            for row in Path(tmp, f"out-{i}.csv").read_text().splitlines()[1:]:
                cols = row.split(",")
                latencies.append(float(cols[0]))
                if cols[6] != "201":
                    errors += 1
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    q = statistics.quantiles(latencies, n=100)
    return Figures(
        ops=len(latencies),
        errors=errors,
        seconds=seconds,
        p50_ms=q[49] * 1000,
        p99_ms=q[98] * 1000,
        hey_cpu_s=(cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
        registry_cpu_s=sum(process_cpu_seconds(pid) for pid in registry_pids) - reg0,
    )
