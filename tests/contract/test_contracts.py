"""Contract tests: stored examples of every event version, checked on both sides.

Publishing side: every contract has stored examples, and each example still
validates against the contract (a breaking change to a payload model fails here).
Consuming side: each service's real consumers, built by its own composition
root on a real database, apply every stored example of each type they consume,
once; a redelivery changes nothing.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import httpx
import pytest

from sosai_shared.contracts import all_contracts
from sosai_shared.events.envelope import CloudEvent

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "shared" / "tests" / "contract_examples"
SERVICES = {
    "registry": "sosai_registry",
    "certification": "sosai_certification",
    "calculator": "sosai_calculator",
    "events-catalog": "sosai_events_catalog",
}


def stored_examples() -> list[tuple[Path, CloudEvent]]:
    return [(p, CloudEvent.model_validate_json(p.read_text())) for p in sorted(EXAMPLES.rglob("*.json"))]


def platform_contracts() -> set[str]:
    """The programme's contracts (test-only payloads registered by other test modules excluded)."""
    return {t for t, c in all_contracts().items() if c.__module__.startswith("sosai_shared.contracts.")}


def test_every_contract_has_a_stored_example() -> None:
    types = {e.type for _, e in stored_examples()}
    missing = sorted(platform_contracts() - types)
    assert not missing, f"contracts without a stored example: {missing}"


@pytest.mark.parametrize("path,event", stored_examples(), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_stored_example_validates_against_its_contract(path: Path, event: CloudEvent) -> None:
    contract = all_contracts().get(event.type)
    assert contract is not None, f"{path.name}: no contract for {event.type} (a version was removed?)"
    payload = contract.model_validate(event.data)
    assert payload.subject == event.subject
    assert event.specversion == "1.0" and event.id and event.source


def test_envelope_round_trips_through_bytes() -> None:
    for _, event in stored_examples():
        assert CloudEvent.from_bytes(event.to_bytes()) == event
        assert json.loads(event.to_bytes())["specversion"] == "1.0"


@pytest.mark.parametrize("service", sorted(SERVICES))
async def test_consumers_apply_every_stored_example_once(service: str, database_url: str) -> None:
    main = importlib.import_module(f"{SERVICES[service]}.main")
    config = importlib.import_module(f"{SERVICES[service]}.config")
    # a closed broker port: the consumers are built but never connect; we drive them directly
    settings = config.Settings(
        database_url=database_url,
        kafka_bootstrap_servers="127.0.0.1:1",
        migrate_on_startup=True,
        run_relay=False,
        kafka_request_timeout_ms=1000,
    )
    app = main.create_app(settings)
    async with app.router.lifespan_context(app):
        runtime = app.state.runtime
        consumed = 0
        for consumer in runtime.consumers:
            for path, event in stored_examples():
                entry = consumer.handlers.get(event.type)
                if entry is None:
                    continue
                contract, handler = entry
                payload = contract.model_validate(event.data)
                topic = contract.topic
                assert await consumer.apply(event, payload, handler, topic=topic) is True, path.name
                assert await consumer.apply(event, payload, handler, topic=topic) is False, path.name
                consumed += 1
        expected = {
            "registry": {"jp.sosai.certification.provider.registered.v1"},
            "certification": {
                "jp.sosai.registry.credits.retired.v1",
                "jp.sosai.calculator.footprint.calculated.v1",
            },
            "calculator": {"jp.sosai.registry.credits.retired.v1"},
            "events-catalog": {
                "jp.sosai.registry.credits.retired.v1",
                "jp.sosai.certification.offset.certified.v1",
            },
        }[service]
        handled = {t for c in runtime.consumers for t in c.handlers}
        assert expected <= handled, f"{service} does not consume {sorted(expected - handled)}"
        assert consumed >= len(expected)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
            assert (await client.get("/healthz")).status_code == 200
