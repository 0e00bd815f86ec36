"""The public carbon card's calls to the calculator are cached: views cannot multiply them.

Against the real calculator service, whose own request counters (its /metrics) say how often it
was asked: many views, sequential and concurrent, make one call while the inputs stay the same; a
registration that changes them makes a new one; recording a footprint asks afresh; and once the
TTL has passed the card asks again.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx
from catalog_helpers import ORGANISER, create_session, register
from catalog_real_calculator import estimate_requests, real_calculator

from sosai_shared.testing import wait_until

TRAVEL = {"origin_prefecture": "Tokyo", "travel_mode": "rail", "distance_km": "30"}


async def _card(client: httpx.AsyncClient, session_id: str) -> dict[str, Any]:
    r = await client.get(f"/v1/sessions/{session_id}/carbon-card")
    assert r.status_code == 200, r.text
    card: dict[str, Any] = r.json()
    return card


async def test_views_share_one_calculator_call_until_the_inputs_change(
    catalog, database_factory, bootstrap_servers: str
) -> None:  # type: ignore[no-untyped-def]
    calculator_db = await database_factory.new("calculator")
    async with (
        real_calculator(calculator_db, bootstrap_servers) as url,
        catalog(run_consumers=False, calculator_url=url) as client,
    ):
        s = await create_session(client, starts_at=datetime(2010, 10, 1, 1, tzinfo=UTC), venue_kwh="100")
        await register(client, s["id"], "a@example.jp", headers=ORGANISER, **TRAVEL)
        before = await estimate_requests(url)

        cards = [await _card(client, s["id"]) for _ in range(5)]
        cards += await asyncio.gather(*(_card(client, s["id"]) for _ in range(10)))
        assert {c["estimate"]["status"] for c in cards} == {"ok"}
        assert len({c["estimate"]["total_t_co2"] for c in cards}) == 1
        assert await estimate_requests(url) == before + 1, "15 views, one call"

        # another attendee changes what the estimate depends on: the next view asks again
        await register(client, s["id"], "b@example.jp", headers=ORGANISER, **TRAVEL)
        for _ in range(3):
            card = await _card(client, s["id"])
            assert card["estimate"]["attendees_counted"] == 2
        assert card["estimate"]["total_t_co2"] != cards[0]["estimate"]["total_t_co2"]
        assert await estimate_requests(url) == before + 2

        # freezing the footprint is a write: it takes the calculator's answer of now, not a kept one
        r = await client.post(f"/v1/sessions/{s['id']}/footprint", headers=ORGANISER)
        assert r.status_code == 201, r.text
        assert r.json()["t_co2"] == card["estimate"]["total_t_co2"]
        assert await estimate_requests(url) == before + 3


async def test_the_card_asks_again_once_its_estimate_has_expired(
    catalog, database_factory, bootstrap_servers: str
) -> None:  # type: ignore[no-untyped-def]
    calculator_db = await database_factory.new("calculator")
    async with (
        real_calculator(calculator_db, bootstrap_servers) as url,
        catalog(run_consumers=False, calculator_url=url, calculator_cache_seconds=0.5) as client,
    ):
        s = await create_session(client, starts_at=datetime(2010, 10, 1, 1, tzinfo=UTC))
        await _card(client, s["id"])
        asked = await estimate_requests(url)

        async def asked_again() -> bool:
            await _card(client, s["id"])
            return await estimate_requests(url) > asked

        assert await wait_until(asked_again, timeout=30, interval=0.2)
