"""Careless and hostile inputs get the same 422 on SQLite and PostgreSQL, never a 500 or a silent
store; and the calculator serves the current fiscal year from the latest published factor set."""

from __future__ import annotations

import httpx
from calculator_helpers import E, W, count, estimate, problem_type

from sosai_calculator.models import Footprint

PRODUCT = {
    "kind": "product",
    "name": "Widget",
    "fiscal_year": 2010,
    "per_unit": [{"activity": "gasoline", "amount": "0.000000000001", "unit": "L"}],
}


async def test_units_are_bounded_by_their_column_on_every_tier(client: httpx.AsyncClient) -> None:
    # footprints.units is a 32-bit INTEGER: the largest value it holds is stored, one more is a 422
    r = await client.post("/v1/footprints", json={**PRODUCT, "units": 2**31 - 1}, headers=W)
    assert r.status_code == 201, r.text
    assert r.json()["units"] == 2**31 - 1
    before = await count(client, Footprint)
    for units in (2**31, 2**63, 10**308):
        r = await client.post("/v1/footprints", json={**PRODUCT, "units": units}, headers=W)
        assert r.status_code == 422 and problem_type(r) == "validation-error", (units, r.text)
    assert await count(client, Footprint) == before


async def test_a_plan_needing_more_credits_than_the_record_holds_is_a_422(client: httpx.AsyncClient) -> None:
    huge = {
        "kind": "organisation",
        "name": "Too big",
        "fiscal_year": 2010,
        "activities": [{"activity": "gasoline", "amount": "100000000000000000", "unit": "kL"}],
    }
    r = await client.post("/v1/footprints", json=huge, headers=W)
    assert r.status_code == 422 and problem_type(r) == "footprint-too-large", r.text
    assert await count(client, Footprint) == 0


async def test_integer_quantities_are_strict(client: httpx.AsyncClient) -> None:
    for bad in ("3", True, 1.5):
        r = await estimate(client, activity="passenger_car", amount="120", unit="km", passengers=bad)
        assert r.status_code == 422 and problem_type(r) == "validation-error", (bad, r.text)
        r = await client.post("/v1/footprints", json={**PRODUCT, "units": bad}, headers=W)
        assert r.status_code == 422 and problem_type(r) == "validation-error", (bad, r.text)
        r = await client.post("/v1/estimates/event", json={"fiscal_year": 2010, "meals": bad}, headers=E)
        assert r.status_code == 422 and problem_type(r) == "validation-error", (bad, r.text)
        group = {"origin": "Osaka", "mode": "rail", "distance_km": "500", "count": bad}
        r = await client.post(
            "/v1/estimates/event", json={"fiscal_year": 2010, "attendees": [group]}, headers=E
        )
        assert r.status_code == 422 and problem_type(r) == "validation-error", (bad, r.text)
    r = await estimate(client, activity="passenger_car", amount="120", unit="km", passengers=3)
    assert r.status_code == 200 and r.json()["t_co2"] == "0.063000"
    assert await count(client, Footprint) == 0


async def test_malformed_cursors_are_422_invalid_cursor(client: httpx.AsyncClient) -> None:
    # WyJ4Il0 = ["x"]; WzEsIngiXQ = [1,"x"]; WyJ4IiwieCJd = ["x","x"]
    for path in ("/v1/factor-sets", "/v1/factors", "/v1/footprints"):
        for cursor in ("WyJ4Il0", "WzEsIngiXQ", "WyJ4IiwieCJd", "!!"):
            if path == "/v1/factors" and cursor == "WyJ4Il0":
                continue  # ["x"] is a well-formed factor cursor (an id)
            r = await client.get(path, params={"cursor": cursor}, headers=W)
            assert r.status_code == 422 and problem_type(r) == "invalid-cursor", (path, cursor, r.text)


async def test_the_current_fiscal_year_uses_the_latest_published_set_and_says_so(
    client: httpx.AsyncClient,
) -> None:
    r = await estimate(client, activity="gasoline", amount="1", unit="kL", fiscal_year=2026)
    assert r.status_code == 200, r.text
    b = r.json()
    assert b["t_co2"] == "2.321660" and b["factor"]["set_id"] == "FY2010-B-r1"
    assert b["rule"]["name"] == "latest-available" and b["rule"]["factor_set_fiscal_year"] == 2010
    assert "FY2010-B-r1" in b["rule"]["explanation"]
    # what the events catalog sends for a FY2026 session with a named utility
    body = {
        "fiscal_year": 2026,
        "attendees": [{"origin": "Tokyo Chiyoda", "mode": "rail", "distance_km": "30.0", "count": 2}],
        "venue_kwh": "120.500",
        "utility": "TEPCO",
        "accommodation_nights": 3,
        "meals": 20,
    }
    r = await client.post("/v1/estimates/event", json=body, headers=E)
    assert r.status_code == 200, r.text
    ev = r.json()
    assert ev["factor_rule"] == "latest-available" and ev["factor_set_ids"] == ["FY2009-B-r1", "FY2010-B-r1"]
    assert {ln["rule"] for ln in ev["lines"]} == {"latest-available"}
    venue = next(ln for ln in ev["lines"] if ln["source"] == "venue electricity")
    assert venue["factor"]["set_id"] == "FY2009-B-r1" and venue["t_co2"] == "0.046272"  # 120.5 x 0.384 kg
    # the same year as a stored footprint: its lines keep the rule that chose them
    r = await client.post(
        "/v1/footprints",
        json={
            "kind": "event",
            "name": "EXPO FY2026",
            "fiscal_year": 2026,
            **{k: body[k] for k in body if k != "fiscal_year"},
        },
        headers=W,
    )
    assert r.status_code == 201, r.text
    assert r.json()["factor_set_ids"] == ["FY2009-B-r1", "FY2010-B-r1"]
    # a year before every set still has no factors: later factors are never used for the past
    r = await estimate(client, activity="gasoline", amount="1", unit="kL", fiscal_year=2001)
    assert r.status_code == 422 and problem_type(r) == "no-factor-set"
