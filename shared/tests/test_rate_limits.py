"""Rate limits through a real service app: per client, per IP on public routes, 429 as problem+json
with Retry-After and the IETF RateLimit fields, probes never limited."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select
from toyapp import Note, toy_client

from sosai_shared.ratelimit import route_class
from sosai_shared.testing import auth

PROBLEM = "application/problem+json"


@pytest.fixture
async def limited(database_url: str, bootstrap_servers: str) -> AsyncIterator[httpx.AsyncClient]:
    async with toy_client(
        database_url,
        bootstrap_servers,
        rate_limit_public_reads="3/minute",
        rate_limit_reads="4/minute",
        rate_limit_writes="2/minute",
    ) as client:
        yield client


async def test_public_reads_are_limited_per_address_with_the_draft_s_fields(
    limited: httpx.AsyncClient,
) -> None:
    seen = [await limited.get("/v1/public/ping") for _ in range(3)]
    assert [r.status_code for r in seen] == [200, 200, 200]
    assert seen[0].headers["ratelimit-policy"] == '"public-reads";q=3;w=60'
    remaining = [int(re.fullmatch(r'"public-reads";r=(\d+);t=\d+', r.headers["ratelimit"])[1]) for r in seen]  # type: ignore[index]
    assert remaining == [2, 1, 0]

    refused = await limited.get("/v1/public/ping")
    assert refused.status_code == 429
    assert refused.headers["content-type"] == PROBLEM
    body = refused.json()
    assert body["status"] == 429 and body["type"].endswith("rate-limited")
    assert "3 public-reads requests in 60 s" in body["detail"]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit-policy"] == '"public-reads";q=3;w=60'
    # probes and scrapes are never limited, however many
    assert {(await limited.get("/healthz")).status_code for _ in range(5)} == {200}
    assert (await limited.get("/metrics")).status_code == 200


async def test_each_client_has_its_own_budget_and_a_refused_write_changes_nothing(
    limited: httpx.AsyncClient,
) -> None:
    unknown = uuid.uuid4()
    a, b = auth("org-a", "notes:write", "notes:read"), auth("org-b", "notes:write", "notes:read")
    for key in ("a1", "a2"):
        assert (await limited.post("/v1/notes", json={"key": key, "text": "x"}, headers=a)).status_code == 201
    refused = await limited.post("/v1/notes", json={"key": "a3", "text": "x"}, headers=a)
    assert refused.status_code == 429 and refused.headers["content-type"] == PROBLEM
    assert refused.headers["ratelimit"].startswith('"writes";r=0;')
    # another client is not held back by the first one's calls
    assert (await limited.post("/v1/notes", json={"key": "b1", "text": "x"}, headers=b)).status_code == 201
    # reads are a budget of their own
    read = await limited.get(f"/v1/notes/{unknown}", headers=a)
    assert read.status_code == 404 and read.headers["ratelimit-policy"] == '"reads";q=4;w=60'
    # the refused write was not stored
    db = limited.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        keys = set((await s.execute(select(Note.key))).scalars())
    assert keys == {"a1", "a2", "b1"}


def test_route_classes() -> None:
    assert route_class("GET", "", authenticated=False) == "public-reads"
    assert route_class("GET", "", authenticated=True) == "reads"
    assert route_class("POST", "application/json", authenticated=True) == "writes"
    assert route_class("POST", "text/csv; charset=utf-8", authenticated=True) == "uploads"
    assert route_class("POST", "multipart/form-data; boundary=x", authenticated=True) == "uploads"
    assert route_class("POST", "text/csv", authenticated=False) == "writes"  # anonymous: refused with 401
