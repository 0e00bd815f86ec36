"""The double-use rule under concurrency, illegal transitions, and who may see and decide what."""

from __future__ import annotations

import asyncio

import httpx
from certification_helpers import (
    applicant,
    draft_body,
    feed,
    footprint,
    ptype,
    ready_application,
    retirement,
    reviewer,
    snapshot,
)
from fastapi import FastAPI

from sosai_certification.models import Certificate, RetirementUsage
from sosai_shared.testing import auth


async def test_concurrent_certifications_of_one_retirement_exactly_one_wins(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    shared = retirement(13)  # retired by org-a, which files three applications naming it
    await feed(app, shared)
    apps = [
        await ready_application(client, app, "org-a", retirement_ids=[shared.retirement_id]) for _ in range(3)
    ]
    results = await asyncio.gather(
        *[client.post(f"/v1/applications/{a['id']}/certify", headers=reviewer()) for a in apps]
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409, 409], [r.text for r in results]
    assert all(ptype(r) == "checks-not-met" for r in results if r.status_code == 409)
    winner = next(r.json() for r in results if r.status_code == 200)
    async with app.state.runtime.db.sessionmaker() as s:
        usages = (await s.execute(RetirementUsage.__table__.select())).all()  # type: ignore[attr-defined]
        certs = (await s.execute(Certificate.__table__.select())).all()  # type: ignore[attr-defined]
    assert [(u.retirement_id, u.application_id) for u in usages] == [(shared.retirement_id, winner["id"])]
    assert len(certs) == 1
    loser = next(a for a in apps if a["id"] != winner["id"])
    view = (await client.get(f"/v1/applications/{loser['id']}", headers=reviewer())).json()
    unused = next(c for c in view["checks"] if c["name"] == "retirements_unused")
    assert view["status"] == "under_review" and unused["met"] is False
    assert unused["evidence"]["used_by"] == {shared.retirement_id: winner["id"]}


async def test_illegal_transitions_through_the_api_change_nothing(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    submitted = await ready_application(client, app, review=False)
    path = f"/v1/applications/{submitted['id']}"
    before = await snapshot(app)
    for method, url, headers, body in [
        ("post", f"{path}/submit", applicant("org-a"), None),
        ("post", f"{path}/certify", reviewer(), None),
        ("post", f"{path}/suspend", reviewer(), {"reason": "x"}),
        ("post", f"{path}/revoke", reviewer(), {"reason": "x"}),
        ("post", f"{path}/revise", applicant("org-a"), None),
        ("patch", path, applicant("org-a"), {"subject_name": "changed"}),
    ]:
        r = await client.request(method, url, headers=headers, json=body)
        assert r.status_code == 409 and ptype(r) == "illegal-transition", (url, r.text)
        assert r.json()["current_status"] == "submitted"
    assert await snapshot(app) == before
    # rejected is final until the applicant reopens it as a draft
    r = await client.post(
        f"{path}/reject", json={"reasons": ["no reduction efforts shown"]}, headers=reviewer()
    )
    assert r.json()["status"] == "rejected" and r.json()["rejection_reasons"] == [
        "no reduction efforts shown"
    ]
    assert ptype(await client.post(f"{path}/review", headers=reviewer())) == "illegal-transition"
    r = await client.post(f"{path}/revise", headers=applicant("org-a"))
    assert r.json()["status"] == "draft"
    assert [t["to_status"] for t in r.json()["transitions"]] == ["draft", "submitted", "rejected", "draft"]


async def test_incomplete_draft_cannot_be_submitted(client: httpx.AsyncClient, app: FastAPI) -> None:
    r = await client.post(
        "/v1/applications",
        json={"offset_type": "own_activity", "subject_name": "HQ", "subject_kind": "activity"},
        headers=applicant("org-a"),
    )
    assert r.status_code == 201
    before = await snapshot(app)
    s = await client.post(f"/v1/applications/{r.json()['id']}/submit", headers=applicant("org-a"))
    assert s.status_code == 422 and ptype(s) == "incomplete-application"
    assert set(s.json()["missing"]) >= {"scope", "footprint_id", "quantity or carbon_neutral"}
    assert await snapshot(app) == before
    bad = await client.post(
        "/v1/applications", json=draft_body(internal_status="certified"), headers=applicant("org-a")
    )
    assert bad.status_code == 422 and await snapshot(app) == before


async def test_authorization_drafts_deciders_and_public_pages(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    fp = footprint("org-a")
    await feed(app, fp)
    draft = (
        await client.post(
            "/v1/applications", json=draft_body(footprint_id=fp.footprint_id), headers=applicant("org-a")
        )
    ).json()
    d = f"/v1/applications/{draft['id']}"
    # applicants see only their own; reviewers never see another organisation's draft
    assert (await client.get(d, headers=applicant("org-a"))).status_code == 200
    for headers in (applicant("org-b"), reviewer(), auth("org-x", "certification:admin")):
        r = await client.get(d, headers=headers)
        assert r.status_code == 404 and ptype(r) == "application-not-found"
    assert (await client.get("/v1/applications", headers=applicant("org-b"))).json()["items"] == []
    assert [
        a["id"] for a in (await client.get("/v1/applications", headers=applicant("org-a"))).json()["items"]
    ] == [draft["id"]]
    queue = (await client.get("/v1/review/applications", headers=reviewer())).json()
    assert draft["id"] not in [a["id"] for a in queue["items"]]
    before = await snapshot(app)
    r = await client.patch(d, json={"subject_name": "hijack"}, headers=applicant("org-b"))
    assert r.status_code == 404
    r = await client.post(f"{d}/submit", headers=applicant("org-b"))
    assert r.status_code == 404
    assert (await client.get(d)).status_code == 401
    assert await snapshot(app) == before

    a = await ready_application(client, app, "org-a", review=False)
    p = f"/v1/applications/{a['id']}"
    # only reviewers decide, and never on their own organisation's application
    r = await client.post(f"{p}/review", headers=applicant("org-a"))
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"
    r = await client.post(f"{p}/review", headers=auth("org-a", "certification:review", "certification:apply"))
    assert r.status_code == 403 and ptype(r) == "own-application"
    assert await snapshot(app) != before  # (ready_application did add rows; now freeze again)
    frozen = await snapshot(app)
    assert (await client.post(f"{p}/review", headers=reviewer())).status_code == 200
    r = await client.post(f"{p}/certify", headers=applicant("org-a"))
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"
    r = await client.post(f"{p}/certify", headers=auth("org-a", "certification:review"))
    assert r.status_code == 403 and ptype(r) == "own-application"
    assert (await snapshot(app))["certificates"] == frozen["certificates"] == 0
    # a submitted application is visible to reviewers
    assert (await client.get(p, headers=reviewer())).json()["status"] == "under_review"

    # public pages show only certificates: nothing while nothing is certified
    assert (await client.get("/v1/public/certificates")).json()["items"] == []
    r = await client.get(f"/v1/public/certificates/{draft['id']}")
    assert r.status_code == 404 and ptype(r) == "certificate-not-found"
    assert (await client.get("/v1/public/certificates/CO-2010-001.html")).status_code == 404
    cert = (await client.post(f"{p}/certify", headers=reviewer())).json()["certificate"]
    pub = (await client.get(f"/v1/public/certificates/{cert['number']}")).json()
    assert "reduction_efforts" not in pub and "checks" not in pub and "transitions" not in pub
    assert [c["number"] for c in (await client.get("/v1/public/certificates")).json()["items"]] == [
        cert["number"]
    ]
