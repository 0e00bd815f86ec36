"""With Kafka stopped, every service stays ready and keeps accepting writes (the outbox holds the events).

Full tier only (Apache Kafka really stopped, PostgreSQL): the four services run as processes; the
broker goes away; each one's /readyz stays 200 while its /metrics reports the broker down, writes on
each answer 201, and once Kafka is back the outboxes drain.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import E2E_PORT_BASE, SERVICE_AWAY, Programme, _drop, start_programme
from journey_support import ORGANISER, REVIEWER, company, ok, unique
from reliability_support import metric_sum

from sosai_shared.testing import wait_until_blocking


@pytest.fixture
def programme(bootstrap_servers: str, tmp_path: Path) -> Iterator[Programme]:
    prog, created = start_programme(tmp_path, bootstrap_servers, port_base=E2E_PORT_BASE + 60)
    try:
        yield prog
    finally:
        for c in prog.clients.values():
            c.close()
        for proc in prog.processes.values():
            proc.stop()
        _drop(created)


def writes(p: Programme) -> dict[str, Any]:
    """One write on each service, each of which records an event (except the account)."""
    org = company(unique("acme"))
    out = {"registry": ok(p.registry.post("/v1/accounts", json={"name": "offsets"}, headers=org), 201)}
    out["calculator"] = ok(
        p.calculator.post(
            "/v1/footprints",
            headers=org,
            json={
                "kind": "event",
                "name": "briefing",
                "fiscal_year": 2010,
                "attendees": [{"origin": "Kochi", "mode": "bus", "distance_km": "40", "count": 30}],
                "venue_kwh": "800",
                "plan": {"offset_share": "1"},
            },
        ),
        201,
    )
    out["catalog"] = ok(
        p.catalog.post(
            "/v1/sessions",
            headers=ORGANISER,
            json={
                "programme_code": "jver_briefing",
                "title_ja": "J-VER説明会",
                "capacity": 50,
                "venue": {"name": "Kochi Prefectural Hall", "city": "Kochi", "prefecture": "Kochi"},
                "starts_at": "2031-06-01T01:00:00Z",
                "ends_at": "2031-06-01T04:00:00Z",
            },
        ),
        201,
    )
    record = ok(
        p.certification.post(
            "/v1/providers",
            headers=org,
            json={
                "name": "Green Offset KK",
                "credit_handling": "own account",
                "pricing_basis": "list price",
                "retirement_practice": "monthly",
            },
        ),
        201,
    )
    out["certification"] = ok(
        p.certification.post(f"/v1/providers/{record['id']}/register", headers=REVIEWER, json={})
    )
    return out


def test_with_kafka_stopped_every_service_stays_ready_and_accepts_writes(
    programme: Programme, broker_control: Any
) -> None:
    p = programme
    clients = {name: p.client(name) for name in p.processes}
    broker_control.stop()

    for name, client in clients.items():
        # the broker's absence shows as a metric (alert SosaiBrokerDown), never as unreadiness
        wait_until_blocking(
            lambda c=client: metric_sum(c, "sosai_broker_up") == 0 or None, timeout=60, transient=SERVICE_AWAY
        )
        r = client.get("/readyz")
        assert r.status_code == 200, (name, r.text)
        assert "broker" not in r.json()["checks"]
    done = writes(p)
    assert set(done) == {"registry", "calculator", "catalog", "certification"}
    for name, client in clients.items():
        assert client.get("/readyz").status_code == 200, name
    for name, client in (
        ("calculator", p.calculator),
        ("catalog", p.catalog),
        ("certification", p.certification),
    ):
        assert metric_sum(client, "sosai_outbox_backlog") >= 1, f"{name}: the event waits in the outbox"

    broker_control.start()
    for client in clients.values():
        wait_until_blocking(
            lambda c=client: metric_sum(c, "sosai_outbox_backlog") == 0 or None,
            timeout=180,
            interval=1,
            transient=SERVICE_AWAY,
        )
        wait_until_blocking(
            lambda c=client: metric_sum(c, "sosai_broker_up") == 1 or None, timeout=60, transient=SERVICE_AWAY
        )
