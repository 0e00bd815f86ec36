"""The consumer wakes the delivery worker only after a commit that queued a delivery.

An event nobody subscribed to must not make the worker read its queue again (at 50 retirements a
second those reads were a quarter of the service's CPU), and a rolled-back transaction must not
wake it either; a committed delivery must, whether the event came alone or in a burst.
"""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from notifications_support import Receiver, envelope, project, subscribe, transferred
from sqlalchemy import func, select

from sosai_notifications.handlers import handlers
from sosai_notifications.models import Delivery
from sosai_shared.events.consumer import ManyHandler


class Rollback(Exception):
    pass


async def test_woken_after_a_commit_that_queued_a_delivery_and_never_otherwise(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver
) -> None:
    wakes: list[str] = []
    by_type = {contract.event_type: h for contract, h in handlers(lambda: wakes.append("wake")).items()}
    consumer = app.state.runtime.consumers[0]
    db = app.state.runtime.db

    async def apply_one(payload: object) -> bool:
        event = envelope(payload)  # type: ignore[arg-type]
        handler = by_type[event.type]
        return bool(await consumer.apply(event, payload, handler, topic=payload.topic))  # type: ignore[attr-defined]

    # nobody subscribed: stored (the public feed has it), no delivery, no wake
    assert await apply_one(project(1, org="org-a"))
    assert wakes == []

    await subscribe(client, "org-a", receiver.url, ["jp.sosai.registry.project.registered.v1"])
    # an event the subscription does not match (another type, and private to two other orgs)
    assert await apply_one(transferred("org-b", "org-c"))
    assert wakes == []

    # matched: one delivery queued, one wake once committed
    assert await apply_one(project(2, org="org-a"))
    assert wakes == ["wake"]

    # a burst through the batch path: three deliveries, one transaction, one wake
    burst = [project(n, org="org-a") for n in (3, 4, 5)]
    many: ManyHandler = by_type[burst[0].event_type].many  # type: ignore[attr-defined]
    async with db.sessionmaker() as session, session.begin():
        await many(session, [(p, envelope(p)) for p in burst])
    assert wakes == ["wake", "wake"]

    # queued, then rolled back: no wake, and nothing stored
    sixth = project(6, org="org-a")
    with pytest.raises(Rollback):
        async with db.sessionmaker() as session, session.begin():
            await by_type[sixth.event_type](session, sixth, envelope(sixth))
            assert await session.scalar(select(func.count()).select_from(Delivery)) == 5  # it was queued
            raise Rollback
    assert wakes == ["wake", "wake"]
    async with db.sessionmaker() as session:
        queued = await session.scalar(select(func.count()).select_from(Delivery))
    assert queued == 4  # projects 2-5; the rolled-back one left nothing
