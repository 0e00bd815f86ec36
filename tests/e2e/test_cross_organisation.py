"""Another organisation's objects are 404 on every endpoint that takes their id.

Organisation A creates one object of each kind through the public APIs; organisation
B, holding every non-administrative scope of each service, then calls every secured
operation whose path takes an id, with A's ids substituted. Reads must be 404 (never
200, never an ownership 403, which would confirm the object exists); writes must be
refused (404, or 422 for a body that does not validate) and A's objects must be
unchanged. Staff-only operations answer 403 insufficient-scope before any lookup.
"""

from __future__ import annotations

import re
from typing import Any

from e2e_support import Programme
from journey_support import ORGANISER, company, issue, ok, unique

from sosai_shared.testing import auth

INTRUDER_SCOPES = {
    "registry": ["registry:write", "registry:read", "org:keys"],
    "certification": ["certification:apply"],
    "calculator": ["calculator:write", "calculator:read", "calculator:estimate"],
    "events-catalog": ["catalog:register"],
}


def objects_of_a(p: Programme) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    org_a = unique("org-a")
    a = company(org_a)
    key = ok(
        p.registry.post(
            "/v1/api-keys",
            json={"name": "A's system", "scopes": ["registry:read"]},
            headers=auth(org_a, "org:keys", "registry:read"),
        ),
        201,
    )
    credits = issue(p, a, quantity=20)
    other = ok(p.registry.post("/v1/accounts", json={"name": "second"}, headers=a), 201)
    transfer = ok(
        p.registry.post(
            "/v1/transfers",
            headers=a,
            json={"from_account_id": credits.account_id, "to_account_id": other["id"], "quantity": 3},
        ),
        201,
    )
    footprint = ok(
        p.calculator.post(
            "/v1/footprints",
            headers=a,
            json={
                "kind": "organisation",
                "name": "HQ",
                "fiscal_year": 2010,
                "activities": [{"activity": "gasoline", "amount": "1", "unit": "kL"}],
            },
        ),
        201,
    )
    application = ok(
        p.certification.post(
            "/v1/applications",
            headers=a,
            json={"offset_type": "own_activity", "subject_name": "HQ", "subject_kind": "activity"},
        ),
        201,
    )
    provider = ok(
        p.certification.post(
            "/v1/providers",
            headers=a,
            json={
                "name": "A Offsets",
                "credit_handling": "own account",
                "pricing_basis": "list price",
                "retirement_practice": "monthly",
            },
        ),
        201,
    )
    session = ok(
        p.catalog.post(
            "/v1/sessions",
            headers=ORGANISER,
            json={
                "programme_code": "leader_training",
                "title_ja": "リーダー研修",
                "capacity": 10,
                "venue": {"name": "Hall", "city": "Sendai", "prefecture": "Miyagi"},
                "starts_at": "2031-01-10T01:00:00Z",
                "ends_at": "2031-01-10T05:00:00Z",
            },
        ),
        201,
    )
    registration = ok(
        p.catalog.post(
            f"/v1/sessions/{session['id']}/registrations",
            headers=a,
            json={"email": f"{unique('a')}@example.jp", "name": "Sato Hanako"},
        ),
        201,
    )
    ids = {
        "registry": {
            "account_id": credits.account_id,
            "project_id": credits.project_id,
            "transaction_id": transfer["id"],
            "key_id": key["id"],
        },
        "calculator": {"footprint_id": footprint["id"], "version": "1"},
        "certification": {"application_id": application["id"], "provider_id": provider["id"]},
        "events-catalog": {"registration_id": registration["id"]},
    }
    return a, ids


def test_another_organisations_objects_are_404_everywhere(programme: Programme) -> None:
    p = programme
    a, ids = objects_of_a(p)
    checked: list[str] = []
    for service, known in ids.items():
        client = p.client(service)
        b = auth(unique("org-b"), *INTRUDER_SCOPES[service])
        spec = client.get("/openapi.json").json()
        for path, item in spec["paths"].items():
            names = re.findall(r"\{([^}]+)\}", path)
            if not names or not set(names) <= set(known) | {"action"}:
                continue
            url = path
            for n in names:
                url = url.replace("{" + n + "}", "suspend" if n == "action" else known[n])
            for method, op in item.items():
                if method not in ("get", "post", "put", "patch", "delete") or not op.get("security"):
                    continue
                before = snapshot(client, a, known, spec)
                r = client.request(method, url, headers=b, json={} if method != "get" else None)
                label = f"{service} {method.upper()} {path}"
                if r.status_code == 403:  # an operation for staff: refused by scope before any lookup
                    assert r.json()["type"].endswith("/insufficient-scope"), f"{label}: {r.text[:200]}"
                elif method == "get":
                    assert r.status_code == 404, f"{label}: {r.status_code} {r.text[:200]}"
                else:
                    assert r.status_code in (404, 422), f"{label}: {r.status_code} {r.text[:200]}"
                assert r.headers["content-type"] == "application/problem+json", label
                assert snapshot(client, a, known, spec) == before, f"{label} changed A's object"
                checked.append(label)
    # the endpoints that matter most are among those checked
    for must in (
        "registry GET /v1/accounts/{account_id}/balance",
        "registry POST /v1/accounts/{account_id}/{action}",
        "registry DELETE /v1/api-keys/{key_id}",
        "calculator GET /v1/footprints/{footprint_id}",
        "calculator PUT /v1/footprints/{footprint_id}/plan",
        "certification GET /v1/applications/{application_id}",
        "certification POST /v1/applications/{application_id}/submit",
        "events-catalog POST /v1/registrations/{registration_id}/cancel",
    ):
        assert must in checked, f"{must} was not exercised; checked: {checked}"


def snapshot(client: Any, a: dict[str, str], known: dict[str, str], spec: dict[str, Any]) -> list[Any]:
    """What A itself sees of its objects (GET by id), to prove B's attempts changed nothing."""
    seen = []
    for path, item in spec["paths"].items():
        names = re.findall(r"\{([^}]+)\}", path)
        if "get" not in item or not names or not set(names) <= set(known):
            continue
        url = path
        for n in names:
            url = url.replace("{" + n + "}", known[n])
        r = client.get(url, headers=a)
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else r.text
        if isinstance(body, dict):
            body.pop("checks", None)  # computed at read time from consumed events, may move on its own
        seen.append((url, r.status_code, body))
    return seen
