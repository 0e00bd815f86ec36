"""ProviderRegisteredV1 from certification.events, over the real broker: delivered twice, applied once;
accounts of the provider org are marked, now and when opened later."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY
from registry_helpers import account, ok, org_headers
from sqlalchemy import func, select

from sosai_registry.models import ProviderOrg
from sosai_shared.contracts import ProviderRegisteredV1
from sosai_shared.db import utcnow
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.events.kafka import ensure_topics, make_producer


@pytest.fixture
def run_consumers() -> bool:
    return True


def _dupes() -> float:
    return (
        REGISTRY.get_sample_value(
            "sosai_consumer_duplicates_total",
            {"service": "registry", "consumer": "providers", "topic": ProviderRegisteredV1.topic},
        )
        or 0.0
    )


async def wait_for(predicate: Any, timeout: float = 60) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        got = await predicate()
        if got:
            return got
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.25)


async def test_provider_registered_delivered_twice_is_applied_once(client: httpx.AsyncClient) -> None:
    org = f"prov-{uuid.uuid4().hex[:8]}"
    before_acc = await account(client, org, "before")
    settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
    payload = ProviderRegisteredV1(
        provider_id="AP-001", org=org, name="Offset Provider KK", registered_at=utcnow()
    )
    event = CloudEvent(
        id=str(uuid.uuid4()),
        source="/sosai/certification",
        type=payload.event_type,
        subject=payload.subject,
        time=utcnow(),
        data=payload.model_dump(mode="json"),
    )
    await ensure_topics(settings, [payload.topic])
    dupes = _dupes()
    producer = make_producer(settings)
    await producer.start()
    try:
        for _ in range(2):
            await producer.send_and_wait(payload.topic, value=event.to_bytes(), key=payload.subject.encode())
    finally:
        await producer.stop()

    async def marked() -> bool:
        acc = await ok(client.get(f"/v1/accounts/{before_acc}", headers=org_headers(org)))
        return bool(acc["anshin_provider"]) and _dupes() >= dupes + 1

    await wait_for(marked, 90)
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        assert (
            await s.scalar(select(func.count()).select_from(db.inbox).where(db.inbox.c.event_id == event.id))
            == 1
        )
        assert (
            await s.scalar(select(func.count()).select_from(ProviderOrg).where(ProviderOrg.org == org)) == 1
        )
    # an account the provider opens later is marked as well
    later = await account(client, org, "later")
    assert (await ok(client.get(f"/v1/accounts/{later}", headers=org_headers(org))))[
        "anshin_provider"
    ] is True
    other = await account(client, "not-a-provider")
    assert (await ok(client.get(f"/v1/accounts/{other}", headers=org_headers("not-a-provider"))))[
        "anshin_provider"
    ] is False
