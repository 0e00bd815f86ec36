"""Dashboards and alert rules: well-formed, covering what operators need, and using only metrics that
the running services actually export (scraped from /metrics of each service started in-process)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from deploy_support import DEPLOY, ROOT, SERVICES, Scrape

DASHBOARDS = DEPLOY / "grafana" / "dashboards"
METRIC = re.compile(r"\b(sosai_[a-z0-9_]+)")
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
#: the names issue 8 fixes; dashboards and alerts use them, the services must export them
SHARED_METRICS = {
    "sosai_http_requests_total",
    "sosai_http_errors_total",
    "sosai_http_request_duration_seconds",
    "sosai_outbox_backlog",
    "sosai_outbox_oldest_age_seconds",
    "sosai_outbox_published_total",
    "sosai_outbox_publish_failures_total",
    "sosai_consumer_processed_total",
    "sosai_consumer_duplicates_total",
    "sosai_consumer_failed_total",
    "sosai_consumer_dead_lettered_total",
    "sosai_consumer_lag",
    "sosai_ready",
    "sosai_broker_up",
}
BUSINESS_METRICS = {
    "registry": {
        "sosai_registry_tonnes_issued_total",
        "sosai_registry_tonnes_retired_total",
        "sosai_registry_tonnes_transferred_total",
        "sosai_registry_tonnes_cancelled_total",
        "sosai_registry_transactions_total",
    },
    "certification": {
        "sosai_certification_applications_total",
        "sosai_certification_certified_total",
        "sosai_certification_revoked_total",
        "sosai_certification_providers_registered_total",
    },
    "calculator": {
        "sosai_calculator_footprints_total",
        "sosai_calculator_estimates_total",
        "sosai_calculator_t_co2_calculated_total",
    },
    "catalog": {
        "sosai_catalog_registrations_total",
        "sosai_catalog_sessions_scheduled_total",
        "sosai_catalog_waitlist_promotions_total",
    },
}


def family(name: str) -> str:
    for suffix in HISTOGRAM_SUFFIXES:
        if name.endswith(suffix) and name.startswith("sosai_http_request_duration_seconds"):
            return name.removesuffix(suffix)
    return name


def exprs_of(board: dict[str, Any]) -> list[str]:
    return [t["expr"] for p in board["panels"] if p["type"] != "row" for t in p["targets"]]


def metrics_in(exprs: list[str]) -> set[str]:
    return {family(m) for e in exprs for m in METRIC.findall(e)}


def load_boards() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text()) for p in sorted(DASHBOARDS.glob("*.json"))}


def alert_rules() -> list[dict[str, Any]]:
    doc = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    return [r for g in doc["groups"] for r in g["rules"]]


def balanced(expr: str) -> bool:
    depth = 0
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for ch in re.sub(r'"[^"]*"', '""', expr):
        if ch in pairs:
            stack.append(pairs[ch])
            depth += 1
        elif ch in pairs.values():
            if not stack or stack.pop() != ch:
                return False
    return not stack


def test_a_dashboard_per_service_and_one_for_the_programme() -> None:
    boards = load_boards()
    assert set(boards) == {f"sosai-{s[0]}.json" for s in SERVICES} | {"sosai-programme.json"}
    uids = [b["uid"] for b in boards.values()]
    assert len(set(uids)) == len(uids)
    for name, board in boards.items():
        assert [v["name"] for v in board["templating"]["list"]] == ["datasource", "namespace"], name
        # every query shows one environment at a time
        assert all('namespace=~"$namespace"' in e for e in exprs_of(board)), name
        panels = [p for p in board["panels"] if p["type"] != "row"]
        assert panels and all(p["targets"] and p["datasource"]["uid"] == "${datasource}" for p in panels), (
            name
        )
        assert all(balanced(e) for e in exprs_of(board)), name
        ids = [p["id"] for p in board["panels"]]
        assert len(set(ids)) == len(ids), name
        # every service dashboard shows the platform's health and its own business counters
        used = metrics_in(exprs_of(board))
        assert SHARED_METRICS <= used, (name, SHARED_METRICS - used)
        service = name.removeprefix("sosai-").removesuffix(".json")
        if service in BUSINESS_METRICS:
            assert BUSINESS_METRICS[service] <= used, (name, BUSINESS_METRICS[service] - used)


def test_the_programme_dashboard_answers_the_operators_questions() -> None:
    board = load_boards()["sosai-programme.json"]
    text = "\n".join(exprs_of(board))
    for needle in (
        "sosai_registry_tonnes_issued_total",
        "sosai_registry_tonnes_retired_total",
        "sosai_certification_certified_total",
        "sosai_catalog_registrations_total",
        "rate(sosai_http_requests_total",
        "sosai_http_errors_total",
        "histogram_quantile(0.5,",
        "histogram_quantile(0.99,",
        "sosai_outbox_backlog",
        "sosai_consumer_lag",
        "sosai_consumer_dead_lettered_total",
        "sosai_reconciliation_divergence",
    ):
        assert needle in text, needle


def test_alert_rules_cover_the_failures_an_operator_must_hear_about() -> None:
    rules = {r["alert"]: r for r in alert_rules() if "alert" in r}
    assert set(rules) >= {
        "SosaiOutboxNotDraining",
        "SosaiConsumerLagGrowing",
        "SosaiDeadLettered",
        "SosaiHighErrorRatio",
        "SosaiNotReady",
        "SosaiBrokerDown",
        "SosaiErrorBudgetBurn",
        "SosaiLatencyBudgetBurn",
        "SosaiReconciliationDivergence",
    }
    expected = {
        "SosaiOutboxNotDraining": ("sosai_outbox_backlog", "> 0", "sosai_outbox_oldest_age_seconds"),
        "SosaiConsumerLagGrowing": ("sosai_consumer_lag", "deriv("),
        "SosaiDeadLettered": ("sosai_consumer_dead_lettered_total", "> 0"),
        "SosaiHighErrorRatio": ("sosai_http_errors_total", "sosai_http_requests_total", "> 0.05"),
        "SosaiNotReady": ("sosai_ready == 0", "up{"),
        "SosaiBrokerDown": ("sosai_broker_up", "== 0"),
        "SosaiReconciliationDivergence": ("sosai_reconciliation_divergence", "> 0", "kind"),
    }
    for name, needles in expected.items():
        rule = rules[name]
        assert all(n in rule["expr"] for n in needles), (name, rule["expr"])
        assert "broker" not in rules["SosaiNotReady"]["annotations"]["description"]
    runbooks = (ROOT / "docs" / "runbooks" / "alerts.md").read_text()
    for rule in alert_rules():
        if "alert" not in rule:
            continue
        name = rule["alert"]
        assert balanced(rule["expr"]), name
        assert rule["labels"]["severity"] in ("warning", "critical")
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]
        url, anchor = rule["annotations"]["runbook_url"].rsplit("#", 1)
        assert url.endswith("docs/runbooks/alerts.md") and anchor == name.lower()
        assert re.search(rf"^## {name}$", runbooks, re.M), f"docs/runbooks/alerts.md does not explain {name}"
    assert rules["SosaiOutboxNotDraining"]["for"] == "10m"


def test_every_metric_the_service_exports_includes_the_shared_ones(scrapes: dict[str, Scrape]) -> None:
    for service, scrape in scrapes.items():
        assert SHARED_METRICS <= scrape.families, (service, sorted(SHARED_METRICS - scrape.families))
        assert f'sosai_ready{{service="{service}"}}' in scrape.metrics_text, service
        # attribution works: a service is not credited with another service's business counters
        others = {m for s, names in BUSINESS_METRICS.items() if s != service for m in names}
        assert not scrape.families & others, (service, sorted(scrape.families & others))


@pytest.mark.parametrize("service", [s[0] for s in SERVICES])
def test_every_metric_a_dashboard_uses_is_exported(scrapes: dict[str, Scrape], service: str) -> None:
    """A service's dashboard against that service's own /metrics."""
    board = load_boards()[f"sosai-{service}.json"]
    missing = metrics_in(exprs_of(board)) - scrapes[service].families
    assert not missing, f"{service} does not export {sorted(missing)}"


def test_every_metric_the_programme_dashboard_and_alerts_use_is_exported(scrapes: dict[str, Scrape]) -> None:
    exported = set().union(*(s.families for s in scrapes.values()))
    used = metrics_in(exprs_of(load_boards()["sosai-programme.json"])) | metrics_in(
        [r["expr"] for r in alert_rules()]
    )
    missing = used - exported
    assert not missing, f"no service exports {sorted(missing)}"
