"""Grafana dashboards: one per service and one for the programme, from the list of services.

Every query filters on a ``namespace`` variable, so one Grafana shows each environment apart (compose
has no namespace label: the variable's "All" matches the empty one too).
"""

from __future__ import annotations

import json
import re
from typing import Any

from sosai_shared.processes import SERVICES

PART_OF = {"app.kubernetes.io/part-of": "sosai"}
NS = 'namespace=~"$namespace"'
_BARE = re.compile(r"\b(sosai_[a-z0-9_]+)(?![a-z0-9_{])")


def in_namespace(expr: str) -> str:
    """Give every bare ``sosai_*`` selector the namespace filter (the platform panels carry it already)."""
    return _BARE.sub(lambda m: f"{m.group(1)}{{{NS}}}", expr)


DS = {"type": "prometheus", "uid": "${datasource}"}


class Board:
    """A small Grafana dashboard builder: panels flow left to right in rows of 24 columns."""

    def __init__(self, uid: str, title: str, tags: list[str]) -> None:
        self.uid, self.title, self.tags = uid, title, tags
        self.panels: list[dict[str, Any]] = []
        self.x = self.y = 0
        self.row_h = 0

    def row(self, title: str) -> None:
        if self.x:
            self.y += self.row_h
        self.x, self.row_h = 0, 0
        self.panels.append(
            {
                "type": "row",
                "title": title,
                "collapsed": False,
                "id": len(self.panels) + 1,
                "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y},
                "panels": [],
            }
        )
        self.y += 1

    def panel(
        self,
        title: str,
        targets: list[tuple[str, str]],
        *,
        kind: str = "timeseries",
        unit: str = "short",
        w: int = 8,
        h: int = 8,
        description: str = "",
    ) -> None:
        if self.x + w > 24:
            self.x, self.y = 0, self.y + self.row_h
            self.row_h = 0
        self.panels.append(
            {
                "id": len(self.panels) + 1,
                "type": kind,
                "title": title,
                "description": description,
                "datasource": DS,
                "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y},
                "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
                "options": {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True}}
                if kind == "timeseries"
                else {
                    "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                    "colorMode": "value",
                    "graphMode": "area",
                },
                "targets": [
                    {
                        "refId": chr(65 + i),
                        "datasource": DS,
                        "expr": in_namespace(expr),
                        "legendFormat": legend,
                    }
                    for i, (expr, legend) in enumerate(targets)
                ],
            }
        )
        self.x += w
        self.row_h = max(self.row_h, h)

    def json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "title": self.title,
            "tags": ["sosai", *self.tags],
            "schemaVersion": 39,
            "version": 1,
            "editable": True,
            "graphTooltip": 1,
            "time": {"from": "now-6h", "to": "now"},
            "refresh": "30s",
            "timezone": "utc",
            "templating": {
                "list": [
                    {
                        "name": "datasource",
                        "label": "Data source",
                        "type": "datasource",
                        "query": "prometheus",
                        "current": {},
                        "hide": 0,
                        "refresh": 1,
                    },
                    {
                        "name": "namespace",
                        "label": "Environment (namespace)",
                        "type": "query",
                        "datasource": DS,
                        "query": {"query": "label_values(sosai_ready, namespace)", "refId": "namespace"},
                        "definition": "label_values(sosai_ready, namespace)",
                        "includeAll": True,
                        "allValue": ".*",
                        "multi": False,
                        "current": {},
                        "hide": 0,
                        "refresh": 2,
                    },
                ]
            },
            "annotations": {"list": []},
            "panels": self.panels,
        }


def platform_panels(b: Board, sel: str, by: str) -> None:
    """HTTP, outbox, consumers and readiness: the same on every service (``sel`` filters, ``by`` groups)."""
    b.row("HTTP")
    b.panel(
        "Request rate",
        [(f"sum by ({by}) (rate(sosai_http_requests_total{{{sel}}}[5m]))", f"{{{{{by}}}}}")],
        unit="reqps",
    )
    b.panel(
        "5xx error ratio",
        [
            (
                f"sum by (service) (rate(sosai_http_errors_total{{{sel}}}[5m])) / "
                f"clamp_min(sum by (service) (rate(sosai_http_requests_total{{{sel}}}[5m])), 1e-9)",
                "{{service}}",
            )
        ],
        unit="percentunit",
        description="Alert SosaiHighErrorRatio fires above 5%.",
    )
    b.panel(
        "Latency p50 / p99",
        [
            (
                f"histogram_quantile(0.5, sum by (le, {by}) (rate(sosai_http_request_duration_seconds_bucket{{{sel}}}[5m])))",
                f"p50 {{{{{by}}}}}",
            ),
            (
                f"histogram_quantile(0.99, sum by (le, {by}) (rate(sosai_http_request_duration_seconds_bucket{{{sel}}}[5m])))",
                f"p99 {{{{{by}}}}}",
            ),
        ],
        unit="s",
    )
    b.panel(
        "Responses by status",
        [(f"sum by (status) (rate(sosai_http_requests_total{{{sel}}}[5m]))", "{{status}}")],
        unit="reqps",
    )
    b.panel(
        "Ready",
        [
            (f"min by (service) (sosai_ready{{{sel}}})", "{{service}}"),
            (f"min by (service) (up{{{sel}}})", "up {{service}}"),
        ],
        kind="stat",
        description="1 = database reachable and migrated (from /readyz); up = scraped.",
    )
    b.panel(
        "Broker reachable",
        [(f"min by (service) (sosai_broker_up{{{sel}}})", "{{service}}")],
        kind="stat",
        description="Not part of readiness: writes go on into the outbox while the broker is away.",
    )
    b.row("Outbox")
    b.panel("Outbox backlog", [(f"sum by (service) (sosai_outbox_backlog{{{sel}}})", "{{service}}")])
    b.panel(
        "Oldest unpublished event age",
        [(f"max by (service) (sosai_outbox_oldest_age_seconds{{{sel}}})", "{{service}}")],
        unit="s",
    )
    b.panel(
        "Published / failed",
        [
            (
                f"sum by (service, topic) (rate(sosai_outbox_published_total{{{sel}}}[5m]))",
                "published {{topic}}",
            ),
            (
                f"sum by (service) (rate(sosai_outbox_publish_failures_total{{{sel}}}[5m]))",
                "failures {{service}}",
            ),
        ],
        unit="ops",
    )
    b.row("Consumers")
    b.panel(
        "Consumer lag",
        [
            (
                f"sum by (service, consumer, topic) (sosai_consumer_lag{{{sel}}})",
                "{{service}}/{{consumer}} {{topic}}",
            )
        ],
    )
    b.panel(
        "Processed / duplicates / failed",
        [
            (
                f"sum by (service, consumer) (rate(sosai_consumer_processed_total{{{sel}}}[5m]))",
                "processed {{consumer}}",
            ),
            (
                f"sum by (service, consumer) (rate(sosai_consumer_duplicates_total{{{sel}}}[5m]))",
                "duplicate {{consumer}}",
            ),
            (
                f"sum by (service, consumer) (rate(sosai_consumer_failed_total{{{sel}}}[5m]))",
                "failed {{consumer}}",
            ),
        ],
        unit="ops",
    )
    b.panel(
        "Dead-lettered (DLQ size)",
        [
            (
                f"sum by (service, consumer, topic) (sosai_consumer_dead_lettered_total{{{sel}}})",
                "{{service}}/{{consumer}} {{topic}}.dlq",
            )
        ],
        kind="stat",
        description="Messages sent to <topic>.dlq since the process started; any increase fires SosaiDeadLettered.",
    )


def business_panels(b: Board, name: str) -> None:
    b.row("Business")
    rng = "[$__range]"
    if name == "registry":
        for what in ("issued", "retired", "transferred", "cancelled"):
            b.panel(
                f"Tonnes {what} (range)",
                [(f"sum(increase(sosai_registry_tonnes_{what}_total{rng}))", what)],
                kind="stat",
                w=6,
                h=5,
                unit="none",
            )
        b.panel(
            "Tonnes moved per hour",
            [
                (f"sum(rate(sosai_registry_tonnes_{w}_total[1h])) * 3600", w)
                for w in ("issued", "retired", "transferred", "cancelled")
            ],
            w=12,
        )
        b.panel(
            "Ledger transactions",
            [("sum by (kind, status) (rate(sosai_registry_transactions_total[5m]))", "{{kind}} {{status}}")],
            w=12,
            unit="ops",
        )
    elif name == "certification":
        b.panel(
            "Applications (range)",
            [
                (
                    f"sum by (offset_type) (increase(sosai_certification_applications_total{rng}))",
                    "{{offset_type}}",
                )
            ],
            kind="stat",
            w=6,
        )
        b.panel(
            "Certified (range)",
            [
                (
                    f"sum by (offset_type) (increase(sosai_certification_certified_total{rng}))",
                    "{{offset_type}}",
                )
            ],
            kind="stat",
            w=6,
        )
        b.panel(
            "Revoked (range)",
            [(f"sum(increase(sosai_certification_revoked_total{rng}))", "revoked")],
            kind="stat",
            w=6,
        )
        b.panel(
            "Anshin providers registered (range)",
            [(f"sum(increase(sosai_certification_providers_registered_total{rng}))", "providers")],
            kind="stat",
            w=6,
        )
    elif name == "calculator":
        b.panel(
            "Footprints (range)",
            [(f"sum by (kind) (increase(sosai_calculator_footprints_total{rng}))", "{{kind}}")],
            kind="stat",
            w=8,
        )
        b.panel(
            "Estimates",
            [("sum by (result) (rate(sosai_calculator_estimates_total[5m]))", "{{result}}")],
            w=8,
            unit="ops",
        )
        b.panel(
            "t-CO2 calculated (range)",
            [(f"sum(increase(sosai_calculator_t_co2_calculated_total{rng}))", "t-CO2")],
            kind="stat",
            w=8,
            unit="none",
        )
    elif name == "catalog":
        b.panel(
            "Registrations (range)",
            [(f"sum by (state) (increase(sosai_catalog_registrations_total{rng}))", "{{state}}")],
            kind="stat",
            w=8,
        )
        b.panel(
            "Sessions scheduled (range)",
            [(f"sum(increase(sosai_catalog_sessions_scheduled_total{rng}))", "sessions")],
            kind="stat",
            w=8,
        )
        b.panel(
            "Waiting-list promotions (range)",
            [(f"sum(increase(sosai_catalog_waitlist_promotions_total{rng}))", "promotions")],
            kind="stat",
            w=8,
        )


def dashboards() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for s in SERVICES:
        name = s.service_name
        b = Board(f"sosai-{name}", f"Sōsai / {s.title or name}", [name])
        business_panels(b, name)
        platform_panels(b, f'{NS}, service="{name}"', "route")
        out[f"sosai-{name}.json"] = b.json()
    b = Board("sosai-programme", "Sōsai / Programme", ["programme"])
    b.row("The programme (totals since the services started counting)")
    b.panel("Tonnes issued", [("sum(sosai_registry_tonnes_issued_total)", "issued")], kind="stat", w=6, h=5)
    b.panel(
        "Tonnes retired", [("sum(sosai_registry_tonnes_retired_total)", "retired")], kind="stat", w=6, h=5
    )
    b.panel(
        "Offsets certified",
        [("sum(sosai_certification_certified_total)", "certified")],
        kind="stat",
        w=6,
        h=5,
    )
    b.panel(
        "Event registrations",
        [("sum(sosai_catalog_registrations_total)", "registrations")],
        kind="stat",
        w=6,
        h=5,
    )
    b.panel(
        "Tonnes issued and retired per day",
        [
            ("sum(increase(sosai_registry_tonnes_issued_total[1d]))", "issued"),
            ("sum(increase(sosai_registry_tonnes_retired_total[1d]))", "retired"),
        ],
        w=8,
    )
    b.panel(
        "Certifications per day by offset type",
        [("sum by (offset_type) (increase(sosai_certification_certified_total[1d]))", "{{offset_type}}")],
        w=8,
    )
    b.panel(
        "Registrations per day",
        [("sum by (state) (increase(sosai_catalog_registrations_total[1d]))", "{{state}}")],
        w=8,
    )
    b.panel(
        "Reconciliation divergences (views against the registry's ledger)",
        [("sum by (service, kind) (sosai_reconciliation_divergence)", "{{service}} {{kind}}")],
        w=24,
        description="Each consumer of retirements compares its view with the registry's public ledger "
        "every few minutes; anything above zero is a difference (alert SosaiReconciliationDivergence, "
        "repair with `make reconcile ARGS=--repair`).",
    )
    platform_panels(b, f'{NS}, service=~".+"', "service")
    out["sosai-programme.json"] = b.json()
    return out


def dashboards_configmap(boards: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {
                "name": f"grafana-dashboard-{fname.removesuffix('.json')}",
                # kube-prometheus-stack's Grafana sidecar loads ConfigMaps with this label
                "labels": {"grafana_dashboard": "1", **PART_OF},
                "annotations": {"grafana_folder": "Sōsai"},
            },
            "data": {fname: json.dumps(board, indent=1, ensure_ascii=False)},
        }
        for fname, board in boards.items()
    ]
