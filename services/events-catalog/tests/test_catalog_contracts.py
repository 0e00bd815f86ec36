"""The catalog's published events validate against the shared contracts; stored examples stay valid."""

from __future__ import annotations

from pathlib import Path

import httpx
from catalog_helpers import ORGANISER, create_session, db_of

from sosai_shared.contracts import contract_for
from sosai_shared.events.envelope import CloudEvent

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "tests" / "contract_examples" / "catalog"


def test_stored_examples_validate() -> None:
    files = sorted(EXAMPLES.glob("*.json"))
    types = set()
    for f in files:
        example = CloudEvent.model_validate_json(f.read_text())  # stored as full CloudEvents envelopes
        contract = contract_for(example.type)
        assert contract is not None, f.name
        assert contract.model_validate(example.data).subject == example.subject == example.data["session_id"]
        types.add(example.type)
    assert {f"jp.sosai.catalog.session.{t}.v1" for t in ("scheduled", "cancelled", "offset")} <= types


async def test_outbox_envelopes_are_cloudevents_of_known_contracts(client: httpx.AsyncClient) -> None:
    s = await create_session(client)
    await client.post(f"/v1/sessions/{s['id']}/cancel", json={"reason": "r"}, headers=ORGANISER)
    table = db_of(client).outbox
    async with db_of(client).sessionmaker() as session:
        rows = (await session.execute(table.select().order_by(table.c.seq))).all()
    assert [r.type.rsplit(".", 2)[-2] for r in rows] == ["scheduled", "cancelled"]
    for row in rows:
        event = CloudEvent.model_validate(row.envelope)
        contract = contract_for(event.type)
        assert contract is not None and row.topic == "catalog.events" == contract.topic
        assert event.subject == row.key == s["id"] and event.source == "/sosai/catalog"
        contract.model_validate(event.data)
