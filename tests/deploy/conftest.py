"""Fixtures of the deployment checks: rendered kustomize overlays, and the four services' own /metrics.

Everything here is offline: kustomize comes from deploy/k8s/tools.sh (built once from the Go module
proxy and cached under var/tools), schemas ship inside kubernetes-validate and tests/deploy/, and the
services are started in-process on SQLite with a broker address that refuses connections (they
start and serve without one).
"""

from __future__ import annotations

import asyncio
import importlib
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))  # deploy_support, for the test modules too

from deploy_support import K8S, OVERLAYS, SERVICES, Scrape, metric_families


@pytest.fixture(scope="session")
def kustomize() -> str:
    out = subprocess.run(["bash", str(K8S / "tools.sh")], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, f"deploy/k8s/tools.sh failed:\n{out.stderr}"
    return out.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def rendered(kustomize: str) -> dict[str, list[dict[str, Any]]]:
    """overlay -> the manifests ``kustomize build`` produces for it."""
    result = {}
    for overlay in OVERLAYS:
        out = subprocess.run(
            [kustomize, "build", str(K8S / "overlays" / overlay)], capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, f"kustomize build overlays/{overlay} failed:\n{out.stderr}"
        result[overlay] = [d for d in yaml.safe_load_all(out.stdout) if d]
    return result


async def _scrape(service: str, module: str, workdir: Path) -> Scrape:
    config = importlib.import_module(f"{module}.config")
    main = importlib.import_module(f"{module}.main")
    settings = config.Settings(
        database_url=f"sqlite+aiosqlite:///{workdir / (service + '.db')}",
        # a port nothing listens on: the service must start and serve without a broker
        kafka_bootstrap_servers="127.0.0.1:1",
        migrate_on_startup=True,
        kafka_request_timeout_ms=1000,
    )
    app = main.create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            resp = await client.get("/metrics")
            assert resp.status_code == 200, resp.text
            await client.get("/readyz")  # sets sosai_ready{service}; 503 here, the broker is absent
            text = (await client.get("/metrics")).text
        runtime = app.state.runtime
        scrape = Scrape(service, text, metric_families(text), publishes=set(runtime.publishes))
        for consumer in runtime.consumers:
            scrape.consumes.update(consumer.topics)
            scrape.dlqs.update(consumer.dlq_topics)
    return scrape


@pytest.fixture(scope="session")
def scrapes() -> dict[str, Scrape]:
    """service -> its /metrics exposition and topics, from the real app started in-process."""
    out: dict[str, Scrape] = {}
    with tempfile.TemporaryDirectory(prefix="sosai-deploy-") as tmp:
        for service, _folder, module, _prefix in SERVICES:
            out[service] = asyncio.run(_scrape(service, module, Path(tmp)))
    return out
