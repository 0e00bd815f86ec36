"""Applications end to end through the API: checklist, workflow, certificates, public pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
from certification_helpers import (
    applicant,
    draft_body,
    feed,
    footprint,
    outbox_events,
    ptype,
    ready_application,
    retirement,
    reviewer,
    snapshot,
)
from fastapi import FastAPI

from sosai_certification.periods import fiscal_year, today_jst
from sosai_shared.contracts import OffsetCertifiedV1


def checks_of(body: dict) -> dict[str, bool]:  # type: ignore[type-arg]
    return {c["name"]: c["met"] for c in body["checks"]}


async def test_happy_path_checklist_certificate_event_and_public_pages(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    r = await client.post(
        "/v1/applications", json=draft_body(footprint_id="fp-later"), headers=applicant("org-a")
    )
    assert r.status_code == 201, r.text
    draft = r.json()
    assert draft["status"] == "draft" and draft["checks_met"] is False
    assert checks_of(draft) == {
        "footprint_known": False,
        "retirements_known": False,
        "retirements_claimable": True,
        "credits_cover": False,
        "retirements_unused": True,
        "retirement_window": False,
        "disclosure_present": True,
        "session_organiser": True,
    }
    # facts arrive in any order: the retirement before the footprint
    await feed(app, retirement(8, application_id=draft["id"]))
    named = retirement(5, start=100)
    await feed(app, named)
    await feed(app, footprint("org-a", 13, fid="fp-later"))
    r = await client.patch(
        f"/v1/applications/{draft['id']}",
        json={"retirement_ids": [named.retirement_id]},
        headers=applicant("org-a"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["checks_met"] is True
    evidence = {c["name"]: c["evidence"] for c in r.json()["checks"]}
    assert Decimal(evidence["footprint_known"]["total_t_co2"]) == Decimal("12.3")
    assert evidence["footprint_known"]["credits_needed"] == 13
    assert evidence["credits_cover"]["credits_retired"] == 13
    assert {x["via"] for x in evidence["retirements_known"]["retirements"]} == {"referenced", "named"}

    assert (
        await client.post(f"/v1/applications/{draft['id']}/submit", headers=applicant("org-a"))
    ).status_code == 200
    r = await client.post(f"/v1/applications/{draft['id']}/review", headers=reviewer())
    assert r.json()["status"] == "under_review" and r.json()["reviewer_org"] == "org-4cj"
    r = await client.post(
        f"/v1/applications/{draft['id']}/certify", json={"comment": "all criteria met"}, headers=reviewer()
    )
    assert r.status_code == 200, r.text
    body = r.json()
    cert = body["certificate"]
    fy = fiscal_year(today_jst())
    assert body["status"] == "certified" and cert["number"] == f"CO-{fy}-001" and cert["valid"] is True
    assert cert["credits_retired"] == 13 and cert["valid_from"] == today_jst().isoformat()
    assert (
        cert["valid_until"]
        == (today_jst().replace(year=today_jst().year + 1) - timedelta(days=1)).isoformat()
    )
    assert [t["to_status"] for t in body["transitions"]] == [
        "draft",
        "submitted",
        "under_review",
        "certified",
    ]
    assert (
        body["transitions"][-1]["actor_org"] == "org-4cj"
        and body["transitions"][-1]["reason"] == "all criteria met"
    )

    [event] = await outbox_events(app, OffsetCertifiedV1.event_type)
    data = OffsetCertifiedV1.model_validate(event["data"])
    assert data.certificate_number == cert["number"] and data.credits_retired == 13
    counted = [x["retirement_id"] for x in evidence["retirements_known"]["retirements"]]
    assert sorted(data.retirement_ids) == sorted(counted) and named.retirement_id in counted
    assert data.footprint_id == "fp-later"

    pub = await client.get(f"/v1/public/certificates/{cert['number']}")
    assert pub.status_code == 200 and pub.json()["label_text"].startswith("Carbon offset certified")
    ranges = [s["serial"] for r_ in pub.json()["retirements"] for s in r_["serial_ranges"]]
    assert "JP-ER-P001-2009-100-104" in ranges
    html = await client.get(f"/v1/public/certificates/{cert['number']}.html")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert cert["number"] in html.text and "JP-ER-P001-2009-100-104" in html.text
    listing = (await client.get("/v1/public/certificates")).json()
    assert [c["number"] for c in listing["items"]] == [cert["number"]]
    metrics = (await client.get("/metrics")).text
    assert 'sosai_certification_certified_total{offset_type="meeting_event"}' in metrics
    assert 'sosai_certification_applications_total{offset_type="meeting_event"}' in metrics


async def test_certify_refused_when_checks_not_met_changes_nothing(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    a = await ready_application(client, app, credits=13, quantity=20, disclosure="")
    before = await snapshot(app)
    r = await client.post(f"/v1/applications/{a['id']}/certify", headers=reviewer())
    assert r.status_code == 409 and ptype(r) == "checks-not-met"
    assert sorted(r.json()["failed"]) == ["credits_cover", "disclosure_present"]
    assert await snapshot(app) == before
    assert (await client.get(f"/v1/applications/{a['id']}", headers=reviewer())).json()[
        "status"
    ] == "under_review"


async def test_retirement_outside_window_and_foreign_footprint_fail_their_checks(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    old = retirement(13, retired_at=datetime.now(UTC) - timedelta(days=400))
    await feed(app, old)
    foreign = footprint("org-z", 13)
    await feed(app, foreign)
    r = await client.post(
        "/v1/applications",
        json=draft_body(footprint_id=foreign.footprint_id, retirement_ids=[old.retirement_id]),
        headers=applicant("org-a"),
    )
    checks = checks_of(r.json())
    assert checks["retirement_window"] is False and checks["footprint_known"] is False
    assert checks["retirements_known"] is True and checks["credits_cover"] is True


async def test_carbon_neutral_uses_the_footprint_plan_and_multi_year_validity(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    a = await ready_application(client, app, credits=7, quantity=None, carbon_neutral=True, validity_years=3)
    r = await client.post(
        f"/v1/applications/{a['id']}/certify", json={"effective_date": "2010-06-01"}, headers=reviewer()
    )
    assert r.status_code == 200, r.text
    cert = r.json()["certificate"]
    assert cert["number"] == "CO-2010-001" and cert["backdated"] is True
    assert (cert["valid_from"], cert["valid_until"]) == ("2010-06-01", "2013-05-31")
    assert cert["credits_required"] == 7 and cert["label_text"].startswith("Carbon neutral")
    bad = await client.post(
        "/v1/applications", json=draft_body(quantity=None, validity_years=3), headers=applicant("org-a")
    )
    assert bad.status_code == 422 and ptype(bad) == "validation-error"


async def test_numbers_are_sequential_per_fiscal_year_and_backdating_is_bounded(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    numbers = []
    for effective in ("2009-10-22", "2010-03-31", "2010-04-01", "2009-11-02"):
        a = await ready_application(client, app)
        r = await client.post(
            f"/v1/applications/{a['id']}/certify", json={"effective_date": effective}, headers=reviewer()
        )
        assert r.status_code == 200, r.text
        numbers.append(r.json()["certificate"]["number"])
    assert numbers == ["CO-2009-001", "CO-2009-002", "CO-2010-001", "CO-2009-003"]
    a = await ready_application(client, app)
    before = await snapshot(app)
    future = (today_jst() + timedelta(days=2)).isoformat()
    r = await client.post(
        f"/v1/applications/{a['id']}/certify", json={"effective_date": future}, headers=reviewer()
    )
    assert r.status_code == 422 and ptype(r) == "future-effective-date"
    assert await snapshot(app) == before
    stats = (await client.get("/v1/statistics")).json()["certified_initiatives"]
    assert stats["total"] == 4
    assert {(p["period"], p["count"]) for p in stats["by_fiscal_year"]} == {("FY2009", 3), ("FY2010", 1)}


async def test_suspend_reinstate_revoke_expire_and_end_report(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    a = await ready_application(client, app)
    cert = (await client.post(f"/v1/applications/{a['id']}/certify", headers=reviewer())).json()[
        "certificate"
    ]
    path = f"/v1/applications/{a['id']}"
    r = await client.post(f"{path}/suspend", json={"reason": "label misused"}, headers=reviewer())
    assert r.json()["status"] == "suspended"
    assert (await client.get(f"/v1/public/certificates/{cert['number']}")).json()["valid"] is False
    r = await client.post(f"{path}/reinstate", json={"reason": "corrected"}, headers=reviewer())
    assert r.json()["status"] == "certified"
    before = await snapshot(app)
    r = await client.post(f"{path}/expire", headers=reviewer())
    assert r.status_code == 409 and ptype(r) == "still-valid"
    assert await snapshot(app) == before
    r = await client.post(
        f"/v1/certificates/{cert['number']}/end-report",
        json={"report": "13 t offset"},
        headers=applicant("org-a"),
    )
    assert r.status_code == 201, r.text
    again = await client.post(
        f"/v1/certificates/{cert['number']}/end-report", json={"report": "x"}, headers=applicant("org-a")
    )
    assert again.status_code == 409 and ptype(again) == "end-report-exists"
    other = await client.post(
        f"/v1/certificates/{cert['number']}/end-report", json={"report": "x"}, headers=applicant("org-b")
    )
    assert other.status_code == 404
    r = await client.post(f"{path}/revoke", json={"reason": "double counting found"}, headers=reviewer())
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    revoked = await outbox_events(app, "jp.sosai.certification.certificate.revoked.v1")
    assert [e["data"]["certificate_number"] for e in revoked] == [cert["number"]]
    pub = (await client.get(f"/v1/public/certificates/{cert['number']}")).json()
    assert pub["status"] == "revoked" and pub["valid"] is False
    revoked_total = next(
        float(line.split()[-1])
        for line in (await client.get("/metrics")).text.splitlines()
        if line.startswith("sosai_certification_revoked_total ")
    )
    assert revoked_total >= 1


async def test_renewal_continues_the_previous_validity(client: httpx.AsyncClient, app: FastAPI) -> None:
    a = await ready_application(client, app)
    first = (await client.post(f"/v1/applications/{a['id']}/certify", headers=reviewer())).json()[
        "certificate"
    ]
    b = await ready_application(client, app, renews=first["number"])
    second = (await client.post(f"/v1/applications/{b['id']}/certify", headers=reviewer())).json()[
        "certificate"
    ]
    assert date.fromisoformat(second["valid_from"]) == date.fromisoformat(first["valid_until"]) + timedelta(
        days=1
    )
    assert second["renews"] == first["number"]
    r = await client.post(
        "/v1/applications", json=draft_body(renews=first["number"]), headers=applicant("org-b")
    )
    assert r.status_code == 422 and ptype(r) == "unknown-certificate"


async def test_idempotent_certify_replays_the_stored_response(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    a = await ready_application(client, app)
    h = {**reviewer(), "Idempotency-Key": "certify-1"}
    r1 = await client.post(f"/v1/applications/{a['id']}/certify", headers=h)
    r2 = await client.post(f"/v1/applications/{a['id']}/certify", headers=h)
    assert r1.status_code == r2.status_code == 200 and r2.headers.get("idempotent-replayed") == "true"
    assert r1.json()["certificate"]["number"] == r2.json()["certificate"]["number"]
    assert len(await outbox_events(app, OffsetCertifiedV1.event_type)) == 1
