"""Capacity under concurrency: 100 parallel registrations for 10 places, FIFO promotion, no double free."""

from __future__ import annotations

import asyncio

import httpx
from catalog_helpers import (
    PROBLEM,
    create_session,
    outbox_payloads,
    register,
    registrant,
    registrations,
    session_row,
)


async def test_hundred_parallel_registrations_for_ten_places(client: httpx.AsyncClient) -> None:
    s = await create_session(client, capacity=10)
    responses = await asyncio.gather(*(register(client, s["id"], f"p{i:03d}@example.jp") for i in range(100)))
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses if r.status_code != 201][
        :3
    ]
    states = [r.json()["state"] for r in responses]
    assert states.count("confirmed") == 10 and states.count("waitlisted") == 90

    regs = await registrations(client, s["id"])  # arrival (commit) order
    confirmed = [r for r in regs if r.state == "confirmed"]
    waiting = [r for r in regs if r.state == "waitlisted"]
    assert len(confirmed) == 10 and all(r.waitlist_position is None for r in confirmed)
    # tickets 1..90 handed out in the order the registrations were accepted
    assert [r.waitlist_position for r in waiting] == list(range(1, 91))
    row = await session_row(client, s["id"])
    assert (row.confirmed_count, row.waitlisted_count) == (10, 90)
    detail = (await client.get(f"/v1/sessions/{s['id']}")).json()
    assert detail["status"] == "full" and detail["places_left"] == 0 and detail["waitlisted"] == 90

    # each cancellation frees exactly one place, which goes to the lowest ticket
    for expected_ticket in (1, 2, 3):
        victim = next(r for r in await registrations(client, s["id"]) if r.state == "confirmed")
        r = await client.post(f"/v1/registrations/{victim.id}/cancel", headers=registrant())
        assert r.status_code == 200 and r.json()["state"] == "cancelled"
        regs = {x.id: x for x in await registrations(client, s["id"])}
        promoted = [x for x in regs.values() if x.promoted_at is not None]
        assert len(promoted) == expected_ticket
        assert sum(1 for x in regs.values() if x.state == "confirmed") == 10
    tickets_left = sorted(x.waitlist_position for x in regs.values() if x.state == "waitlisted")
    assert tickets_left == list(range(4, 91))
    # each place given is announced once, to the registrant's organisation, with the session's facts
    told = await outbox_payloads(client, "jp.sosai.catalog.registration.promoted.v1")
    assert sorted(t["registration_id"] for t in told) == sorted(x.id for x in promoted)
    assert all(t["session_id"] == s["id"] and t["registrant_org"] == promoted[0].registrant_org for t in told)
    assert all(t["title"] == s["title_ja"] and t["venue_name"] for t in told)

    # cancelling twice frees nothing the second time
    before = {x.id: (x.state, x.waitlist_position) for x in await registrations(client, s["id"])}
    again = await client.post(f"/v1/registrations/{victim.id}/cancel", headers=registrant())
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM
    assert again.json()["type"].endswith("/already-cancelled")
    after = {x.id: (x.state, x.waitlist_position) for x in await registrations(client, s["id"])}
    assert after == before
    row = await session_row(client, s["id"])
    assert (row.confirmed_count, row.waitlisted_count) == (10, 87)
    metrics = (await client.get("/metrics")).text
    for name in (
        'sosai_catalog_registrations_total{state="waitlisted"}',
        "sosai_catalog_sessions_scheduled_total",
        "sosai_catalog_waitlist_promotions_total",
    ):
        assert name in metrics


async def test_parallel_cancellations_promote_exactly_one_each_in_order(client: httpx.AsyncClient) -> None:
    s = await create_session(client, capacity=5)
    for i in range(12):
        assert (await register(client, s["id"], f"q{i:02d}@example.jp")).status_code == 201
    confirmed = [r for r in await registrations(client, s["id"]) if r.state == "confirmed"]
    # the same five cancellations sent twice at once: five succeed, five are refused, five places freed
    calls = [client.post(f"/v1/registrations/{r.id}/cancel", headers=registrant()) for r in confirmed * 2]
    results = await asyncio.gather(*calls)
    codes = sorted(r.status_code for r in results)
    assert codes == [200] * 5 + [409] * 5
    regs = await registrations(client, s["id"])
    now_confirmed = sorted(r.email for r in regs if r.state == "confirmed")
    assert now_confirmed == [f"q{i:02d}@example.jp" for i in range(5, 10)]  # tickets 1..5, in order
    assert sorted(r.waitlist_position for r in regs if r.state == "waitlisted") == [6, 7]
    row = await session_row(client, s["id"])
    assert (row.confirmed_count, row.waitlisted_count) == (5, 2)
