"""Organisation API keys at the registry, which owns them: an admin (``org:keys``) creates,
lists and revokes its organisation's keys; the key is shown once and only its hash is stored; a
key acts with its own scopes, counts its uses, and is refused the moment it is revoked."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
from registry_helpers import ok, ptype
from sqlalchemy import select

from sosai_registry.api_keys.models import ApiKey
from sosai_shared.testing import auth, unique

ADMIN_SCOPES = ("org:keys", "registry:read", "registry:write", "calculator:read")


def key_admin(org: str, *extra: str) -> dict[str, str]:
    return auth(org, *ADMIN_SCOPES, *extra, sub=f"admin@{org}")


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def create(
    c: httpx.AsyncClient, org: str, *scopes: str, idempotency_key: str | None = None
) -> dict[str, Any]:
    body = {"name": "warehouse system", "scopes": list(scopes or ("registry:read",))}
    headers = key_admin(org) | ({"Idempotency-Key": idempotency_key} if idempotency_key else {})
    return await ok(c.post("/v1/api-keys", json=body, headers=headers), 201)


async def listed(c: httpx.AsyncClient, org: str) -> dict[str, dict[str, Any]]:
    page = await ok(c.get("/v1/api-keys", headers=key_admin(org)))
    return {k["id"]: k for k in page["items"]}


async def row(c: httpx.AsyncClient, key_id: str) -> ApiKey:
    async with c.app.state.runtime.db.sessionmaker() as s:  # type: ignore[attr-defined]
        found = (await s.execute(select(ApiKey).where(ApiKey.id == key_id))).scalar_one()
        assert isinstance(found, ApiKey)
        return found


async def test_a_key_is_shown_once_stored_as_a_hash_and_acts_for_its_organisation(
    client: httpx.AsyncClient,
) -> None:
    org = unique("keys")
    created = await create(client, org, "registry:read", "registry:write", idempotency_key="k-1")
    key = created["key"]
    assert key.startswith("sk_") and len(key) > 40
    assert created["prefix"] == key[:7] and created["org"] == org
    assert created["scopes"] == ["registry:read", "registry:write"]
    assert created["last_used_at"] is None and created["revoked_at"] is None

    stored = await row(client, created["id"])
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.key_hash, stored.prefix, stored.name, stored.scopes}

    # never again: not in the list, and a retry of the creating request answers the record only
    shown = (await listed(client, org))[created["id"]]
    assert set(shown) == {"id", "org", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"}
    retry = await client.post(
        "/v1/api-keys",
        json={"name": "warehouse system", "scopes": ["registry:read", "registry:write"]},
        headers={**key_admin(org), "Idempotency-Key": "k-1"},
    )
    assert retry.status_code == 201 and retry.headers["idempotent-replayed"] == "true"
    assert retry.json()["id"] == created["id"] and retry.json()["key"] is None
    idempotency = client.app.state.runtime.db.idempotency  # type: ignore[attr-defined]
    async with client.app.state.runtime.db.sessionmaker() as s:  # type: ignore[attr-defined]
        bodies = (await s.execute(select(idempotency.c.response_body))).scalars().all()
    assert not [b for b in bodies if key in (b or "")], "the key was stored with the idempotent response"

    # the key acts for its organisation, with its scopes
    account = await ok(client.post("/v1/accounts", json={"name": "by key"}, headers=bearer(key)), 201)
    assert account["org"] == org
    me = await ok(client.get("/v1/api-keys/self", headers=bearer(key)))
    assert me == {"id": created["id"], "org": org, "scopes": ["registry:read", "registry:write"]}


async def test_every_use_updates_last_used_at(client: httpx.AsyncClient) -> None:
    org = unique("keys")
    created = await create(client, org)
    assert (await row(client, created["id"])).last_used_at is None
    await ok(client.get("/v1/accounts", headers=bearer(created["key"])))
    first = (await listed(client, org))[created["id"]]["last_used_at"]
    assert first is not None
    await ok(client.get("/v1/accounts", headers=bearer(created["key"])))
    second = (await listed(client, org))[created["id"]]["last_used_at"]
    assert second > first


async def test_a_revoked_key_is_refused_at_once_and_stays_revoked(client: httpx.AsyncClient) -> None:
    org = unique("keys")
    created = await create(client, org)
    key = created["key"]
    await ok(client.get("/v1/accounts", headers=bearer(key)))
    revoked = await ok(client.delete(f"/v1/api-keys/{created['id']}", headers=key_admin(org)))
    assert revoked["revoked_at"] is not None
    for path in ("/v1/accounts", "/v1/api-keys/self"):
        r = await client.get(path, headers=bearer(key))
        assert r.status_code == 401 and ptype(r) == "invalid-api-key", r.text
        assert r.headers["www-authenticate"].startswith("Bearer")
    again = await ok(client.delete(f"/v1/api-keys/{created['id']}", headers=key_admin(org)))
    assert again["revoked_at"] == revoked["revoked_at"]
    assert (await listed(client, org))[created["id"]]["revoked_at"] == revoked["revoked_at"]


async def test_unknown_keys_and_tokens_are_not_keys(client: httpx.AsyncClient) -> None:
    for headers in (bearer("sk_" + "x" * 43), auth(unique("keys"), "registry:read")):
        r = await client.get("/v1/api-keys/self", headers=headers)
        assert r.status_code == 401 and ptype(r) == "invalid-api-key", r.text
    r = await client.get("/v1/accounts", headers=bearer("sk_nobody"))
    assert r.status_code == 401 and ptype(r) == "invalid-api-key"
    assert (await client.get("/v1/api-keys/self")).status_code == 401


async def test_a_key_carries_only_scopes_its_creator_holds(client: httpx.AsyncClient) -> None:
    org = unique("keys")
    for scopes in (
        ["certification:apply"],
        ["org:keys"],
        ["registry:admin"],
        ["registry:read", "calculator:write"],
    ):
        r = await client.post(
            "/v1/api-keys",
            json={"name": "too much", "scopes": scopes},
            headers=key_admin(org, "registry:admin"),
        )
        assert r.status_code == 422 and ptype(r) == "invalid-key-scopes", (scopes, r.text)
    assert (await listed(client, org)) == {}
    # within its scopes and no further: a read-only key cannot write, nor make keys of its own
    reader = await create(client, org, "registry:read")
    r = await client.post("/v1/accounts", json={"name": "no"}, headers=bearer(reader["key"]))
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"
    r = await client.post(
        "/v1/api-keys", json={"name": "child", "scopes": ["registry:read"]}, headers=bearer(reader["key"])
    )
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"


async def test_only_an_organisations_admin_sees_or_revokes_its_keys(client: httpx.AsyncClient) -> None:
    a, b = unique("org-a"), unique("org-b")
    mine = await create(client, a)
    theirs = await create(client, b)
    assert set(await listed(client, a)) == {mine["id"]} and set(await listed(client, b)) == {theirs["id"]}
    r = await client.delete(f"/v1/api-keys/{mine['id']}", headers=key_admin(b))
    assert r.status_code == 404 and ptype(r) == "api-key-not-found"
    assert (await listed(client, a))[mine["id"]]["revoked_at"] is None
    await ok(client.get("/v1/accounts", headers=bearer(mine["key"])))
    # an organisation's ordinary users (no org:keys) neither list nor make keys
    user = auth(a, "registry:read", "registry:write")
    assert (await client.get("/v1/api-keys", headers=user)).status_code == 403
    r = await client.post("/v1/api-keys", json={"name": "x", "scopes": ["registry:read"]}, headers=user)
    assert r.status_code == 403 and ptype(r) == "insufficient-scope"
