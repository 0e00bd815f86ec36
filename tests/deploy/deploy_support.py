"""Shared constants and helpers of the deployment checks (a repo-unique module name: tests are not packages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
OVERLAYS = ("dev", "prod")

#: (metrics `service` label, services/<folder>, import name, env prefix)
SERVICES = (
    ("registry", "registry", "sosai_registry", "REGISTRY_"),
    ("certification", "certification", "sosai_certification", "CERTIFICATION_"),
    ("calculator", "calculator", "sosai_calculator", "CALCULATOR_"),
    ("catalog", "events-catalog", "sosai_events_catalog", "CATALOG_"),
)


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
