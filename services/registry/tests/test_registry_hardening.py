"""Hostile and careless inputs, locks and query counts: every answer the same on SQLite and PostgreSQL.

Huge and non-integer quantities are a 422 before anything is written (a BIGINT column cannot hold
2**63, and the two databases would fail differently); a transfer waits for the destination
account's lock; adjacent ranges of one issuance arriving in one account join into one block; a
public page runs a fixed number of statements whatever its length.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from registry_helpers import (
    ADMIN1,
    account,
    balance,
    certification,
    funded_account,
    ok,
    org_headers,
    ptype,
    registered_project,
    snapshot,
)
from sqlalchemy import event, select, text

from sosai_registry.models import Account
from sosai_shared.direct_sql import DirectStatement

A = org_headers("org-a")
B = org_headers("org-b")
RET = {"use": "own_activity", "purpose": "annual offset", "beneficiary": "Org A"}
HUGE = [2**63, 10**308]
#: the tables a move writes or reads (the outbox relay beside the request touches none of them)
MOVE_TABLES = re.compile(r"\b(transactions|transaction_blocks|blocks|accounts|transaction_log(_head)?)\b")
NOT_INTEGERS = ["3", True, 1.5]
LEDGER_TABLES = re.compile(
    r"\b(FROM|JOIN)\s+(transactions|transaction_blocks|issuances|projects|methodologies)\b"
)


async def refused_unchanged(
    c: httpx.AsyncClient, url: str, body: dict[str, Any], headers: dict[str, str], type_: str
) -> None:
    before = await snapshot(c)
    r = await c.post(url, json=body, headers=headers)
    assert r.status_code == 422, r.text
    assert ptype(r) == type_
    assert await snapshot(c) == before


@pytest.mark.parametrize("quantity", HUGE + NOT_INTEGERS)
async def test_quantities_beyond_bigint_or_not_integers_are_422(
    client: httpx.AsyncClient, quantity: Any
) -> None:
    acc, p, _ = await funded_account(client, "org-a", 10)
    other = await account(client, "org-b")
    await refused_unchanged(
        client, "/v1/retirements", {"account_id": acc, "quantity": quantity, **RET}, A, "validation-error"
    )
    await refused_unchanged(
        client,
        "/v1/transfers",
        {"from_account_id": acc, "to_account_id": other, "quantity": quantity},
        A,
        "validation-error",
    )
    cert = {
        "period_start": "2012-04-01",
        "period_end": "2012-04-30",
        "monitoring_report": "MR",
        "verifier": "JQA",
        "quantity": quantity,
    }
    await refused_unchanged(
        client, f"/v1/projects/{p['id']}/certifications", cert, ADMIN1, "validation-error"
    )


async def test_ranges_ending_beyond_bigint_are_422(client: httpx.AsyncClient) -> None:
    acc, _, issued = await funded_account(client, "org-a", 10)
    s = issued["blocks"][0]["start"]
    for end in HUGE:
        body = {"account_id": acc, "ranges": [{"start": s, "end": end}], **RET}
        await refused_unchanged(client, "/v1/retirements", body, A, "validation-error")


async def test_the_documented_bounds_fit_bigint(client: httpx.AsyncClient) -> None:
    schemas = (await ok(client.get("/openapi.json")))["components"]["schemas"]
    tonnes = next(
        s for s in schemas["RetirementIn"]["properties"]["quantity"]["anyOf"] if s.get("type") == "integer"
    )
    assert tonnes["maximum"] <= 2**63 - 1 and tonnes["minimum"] == 1
    assert schemas["RangeIn"]["properties"]["end"]["maximum"] == 10**18 <= 2**63 - 1
    assert schemas["CertificationIn"]["properties"]["quantity"]["maximum"] <= 2**63 - 1


@pytest.mark.parametrize("serial", ["99999999999999999999", str(2**63), str(10**18 + 1)])
async def test_a_serial_number_beyond_bigint_is_422(client: httpx.AsyncClient, serial: str) -> None:
    r = await client.get(f"/v1/public/serials/{serial}")
    assert r.status_code == 422, r.text
    assert ptype(r) == "invalid-serial"


async def test_a_serial_range_beyond_bigint_is_422(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/v1/public/serials/JP-ER-NAT-P0001-2010-{2**64}-{2**64 + 1}")
    assert r.status_code == 422, r.text
    assert ptype(r) == "invalid-serial"


# ---------------------------------------------------------------- locks
@contextmanager
def watching_connections(db: Any) -> Iterator[threading.Event]:
    """Set when the app takes a new database connection (SQLite: one per transaction)."""
    taken = threading.Event()

    def on_checkout(*_: Any) -> None:
        taken.set()

    pool = db.engine.sync_engine.pool
    event.listen(pool, "checkout", on_checkout)
    try:
        yield taken
    finally:
        event.remove(pool, "checkout", on_checkout)


async def blocked_or_done(db: Any, task: asyncio.Task[httpx.Response], taken: threading.Event) -> None:
    """Wait until the request waits for a lock we hold (or has finished, which the assertions catch)."""
    for _ in range(1500):
        if task.done():
            return
        if db.dialect == "postgresql":
            async with db.engine.connect() as conn:
                waiting = await conn.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    )
                )
            if waiting:
                return
        elif taken.is_set():  # SQLite: its transaction now waits for our write lock (BEGIN IMMEDIATE)
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the transfer neither finished nor waited for the lock")


async def test_a_transfer_waits_for_the_destination_account_being_closed(client: httpx.AsyncClient) -> None:
    """Closing locks the account and checks it is empty; a transfer into it must wait for that lock,
    or credits land in a closed account."""
    src, _, _ = await funded_account(client, "org-a", 10)
    dst = await account(client, "org-b")
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    with watching_connections(db) as taken:
        async with db.sessionmaker() as s, s.begin():
            row = (await s.execute(select(Account).where(Account.id == dst).with_for_update())).scalar_one()
            taken.clear()
            task = asyncio.create_task(
                client.post(
                    "/v1/transfers",
                    json={"from_account_id": src, "to_account_id": dst, "quantity": 3},
                    headers=A,
                )
            )
            await blocked_or_done(db, task, taken)
            row.status = "closed"
        r = await task
    assert r.status_code == 409, r.text
    assert ptype(r) == "account-not-open"
    assert (await balance(client, dst, "org-b"))["total"] == 0
    assert (await balance(client, src, "org-a"))["total"] == 10


# ---------------------------------------------------------------- fragmentation
async def test_adjacent_ranges_of_one_issuance_join_into_one_block(client: httpx.AsyncClient) -> None:
    src, _, issued = await funded_account(client, "org-a", 100)
    dst = await account(client, "org-b")
    s = issued["blocks"][0]["start"]
    for lo in range(s, s + 30, 5):
        body = {"from_account_id": src, "to_account_id": dst, "ranges": [{"start": lo, "end": lo + 4}]}
        await ok(client.post("/v1/transfers", json=body, headers=A), 201)
    got = await balance(client, dst, "org-b")
    assert [(b["start"], b["end"]) for b in got["blocks"]] == [(s, s + 29)]
    # coming back, they join the sender's remaining range again
    back = {"from_account_id": dst, "to_account_id": src, "quantity": 30}
    await ok(client.post("/v1/transfers", json=back, headers=B), 201)
    assert [(b["start"], b["end"]) for b in (await balance(client, src, "org-a"))["blocks"]] == [(s, s + 99)]
    # the history of every serial stays in the transaction log
    life = await ok(client.get(f"/v1/public/serials/{s + 7}"))
    assert [h["kind"] for h in life["history"]] == ["issuance", "transfer", "transfer"]


async def test_two_ranges_inside_one_block_move_in_one_transfer(client: httpx.AsyncClient) -> None:
    src, _, issued = await funded_account(client, "org-a", 100)
    dst = await account(client, "org-b")
    s = issued["blocks"][0]["start"]
    ranges = [{"start": s + 10, "end": s + 12}, {"start": s + 20, "end": s + 22}]
    tx = await ok(
        client.post(
            "/v1/transfers", json={"from_account_id": src, "to_account_id": dst, "ranges": ranges}, headers=A
        ),
        201,
    )
    assert [(b["start"], b["end"]) for b in tx["blocks"]] == [(s + 10, s + 12), (s + 20, s + 22)]
    kept = [(b["start"], b["end"]) for b in (await balance(client, src, "org-a"))["blocks"]]
    assert kept == [(s, s + 9), (s + 13, s + 19), (s + 23, s + 99)]


# ---------------------------------------------------------------- query counts
@contextmanager
def counting_statements(client: httpx.AsyncClient) -> Iterator[list[str]]:
    engine = client.app.state.runtime.db.engine.sync_engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", on_execute)
    DirectStatement.observers.append(seen.append)  # the hot path's statements sent to asyncpg directly
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        DirectStatement.observers.remove(seen.append)


async def statements_for(client: httpx.AsyncClient, url: str, expect_items: int) -> int:
    with counting_statements(client) as seen:
        page = await ok(client.get(url))
    assert len(page["items"]) == expect_items
    # the outbox relay runs beside the request on the same engine: only statements over ledger tables count
    return len([q for q in seen if "outbox" not in q and LEDGER_TABLES.search(q)])


async def test_public_list_pages_run_a_bounded_number_of_statements(client: httpx.AsyncClient) -> None:
    acc, p, _ = await funded_account(client, "org-a", 100)
    for _ in range(2):
        await ok(
            client.post("/v1/retirements", json={"account_id": acc, "quantity": 1, **RET}, headers=A), 201
        )
    await registered_project(client, "org-c")
    few_retirements = await statements_for(client, "/v1/public/retirements?limit=50", 2)
    few_projects = await statements_for(client, "/v1/public/projects?limit=50", 2)
    for _ in range(10):
        await ok(
            client.post("/v1/retirements", json={"account_id": acc, "quantity": 2, **RET}, headers=A), 201
        )
    for _ in range(8):
        await registered_project(client, "org-c")
    assert await statements_for(client, "/v1/public/retirements?limit=50", 12) == few_retirements
    assert await statements_for(client, "/v1/public/projects?limit=50", 10) == few_projects
    assert few_retirements == 3 and few_projects == 2  # page, its moves, their issuances; page, methodologies
    await certification(client, p["id"], 1)  # the ledger still takes writes after the pages were read


async def test_a_transfer_runs_a_fixed_number_of_statements(client: httpx.AsyncClient) -> None:
    """The round trips of the hot path: both accounts in one locking read, the transaction inserted
    completed, the answer built from the move, not read back. The count does not grow with the
    number of blocks the receiving account already holds."""
    src, _, _ = await funded_account(client, "org-a", 1000)
    dst = await account(client, "org-b")
    body = {"from_account_id": src, "to_account_id": dst, "quantity": 2}
    retire = {"account_id": src, "quantity": 1, **RET}
    counts = []
    for _ in range(6):  # a retirement between transfers leaves the receiving account's blocks apart
        with counting_statements(client) as seen:
            await ok(client.post("/v1/transfers", json=body, headers=A), 201)
        counts.append(len([q for q in seen if MOVE_TABLES.search(q)]))
        await ok(client.post("/v1/retirements", json=retire, headers=A), 201)
    held = (await balance(client, dst, "org-b"))["blocks"]
    assert len(held) == 6  # six separate blocks arrived, none adjacent
    accounts_read = [q for q in seen if re.search(r"FROM accounts", q)]
    assert len(accounts_read) == 1, accounts_read
    assert not [q for q in seen if re.match(r"\s*UPDATE transactions", q)]
    assert len(set(counts[1:])) == 1, counts  # a new block lands with the same statements each time
    assert counts[-1] <= 12, seen
