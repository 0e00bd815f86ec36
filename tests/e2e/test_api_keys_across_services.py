"""An organisation API key made at the registry works at the other services, with its scopes and
no others, and is refused there the moment the registry revokes it (each use is checked with the
registry, never remembered)."""

from __future__ import annotations

from typing import Any

import httpx
from e2e_support import Programme
from journey_support import ok, unique

from sosai_shared.testing import auth

PROBLEM = "application/problem+json"


def problem_type(r: httpx.Response) -> str:
    assert r.headers["content-type"] == PROBLEM, r.text
    return str(r.json()["type"]).rsplit("/", 1)[-1]


def footprint(p: Programme, headers: dict[str, str]) -> Any:
    body = {
        "kind": "organisation",
        "name": "HQ",
        "fiscal_year": 2010,
        "activities": [{"activity": "gasoline", "amount": "1", "unit": "kL"}],
    }
    return p.calculator.post("/v1/footprints", json=body, headers=headers)


def test_a_registry_key_works_at_the_calculator_until_it_is_revoked(programme: Programme) -> None:
    p = programme
    org = unique("keyed")
    admin = auth(org, "org:keys", "registry:read", "calculator:read", "calculator:write", sub=f"admin@{org}")
    made = ok(footprint(p, admin), 201)
    created = ok(
        p.registry.post(
            "/v1/api-keys",
            json={"name": "reporting system", "scopes": ["calculator:read", "registry:read"]},
            headers=admin,
        ),
        201,
    )
    key = {"Authorization": f"Bearer {created['key']}"}

    # a read its scopes allow, at a service that asks the registry: the organisation's own footprints
    seen = ok(p.calculator.get("/v1/footprints", headers=key))
    assert made["id"] in {f["id"] for f in seen["items"]}
    ok(p.calculator.get(f"/v1/footprints/{made['id']}", headers=key))
    # a scope it lacks: known, but refused
    for r in (footprint(p, key), p.certification.get("/v1/applications", headers=key)):
        assert r.status_code == 403 and problem_type(r) == "insufficient-scope", r.text
    # the uses elsewhere are the key's uses
    keys = ok(p.registry.get("/v1/api-keys", headers=admin))["items"]
    assert [k["last_used_at"] is not None for k in keys if k["id"] == created["id"]] == [True]

    ok(p.registry.delete(f"/v1/api-keys/{created['id']}", headers=admin))
    for r in (
        p.calculator.get("/v1/footprints", headers=key),
        p.certification.get("/v1/applications", headers=key),
        p.registry.get("/v1/accounts", headers=key),
    ):
        assert r.status_code == 401 and problem_type(r) == "invalid-api-key", r.text
        assert r.headers["www-authenticate"].startswith("Bearer")
    # an unknown key is refused the same way, and another organisation's admin never sees the key
    r = p.calculator.get("/v1/footprints", headers={"Authorization": "Bearer sk_" + "0" * 43})
    assert r.status_code == 401 and problem_type(r) == "invalid-api-key"
    stranger = auth(unique("other"), "org:keys", "registry:read")
    assert created["id"] not in {
        k["id"] for k in ok(p.registry.get("/v1/api-keys", headers=stranger))["items"]
    }
