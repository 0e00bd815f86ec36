"""A retirement's signed claim: verifies against the registry's published keys; bad ids are 404/422."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import httpx
from registry_helpers import funded_account, ok, org_headers, ptype

from sosai_shared.claims.verify import Report, check
from sosai_shared.signing import verify


async def test_retirement_claim_is_signed_and_verifies_and_the_notice_links_it(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    acc, project, _ = await funded_account(client, "org-a", 20)
    ret = await ok(
        client.post(
            "/v1/retirements",
            json={
                "account_id": acc,
                "quantity": 13,
                "use": "meeting_event",
                "purpose": "EXPO offset",
                "beneficiary": "Org A",
                "session_id": "ses-1",
            },
            headers=org_headers("org-a"),
        ),
        201,
    )
    doc = await ok(client.get(f"/v1/public/retirements/{ret['id']}/claim"))
    jwks = await ok(client.get("/.well-known/jwks.json"))
    signed = verify(doc["jws"], jwks)
    assert signed == doc["claim"]
    assert signed["id"] == ret["id"] and signed["quantity"] == 13 and signed["holder_org"] == "org-a"
    assert [(b["start"], b["end"], b["project_id"]) for b in signed["blocks"]] == [
        (b["start"], b["end"], project["id"]) for b in ret["blocks"]
    ]
    assert all(b["vintage"] for b in signed["blocks"])
    assert check(doc, []).ok is False  # the jwks_url points at the test host, which is not reachable
    jwks_file = tmp_path / "jwks.json"
    jwks_file.write_text(json.dumps(jwks))
    assert check(doc, [str(jwks_file)], Report()).ok is True

    notice = await client.get(f"/v1/public/retirements/{ret['id']}/notice")
    assert "<svg" in notice.text and f"/v1/public/retirements/{ret['id']}/claim" in notice.text


async def test_claim_of_unknown_or_malformed_retirement_is_a_problem(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/v1/public/retirements/{uuid.uuid4()}/claim")
    assert r.status_code == 404 and ptype(r) == "retirement-not-found"
    r = await client.get("/v1/public/retirements/not-an-id/claim")
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
