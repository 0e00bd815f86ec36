"""Alert and recording rules, written once for every place they run.

docker-compose's Prometheus loads deploy/prometheus/alerts.yml (no namespace: one environment). Each
Kubernetes overlay gets its own PrometheusRule whose expressions select its namespace and aggregate by
it, so two environments watched by one Prometheus never mix their series nor fire twice; an environment
without on-call (dev) never pages: its critical alerts become warnings.

Runbooks: docs/runbooks/alerts.md (each alert links its section).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sosai_shared.processes import SERVICES

RUNBOOKS = "https://github.com/sosai/sosai/blob/main/docs/runbooks/alerts.md"
#: Service level objectives (per service, over 30 days). Latency: the share of requests faster than
#: the threshold. Reads are GETs of the API (probes excluded); writes are POSTs.
SLOS = {
    "availability": 0.995,
    "write-latency": 0.99,
    "read-latency": 0.99,
}
WRITE_LATENCY_S, READ_LATENCY_S = "0.5", "0.25"
#: Multi-window, multi-burn-rate alerts (the SRE workbook's): (long, short, burn rate, severity).
BURN_WINDOWS = (("1h", "5m", 14.4, "critical"), ("6h", "30m", 6.0, "warning"))
#: Below this request rate (per second, over the long window) a service has too few requests for a
#: ratio to mean anything: one failed request out of three is not an outage.
MIN_RATE = 0.05  # = 180 requests an hour
#: The error-ratio alert's guard over its 5-minute window: 1 request every 5 s.
MIN_RATE_5M = 0.2


@dataclass(frozen=True)
class Scope:
    """Where the rules run: a label filter, the labels to aggregate by, whether critical pages."""

    selector: str = ""  # e.g. namespace="sosai"
    by: str = "service"
    pages: bool = True
    environment: str = ""

    def m(self, name: str, extra: str = "") -> str:
        inner = ", ".join(x for x in (self.selector, extra) if x)
        return f"{name}{{{inner}}}" if inner else name

    def severity(self, wanted: str) -> str:
        return wanted if self.pages or wanted != "critical" else "warning"


def _alert(
    scope: Scope, name: str, expr: str, severity: str, summary: str, description: str, **kw: Any
) -> dict[str, Any]:
    labels = {"severity": scope.severity(severity)}
    if scope.environment:
        labels["environment"] = scope.environment
    rule: dict[str, Any] = {"alert": name, "expr": expr}
    if "for_" in kw:
        rule["for"] = kw.pop("for_")
    rule["labels"] = labels | kw.pop("labels", {})
    rule["annotations"] = {
        "summary": summary,
        "description": description,
        "runbook_url": f"{RUNBOOKS}#{name.lower()}",
    }
    return rule


def service_alerts(sc: Scope) -> list[dict[str, Any]]:
    by = sc.by
    up = sc.m("up", 'service=~"' + "|".join(s.service_name for s in SERVICES) + '"')
    rate = lambda metric, w="5m", extra="": f"rate({sc.m(metric, extra)}[{w}])"  # noqa: E731
    return [
        _alert(
            sc,
            "SosaiOutboxNotDraining",
            # both figures are computed at scrape time from the outbox table, so they keep growing
            # while the relay is dead or stuck (the relay's own gauges would freeze)
            f"max by ({by}) ({sc.m('sosai_outbox_backlog')}) > 0"
            f" and max by ({by}) ({sc.m('sosai_outbox_oldest_age_seconds')}) > 300",
            "critical",
            "{{ $labels.service }}: outbox not draining",
            "{{ $labels.service }} has had unpublished outbox events older than 5 minutes for 10 minutes. "
            "Other services are not hearing about its changes.",
            for_="10m",
        ),
        _alert(
            sc,
            "SosaiConsumerLagGrowing",
            f"sum by ({by}, consumer, topic) ({sc.m('sosai_consumer_lag')}) > 0"
            f" and sum by ({by}, consumer, topic) (deriv({sc.m('sosai_consumer_lag')}[10m])) > 0",
            "warning",
            "{{ $labels.service }}/{{ $labels.consumer }} falls behind on {{ $labels.topic }}",
            "The consumer's lag on {{ $labels.topic }} has been positive and growing for 15 minutes: its views "
            "are getting staler.",
            for_="15m",
        ),
        _alert(
            sc,
            "SosaiDeadLettered",
            f"sum by ({by}, consumer, topic) (increase({sc.m('sosai_consumer_dead_lettered_total')}[15m])) > 0",
            "warning",
            "{{ $labels.service }}/{{ $labels.consumer }} dead-lettered a message from {{ $labels.topic }}",
            "A message from {{ $labels.topic }} could not be applied and went to {{ $labels.topic }}.dlq "
            "(reason in the message's dlq.reason header). Its effect is missing until someone acts.",
        ),
        _alert(
            sc,
            "SosaiConsumerIgnoresNewType",
            # consumers skip published types they have no handler for on purpose (counted, never silent);
            # what deserves a look is a type that was not skipped in the week before
            f"sum by ({by}, consumer, type) (increase({sc.m('sosai_consumer_ignored_total')}[15m])) > 0"
            f" unless sum by ({by}, consumer, type)"
            f" (increase({sc.m('sosai_consumer_ignored_total')}[7d] offset 15m)) > 0",
            "warning",
            "{{ $labels.service }}/{{ $labels.consumer }} started ignoring {{ $labels.type }}",
            "A consumer skips an event type it has no handler for, and had not skipped it in the week before: "
            "check that it should not apply it (a new event type, or a handler that was removed).",
        ),
        _alert(
            sc,
            "SosaiReconciliationDivergence",
            # the gauge is set by each consumer's periodic job; "for" spans two more runs at the default
            # interval (5 min), so a retirement still in flight never fires it
            f"max by ({by}, kind) ({sc.m('sosai_reconciliation_divergence')}) > 0",
            "warning",
            "{{ $labels.service }}'s view of retirements differs from the registry ({{ $labels.kind }})",
            "{{ $labels.service }} has reported {{ $value }} difference(s) of kind {{ $labels.kind }} between the "
            "retirements it counts and the registry's public ledger for 15 minutes: a footprint, application "
            "or session shows the wrong retired tonnes until it is repaired.",
            for_="15m",
        ),
        _alert(
            sc,
            "SosaiHighErrorRatio",
            f"(sum by ({by}) ({rate('sosai_http_errors_total')}) / sum by ({by}) ({rate('sosai_http_requests_total')})"
            f" > 0.05) and sum by ({by}) ({rate('sosai_http_requests_total')}) > {MIN_RATE_5M}",
            "critical",
            "{{ $labels.service }}: more than 5% of requests fail with 5xx",
            "More than 5% of {{ $labels.service }}'s HTTP responses have been 5xx for 5 minutes, at a request "
            f"rate above {MIN_RATE_5M}/s (below it, a handful of failures is not an outage: the SLO alerts "
            "watch slow burns).",
            for_="5m",
        ),
        _alert(
            sc,
            "SosaiNotReady",
            f"{sc.m('sosai_ready')} == 0 or {up} == 0",
            "critical",
            "{{ $labels.service }} ({{ $labels.instance }}) not ready or not scraped",
            "For 5 minutes the instance's /readyz has reported its database unreachable or not at the "
            "migration head (sosai_ready == 0), or Prometheus could not scrape it (up == 0).",
            for_="5m",
        ),
        _alert(
            sc,
            "SosaiBrokerDown",
            f"max by ({by}) ({sc.m('sosai_broker_up')}) == 0",
            "warning",
            "{{ $labels.service }} cannot reach the Kafka broker",
            "No instance of {{ $labels.service }} has reached Kafka for 5 minutes. Writes go on (they wait in "
            "the outbox) and the service stays ready; events are delayed until the broker is back.",
            for_="5m",
        ),
    ]


def _slo_bad_ratio(sc: Scope, slo: str, w: str) -> str:
    by = sc.by
    probes = 'route!~"/healthz|/readyz|/metrics"'
    if slo == "availability":
        return (
            f"sum by ({by}) (rate({sc.m('sosai_http_errors_total')}[{w}]))"
            f" / sum by ({by}) (rate({sc.m('sosai_http_requests_total')}[{w}]))"
        )
    method, le = ("POST", WRITE_LATENCY_S) if slo == "write-latency" else ("GET", READ_LATENCY_S)
    sel = f'method="{method}", {probes}'
    fast = sc.m("sosai_http_request_duration_seconds_bucket", f'{sel}, le="{le}"')
    total = sc.m("sosai_http_request_duration_seconds_count", sel)
    return f"1 - (sum by ({by}) (rate({fast}[{w}])) / sum by ({by}) (rate({total}[{w}])))"


def _record(slo: str, w: str) -> str:
    return f"sosai:slo_{slo.replace('-', '_')}_bad:ratio_rate{w}"


def slo_rules(sc: Scope) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(recording rules, burn-rate alerts) of every SLO."""
    windows = sorted({w for long, short, *_ in BURN_WINDOWS for w in (long, short)})
    records: list[dict[str, Any]] = []
    for slo in SLOS:
        for w in windows:
            records.append({"record": _record(slo, w), "expr": _slo_bad_ratio(sc, slo, w)})
    for w in windows:
        records.append(
            {
                "record": f"sosai:http_requests:rate{w}",
                "expr": f"sum by ({sc.by}) (rate({sc.m('sosai_http_requests_total')}[{w}]))",
            }
        )
    alerts = []
    for slo, target in SLOS.items():
        budget = round(1 - target, 6)
        for long, short, burn, severity in BURN_WINDOWS:
            threshold = round(burn * budget, 6)
            name = "SosaiErrorBudgetBurn" if slo == "availability" else "SosaiLatencyBudgetBurn"
            alerts.append(
                _alert(
                    sc,
                    name,
                    f"{sc.m(_record(slo, long))} > {threshold} and {sc.m(_record(slo, short))} > {threshold}"
                    f" and {sc.m(f'sosai:http_requests:rate{long}')} > {MIN_RATE}",
                    severity,
                    f"{{{{ $labels.service }}}}: {slo} SLO budget burning {burn}x too fast",
                    f"At this rate the 30-day {slo} budget ({target:.1%}) is gone in {30 / burn:.1f} days: over "
                    f"{long} and {short}, more than {threshold:.2%} of requests were bad.",
                    for_="2m",
                    labels={"slo": slo, "window": long},
                )
            )
    return records, alerts


def groups(sc: Scope) -> list[dict[str, Any]]:
    records, burn = slo_rules(sc)
    return [
        {"name": "sosai.rules", "rules": service_alerts(sc)},
        {"name": "sosai.slo", "rules": records + burn},
    ]


def platform_alerts(sc: Scope) -> dict[str, Any]:
    """Kubernetes only: Kafka (Strimzi's JMX exporter), PostgreSQL and backups (CloudNativePG's)."""
    return {
        "name": "sosai.platform",
        "rules": [
            _alert(
                sc,
                "SosaiKafkaUnderReplicatedPartitions",
                f"sum by (namespace) ({sc.m('kafka_server_replicamanager_underreplicatedpartitions')}) > 0",
                "warning",
                "Kafka has under-replicated partitions",
                "Some partitions have fewer in-sync replicas than configured for 10 minutes: one broker "
                "more lost and producers with acks=all stop.",
                for_="10m",
            ),
            _alert(
                sc,
                "SosaiKafkaOfflinePartitions",
                f"max by (namespace) ({sc.m('kafka_controller_kafkacontroller_offlinepartitionscount')}) > 0",
                "critical",
                "Kafka has offline partitions",
                "Partitions without a leader: nothing can be published to or read from them.",
                for_="1m",
            ),
            _alert(
                sc,
                "SosaiPostgresReplicationLag",
                f"max by (namespace, pod) ({sc.m('cnpg_pg_replication_lag')}) > 30",
                "warning",
                "PostgreSQL replica {{ $labels.pod }} lags {{ $value }}s",
                "A standby has been more than 30 s behind the primary for 5 minutes.",
                for_="5m",
            ),
            _alert(
                sc,
                "SosaiBackupFailed",
                f"max by (namespace) ({sc.m('cnpg_collector_last_failed_backup_timestamp')})"
                f" > max by (namespace) ({sc.m('cnpg_collector_last_available_backup_timestamp')})",
                "critical",
                "The last PostgreSQL backup failed",
                "The newest backup attempt failed after the last good one: recovery would start from an older "
                "base backup, or not at all.",
            ),
            _alert(
                sc,
                "SosaiBackupTooOld",
                f"time() - max by (namespace) ({sc.m('cnpg_collector_last_available_backup_timestamp')})"
                " > 26 * 3600",
                "warning",
                "No PostgreSQL backup for more than 26 hours",
                "The daily ScheduledBackup has not produced a backup for over a day.",
            ),
        ],
    }


def compose_groups() -> list[dict[str, Any]]:
    return groups(Scope())


def environment_groups(namespace: str, environment: str, pages: bool) -> list[dict[str, Any]]:
    sc = Scope(
        selector=f'namespace="{namespace}"', by="namespace, service", pages=pages, environment=environment
    )
    return [*groups(sc), platform_alerts(sc)]
