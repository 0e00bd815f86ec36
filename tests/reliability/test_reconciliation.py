"""Reconciliation as a product feature: each consumer of retirements checks its view against the
registry's public ledger, reports a divergence on ``sosai_reconciliation_divergence`` and through
``python -m sosai_shared.reconciliation`` (``make reconcile``), and repairs it by a replay.

The registry and the three consumers (calculator, certification, events catalog) run as processes on
the tier's database and broker, their periodic reconciliation every second. One retirement names a
footprint, a session and an application; once every consumer shows it, its row is deleted behind each
service's back (and the calculator's shown total zeroed), the divergence is seen on each service's
gauge and listed by the command, and ``--repair`` brings every view back.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from e2e_support import E2E_PORT_BASE, Programme, _drop, start_programme
from journey_support import ORGANISER, company, issue, ok, unique
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from sosai_shared import reconciliation
from sosai_shared.processes import SERVICES
from sosai_shared.testing import wait_until_blocking

SCOPE = {"calculator": "footprint", "certification": "application", "events-catalog": "session"}
CONSUMERS = {
    "calculator": "retirements",
    "certification": "retirements",
    "events-catalog": "retirements_seen",
}
PREFIX = {s.name: s.prefix for s in SERVICES}


@pytest.fixture(scope="module")
def reconciling(bootstrap_servers: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Programme]:
    tmp = tmp_path_factory.mktemp("reconciling")
    env = {}
    for name in CONSUMERS:
        env[f"{PREFIX[name]}RECONCILE_INTERVAL_SECONDS"] = "1"
        env[f"{PREFIX[name]}RECONCILE_GRACE_SECONDS"] = "0"
    prog, created = start_programme(
        tmp,
        bootstrap_servers,
        port_base=E2E_PORT_BASE + 40,
        only=("registry", *CONSUMERS),
        env_overrides=env,
    )
    try:
        yield prog
    finally:
        for c in prog.clients.values():
            c.close()
        for proc in prog.processes.values():
            proc.stop()
        _drop(created)


def divergence(client: httpx.Client) -> dict[str, float]:
    """The service's ``sosai_reconciliation_divergence`` by kind (absent before its first run)."""
    out: dict[str, float] = {}
    for line in client.get("/metrics").text.splitlines():
        if line.startswith("sosai_reconciliation_divergence{"):
            labels, value = line.rsplit(" ", 1)
            kind = labels.split('kind="', 1)[1].split('"', 1)[0]
            out[kind] = float(value)
    return out


def execute(url: str, sql: str, **params: str) -> None:
    """Change a service's database behind its back (what a bad migration or a hand edit would do)."""

    async def run() -> None:
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                result = await conn.execute(text(sql), params)
                assert result.rowcount == 1, sql
        finally:
            await engine.dispose()

    asyncio.run(run())


@dataclass
class Run:
    code: int
    out: str


@pytest.fixture
def reconcile_cli(
    reconciling: Programme, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """``python -m sosai_shared.reconciliation`` (what ``make reconcile`` runs), with the programme's
    environment: each service's database and registry URL. Run in this process: starting a Python per
    call is what takes longest on a loaded machine, and the command's code is the same."""
    for key, value in reconciling.processes["events-catalog"].env.items():  # every service's settings
        monkeypatch.setenv(key, value)

    def run(*args: str) -> Run:
        capsys.readouterr()
        code = reconciliation.main([*(f"--service={n}" for n in CONSUMERS), "--grace", "0", *args])
        return Run(code, capsys.readouterr().out)

    return run


@pytest.mark.timeout(600)  # a programme of four processes on a loaded 2-core machine
def test_a_deleted_row_is_reported_as_a_divergence_then_repaired_by_a_replay(
    reconciling: Programme, reconcile_cli: Callable[..., Run]
) -> None:
    p = reconciling
    org = unique("acme")
    headers = company(org)
    credits = issue(p, headers, quantity=40)
    session = ok(
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
    )["id"]
    fp = ok(
        p.calculator.post(
            "/v1/footprints",
            headers=headers,
            json={
                "kind": "event",
                "name": "briefing",
                "fiscal_year": 2010,
                "session_id": session,
                "attendees": [{"origin": "Kochi", "mode": "bus", "distance_km": "40", "count": 30}],
                "venue_kwh": "800",
                "plan": {"offset_share": "1"},
            },
        ),
        201,
    )
    need = fp["plan"]["credits_needed"]
    application = str(uuid.uuid4())
    retirement = ok(
        p.registry.post(
            "/v1/retirements",
            headers=headers,
            json={
                "account_id": credits.account_id,
                "quantity": need,
                "use": "meeting_event",
                "purpose": "briefing offset",
                "beneficiary": org,
                "footprint_id": fp["id"],
                "session_id": session,
                "application_id": application,
            },
        ),
        201,
    )["id"]

    def covered() -> bool:
        footprint = ok(p.calculator.get(f"/v1/footprints/{fp['id']}", headers=headers))
        card = ok(p.catalog.get(f"/v1/sessions/{session}/carbon-card"))
        return footprint["coverage"]["credits_retired"] == need and card["credits_retired"] == need

    wait_until_blocking(covered, timeout=120, interval=0.5)
    # every consumer, certification included, holds it and agrees with the ledger
    for name in CONSUMERS:
        wait_until_blocking(
            lambda n=name: divergence(p.client(n)) == dict.fromkeys(("missing", "unexpected", "mismatched", "total"), 0.0),
            timeout=60,
        )  # fmt: skip
    assert reconcile_cli().code == 0

    # behind each service's back: the consumed row goes; the calculator's footprint also loses its count
    for name, table in CONSUMERS.items():
        execute(p.database_urls[name], f"DELETE FROM {table} WHERE retirement_id = :rid", rid=retirement)
    execute(
        p.database_urls["calculator"],
        "UPDATE footprints SET credits_retired = 0 WHERE id = :fid",
        fid=fp["id"],
    )
    assert (
        ok(p.calculator.get(f"/v1/footprints/{fp['id']}", headers=headers))["coverage"]["credits_retired"]
        == 0
    )

    expected = {
        "calculator": {"missing": 1.0, "unexpected": 0.0, "mismatched": 0.0, "total": 1.0},
        "certification": {"missing": 1.0, "unexpected": 0.0, "mismatched": 0.0, "total": 0.0},
        "events-catalog": {"missing": 1.0, "unexpected": 0.0, "mismatched": 0.0, "total": 0.0},
    }
    scope = {"calculator": fp["id"], "certification": application, "events-catalog": session}
    for name in CONSUMERS:
        wait_until_blocking(lambda n=name: divergence(p.client(n)) == expected[n], timeout=60)
    found = reconcile_cli()
    assert found.code == 1, found.out
    for name in CONSUMERS:
        assert (
            f"missing    retirement {retirement} of {SCOPE[name]} {scope[name]}: registry {need} t, here 0 t"
            in (found.out)
        ), found.out
    assert f"total      footprint {fp['id']}: registry {need} t, here 0 t" in found.out, found.out

    repaired = reconcile_cli("--repair")
    assert repaired.code == 0, repaired.out
    assert repaired.out.count(f"repaired: replayed retirement {retirement} ({need} t)") == 3, repaired.out
    for name in CONSUMERS:
        wait_until_blocking(lambda n=name: set(divergence(p.client(n)).values()) == {0.0}, timeout=60)

    # the views are right again: the footprint's coverage and the session's card count the tonnes
    assert covered()
    # and the replay is idempotent: a second repair finds nothing to do
    again = reconcile_cli("--repair")
    assert again.code == 0 and "repaired:" not in again.out, again.out
