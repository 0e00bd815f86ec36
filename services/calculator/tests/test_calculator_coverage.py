"""Coverage from real CreditsRetiredV1 events produced onto registry.events over the tier's broker."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from calculator_helpers import R, W, outbox
from sqlalchemy import select

from sosai_calculator.models import Retirement
from sosai_shared.contracts.registry import CreditsRetiredV1, SerialBlockV1
from sosai_shared.db import utcnow
from sosai_shared.events.envelope import CloudEvent

EVENT_FOOTPRINT = {
    "kind": "event",
    "name": "Carbon Offset EXPO Tokyo",
    "fiscal_year": 2010,
    "offset_type": "meeting_event",
    "attendees": [
        {"origin": "Osaka", "mode": "rail", "distance_km": "500", "count": 40},
        {"origin": "Sapporo", "mode": "air_domestic_scheduled", "distance_km": "830", "count": 10},
        {"origin": "Tokyo", "mode": "bus", "distance_km": "15", "count": 20},
    ],
    "venue_kwh": "2000",
    "utility": "tepco",
    "accommodation_nights": 50,
    "meals": 100,
}


def retired_event(
    footprint_id: str, retirement_id: str, quantity: int, event_id: str | None = None
) -> CloudEvent:
    payload = CreditsRetiredV1(
        retirement_id=retirement_id,
        account_id="acc-1",
        holder_org="provider-1",
        quantity=quantity,
        blocks=[
            SerialBlockV1(
                serial=f"JP-ER-P1-2010-1-{quantity}",
                start=1,
                end=quantity,
                quantity=quantity,
                project_id="p1",
                vintage=2010,
                credit_type="ER",
            )
        ],
        use="meeting_event",
        purpose="EXPO offset",
        beneficiary="org-calc-a",
        footprint_id=footprint_id,
        retired_at=utcnow(),
    )
    return CloudEvent(
        id=event_id or str(uuid.uuid4()),
        source="/sosai/registry",
        type=payload.event_type,
        subject=retirement_id,
        time=utcnow(),
        data=payload.model_dump(mode="json"),
    )


async def produce(servers: str, events: list[CloudEvent]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=servers, acks="all")
    await producer.start()
    try:
        for e in events:
            await producer.send_and_wait(CreditsRetiredV1.topic, value=e.to_bytes(), key=e.subject.encode())  # type: ignore[union-attr]
    finally:
        await producer.stop()


async def inbox_ids(client: httpx.AsyncClient) -> set[str]:
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        return set(
            (await s.execute(select(db.inbox.c.event_id).where(db.inbox.c.consumer == "coverage"))).scalars()
        )


async def wait_until(check: Any, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.3)


async def test_retirements_delivered_twice_are_applied_once(
    consuming: httpx.AsyncClient, bootstrap_servers: str
) -> None:
    r = await consuming.post("/v1/footprints", json=EVENT_FOOTPRINT, headers=W)
    assert r.status_code == 201, r.text
    fid = r.json()["id"]
    assert r.json()["coverage"] == {"credits_needed": 6, "credits_retired": 0, "coverage": "none"}
    r1, r2, stranger = (f"ret-{uuid.uuid4().hex[:8]}" for _ in range(3))
    first = retired_event(fid, r1, 2)
    second = retired_event(fid, r2, 4)
    # the same event twice (a relay re-send), and the same retirement under another event id
    redelivered = [first, first, second, retired_event(fid, r2, 4)]
    unknown = retired_event(f"fp-{uuid.uuid4()}", stranger, 5)  # a footprint this service never made
    await produce(bootstrap_servers, [*redelivered, unknown])
    expected_ids = {e.id for e in [*redelivered, unknown]}

    async def all_seen() -> bool:
        return expected_ids <= await inbox_ids(consuming)

    await wait_until(all_seen)
    fp = (await consuming.get(f"/v1/footprints/{fid}", headers=R)).json()
    assert fp["coverage"] == {"credits_needed": 6, "credits_retired": 6, "coverage": "full"}
    db = consuming.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        rows = {x.retirement_id: x for x in (await s.execute(select(Retirement))).scalars()}
    assert {r1, r2, stranger} <= set(rows) and rows[stranger].quantity == 5  # kept for when it appears
    changes = [e["data"] for e in await outbox(consuming) if e["type"].endswith("coverage_changed.v1")]
    assert len(changes) == 2 and changes[-1]["coverage"] == "full" and changes[-1]["credits_retired"] == 6
    assert changes[0]["coverage"] == "partial"
    stats = (await consuming.get("/v1/statistics")).json()
    assert stats["credits_needed"] == 6 and stats["credits_retired"] == 6

    # raising the plan's needs (a second footprint version would too) turns full into partial again
    r = await consuming.put(f"/v1/footprints/{fid}/plan", json={"offset_share": "1"}, headers=W)
    assert r.json()["coverage"]["coverage"] == "full"
    changes_after = [e for e in await outbox(consuming) if e["type"].endswith("coverage_changed.v1")]
    assert len(changes_after) == 2  # nothing changed, nothing published
