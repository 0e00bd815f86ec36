"""A certificate's signed claim document: footprint → plan → retirements → certificate."""

from __future__ import annotations

import httpx
from certification_helpers import ready_application, reviewer
from fastapi import FastAPI

from sosai_shared.signing import verify


async def test_certificate_claim_chains_the_facts_and_verifies(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    a = await ready_application(client, app, "org-a")
    r = await client.post(f"/v1/applications/{a['id']}/certify", headers=reviewer())
    assert r.status_code == 200, r.text
    number = r.json()["certificate"]["number"]
    doc = (await client.get(f"/v1/public/claims/{number}")).json()
    jwks = (await client.get("/.well-known/jwks.json")).json()
    claim = verify(doc["jws"], jwks)
    assert claim == doc["claim"] and claim["kind"] == "certificate" and claim["id"] == number
    assert claim["footprint"]["footprint_id"] == a["footprint_id"] and claim["footprint"]["version"] == 1
    assert claim["footprint"]["total_t_co2"].startswith("12.3")
    assert claim["plan"]["credits_required"] == 13 == claim["plan"]["credits_retired"]
    [ret] = claim["retirements"]
    assert ret["basis"] == "retired_by_applicant" and ret["serial_ranges"][0]["vintage"] == 2009
    assert ret["serial_ranges"][0]["project_id"] == "P001"
    assert claim["retirement_claims_not_embedded"] == [ret["retirement_id"]]  # no registry URL configured

    html = await client.get(f"/v1/public/certificates/{number}.html")
    assert "<svg" in html.text and f"/v1/public/claims/{number}" in html.text


async def test_claim_of_unknown_or_malformed_certificate_is_a_problem(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/public/claims/CO-2010-999")
    assert r.status_code == 404 and r.json()["type"].endswith("certificate-not-found")
    r = await client.get("/v1/public/claims/XX-1")
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
