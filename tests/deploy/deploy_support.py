"""Shared constants and helpers of the deployment checks (a repo-unique module name: tests are not packages)."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sosai_shared.processes import SERVICES as SPECS

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
OVERLAYS = ("dev", "prod")

#: (metrics `service` label, services/<folder>, import name, env prefix), from the one list of services
SERVICES = tuple((s.service_name, s.name, s.package, s.prefix) for s in SPECS)
#: what each service consumes, as its entry declares it (the running services are checked against it)
CONSUMES = {s.service_name: set(s.consumes) for s in SPECS}


def of_kind(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


@dataclass
class Scrape:
    """What one running service exported and which topics it publishes, consumes and dead-letters to."""

    service: str
    metrics_text: str
    families: set[str]
    publishes: set[str] = field(default_factory=set)
    consumes: set[str] = field(default_factory=set)
    dlqs: set[str] = field(default_factory=set)


def metric_families(exposition: str) -> set[str]:
    """Family names from ``# HELP``/``# TYPE`` lines (present before a labelled metric's first sample)."""
    names = set()
    for line in exposition.splitlines():
        if line.startswith(("# HELP ", "# TYPE ")):
            names.add(line.split()[2])
    return names


async def scrape_one(service: str, module: str, workdir: Path) -> dict[str, Any]:
    """Start the service's real app (migrations on SQLite, no broker), read /metrics and its topics."""
    import httpx

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
            first = await client.get("/metrics")
            assert first.status_code == 200, first.text
            await client.get("/readyz")  # sets sosai_ready{service} (the absent broker does not matter)
            text = (await client.get("/metrics")).text
        runtime = app.state.runtime
        return {
            "metrics": text,
            "publishes": sorted(runtime.publishes),
            "consumes": sorted(t for c in runtime.consumers for t in c.topics),
            "dlqs": sorted(t for c in runtime.consumers for t in c.dlq_topics),
        }


async def scrape_all(workdir: Path) -> dict[str, dict[str, Any]]:
    """Every service, one after another, in this one process.

    prometheus_client's registry is process-wide, so a later service's exposition also lists the
    families that earlier services' imports registered. What a service itself exports is what the
    platform had before any service was imported, plus what its own import added.
    """
    from prometheus_client import REGISTRY, generate_latest

    importlib.import_module("sosai_shared.app")
    base = metric_families(generate_latest(REGISTRY).decode())
    out = {}
    for service, _folder, module, _prefix in SERVICES:
        before = metric_families(generate_latest(REGISTRY).decode())
        result = await scrape_one(service, module, workdir)
        others = before - base
        result["families"] = sorted(metric_families(result["metrics"]) - others)
        out[service] = result
    return out


if __name__ == "__main__":  # python deploy_support.py WORKDIR RESULT_JSON
    _workdir, _result = sys.argv[1:3]
    Path(_result).write_text(json.dumps(asyncio.run(scrape_all(Path(_workdir)))))
