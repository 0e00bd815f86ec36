"""The carbon card asks the calculator over HTTP; when it is down the catalog still serves.

The calculator here is a tiny real HTTP server started in the test (an HTTP peer, not
Kafka/Postgres); the real calculator is exercised in the cross-service e2e tests.
"""

from __future__ import annotations

from datetime import UTC, datetime

from catalog_calculator_stub import StubCalculator, closed_port_url
from catalog_helpers import ORGANISER, count_rows, create_session, register
from sqlalchemy import true

from sosai_events_catalog.models import CarbonRecord
from sosai_shared.auth.jwks import JwksSource
from sosai_shared.auth.jwt import TokenVerifier
from sosai_shared.auth.keys import dev_jwks


async def test_estimate_from_registrants_and_actual_from_attendance(catalog) -> None:  # type: ignore[no-untyped-def]
    async with (
        StubCalculator(total="2.345600") as calc,
        catalog(run_consumers=False, calculator_url=calc.url) as client,
    ):
        s = await create_session(
            client,
            starts_at=datetime(2010, 10, 1, 1, tzinfo=UTC),
            venue_kwh="120.5",
            utility="TEPCO",
            accommodation_nights=3,
            meals=20,
        )
        regs = []
        for i, (mode, km) in enumerate([("rail", "30"), ("rail", "30"), ("car", "12.5"), (None, None)]):
            extra = {"origin_prefecture": "Tokyo", "origin_city": "Chiyoda"} if mode else {}
            if mode:
                extra.update(travel_mode=mode, distance_km=km)
            regs.append(
                (await register(client, s["id"], f"c{i}@example.jp", headers=ORGANISER, **extra)).json()
            )
        card = (await client.get(f"/v1/sessions/{s['id']}/carbon-card")).json()
        assert card["estimate"] == {
            "status": "ok",
            "total_t_co2": "2.345600",
            "credits_needed": 3,
            "attendees_counted": 3,
            "attendees_without_travel_data": 1,
            "reason": None,
        }
        assert card["actual"]["status"] == "pending" and card["status"] == "not_offset"
        [sent] = calc.calls
        assert sent["fiscal_year"] == 2010 and sent["venue_kwh"] == "120.500" and sent["utility"] == "TEPCO"
        assert (sent["accommodation_nights"], sent["meals"]) == (3, 20)
        assert sorted((a["mode"], a["distance_km"], a["count"]) for a in sent["attendees"]) == [
            ("car", "12.5", 1),
            ("rail", "30.0", 2),
        ]
        assert all(a["origin"] == "Tokyo Chiyoda" for a in sent["attendees"])
        # the catalog calls with a service token carrying calculator:estimate
        principal = TokenVerifier(
            keys=JwksSource(static_jwks=dev_jwks()),
            issuer="https://auth.sosai.local",
            audience="sosai-calculator",
        ).verify(calc.authorizations[0].removeprefix("Bearer "))
        assert principal.org == "sosai-catalog" and principal.has("calculator:estimate")

        await client.post(f"/v1/registrations/{regs[2]['id']}/attendance", headers=ORGANISER)
        card = (await client.get(f"/v1/sessions/{s['id']}/carbon-card")).json()
        assert card["actual"]["status"] == "ok" and card["actual"]["attendees_counted"] == 1
        # the actual is computed from attended registrations only
        assert {"origin": "Tokyo Chiyoda", "mode": "car", "distance_km": "12.5", "count": 1} in [
            a for call in calc.calls[-2:] if len(call["attendees"]) == 1 for a in call["attendees"]
        ]

        r = await client.post(f"/v1/sessions/{s['id']}/footprint", headers=ORGANISER)
        assert r.status_code == 201 and r.json()["basis"] == "actual" and r.json()["credits_needed"] == 3
        card = (await client.get(f"/v1/sessions/{s['id']}/carbon-card")).json()
        assert card["recorded_footprint"]["basis"] == "actual"


async def test_calculator_errors_are_retried(catalog) -> None:  # type: ignore[no-untyped-def]
    async with (
        StubCalculator(total="1.0", fail_first=2) as calc,
        catalog(run_consumers=False, calculator_url=calc.url) as client,
    ):
        s = await create_session(client)
        card = (await client.get(f"/v1/sessions/{s['id']}/carbon-card")).json()
        assert card["estimate"]["status"] == "ok" and card["estimate"]["total_t_co2"] == "1.0"
        assert len(calc.calls) == 3  # two 503s, then the answer


async def test_calculator_down_the_catalog_still_serves(catalog) -> None:  # type: ignore[no-untyped-def]
    async with catalog(run_consumers=False, calculator_url=closed_port_url()) as client:
        s = await create_session(client)
        await register(client, s["id"], "d@example.jp", travel_mode="bus", distance_km="40")
        r = await client.get(f"/v1/sessions/{s['id']}/carbon-card")
        assert r.status_code == 200
        card = r.json()
        assert card["estimate"]["status"] == "unavailable" and "unreachable" in card["estimate"]["reason"]
        assert card["estimate"]["total_t_co2"] is None and card["credits_retired"] == 0
        assert (await client.get(f"/v1/sessions/{s['id']}")).status_code == 200
        assert (await client.get("/v1/sessions")).status_code == 200
        # recording a footprint needs an answer: a clear 503, and nothing is stored
        r = await client.post(f"/v1/sessions/{s['id']}/footprint", headers=ORGANISER)
        assert r.status_code == 503 and r.json()["type"].endswith("/calculator-unavailable")
        assert await count_rows(client, CarbonRecord, true()) == 0
        assert (await client.get("/v1/sessions/nope/carbon-card")).status_code == 404
