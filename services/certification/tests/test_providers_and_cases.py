"""Anshin providers, reported offset cases and the statistics."""

from __future__ import annotations

from typing import Any

import httpx
from certification_helpers import admin, applicant, outbox_events, ptype, reviewer, snapshot
from fastapi import FastAPI

from sosai_shared.contracts import ProviderRegisteredV1
from sosai_shared.testing import auth

DISCLOSURES = {
    "credit_handling": "credits held per customer in account acc-p1",
    "pricing_basis": "JPY per t-CO2, list published monthly",
    "retirement_practice": "retired within 30 days of sale, certificate sent",
}


async def test_provider_application_review_registration_and_public_list(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    r = await client.post(
        "/v1/providers",
        json={"name": "Green Offset KK", **DISCLOSURES, "account_ids": ["acc-p1"]},
        headers=applicant("org-prov"),
    )
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    assert r.json()["status"] == "applied"
    assert (await client.get("/v1/public/providers")).json()["items"] == []
    before = await snapshot(app)
    dup = await client.post(
        "/v1/providers", json={"name": "again", **DISCLOSURES}, headers=applicant("org-prov")
    )
    assert dup.status_code == 409 and ptype(dup) == "provider-exists"
    r = await client.post(f"/v1/providers/{pid}/register", headers=applicant("org-prov"))
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"
    r = await client.post(f"/v1/providers/{pid}/register", headers=auth("org-prov", "certification:review"))
    assert r.status_code == 403 and ptype(r) == "own-application"
    r = await client.get(f"/v1/providers/{pid}", headers=applicant("org-other"))
    assert r.status_code == 404 and ptype(r) == "provider-not-found"
    assert await snapshot(app) == before
    queue = (await client.get("/v1/review/providers", headers=reviewer())).json()
    assert [p["id"] for p in queue["items"]] == [pid]

    r = await client.post(f"/v1/providers/{pid}/register", headers=reviewer())
    assert r.status_code == 200 and r.json()["status"] == "registered"
    [event] = await outbox_events(app, ProviderRegisteredV1.event_type)
    assert event["data"]["org"] == "org-prov" and event["data"]["status"] == "registered"
    public = (await client.get("/v1/public/providers")).json()["items"]
    assert [(p["name"], p["pricing_basis"]) for p in public] == [
        ("Green Offset KK", DISCLOSURES["pricing_basis"])
    ]
    assert "account_ids" not in public[0]
    again = await client.post(f"/v1/providers/{pid}/register", headers=reviewer())
    assert again.status_code == 409 and ptype(again) == "illegal-transition"

    r = await client.post(
        f"/v1/providers/{pid}/suspend", json={"reason": "disclosure outdated"}, headers=reviewer()
    )
    assert r.json()["status"] == "suspended"
    assert (await client.get("/v1/public/providers")).json()["items"] == []
    events = await outbox_events(app, ProviderRegisteredV1.event_type)
    assert [e["data"]["status"] for e in events] == ["registered", "suspended"]
    assert "sosai_certification_providers_registered_total" in (await client.get("/metrics")).text


async def test_admin_registers_providers_directly_for_seeding(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    for i in range(11):
        r = await client.post(
            "/v1/admin/providers",
            json={"org": f"org-p{i:02d}", "name": f"Provider {i:02d}", **DISCLOSURES},
            headers=admin(),
        )
        assert r.status_code == 201, r.text
    before = await snapshot(app)
    r = await client.post(
        "/v1/admin/providers", json={"org": "org-x", "name": "X", **DISCLOSURES}, headers=reviewer()
    )
    assert r.status_code == 403 and await snapshot(app) == before
    page = (await client.get("/v1/public/providers", params={"limit": 5})).json()
    assert len(page["items"]) == 5 and page["next_cursor"]
    rest = (
        await client.get("/v1/public/providers", params={"limit": 50, "cursor": page["next_cursor"]})
    ).json()
    assert len(rest["items"]) == 6 and rest["next_cursor"] is None
    assert (await client.get("/v1/statistics")).json()["providers"] == {
        "registered": 11,
        "suspended": 0,
        "pending": 0,
    }
    assert len(await outbox_events(app, ProviderRegisteredV1.event_type)) == 11


def case(i: int, offset_type: str, reported_on: str, market: bool = False) -> dict[str, Any]:
    return {
        "offset_type": offset_type,
        "title": f"case {i}",
        "org_name": f"Company {i}",
        "reported_on": reported_on,
        "market_distribution": market,
    }


async def test_reported_cases_bulk_seed_and_white_paper_statistics(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    items = []
    for i in range(1000):
        if i < 300:
            items.append(
                case(i, "own_activity", "2009-12-15", market=i % 3 == 0)
            )  # before April 2010: 100 market
        elif i < 500:
            items.append(
                case(i, "own_activity", "2010-05-10", market=i % 2 == 0)
            )  # from April 2010: 100 market
        elif i < 800:
            items.append(case(i, "product_service", "2010-10-01"))
        else:
            items.append(case(i, "meeting_event", "2011-01-20"))
    before = await snapshot(app)
    too_many = await client.post(
        "/v1/admin/reported-cases/bulk", json={"items": [*items, items[0]]}, headers=admin()
    )
    assert too_many.status_code == 422 and ptype(too_many) == "validation-error"
    r = await client.post(
        "/v1/admin/reported-cases/bulk", json={"items": items[:2]}, headers=applicant("org-a")
    )
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"
    assert await snapshot(app) == before
    r = await client.post("/v1/admin/reported-cases/bulk", json={"items": items}, headers=admin())
    assert r.status_code == 201 and r.json()["created"] == 1000
    own = await client.post(
        "/v1/reported-cases",
        json=case(1001, "closed_specific_parties", "2011-02-01"),
        headers=applicant("org-a"),
    )
    assert own.status_code == 201, own.text
    mine = (await client.get("/v1/reported-cases", headers=applicant("org-a"))).json()["items"]
    assert [c["id"] for c in mine] == [own.json()["id"]]

    stats = (await client.get("/v1/statistics")).json()["reported_cases"]
    assert stats["total"] == 1001
    assert {t["offset_type"]: t["count"] for t in stats["by_type"]} == {
        "own_activity": 500,
        "product_service": 300,
        "meeting_event": 200,
        "closed_specific_parties": 1,
    }
    assert stats["own_activity_split"] == {
        "before_2010_04": {"market_distribution": 100, "other": 200, "total": 300},
        "from_2010_04": {"market_distribution": 100, "other": 100, "total": 200},
    }
    fy = {(p["period"], p["offset_type"]): p["count"] for p in stats["by_fiscal_year"]}
    assert fy[("FY2009", "own_activity")] == 300 and fy[("FY2010", "meeting_event")] == 200
    q = {(p["period"], p["offset_type"]): p["count"] for p in stats["by_quarter"]}
    assert q[("FY2009-Q3", "own_activity")] == 300 and q[("FY2010-Q1", "own_activity")] == 200
    assert q[("FY2010-Q3", "product_service")] == 300 and q[("FY2010-Q4", "meeting_event")] == 200
    fy2009 = (
        await client.get("/v1/public/reported-cases", params={"fiscal_year": 2009, "limit": 200})
    ).json()
    assert len(fy2009["items"]) == 200 and fy2009["next_cursor"]


async def test_reported_case_input_is_validated(client: httpx.AsyncClient, app: FastAPI) -> None:
    before = await snapshot(app)
    for bad in (
        case(1, "unknown_type", "2010-01-01"),
        {**case(1, "own_activity", "2010-01-01"), "id": "x"},
        {**case(1, "own_activity", "2010-01-01"), "period_start": "2010-02-01", "period_end": "2010-01-01"},
    ):
        r = await client.post("/v1/reported-cases", json=bad, headers=applicant("org-a"))
        assert r.status_code == 422 and ptype(r) == "validation-error"
    assert await snapshot(app) == before


async def test_public_lists_refuse_tampered_cursors_and_oversized_pages(client: httpx.AsyncClient) -> None:
    for path in ("/v1/public/providers", "/v1/public/reported-cases", "/v1/public/certificates"):
        # ["x"]: one value for a two-column key; [1, "x"]: a number where the key holds text or a date
        for cursor in ("WyJ4Il0", "WzEsIngiXQ", "not base64!"):
            r = await client.get(path, params={"cursor": cursor})
            assert r.status_code == 422 and ptype(r) == "invalid-cursor", (path, cursor, r.text)
        too_large = await client.get(path, params={"limit": 201})
        assert too_large.status_code == 422 and ptype(too_large) == "validation-error", (path, too_large.text)
        assert (await client.get(path, params={"limit": 200})).status_code == 200
