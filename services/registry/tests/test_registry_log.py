"""The tamper-evident transaction log: chained, signed head, paged, and broken by any edit behind its back."""

from __future__ import annotations

import asyncio

import httpx
from registry_helpers import account, funded_account, ok, org_headers, ptype
from sqlalchemy import select, update

from sosai_registry.audit_log.models import LogEntry
from sosai_registry.models import TransactionBlock
from sosai_registry.verify_log import verify_registry


def _retire(acc: str, q: int) -> dict[str, object]:
    return {"account_id": acc, "quantity": q, "use": "own_activity", "purpose": "p", "beneficiary": "b"}


async def test_the_log_verifies_then_fails_after_a_ledger_row_is_altered(client: httpx.AsyncClient) -> None:
    acc, _, _ = await funded_account(client, "org-a", 100)
    other = await account(client, "org-b")
    await ok(
        client.post(
            "/v1/transfers",
            json={"from_account_id": acc, "to_account_id": other, "quantity": 30},
            headers=org_headers("org-a"),
        ),
        201,
    )
    # concurrent retirements append in commit order, one sequence number each
    results = await asyncio.gather(
        *[
            client.post("/v1/retirements", json=_retire(acc, 5), headers=org_headers("org-a"))
            for _ in range(4)
        ]
    )
    assert [r.status_code for r in results] == [201] * 4
    head = (await ok(client.get("/v1/public/log/head")))["claim"]
    assert head["seq"] == 6  # issuance, transfer, four retirements
    page = await ok(client.get("/v1/public/log", params={"after": 0, "limit": 2}))
    assert [e["seq"] for e in page["entries"]] == [1, 2] and page["next_after"] == 2
    assert (
        page["entries"][0]["kind"] == "issuance"
        and page["entries"][1]["prev_hash"] == page["entries"][0]["hash"]
    )
    assert all(m[1].startswith(("acct-", "SYS-")) for e in page["entries"] for m in e["moves"])

    passed, lines = await verify_registry(client)
    assert passed, lines
    assert any("implied totals equal the public statistics" in line for line in lines)

    async with client.app.state.runtime.db.sessionmaker.begin() as s:  # type: ignore[attr-defined]
        row = (await s.execute(select(TransactionBlock).order_by(TransactionBlock.id).limit(1))).scalar_one()
        await s.execute(update(TransactionBlock).where(TransactionBlock.id == row.id).values(end=row.end - 1))
    passed, lines = await verify_registry(client)
    assert not passed
    assert "FAIL entry 1: content does not match its hash" in lines


async def test_rewriting_a_stored_hash_breaks_the_chain_or_the_signed_head(client: httpx.AsyncClient) -> None:
    acc, _, _ = await funded_account(client, "org-a", 10)
    await ok(client.post("/v1/retirements", json=_retire(acc, 2), headers=org_headers("org-a")), 201)
    assert (await verify_registry(client))[0]
    async with client.app.state.runtime.db.sessionmaker.begin() as s:  # type: ignore[attr-defined]
        await s.execute(update(LogEntry).where(LogEntry.seq == 1).values(hash="f" * 64))
    passed, lines = await verify_registry(client)
    assert not passed and any("entry 1" in line for line in lines)


async def test_log_pages_beyond_the_head_or_malformed_are_problems(client: httpx.AsyncClient) -> None:
    empty = await ok(client.get("/v1/public/log"))
    assert empty["entries"] == [] and empty["head_seq"] == 0 and empty["next_after"] is None
    r = await client.get("/v1/public/log", params={"after": 5})
    assert r.status_code == 404 and ptype(r) == "log-position-not-found"
    for bad in ("-1", "x"):
        r = await client.get("/v1/public/log", params={"after": bad})
        assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    r = await client.get("/v1/public/log", params={"limit": 100000})
    assert r.status_code == 422
