"""Another organisation's records are 404 on every endpoint that takes an id; staff-only actions are 403."""

from __future__ import annotations

import httpx
from registry_helpers import ADMIN1, funded_account, ok, org_headers, ptype, snapshot

B = org_headers("org-b")


async def test_other_orgs_objects_are_not_found(client: httpx.AsyncClient) -> None:
    acc, p, issued = await funded_account(client, "org-a", 10)
    t = await ok(
        client.post(
            "/v1/transfers",
            json={"from_account_id": acc, "to_account_id": acc, "quantity": 1},
            headers=org_headers("org-a"),
        ),
        422,
    )
    assert t["type"].endswith("same-account")
    before = await snapshot(client)
    for method, url, body in [
        ("GET", f"/v1/accounts/{acc}", None),
        ("GET", f"/v1/accounts/{acc}/balance", None),
        ("GET", f"/v1/accounts/{acc}/transactions", None),
        ("POST", f"/v1/accounts/{acc}/close", None),
        ("GET", f"/v1/projects/{p['id']}", None),
        ("GET", f"/v1/projects/{p['id']}/certifications", None),
        ("GET", f"/v1/transactions/{issued['id']}", None),
        (
            "POST",
            "/v1/retirements",
            {"account_id": acc, "quantity": 1, "use": "own_activity", "purpose": "p", "beneficiary": "b"},
        ),
        ("POST", "/v1/transfers", {"from_account_id": acc, "to_account_id": acc, "quantity": 1}),
    ]:
        r = await client.request(method, url, json=body, headers=B)
        assert r.status_code == 404, (url, r.text)
        assert ptype(r).endswith("-not-found")
    assert await snapshot(client) == before
    # the owner sees them
    assert (await ok(client.get(f"/v1/accounts/{acc}/balance", headers=org_headers("org-a"))))["total"] == 10


async def test_only_administrators_issue_cancel_register_and_certify(client: httpx.AsyncClient) -> None:
    acc, p, _ = await funded_account(client, "org-a", 10)
    before = await snapshot(client)
    for url, body in [
        (f"/v1/projects/{p['id']}/transitions", {"to": "suspended", "reason": "x"}),
        (
            f"/v1/projects/{p['id']}/certifications",
            {
                "period_start": "2020-04-01",
                "period_end": "2020-05-01",
                "monitoring_report": "m",
                "verifier": "v",
                "quantity": 1,
            },
        ),
        ("/v1/cancellations", {"account_id": acc, "quantity": 1, "reason": "r"}),
        ("/v1/buffer-reversals", {"project_id": p["id"], "quantity": 1, "reason": "r"}),
        ("/v1/methodologies", {"code": "X1", "name": "x", "category": "forest_absorption"}),
        (f"/v1/accounts/{acc}/suspend", None),
    ]:
        r = await client.post(url, json=body, headers=org_headers("org-a"))
        assert r.status_code == 403 and ptype(r) == "insufficient-scope", (url, r.text)
    assert await snapshot(client) == before
    # no token at all: 401; the public ledger needs none
    assert (await client.get(f"/v1/accounts/{acc}")).status_code == 401
    assert (await client.get(f"/v1/public/projects/{p['id']}")).status_code == 200
    listed = await ok(client.get("/v1/accounts", headers=org_headers("org-a", "registry:read")))
    assert [a["id"] for a in listed["items"]] == [acc]
    assert (await ok(client.get("/v1/accounts", headers=ADMIN1)))["items"][0]["kind"] != "holding"
