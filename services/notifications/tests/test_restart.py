"""Deliveries survive a restart of the notifications service: nothing lost, order kept, same ids."""

from __future__ import annotations

import json

import httpx
from notifications_support import Receiver, feed, issued, subscribe

from sosai_notifications.config import Settings
from sosai_notifications.main import create_app
from sosai_shared.testing import wait_until


async def test_pending_deliveries_go_out_after_a_restart_in_order_with_the_same_ids(
    settings: Settings, receiver: Receiver
) -> None:
    receiver.answers = [500] * 1000  # down while the first process runs
    first = create_app(settings)
    async with first.router.lifespan_context(first):
        transport = httpx.ASGITransport(app=first)
        async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as client:
            await subscribe(client, "org-a", receiver.url, ["jp.sosai.registry.*"])
        events = [issued("org-a", "prj-restart", n) for n in range(3)]
        for e in events:
            await feed(first, e)

        async def tried() -> bool:
            return len(receiver.received) >= 2

        await wait_until(tried)
    failed_ids = {r.headers["webhook-id"] for r in receiver.received}
    assert len(failed_ids) == 1  # only the head of the subject was tried: order holds
    receiver.answers = []  # the receiver is healthy again; the service starts again
    second = create_app(settings)
    async with second.router.lifespan_context(second):

        async def all_acked() -> list | None:  # type: ignore[type-arg]
            acked = receiver.acknowledged()
            return acked if len(acked) >= 3 else None

        acked = await wait_until(all_acked)
    assert [json.loads(r.body)["data"]["issuance_id"] for r in acked] == [e.issuance_id for e in events]
    assert acked[0].headers["webhook-id"] in failed_ids  # the same message id as before the restart
    assert len({r.headers["webhook-id"] for r in acked}) == 3  # each once
