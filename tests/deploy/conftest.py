"""Fixtures of the deployment checks: rendered kustomize overlays, and the four services' own /metrics.

Everything here is offline: kustomize comes from deploy/k8s/tools.sh (built once from the Go module
proxy and cached under var/tools), schemas ship inside kubernetes-validate and tests/deploy/, and the
services are started in-process on SQLite with a broker address that refuses connections (they
start and serve without one).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))  # deploy_support, for the test modules too

from deploy_support import K8S, OVERLAYS, Scrape


@pytest.fixture(scope="session")
def kustomize() -> str:
    out = subprocess.run(["bash", str(K8S / "tools.sh")], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, f"deploy/k8s/tools.sh failed:\n{out.stderr}"
    return out.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def rendered(kustomize: str) -> dict[str, list[dict[str, Any]]]:
    """overlay -> the manifests ``kustomize build`` produces for it."""
    # as at a deployment: the dev overlay's secret values first (random, ignored by git, kept if present)
    made = subprocess.run(
        [sys.executable, str(K8S / "generate.py"), "--dev-secrets"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, f"generate.py --dev-secrets failed:\n{made.stderr}"
    result = {}
    for overlay in OVERLAYS:
        out = subprocess.run(
            [kustomize, "build", str(K8S / "overlays" / overlay)], capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, f"kustomize build overlays/{overlay} failed:\n{out.stderr}"
        result[overlay] = [d for d in yaml.safe_load_all(out.stdout) if d]
    return result


@pytest.fixture(scope="session")
def scrapes() -> dict[str, Scrape]:
    """service -> what its real app exports on /metrics, and its topics.

    The apps run in a fresh Python process (deploy_support.scrape_all): in this one, every test
    suite's imports have already registered every service's counters in prometheus_client's
    process-wide registry, which would hide a metric that only another service defines.
    """
    with tempfile.TemporaryDirectory(prefix="sosai-deploy-") as tmp:
        result = Path(tmp) / "scrapes.json"
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("deploy_support.py")), tmp, str(result)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=180,
        )
        assert proc.returncode == 0, f"a service did not start and serve /metrics:\n{proc.stderr[-3000:]}"
        data = json.loads(result.read_text())
    return {
        service: Scrape(
            service, d["metrics"], set(d["families"]), set(d["publishes"]), set(d["consumes"]), set(d["dlqs"])
        )
        for service, d in data.items()
    }
