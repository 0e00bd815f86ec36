"""Stored footprints: kinds, CSV upload, plans, versioning with snapshots, auth, statistics, events."""

from __future__ import annotations

import httpx
from calculator_helpers import ADMIN, ORG, R, W, count, outbox, problem_type

from sosai_calculator.factors.service import shipped_files
from sosai_calculator.models import FactorSet, Footprint, FootprintLine, FootprintVersion
from sosai_shared.testing import auth

ORG_BODY = {
    "kind": "organisation",
    "name": "HQ FY2010",
    "fiscal_year": 2010,
    "offset_type": "own_activity",
    "activities": [
        {"activity": "gasoline", "amount": "600", "unit": "L"},
        {"activity": "gasoline", "amount": "0.4", "unit": "kL"},  # same source: summed to 1 kL first
        {"activity": "city_gas", "amount": "10", "unit": "1000Nm3"},
        {"activity": "electricity", "amount": "100", "unit": "MWh", "region": "kansai"},
    ],
    "plan": {"planned_reduction_t_co2": "5", "offset_share": "1"},
}


async def test_organisation_footprint_with_plan_and_event(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/footprints", json=ORG_BODY, headers=W)
    assert r.status_code == 201, r.text
    fp = r.json()
    # gasoline 1 kL = 2.321660; city gas 10 x 2.234026666.. = 22.340267; Kansai 100,000 kWh x 0.294 kg = 29.4
    lines = {ln["source"]: ln["t_co2"] for ln in fp["lines"]}
    assert lines == {"gasoline": "2.321660", "city_gas": "22.340267", "electricity (kansai)": "29.400000"}
    assert fp["total_t_co2"] == "54.061927"
    assert fp["by_scope"] == {"scope1": "24.661927", "scope2": "29.400000", "scope3": "0.000000"}
    # residual 49.061927, share 1 -> 50 credits (whole tonnes, rounded up)
    assert fp["plan"] == {
        "total_t_co2": "54.061927",
        "planned_reduction_t_co2": "5",
        "residual_t_co2": "49.061927",
        "offset_share": "1",
        "credits_needed": 50,
    }
    assert fp["coverage"] == {"credits_needed": 50, "credits_retired": 0, "coverage": "none"}
    assert fp["version"] == 1 and fp["factor_set_ids"] == ["FY2009-B-r1", "FY2010-B-r1"]
    events = [e for e in await outbox(client) if e["type"].endswith("footprint.calculated.v1")]
    assert len(events) == 1 and events[0]["data"]["credits_needed"] == 50
    assert events[0]["data"]["total_t_co2"] == "54.061927" and events[0]["subject"] == fp["id"]
    assert events[0]["data"]["offset_type"] == "own_activity"

    # plan change: half of the residual -> ceil(24.5309635) = 25
    r = await client.put(
        f"/v1/footprints/{fp['id']}/plan",
        json={"planned_reduction_t_co2": "5", "offset_share": "0.5"},
        headers=W,
    )
    assert r.status_code == 200 and r.json()["plan"]["credits_needed"] == 25
    before = len(await outbox(client))
    r = await client.put(f"/v1/footprints/{fp['id']}/plan", json={"planned_reduction_t_co2": "60"}, headers=W)
    assert r.status_code == 422 and problem_type(r) == "reductions-exceed-emissions"
    r = await client.put(f"/v1/footprints/{fp['id']}/plan", json={"offset_share": "1.5"}, headers=W)
    assert r.status_code == 422 and problem_type(r) == "validation-error"
    assert len(await outbox(client)) == before
    got = (await client.get(f"/v1/footprints/{fp['id']}", headers=R)).json()
    assert got["plan"]["credits_needed"] == 25 and got["plan"]["offset_share"] == "0.5"
    types = [e["type"] for e in await outbox(client)]
    assert types.count("jp.sosai.calculator.footprint.calculated.v1") == 2


async def test_product_and_event_footprints(client: httpx.AsyncClient) -> None:
    product = {
        "kind": "product",
        "name": "Bottle",
        "fiscal_year": 2010,
        "units": 1000,
        "per_unit": [{"activity": "electricity", "amount": "0.5", "unit": "kWh"}],
    }
    r = await client.post("/v1/footprints", json=product, headers=W)
    assert r.status_code == 201, r.text
    # 1,000 x 0.5 kWh = 500 kWh x 0.000555 = 0.2775 t; per unit 0.000278 (rounded half up)
    assert r.json()["total_t_co2"] == "0.277500" and r.json()["per_unit_t_co2"] == "0.000278"
    assert r.json()["plan"]["credits_needed"] == 1
    event = {
        "kind": "event",
        "name": "J-VER briefing Osaka",
        "fiscal_year": 2010,
        "session_id": "sess-1",
        "offset_type": "meeting_event",
        "attendees": [{"origin": "Kobe", "mode": "rail", "distance_km": "30", "count": 100}],
        "venue_kwh": "1000",
        "meals": 100,
    }
    r = await client.post("/v1/footprints", json=event, headers=W)
    assert r.status_code == 201, r.text
    # 100 x 30 x 2 = 6,000 pkm x 19 g = 0.114; 1,000 kWh default 0.555; meals 0.2 -> 0.869
    assert r.json()["total_t_co2"] == "0.869000" and r.json()["session_id"] == "sess-1"
    listed = (await client.get("/v1/footprints?kind=event", headers=R)).json()
    assert [f["name"] for f in listed["items"]] == ["J-VER briefing Osaka"]
    stats = (await client.get("/v1/statistics")).json()
    assert stats["footprints"] == 2 and stats["total_t_co2"] == "1.146500"
    assert stats["credits_needed"] == 2 and stats["credits_retired"] == 0
    assert {(s["kind"], s["fiscal_year"], s["footprints"]) for s in stats["by_kind_and_year"]} == {
        ("event", 2010, 1),
        ("product", 2010, 1),
    }


async def test_errors_store_nothing(client: httpx.AsyncClient) -> None:
    before = (await count(client, Footprint), len(await outbox(client)))
    bad_unit = {
        **ORG_BODY,
        "activities": [
            *ORG_BODY["activities"],
            {
                "activity": "lpg",
                "amount": "1",  # type: ignore[list-item]
                "unit": "kWh",
            },
        ],
    }
    r = await client.post("/v1/footprints", json=bad_unit, headers=W)
    assert r.status_code == 422 and problem_type(r) == "incompatible-unit"
    r = await client.post(
        "/v1/footprints",
        json={**ORG_BODY, "activities": [{"activity": "coal", "amount": "1", "unit": "t"}]},
        headers=W,
    )
    assert r.status_code == 422 and problem_type(r) == "unknown-activity"
    r = await client.post("/v1/footprints", json={**ORG_BODY, "kind": "spaceship"}, headers=W)
    assert r.status_code == 422 and problem_type(r) == "validation-error"
    r = await client.post("/v1/footprints", json=ORG_BODY, headers=R)
    assert r.status_code == 403 and problem_type(r) == "insufficient-scope"
    r = await client.post("/v1/footprints", json=ORG_BODY)
    assert r.status_code == 401
    assert (await count(client, Footprint), len(await outbox(client))) == before


async def test_other_organisations_footprints_are_404(client: httpx.AsyncClient) -> None:
    fid = (await client.post("/v1/footprints", json=ORG_BODY, headers=W)).json()["id"]
    other = auth("org-other", "calculator:write", "calculator:read")
    for method, path, body in [
        ("GET", f"/v1/footprints/{fid}", None),
        ("GET", f"/v1/footprints/{fid}/versions/1", None),
        ("POST", f"/v1/footprints/{fid}/recalculate", {}),
        ("PUT", f"/v1/footprints/{fid}/plan", {"offset_share": "0"}),
    ]:
        r = await client.request(method, path, json=body, headers=other)
        assert r.status_code == 404 and problem_type(r) == "footprint-not-found", path
    assert (await client.get("/v1/footprints", headers=other)).json()["items"] == []
    assert (await client.get(f"/v1/footprints/{fid}", headers=R)).json()["plan"]["offset_share"] == "1"
    assert await count(client, FootprintVersion) == 1


async def test_csv_upload_text_and_multipart_streams_and_rejects_bad_rows(client: httpx.AsyncClient) -> None:
    csv_text = (
        "activity,amount,unit,region\n" + "gasoline,100,L,\n" * 10 + "electricity,1000,kWh,tepco\n"
        "lng,0.5,t,\n"
    )
    params = {"name": "Plant FY2010", "fiscal_year": 2010}
    r = await client.post(
        "/v1/footprints/csv",
        params=params,
        content=csv_text,
        headers={**W, "content-type": "text/csv", "Idempotency-Key": "csv-1"},
    )
    assert r.status_code == 201, r.text
    fp = r.json()
    # 10 x 100 L = 1 kL gasoline = 2.32166; 1,000 kWh TEPCO (FY2009) = 0.384; 0.5 t LNG = 1.35135
    assert [(ln["source"], ln["amount"], ln["t_co2"]) for ln in fp["lines"]] == [
        ("gasoline", "1", "2.321660"),
        ("electricity (tepco)", "1000", "0.384000"),
        ("lng", "0.5", "1.351350"),
    ]
    assert fp["total_t_co2"] == "4.057010" and fp["kind"] == "organisation"
    again = await client.post(
        "/v1/footprints/csv",
        params=params,
        content=csv_text,
        headers={**W, "content-type": "text/csv", "Idempotency-Key": "csv-1"},
    )
    assert again.status_code == 201 and again.json()["id"] == fp["id"]  # replayed, not stored twice
    files = {"file": ("activity.csv", csv_text.encode(), "text/csv")}
    r = await client.post("/v1/footprints/csv", params=params, files=files, headers=W)
    assert r.status_code == 201 and r.json()["total_t_co2"] == "4.057010" and r.json()["id"] != fp["id"]
    before = (await count(client, Footprint), await count(client, FootprintLine), len(await outbox(client)))
    bad = csv_text + "gasoline,abc,L,\nkerosene,1,kWh,\n"
    r = await client.post(
        "/v1/footprints/csv", params=params, content=bad, headers={**W, "content-type": "text/csv"}
    )
    assert r.status_code == 422 and problem_type(r) == "invalid-activity-data"
    assert [e["line"] for e in r.json()["errors"]] == [14, 15]
    assert [e["type"] for e in r.json()["errors"]] == ["invalid-row", "incompatible-unit"]
    r = await client.post(
        "/v1/footprints/csv", params=params, content=b"{}", headers={**W, "content-type": "application/json"}
    )
    assert r.status_code == 415 and problem_type(r) == "unsupported-media-type"
    assert (
        await count(client, Footprint),
        await count(client, FootprintLine),
        len(await outbox(client)),
    ) == before


async def test_new_factor_set_leaves_old_footprints_alone_and_recalculation_shows_the_diff(
    client: httpx.AsyncClient,
) -> None:
    fp = (await client.post("/v1/footprints", json=ORG_BODY, headers=W)).json()
    shipped = dict(shipped_files())["factors_FY2010_B.csv"]
    revised = shipped.replace("2010,B,gasoline,jp,1,kL,34.6,0.0183", "2010,B,gasoline,jp,1,kL,34.6,0.0190")
    assert revised != shipped
    r = await client.post("/v1/factor-sets", content=shipped, headers={**ADMIN, "content-type": "text/csv"})
    assert r.status_code == 200 and r.json()["id"] == "FY2010-B-r1"  # identical content: idempotent
    r = await client.post("/v1/factor-sets", content=revised, headers={**W, "content-type": "text/csv"})
    assert r.status_code == 403
    sets_before = await count(client, FactorSet)
    r = await client.post(
        "/v1/factor-sets", content="fiscal_year\n2010\n", headers={**ADMIN, "content-type": "text/csv"}
    )
    assert r.status_code == 422 and problem_type(r) == "invalid-factor-set"
    assert await count(client, FactorSet) == sets_before
    r = await client.post("/v1/factor-sets", content=revised, headers={**ADMIN, "content-type": "text/csv"})
    assert r.status_code == 201, r.text
    assert r.json()["id"] == "FY2010-B-r2" and r.json()["current"] is True
    old = (await client.get("/v1/factor-sets/FY2010-B-r1")).json()
    assert old["current"] is False
    # the stored footprint did not change
    same = (await client.get(f"/v1/footprints/{fp['id']}", headers=R)).json()
    assert same["total_t_co2"] == fp["total_t_co2"] and same["lines"] == fp["lines"] and same["version"] == 1
    # new estimates use the new revision: 34.6 x 0.0190 = 0.6574; x 44 = 28.9256; / 12 = 2.410466666.. -> 2.410467
    r = await client.post(
        "/v1/estimates",
        json={"activity": "gasoline", "amount": "1", "unit": "kL", "fiscal_year": 2010},
        headers=auth("x", "calculator:estimate"),
    )
    assert r.json()["t_co2"] == "2.410467" and r.json()["factor"]["id"] == "FY2010-B-r2.gasoline.jp"
    r = await client.post(f"/v1/footprints/{fp['id']}/recalculate", json={}, headers=W)
    assert r.status_code == 201, r.text
    rc = r.json()
    assert rc["previous_version"] == 1 and rc["footprint"]["version"] == 2
    assert rc["delta_t_co2"] == "0.088807" and rc["footprint"]["total_t_co2"] == "54.150734"
    gas = next(d for d in rc["lines"] if d["activity"] == "gasoline")
    assert (gas["old_t_co2"], gas["new_t_co2"], gas["delta_t_co2"]) == ("2.321660", "2.410467", "0.088807")
    assert (gas["old_factor_id"], gas["new_factor_id"]) == (
        "FY2010-B-r1.gasoline.jp",
        "FY2010-B-r2.gasoline.jp",
    )
    others = [d for d in rc["lines"] if d["activity"] != "gasoline"]
    assert all(d["delta_t_co2"] == "0.000000" for d in others)
    # version 1 is still there, unchanged, with its factor snapshots
    v1 = (await client.get(f"/v1/footprints/{fp['id']}/versions/1", headers=R)).json()
    assert v1["total_t_co2"] == "54.061927" and v1["lines"] == fp["lines"]
    assert (await client.get(f"/v1/footprints/{fp['id']}/versions/9", headers=R)).status_code == 404
    # the plan carried over: residual 49.150734 -> 50 credits
    assert rc["footprint"]["plan"]["credits_needed"] == 50
    calc_events = [e for e in await outbox(client) if e["type"].endswith("footprint.calculated.v1")]
    assert [e["data"]["version"] for e in calc_events] == [1, 2]


async def test_factor_search_is_public_and_paginated(client: httpx.AsyncClient) -> None:
    r = await client.get(
        "/v1/factors", params={"activity": "electricity", "fiscal_year": 2009, "regime": "B", "limit": 4}
    )
    assert r.status_code == 200
    page1 = r.json()
    assert len(page1["items"]) == 4 and page1["next_cursor"]
    seen = [f["region"] for f in page1["items"]]
    cursor = page1["next_cursor"]
    while cursor:
        p = (
            await client.get(
                "/v1/factors",
                params={
                    "activity": "electricity",
                    "fiscal_year": 2009,
                    "regime": "B",
                    "limit": 4,
                    "cursor": cursor,
                },
            )
        ).json()
        seen += [f["region"] for f in p["items"]]
        cursor = p["next_cursor"]
    assert sorted(seen) == sorted(
        [
            "jp",
            "hokkaido",
            "tohoku",
            "tepco",
            "chubu",
            "hokuriku",
            "kansai",
            "chugoku",
            "shikoku",
            "kyushu",
            "okinawa",
        ]
    )
    f = (await client.get("/v1/factors/FY2010-B-r1.kerosene.jp")).json()
    assert (
        f["calorific_value"] == "36.7"
        and f["carbon_factor"] == "0.0185"
        and f["t_co2_per_unit"] == "2.489483333333"
    )
    assert f["published_t_co2_per_unit"] == "2.49" and f["scope"] == 1
    scope3 = (await client.get("/v1/factors", params={"scope": 3, "fiscal_year": 2010, "regime": "B"})).json()
    assert {x["activity"] for x in scope3["items"]} == {
        "passenger_car",
        "passenger_bus",
        "passenger_rail",
        "passenger_air",
        "passenger_air_domestic_scheduled",
        "accommodation",
        "meal",
    }
    sets = (await client.get("/v1/factor-sets")).json()["items"]
    assert [s["id"] for s in sets] == ["FY2009-A-r1", "FY2009-B-r1", "FY2010-A-r1", "FY2010-B-r1"]
    assert (await client.get("/v1/factors/nope")).status_code == 404
    assert (await client.get("/v1/factors", params={"cursor": "!!"})).status_code == 422
    assert ORG  # the helpers' org owns nothing here: factor reads need no token


async def test_openapi_documents_every_route(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary"), (method, path)
            if path.startswith("/v1/") and method in ("post", "put"):
                assert "422" in op["responses"], (method, path)


async def test_malformed_csv_is_a_422_and_stores_nothing(client: httpx.AsyncClient) -> None:
    """Found by Schemathesis: a bare CR inside an unquoted field made the csv module raise (500)."""
    broken = 'activity,amount,unit\n"gasoline\r,1,L\n\x00'
    before = (await count(client, Footprint), await count(client, FactorSet))
    r = await client.post(
        "/v1/factor-sets", content="\r\xc8[\x91\x0c", headers={**ADMIN, "content-type": "text/csv"}
    )
    assert r.status_code == 422 and problem_type(r) == "invalid-factor-set"
    r = await client.post(
        "/v1/footprints/csv",
        params={"name": "x", "fiscal_year": 2010},
        content=broken,
        headers={**W, "content-type": "text/csv"},
    )
    assert r.status_code == 422 and problem_type(r) == "invalid-activity-data", r.text
    assert (await count(client, Footprint), await count(client, FactorSet)) == before
