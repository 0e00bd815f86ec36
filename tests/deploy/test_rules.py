"""The alert rules as Prometheus itself reads them: `promtool check rules` on every rule file, and
`promtool test rules` on synthetic series (the outbox alert fires when the relay is dead; the error
alerts stay quiet at low traffic). promtool comes from deploy/k8s/tools.sh (Debian's prometheus)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from deploy_support import DEPLOY, K8S, of_kind


@pytest.fixture(scope="session")
def promtool() -> str:
    out = subprocess.run(
        ["bash", str(K8S / "tools.sh"), "promtool"], capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def rule_files(rendered: dict[str, list[dict[str, Any]]], tmp: Path) -> dict[str, tuple[Path, str]]:
    """scope -> (a plain rule file, the label selector its series carry)."""
    files = {"compose": (DEPLOY / "prometheus" / "alerts.yml", "")}
    for overlay, docs in rendered.items():
        (rule,) = of_kind(docs, "PrometheusRule").values()
        namespace = next(iter(of_kind(docs, "Namespace")))
        path = tmp / f"{overlay}.rules.yml"
        path.write_text(yaml.safe_dump({"groups": rule["spec"]["groups"]}, sort_keys=False))
        files[overlay] = (path, f'namespace="{namespace}"')
    return files


def test_every_rule_file_passes_promtool_check(
    promtool: str, rendered: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    for scope, (path, _) in rule_files(rendered, tmp_path).items():
        out = subprocess.run([promtool, "check", "rules", str(path)], capture_output=True, text=True)
        assert out.returncode == 0, f"{scope}: {out.stdout}{out.stderr}"
        assert "SUCCESS" in out.stdout


def _rules(path: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for group in yaml.safe_load(path.read_text())["groups"]:
        for r in group["rules"]:
            if "alert" in r:
                out.setdefault(r["alert"], []).append(r)
    return out


def _expected(rule: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """The alert as promtool reports it: the rule's labels plus the series', annotations rendered."""

    def render(text: str) -> str:
        for key, value in labels.items():
            text = text.replace(f"{{{{ $labels.{key} }}}}", value)
        return text

    return {
        "exp_labels": {**labels, **rule["labels"]},
        "exp_annotations": {k: render(v) for k, v in rule["annotations"].items()},
    }


def _series(name: str, selector: str, labels: str, values: str) -> dict[str, str]:
    inner = ", ".join(x for x in (selector, labels) if x)
    return {"series": f"{name}{{{inner}}}", "values": values}


@pytest.mark.parametrize("scope", ["compose", "dev", "prod"])
def test_alert_rules_behave_on_synthetic_series(
    promtool: str, rendered: dict[str, list[dict[str, Any]]], tmp_path: Path, scope: str
) -> None:
    path, sel = rule_files(rendered, tmp_path)[scope]
    rules = _rules(path)
    ns = dict(p.split("=") for p in [sel.replace('"', "")] if p)
    http = 'method="POST", route="/v1/things"'
    series = [
        # registry: the relay is dead; its backlog stays and the oldest event ages (counted at scrape)
        _series("sosai_outbox_backlog", sel, 'service="registry"', "5x40"),
        _series("sosai_outbox_oldest_age_seconds", sel, 'service="registry"', "0+60x40"),
        # calculator: a backlog that the relay keeps draining (the oldest stays young): no alert
        _series("sosai_outbox_backlog", sel, 'service="calculator"', "3x40"),
        _series("sosai_outbox_oldest_age_seconds", sel, 'service="calculator"', "2x40"),
        # catalog: one request a minute and every one fails: too little traffic to page anyone
        _series("sosai_http_requests_total", sel, f'service="catalog", {http}, status="500"', "0+1x240"),
        _series("sosai_http_errors_total", sel, f'service="catalog", {http}', "0+1x240"),
        # certification: 120 requests a minute, a quarter of them failing: an outage
        _series(
            "sosai_http_requests_total", sel, f'service="certification", {http}, status="201"', "0+90x240"
        ),
        _series(
            "sosai_http_requests_total", sel, f'service="certification", {http}, status="500"', "0+30x240"
        ),
        _series("sosai_http_errors_total", sel, f'service="certification", {http}', "0+30x240"),
    ]
    outbox = rules["SosaiOutboxNotDraining"][0]
    errors = rules["SosaiHighErrorRatio"][0]
    page = next(r for r in rules["SosaiErrorBudgetBurn"] if r["labels"]["window"] == "1h")
    test = {
        "rule_files": [str(path)],
        "evaluation_interval": "1m",
        "tests": [
            {
                "interval": "1m",
                "input_series": series,
                "alert_rule_test": [
                    {"eval_time": "5m", "alertname": "SosaiOutboxNotDraining", "exp_alerts": []},
                    {
                        "eval_time": "20m",
                        "alertname": "SosaiOutboxNotDraining",
                        "exp_alerts": [_expected(outbox, {**ns, "service": "registry"})],
                    },
                    {
                        "eval_time": "3h",
                        "alertname": "SosaiHighErrorRatio",
                        "exp_alerts": [_expected(errors, {**ns, "service": "certification"})],
                    },
                    {
                        "eval_time": "3h",
                        "alertname": "SosaiErrorBudgetBurn",
                        "exp_alerts": [
                            _expected(r, {**ns, "service": "certification"})
                            for r in rules["SosaiErrorBudgetBurn"]
                        ],
                    },
                ],
            }
        ],
    }
    assert page in rules["SosaiErrorBudgetBurn"]
    test_file = tmp_path / f"{scope}.test.yml"
    test_file.write_text(yaml.safe_dump(test, sort_keys=False))
    out = subprocess.run([promtool, "test", "rules", str(test_file)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
