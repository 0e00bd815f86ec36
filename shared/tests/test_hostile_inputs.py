"""Inputs a careless or hostile client sends: the same answer on SQLite and on PostgreSQL,
given once by the platform for every service, and never a 500."""

from __future__ import annotations

import logging

import httpx
import pytest
from sqlalchemy import func, select
from toyapp import Note

from sosai_shared.testing import auth

W = auth("org-a", "notes:write", "notes:read")
PROBLEM = "application/problem+json"


async def count_notes(client: httpx.AsyncClient) -> int:
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        return int(await s.scalar(select(func.count()).select_from(Note)) or 0)


def assert_problem(r: httpx.Response, status: int, type_: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    assert r.json()["type"] == f"https://sosai.jp/problems/{type_}", r.text
    assert r.json()["request_id"] == r.headers["x-request-id"]


@pytest.mark.parametrize(
    "raw",
    [
        b'{"key": "k", "text": "nul \\u0000 inside"}',
        b'{"key": "k", "text": "lone \\ud83d surrogate"}',
        b'{"key": "k", "text": "low \\udc00 first"}',
        b'{"key": "nul\\u0000", "text": "in another field"}',
        b'{"key": "k", "text": "ok", "nul\\u0000key": 1}',
    ],
)
async def test_unstorable_text_in_a_body_is_422_on_every_tier(toy: httpx.AsyncClient, raw: bytes) -> None:
    before = await count_notes(toy)
    r = await toy.post("/v1/notes", content=raw, headers={**W, "content-type": "application/json"})
    assert_problem(r, 422, "invalid-characters")
    assert await count_notes(toy) == before


async def test_a_proper_surrogate_pair_is_just_an_emoji(toy: httpx.AsyncClient) -> None:
    r = await toy.post(
        "/v1/notes",
        content=b'{"key": "k", "text": "pair \\ud83d\\ude00 ok"}',
        headers={**W, "content-type": "application/json"},
    )
    assert r.status_code == 201 and r.json()["text"] == "pair \U0001f600 ok"


@pytest.mark.parametrize("query", ["q=%00", "q=a%ED%A0%BDb", "cursor=%FF"])
async def test_unstorable_text_in_a_query_string_is_422(toy: httpx.AsyncClient, query: str) -> None:
    r = await toy.get(f"/v1/public/ping?{query}")
    assert_problem(r, 422, "invalid-characters")


async def test_unstorable_text_in_a_path_is_422(toy: httpx.AsyncClient) -> None:
    r = await toy.get("/v1/notes/abc%00def", headers=W)
    assert_problem(r, 422, "invalid-characters")


@pytest.mark.parametrize(
    "raw",
    [b'{"key": "k", "text": ', b"{'key': 'k'}", b"not json at all", b'{"key": "k"} trailing', b"\xff\xfe"],
)
async def test_malformed_json_is_400_malformed_body(toy: httpx.AsyncClient, raw: bytes) -> None:
    r = await toy.post("/v1/notes", content=raw, headers={**W, "content-type": "application/json"})
    assert_problem(r, 400, "malformed-body")


async def test_malformed_json_without_a_content_type_is_400(toy: httpx.AsyncClient) -> None:
    r = await toy.post("/v1/notes", content=b"{oops", headers=W)
    assert_problem(r, 400, "malformed-body")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "text/plain; charset=utf-8"],
)
async def test_a_body_that_is_not_json_is_415(toy: httpx.AsyncClient, content_type: str) -> None:
    before = await count_notes(toy)
    r = await toy.post(
        "/v1/notes", content=b'{"key": "k", "text": "x"}', headers={**W, "content-type": content_type}
    )
    assert_problem(r, 415, "unsupported-media-type")
    assert await count_notes(toy) == before


async def test_json_media_types_with_parameters_still_work(toy: httpx.AsyncClient) -> None:
    r = await toy.post(
        "/v1/notes",
        content=b'{"key": "k", "text": "fine"}',
        headers={**W, "content-type": "application/json; charset=utf-8"},
    )
    assert r.status_code == 201, r.text


async def test_the_openapi_documents_400_415_and_422_for_bodies(toy: httpx.AsyncClient) -> None:
    op = (await toy.get("/openapi.json")).json()["paths"]["/v1/notes"]["post"]
    assert {"400", "415", "422"} <= set(op["responses"])


async def test_database_errors_log_the_statement_shape_never_the_values(
    toy: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    email = "hanako.yamada@example.jp"
    assert (await toy.post("/v1/contacts", json={"email": email}, headers=W)).status_code == 201
    with caplog.at_level(logging.DEBUG):
        r = await toy.post("/v1/contacts", json={"email": email}, headers=W)
    assert r.status_code == 500 and email not in r.text  # the toy's bug on purpose: an unhandled duplicate
    records = [rec for rec in caplog.records if rec.name == "sosai.errors"]
    assert records, "the database error was not logged"
    for rec in caplog.records:
        logged = rec.getMessage() + repr(getattr(rec, "extra_fields", "")) + (rec.exc_text or "")
        assert email not in logged and "hanako" not in logged, logged
    fields = records[0].extra_fields  # type: ignore[attr-defined]
    assert "INSERT INTO contacts" in fields["statement"] and "traceback" in fields
    assert email not in caplog.text
