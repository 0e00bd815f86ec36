"""Schemathesis against each running service's OpenAPI document, with stateful links.

Authenticated with a token that holds every scope the service declares, so the
generated requests reach the handlers; a bounded run (examples and wall time)
keeps it inside CI's budget. Any server error, undocumented status code or
content type, or response that breaks its schema fails the test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import Programme

from sosai_shared.testing import token

SCOPES = {
    "registry": ["registry:admin", "registry:write", "registry:read"],
    "certification": ["certification:apply", "certification:review", "certification:admin"],
    "calculator": ["calculator:write", "calculator:read", "calculator:admin", "calculator:estimate"],
    "events-catalog": ["catalog:organise", "catalog:register"],
}
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.mark.parametrize("service", sorted(SCOPES))
def test_schemathesis_finds_nothing(programme: Programme, service: str, tmp_path: Path) -> None:
    url = programme.processes[service].url
    bearer = token(f"fuzz-{service}", *SCOPES[service])
    cmd = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{url}/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        "12",
        "--max-time",
        "45",
        "--seed",
        "20101",
        "--header",
        f"Authorization: Bearer {bearer}",
        "--request-timeout",
        "10",
        "--exclude-path",
        "/readyz",
        "--exclude-path",
        "/metrics",
        "--generation-deterministic",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    tail = "\n".join(result.stdout.splitlines()[-60:])
    assert result.returncode == 0, (
        f"schemathesis found problems in {service}:\n{tail}\n{result.stderr[-2000:]}"
    )
    assert list(tmp_path.glob("junit*.xml")), "schemathesis wrote no report: did it run?"
