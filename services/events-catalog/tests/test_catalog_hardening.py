"""Careless and hostile inputs get the same 422 on SQLite and PostgreSQL; and a session in a fiscal
year no factor set covers yet still gets a footprint estimate from the real calculator."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from catalog_helpers import ORGANISER, PROBLEM, create_session, register, registrant, session_body
from catalog_real_calculator import real_calculator

from sosai_shared.testing import auth


async def test_integer_counts_are_strict(client: httpx.AsyncClient) -> None:
    for field in ("capacity", "meals", "accommodation_nights"):
        for bad in ("3", True, 1.5):
            r = await client.post("/v1/sessions", json=session_body(**{field: bad}), headers=ORGANISER)
            assert r.status_code == 422 and r.headers["content-type"] == PROBLEM, (field, bad, r.text)
            assert r.json()["type"].endswith("/validation-error")
    s = await create_session(client)
    for bad in ("12", True, 2.5):
        r = await client.patch(f"/v1/sessions/{s['id']}", json={"capacity": bad}, headers=ORGANISER)
        assert r.status_code == 422, (bad, r.text)
    r = await client.post("/v1/sessions", json=session_body(capacity=100_001), headers=ORGANISER)
    assert r.status_code == 422
    assert (await client.get(f"/v1/sessions/{s['id']}")).json()["capacity"] == 10


async def test_malformed_cursors_are_422_invalid_cursor(client: httpx.AsyncClient) -> None:
    s = await create_session(client)
    await register(client, s["id"], "a@example.jp")
    # [1]; ["x"]; [1,"x"]; ["x","x"]; not base64
    cursors = ("WzFd", "WyJ4Il0", "WzEsIngiXQ", "WyJ4IiwieCJd", "!!")
    lists = [
        ("/v1/programmes", None, ("WyJ4Il0",)),  # a code cursor: ["x"] is well-formed
        ("/v1/sessions", None, ()),
        ("/v1/registrations", registrant(), ()),
        (f"/v1/sessions/{s['id']}/registrations", ORGANISER, ()),
    ]
    for path, headers, well_formed in lists:
        for cursor in cursors:
            r = await client.get(path, params={"cursor": cursor}, headers=headers)
            if cursor in well_formed:
                assert r.status_code == 200, (path, cursor, r.text)
                continue
            assert r.status_code == 422 and r.json()["type"].endswith("/invalid-cursor"), (
                path,
                cursor,
                r.text,
            )


async def test_search_dates_must_be_date_times(client: httpx.AsyncClient) -> None:
    """Found by the hostile OpenAPI test: ``from=0.5`` was read as seconds since 1970."""
    for bad in ("0.5", "1288573200", "yesterday"):
        for param in ("from", "to"):
            r = await client.get("/v1/sessions", params={param: bad})
            assert r.status_code == 422 and r.headers["content-type"] == PROBLEM, (param, bad, r.text)
    ok = await client.get("/v1/sessions", params={"from": "2010-04-01T00:00:00+09:00"})
    assert ok.status_code == 200, ok.text


async def test_a_session_in_the_current_fiscal_year_gets_an_estimate_not_refused(
    catalog, database_factory, bootstrap_servers: str
) -> None:  # type: ignore[no-untyped-def]
    calculator_db = await database_factory.new("calculator")
    async with (
        real_calculator(calculator_db, bootstrap_servers) as url,
        catalog(run_consumers=False, calculator_url=url) as client,
    ):
        s = await create_session(
            client,
            starts_at=datetime(2026, 10, 1, 1, tzinfo=UTC),
            venue_kwh="120.5",
            utility="TEPCO",
            accommodation_nights=3,
            meals=20,
        )
        assert s["fiscal_year"] == 2026
        for i in range(2):
            extra = {"origin_prefecture": "Tokyo", "travel_mode": "rail", "distance_km": "30"}
            await register(client, s["id"], f"r{i}@example.jp", headers=ORGANISER, **extra)
        card = (await client.get(f"/v1/sessions/{s['id']}/carbon-card")).json()
        # 2 x 30 km x 2 x 19 g = 2.28 kg; 120.5 kWh x 0.384 kg (TEPCO, latest: FY2009) = 46.272 kg;
        # 3 nights x 30 kg = 90 kg; 20 meals x 2 kg = 40 kg -> 0.178552 t
        assert card["estimate"]["status"] == "ok", card
        assert card["estimate"]["total_t_co2"] == "0.178552" and card["estimate"]["credits_needed"] == 1
        r = await client.post(f"/v1/sessions/{s['id']}/footprint", headers=ORGANISER)
        assert r.status_code == 201 and r.json()["t_co2"] == "0.178552", r.text
        # the calculator itself says which rule it used
        async with httpx.AsyncClient(base_url=url) as calc:
            r = await calc.post(
                "/v1/estimates",
                json={"activity": "gasoline", "amount": "1", "unit": "kL", "fiscal_year": 2026},
                headers=auth("x", "calculator:estimate"),
            )
        assert r.json()["rule"]["name"] == "latest-available"
