"""Contract tests: stored examples of every event version, checked on both sides.

Publishing side (pure, in the fast tier): ``shared/tests/unit/test_contract_examples.py``.
Consuming side (here): each service's real consumers, built by its own composition
root on a real database, apply every stored example of each type they consume,
once; a redelivery changes nothing.
"""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path

import httpx
import pytest
from aiokafka import ConsumerRecord
from prometheus_client import REGISTRY

from sosai_shared.events.envelope import CloudEvent
from sosai_shared.processes import SERVICES as PROCESSES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "shared" / "tests" / "contract_examples"
SERVICES = {spec.name: spec.package for spec in PROCESSES}


def stored_examples() -> list[tuple[Path, CloudEvent]]:
    return [(p, CloudEvent.model_validate_json(p.read_text())) for p in sorted(EXAMPLES.rglob("*.json"))]


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
            # they tell the outside world (webhooks, feed) and build the public site: every public fact
            "notifications": {
                "jp.sosai.registry.methodology.registered.v1",
                "jp.sosai.registry.project.registered.v1",
                "jp.sosai.registry.credits.retired.v1",
                "jp.sosai.certification.offset.certified.v1",
                "jp.sosai.catalog.session.scheduled.v1",
                "jp.sosai.catalog.registration.promoted.v1",  # the waiting-list place mail
                "jp.sosai.registry.approval.requested.v1",  # the approvals digest
                "jp.sosai.registry.approval.decided.v1",
            },
            "explorer": {
                "jp.sosai.registry.methodology.registered.v1",  # the approved methodologies figure
                "jp.sosai.registry.project.registered.v1",
                "jp.sosai.registry.credits.issued.v1",
                "jp.sosai.registry.credits.retired.v1",
                "jp.sosai.certification.offset.certified.v1",
                "jp.sosai.certification.certificate.revoked.v1",
                "jp.sosai.catalog.session.scheduled.v1",
            },
        }[service]
        handled = {t for c in runtime.consumers for t in c.handlers}
        assert expected <= handled, f"{service} does not consume {sorted(expected - handled)}"
        assert consumed >= len(expected)
        ignored = await _unused_registry_types_are_ignored(runtime.consumers)
        assert ignored == (
            2 if service in {"calculator", "certification", "events-catalog", "explorer"} else 0
        )
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
            assert (await client.get("/healthz")).status_code == 200


async def _unused_registry_types_are_ignored(consumers: list) -> int:  # type: ignore[type-arg]
    """A consumer of ``registry.events`` without a use for the four-eyes events (the explorer, the
    calculator, certification, the catalog) counts them as ignored: it never dead-letters them as
    unknown. A dead letter would wait on the closed broker port, and time out here. Returns how many
    (consumer, type) pairs were checked."""
    checked = 0
    approval = [e for _, e in stored_examples() if ".registry.approval." in e.type]
    assert len(approval) == 2
    for consumer in consumers:
        if not any(t.endswith("registry.events") for t in consumer.topics):
            continue
        for event in approval:
            if event.type in consumer.handlers:
                continue
            labels = {"service": consumer.service, "consumer": consumer.name, "type": event.type}
            before = REGISTRY.get_sample_value("sosai_consumer_ignored_total", labels) or 0.0
            record = ConsumerRecord(
                topic="registry.events", partition=0, offset=0, timestamp=0, timestamp_type=0,
                key=event.subject.encode(), value=event.to_bytes(), checksum=None,
                serialized_key_size=0, serialized_value_size=0, headers=[],
            )  # fmt: skip
            await asyncio.wait_for(consumer._not_handled(record, event), 10)
            assert REGISTRY.get_sample_value("sosai_consumer_ignored_total", labels) == before + 1, labels
            checked += 1
    return checked
