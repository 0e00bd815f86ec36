"""A property test per service: requests generated from its OpenAPI document with boundary and
hostile values (Schemathesis: schema examples, the coverage phase's just-inside and just-outside
bounds, negative data that breaks the schema on purpose, and stateful sequences that follow the
document's links), asserting no 5xx, that data the schema forbids is refused, and that every
response's status code, content type and body are the ones documented.

Each service runs alone as a process on a fresh database of the tier (SQLite or PostgreSQL), the
services it calls beside it, authenticated with every scope it declares, with a fixed seed and a
time budget that keeps the four runs within a few minutes per tier. (This is the project's one
Schemathesis suite: an earlier second one ran positive data only against the whole programme and
found nothing this one does not look for.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from e2e_support import E2E_PORT_BASE

from sosai_shared.processes import SERVICES, ServiceProcess
from sosai_shared.testing import token

SCOPES = {
    "registry": ["registry:admin", "registry:write", "registry:read", "org:keys"],
    "certification": ["certification:apply", "certification:review", "certification:admin"],
    "calculator": ["calculator:write", "calculator:read", "calculator:admin", "calculator:estimate"],
    "events-catalog": ["catalog:organise", "catalog:register"],
}
CHECKS = ",".join(
    [
        "not_a_server_error",
        "negative_data_rejection",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    ]
)
SEED = "20101"
MAX_TIME_SECONDS = os.environ.get("SOSAI_HOSTILE_MAX_TIME", "20")


@pytest.mark.parametrize("name", sorted(SCOPES))
def test_hostile_and_boundary_requests_never_reach_a_500(
    name: str, database_url: str, bootstrap_servers: str, tmp_path: Path
) -> None:
    spec = next(s for s in SERVICES if s.name == name)
    env = {
        **os.environ,
        "SOSAI_VAR_DIR": str(tmp_path),
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
        "KAFKA_TOPIC_PREFIX": f"hostile{uuid.uuid4().hex[:6]}.",
        f"{spec.prefix}DATABASE_URL": database_url,
    }
    # the services it calls run beside it (on SQLite: they are not under test), so a request that
    # reaches one gets its real answer, not the 503 an outage of that dependency rightly gives
    callees = []
    for offset, callee_name in enumerate(spec.calls, start=len(SCOPES)):
        callee = next(s for s in SERVICES if s.service_name == callee_name)
        callee_env = {
            **env,
            f"{callee.prefix}DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / callee.name}.db",
        }
        callees.append(ServiceProcess(callee, callee_env, tmp_path / "log", port=E2E_PORT_BASE + 40 + offset))
    proc = ServiceProcess(spec, env, tmp_path / "log", port=E2E_PORT_BASE + 40 + sorted(SCOPES).index(name))
    try:
        for callee_proc in callees:
            callee_proc.start()
            callee_proc.wait_ready(timeout=120)
            env[f"{spec.prefix}{callee_proc.spec.service_name.upper()}_URL"] = callee_proc.url
        proc.env = env
        proc.start()
        proc.wait_ready(timeout=120)
        result = run_schemathesis(proc.url, token(f"hostile-{name}", *SCOPES[name]), tmp_path)
    finally:
        proc.stop()
        for callee_proc in callees:
            callee_proc.stop()
    lines = result.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if "FAILURES" in line), max(len(lines) - 80, 0))
    tail = "\n".join(lines[start : start + 150])  # the failures with their curl reproductions
    print(
        f"{name}:", *[line for line in result.stdout.splitlines() if "test case" in line or "passed" in line]
    )
    assert result.returncode == 0, f"schemathesis found problems in {name}:\n{tail}\n{result.stderr[-2000:]}"
    assert list(tmp_path.glob("junit*.xml")), "schemathesis wrote no report: did it run?"


def run_schemathesis(url: str, bearer: str, report_dir: Path) -> subprocess.CompletedProcess[str]:
    cmd = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{url}/openapi.json",
        "--checks",
        CHECKS,
        "--mode",
        "all",  # positive and negative data
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        "8",
        "--max-time",
        MAX_TIME_SECONDS,
        "--seed",
        SEED,
        "--generation-deterministic",
        "--workers",
        "1",
        "--header",
        f"Authorization: Bearer {bearer}",
        "--request-timeout",
        "10",
        "--exclude-path",
        "/readyz",
        "--exclude-path",
        "/metrics",
        "--report",
        "junit",
        "--report-dir",
        str(report_dir),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)
