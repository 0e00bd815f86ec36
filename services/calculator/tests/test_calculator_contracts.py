"""What the calculator publishes matches the shared contracts, and the stored examples still parse."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from calculator_helpers import W, outbox

from sosai_shared.contracts import contract_for
from sosai_shared.events.envelope import CloudEvent

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "tests" / "contract_examples" / "calculator"


def test_stored_examples_parse_with_the_contracts() -> None:
    files = sorted(EXAMPLES.glob("*.json"))
    assert len(files) >= 3
    for f in files:
        event = CloudEvent.model_validate(json.loads(f.read_text()))
        contract = contract_for(event.type)
        assert contract is not None, f.name
        payload = contract.model_validate(event.data)
        assert payload.subject == event.subject, f.name


async def test_published_events_validate_and_carry_only_contract_fields(client: httpx.AsyncClient) -> None:
    body = {
        "kind": "product",
        "name": "Tea",
        "fiscal_year": 2010,
        "units": 10,
        "offset_type": "product_service",
        "per_unit": [{"activity": "lng", "amount": "1", "unit": "t"}],
    }
    fid = (await client.post("/v1/footprints", json=body, headers=W)).json()["id"]
    assert (await client.post(f"/v1/footprints/{fid}/recalculate", json={}, headers=W)).status_code == 201
    events = await outbox(client)
    assert len(events) == 2
    for e in events:
        envelope = CloudEvent.model_validate(
            {k: v for k, v in e.items() if k != "type"} | {"type": e["type"]}
        )
        contract = contract_for(envelope.type)
        assert contract is not None
        payload = contract.model_validate(envelope.data)
        assert set(envelope.data) <= set(contract.model_fields) and envelope.subject == fid == payload.subject
    assert [e["data"]["total_t_co2"] for e in events] == ["27.027000", "27.027000"]  # 10 t LNG x 2.7027
