"""The stored examples of every registry event validate against the shared contracts, and so does every
event the service wrote to its outbox in a full journey."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from registry_helpers import ADMIN1, funded_account, methodology, ok, org_headers, outbox_types, snapshot
from sqlalchemy import select

from sosai_registry.ledger.serials import parse_serial
from sosai_shared.contracts import MethodologyRegisteredV1, contract_for

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "tests" / "contract_examples" / "registry"


def test_stored_examples_validate() -> None:
    files = sorted(EXAMPLES.glob("*.json"))
    assert len({json.loads(f.read_text())["type"] for f in files}) == 10  # a type may have several examples
    for f in files:
        doc = json.loads(f.read_text())
        contract = contract_for(doc["type"])
        assert contract is not None, f
        payload = contract.model_validate(doc["data"])
        for block in getattr(payload, "blocks", []):  # the printed serials follow the registry's format
            parsed = parse_serial(block.serial)
            assert (parsed.start, parsed.end, parsed.vintage) == (block.start, block.end, block.vintage)


async def test_outbox_events_validate_against_contracts(client: httpx.AsyncClient) -> None:
    acc, _, _ = await funded_account(client, "org-a", 20)
    await ok(
        client.post(
            "/v1/retirements",
            json={
                "account_id": acc,
                "quantity": 2,
                "use": "product_service",
                "purpose": "p",
                "beneficiary": "b",
            },
            headers=org_headers("org-a"),
        ),
        201,
    )
    c = await ok(
        client.post(
            "/v1/cancellations", json={"account_id": acc, "quantity": 1, "reason": "r"}, headers=ADMIN1
        ),
        201,
    )
    assert c["status"] == "proposed"
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        rows = (await s.execute(select(db.outbox.c.type, db.outbox.c.key, db.outbox.c.envelope))).all()
    # the methodology, the project registered, certified, the issuance proposed and approved, issued,
    # retired, the cancellation proposed
    assert len(rows) == 8
    for type_, key, env in rows:
        contract = contract_for(type_)
        assert contract is not None
        assert contract.model_validate(env["data"]).subject == key


async def _methodology_events(client: httpx.AsyncClient) -> list[MethodologyRegisteredV1]:
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        rows = await s.execute(
            select(db.outbox.c.envelope)
            .where(db.outbox.c.type == MethodologyRegisteredV1.event_type)
            .order_by(db.outbox.c.seq)
        )
        return [MethodologyRegisteredV1.model_validate(env["data"]) for (env,) in rows.all()]


async def test_a_methodology_is_published_when_created_and_when_its_status_changes(
    client: httpx.AsyncClient,
) -> None:
    code = await methodology(client, "forest_absorption")
    [created] = await _methodology_events(client)
    assert (created.code, created.category, created.credit_type, created.status) == (
        code,
        "forest_absorption",
        "FM",
        "active",
    )
    assert created.status_at == created.registered_at

    # a refused duplicate writes no event (the event goes with the change, in its transaction)
    before = await snapshot(client)
    dup = await client.post(
        "/v1/methodologies",
        json={"code": code, "name": "again", "category": "forest_absorption"},
        headers=ADMIN1,
    )
    assert dup.status_code == 409
    assert await snapshot(client) == before

    path = f"/v1/methodologies/{created.methodology_id}/status"
    await ok(client.post(path, json={"status": "withdrawn"}, headers=ADMIN1))
    await ok(client.post(path, json={"status": "withdrawn"}, headers=ADMIN1))  # no change, no event
    events = await _methodology_events(client)
    assert [(e.methodology_id, e.status) for e in events] == [
        (created.methodology_id, "active"),
        (created.methodology_id, "withdrawn"),
    ]
    assert events[1].status_at > created.status_at and events[1].registered_at == created.registered_at
    assert (await outbox_types(client)).count(MethodologyRegisteredV1.event_type) == 2
