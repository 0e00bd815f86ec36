"""The read model: applied once per event, order-independent, and rebuilt identically from the earliest offset."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from explorer_helpers import applied, dump, envelope, feed, feed_all, programme, publish
from fastapi import FastAPI

from sosai_explorer.handlers import HANDLERS
from sosai_explorer.models import Certificate, LedgerBlock
from sosai_shared.contracts import CertificateRevokedV1, CreditsRetiredV1, contract_for
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.testing import wait_until

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "tests" / "contract_examples"


async def test_an_event_delivered_twice_is_applied_once(app: FastAPI) -> None:
    events = programme()
    await feed_all(app, events)
    before = await dump(app)
    retired = next(e for e in events if isinstance(e, CreditsRetiredV1))
    assert await feed(app, retired, event_id="same-id")
    assert not await feed(app, retired, event_id="same-id")  # the inbox absorbs the redelivery
    assert await feed(app, retired)  # a new id for the same retirement: the ledger entry is immutable
    assert await dump(app) == before


async def test_events_in_any_order_give_the_same_model(
    app: FastAPI, make_app: Callable[[str], FastAPI], database_factory: object
) -> None:
    events = programme()
    await feed_all(app, events)
    other = make_app(await database_factory.new("reversed"))  # type: ignore[attr-defined]
    async with other.router.lifespan_context(other):
        await feed_all(other, list(reversed(events)))
        assert await dump(other) == await dump(app)


async def test_a_revocation_before_its_certificate_keeps_the_certificate_revoked(app: FastAPI) -> None:
    from explorer_helpers import certified

    revoked = CertificateRevokedV1(
        application_id="app-9",
        certificate_number="CO-2010-009",
        reason="Misleading claim",
        revoked_at=certified().certified_at,
    )
    assert await feed(app, revoked)
    assert await feed(app, certified("CO-2010-009", "app-9"))
    async with app.state.runtime.db.sessionmaker() as s:
        row = await s.get(Certificate, "CO-2010-009")
    assert row is not None and row.revoked_at is not None and row.subject_name == "Carbon Offset EXPO Tokyo"


async def test_every_stored_contract_example_is_accepted(app: FastAPI) -> None:
    files = sorted(EXAMPLES.glob("*/*.json"))
    assert len(files) >= 15
    accepted = 0
    for path in files:
        event = CloudEvent.model_validate(json.loads(path.read_text()))
        contract = contract_for(event.type)
        assert contract is not None, path
        if contract in HANDLERS:
            assert await feed(app, contract.model_validate(event.data), event_id=event.id) in (True, False)
            accepted += 1
    assert accepted >= 15
    async with app.state.runtime.db.sessionmaker() as s:
        assert await s.get(LedgerBlock, ("iss-1", 1)) is not None


async def test_unknown_fields_of_a_newer_publisher_are_kept_not_refused(app: FastAPI) -> None:
    retired = next(e for e in programme() if isinstance(e, CreditsRetiredV1))
    event = envelope(retired)
    event.data["retired_for_region"] = "Hokkaido"  # an optional field a later contract version may add
    consumer = app.state.runtime.consumers[0]
    payload = CreditsRetiredV1.model_validate(event.data)
    assert await consumer.apply(event, payload, consumer.handlers[retired.event_type][1], topic=retired.topic)
    async with app.state.runtime.db.sessionmaker() as s:
        from sosai_explorer.models import LedgerEntry

        row = await s.get(LedgerEntry, retired.retirement_id)
    assert row is not None and row.extra == {"retired_for_region": "Hokkaido"}


async def test_rebuilt_from_the_earliest_offset_equals_the_incremental_model(
    app: FastAPI,
    make_app: Callable[[str], FastAPI],
    database_factory: object,
    bootstrap_servers: str,
    topic_prefix: str,
) -> None:
    """The running explorer consumes the programme in two bursts (with redeliveries); a second one,
    on an empty database with a new consumer group, replays every topic from the start."""
    events = [(p, envelope(p)) for p in programme()]
    half = len(events) // 2
    await publish(bootstrap_servers, topic_prefix, events[:half])

    async def caught_up(n: int) -> Callable[[], object]:
        async def probe() -> bool:
            return await applied(app) >= n

        return probe

    await wait_until(await caught_up(half), timeout=120)
    await publish(bootstrap_servers, topic_prefix, events[half:] + events[:3])  # three redelivered
    await wait_until(await caught_up(len(events)), timeout=120)
    incremental = await dump(app)
    assert len(incremental["ledger_entries"]) == 7 and len(incremental["certificates"]) == 1

    rebuilt_app = make_app(await database_factory.new("rebuilt"))  # type: ignore[attr-defined]
    async with rebuilt_app.router.lifespan_context(rebuilt_app):

        async def rebuilt() -> bool:
            return await applied(rebuilt_app) >= len(events)

        await wait_until(rebuilt, timeout=120)
        assert await dump(rebuilt_app) == incremental
    assert await applied(app) == len(events)  # the redeliveries changed nothing
