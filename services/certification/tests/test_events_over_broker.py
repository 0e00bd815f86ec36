"""The checklist from real events consumed over the broker, and the stored contract examples."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from aiokafka import AIOKafkaProducer
from certification_helpers import applicant, draft_body, envelope, feed, footprint, retirement
from fastapi import FastAPI
from sqlalchemy import select

from sosai_certification.models import Footprint, Retirement
from sosai_shared.contracts import CreditsRetiredV1, EventPayload, FootprintCalculatedV1, contract_for
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.testing import wait_until

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "tests" / "contract_examples"


async def test_checklist_from_events_delivered_twice_and_out_of_order(
    client: httpx.AsyncClient, app: FastAPI, bootstrap_servers: str
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()

    async def publish_twice(payload: EventPayload) -> str:
        event = envelope(payload)  # one event id: the second delivery is a redelivery
        for _ in range(2):
            await producer.send_and_wait(payload.topic, value=event.to_bytes(), key=payload.subject.encode())
        return event.id

    try:
        fp = footprint("org-a", credits=13)
        named = retirement(5, start=200)
        await publish_twice(named)  # a retirement before the application and before its footprint
        r = await client.post(
            "/v1/applications",
            json=draft_body(footprint_id=fp.footprint_id, retirement_ids=[named.retirement_id]),
            headers=applicant("org-a"),
        )
        assert r.status_code == 201, r.text
        app_id = r.json()["id"]
        referencing = retirement(8, application_id=app_id, start=300)
        await publish_twice(referencing)
        await publish_twice(fp)  # the footprint last, on the other topic
    finally:
        await producer.stop()

    async def checks_met() -> dict | None:  # type: ignore[type-arg]
        body = (await client.get(f"/v1/applications/{app_id}", headers=applicant("org-a"))).json()
        return body if body["checks_met"] else None

    body = await wait_until(checks_met, timeout=90)
    evidence = {c["name"]: c["evidence"] for c in body["checks"]}
    assert evidence["credits_cover"] == {"credits_retired": 13, "credits_needed": 13, "carbon_neutral": False}
    assert sorted(x["retirement_id"] for x in evidence["retirements_known"]["retirements"]) == sorted(
        [named.retirement_id, referencing.retirement_id]
    )
    assert evidence["footprint_known"]["credits_needed"] == 13
    # delivered twice, applied once: one row per fact, and the inbox holds each event id once
    inbox = app.state.runtime.db.inbox
    async with app.state.runtime.db.sessionmaker() as s:
        ours = (
            (
                await s.execute(
                    select(Retirement.retirement_id).where(
                        Retirement.retirement_id.in_([named.retirement_id, referencing.retirement_id])
                    )
                )
            )
            .scalars()
            .all()
        )
        assert sorted(ours) == sorted([named.retirement_id, referencing.retirement_id])
        assert await s.get(Footprint, fp.footprint_id) is not None
        dup = (await s.execute(select(inbox.c.event_id))).scalars().all()
        assert len(dup) == len(set(dup))
    metrics = (await client.get("/metrics")).text
    assert 'sosai_consumer_duplicates_total{consumer="facts",service="certification"' in metrics


async def test_a_late_older_footprint_version_does_not_replace_a_newer_one(app: FastAPI) -> None:
    newer = footprint("org-a", credits=20, fid="fp-v", version=2)
    older = footprint("org-a", credits=13, fid="fp-v", version=1)
    assert await feed(app, newer) and await feed(app, older)
    async with app.state.runtime.db.sessionmaker() as s:
        row = await s.get(Footprint, "fp-v")
    assert row is not None and (row.version, row.credits_needed) == (2, 20)


async def test_consumer_accepts_every_stored_example_of_the_consumed_events(app: FastAPI) -> None:
    files = sorted((EXAMPLES / "registry").glob("registry.credits.retired.v*.json")) + sorted(
        (EXAMPLES / "calculator").glob("calculator.footprint.calculated.v*.json")
    )
    assert files, f"no stored examples under {EXAMPLES}"
    for path in files:
        event = CloudEvent.model_validate(json.loads(path.read_text()))
        contract = contract_for(event.type)
        assert contract in (CreditsRetiredV1, FootprintCalculatedV1)
        assert await feed(app, contract.model_validate(event.data), event_id=event.id)


def test_stored_examples_of_published_events_validate() -> None:
    files = sorted((EXAMPLES / "certification").glob("*.json"))
    assert len(files) >= 4
    for path in files:
        event = CloudEvent.model_validate(json.loads(path.read_text()))
        contract = contract_for(event.type)
        assert contract is not None and contract.topic == "certification.events"
        contract.model_validate(event.data)
