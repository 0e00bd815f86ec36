"""The one keyset-pagination helper, without a database: cursors are validated where they are
decoded and typed, and the page size the OpenAPI document promises is the one enforced."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, select
from sqlalchemy.dialects import sqlite

from sosai_shared.db import UTCDateTime
from sosai_shared.errors import DomainError, install_error_handlers
from sosai_shared.pagination import (
    MAX_PAGE_SIZE,
    PageParams,
    Paging,
    after,
    build_page,
    decode_cursor,
    encode_cursor,
    typed_cursor,
)

rows = Table(
    "rows",
    MetaData(),
    Column("at", UTCDateTime),
    Column("id", String),
    Column("n", Integer),
    Column("on", Date),
)
KEYS = (rows.c.at, rows.c.id)


def raw(values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def invalid(cursor: str, keys: tuple[Column[object], ...] = KEYS) -> DomainError:
    with pytest.raises(DomainError) as caught:
        typed_cursor(decode_cursor(cursor), keys)
    assert caught.value.status == 422 and caught.value.type == "invalid-cursor"
    return caught.value


def test_a_cursor_round_trips_to_the_key_columns_types() -> None:
    at = datetime(2010, 4, 1, 9, 30, tzinfo=UTC)
    cursor = encode_cursor([at, "a-1"])
    assert typed_cursor(decode_cursor(cursor), KEYS) == [at, "a-1"]
    assert typed_cursor(decode_cursor(encode_cursor([7, date(2011, 3, 31)])), (rows.c.n, rows.c.on)) == [
        7,
        date(2011, 3, 31),
    ]


@pytest.mark.parametrize(
    "cursor",
    [
        "%%%not-base64",
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),  # not UTF-8
        raw({"at": 1}),  # not a list
        raw([]),
        "WyJ4Il0",  # ["x"]: one value for two keys
        raw([1, "x"]),  # an integer where a timestamp belongs
        raw(["yesterday", "x"]),  # not a timestamp
        raw(["2010-04-01T09:30:00", "x"]),  # a naive timestamp: never compared with UTC columns
        raw(["2010-04-01T09:30:00+00:00", 5]),  # an integer where a string belongs
        raw(["2010-04-01T09:30:00+00:00", "x", "y"]),  # too many values
        raw([None, "x"]),
        raw([1.5, "x"]),
        raw([True, "x"]),
    ],
)
def test_a_tampered_cursor_is_the_invalid_cursor_problem(cursor: str) -> None:
    invalid(cursor)


def test_string_where_an_integer_key_belongs_is_refused() -> None:
    invalid(raw(["3"]), (rows.c.n,))


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30])
def test_an_integer_key_beyond_bigint_is_refused(value: int) -> None:
    """A BIGINT column cannot hold it: PostgreSQL would fail to bind it, a 500, not a 422."""
    invalid(raw([value]), (rows.c.n,))


def test_the_bigint_bounds_themselves_are_valid_keys() -> None:
    for value in (2**63 - 1, -(2**63)):
        assert typed_cursor(decode_cursor(raw([value])), (rows.c.n,)) == [value]


def test_after_compares_lexicographically_on_the_key_columns() -> None:
    at = datetime(2010, 4, 1, tzinfo=UTC)
    sql = str(select(rows).where(after(KEYS, [at, "x"])).compile(dialect=sqlite.dialect()))
    assert "rows.at > ?" in sql and "rows.at = ? AND rows.id > ?" in sql
    newest_first = str(
        select(rows).where(after(KEYS, [at, "x"], descending=True)).compile(dialect=sqlite.dialect())
    )
    assert "rows.at < ?" in newest_first and "rows.at = ? AND rows.id < ?" in newest_first


def test_build_page_sets_next_cursor_only_when_more_rows_exist() -> None:
    page = build_page([1, 2, 3], 2, lambda n: [n])
    assert page.items == [1, 2] and page.next_cursor is not None
    assert decode_cursor(page.next_cursor) == [2]
    assert build_page([1, 2], 2, lambda n: [n]).next_cursor is None
    assert page.map(str).items == ["1", "2"]


def test_the_page_size_bound_is_documented_and_enforced_alike() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/things")
    def things(paging: Paging) -> dict[str, object]:
        assert isinstance(paging, PageParams)
        return {"limit": paging.limit, "cursor": paging.cursor}

    spec = app.openapi()["paths"]["/things"]["get"]["parameters"]
    limit = next(p for p in spec if p["name"] == "limit")["schema"]
    assert limit["maximum"] == MAX_PAGE_SIZE and limit["minimum"] == 1
    client = TestClient(app)
    assert client.get("/things", params={"limit": MAX_PAGE_SIZE}).json()["limit"] == MAX_PAGE_SIZE
    too_many = client.get("/things", params={"limit": MAX_PAGE_SIZE + 1})
    assert too_many.status_code == 422 and too_many.headers["content-type"] == "application/problem+json"
    bad = client.get("/things", params={"cursor": "%%%"})
    assert bad.status_code == 422 and bad.json()["type"].endswith("/invalid-cursor")
