"""Concurrency through the ASGI app: one block retired once, one certification issued once, no overdraft.

On SQLite the writes serialise through BEGIN IMMEDIATE; on PostgreSQL through row locks
(the sending account, then its blocks; the certification row for approvals)."""

from __future__ import annotations

import asyncio

import httpx
from registry_helpers import (
    ADMIN1,
    ADMIN2,
    account,
    certification,
    funded_account,
    ok,
    org_headers,
    outbox_types,
    ptype,
    registered_project,
)
from sqlalchemy import func, select

from sosai_registry.models import Block, Issuance

A = org_headers("org-a")


async def test_fifty_concurrent_retirements_of_one_block(client: httpx.AsyncClient) -> None:
    acc, _, issued = await funded_account(client, "org-a", 60)
    s = issued["blocks"][0]["start"]
    body = {
        "account_id": acc,
        "ranges": [{"start": s, "end": s + 9}],
        "use": "own_activity",
        "purpose": "p",
        "beneficiary": "b",
    }
    results = await asyncio.gather(*(client.post("/v1/retirements", json=body, headers=A) for _ in range(50)))
    codes = sorted(r.status_code for r in results)
    assert codes.count(201) == 1 and codes.count(409) == 49, codes
    assert {ptype(r) for r in results if r.status_code == 409} == {"units-retired"}
    assert (await ok(client.get(f"/v1/accounts/{acc}/balance", headers=A)))["total"] == 50
    assert (await ok(client.get("/v1/accounts/SYS-RETIREMENT/balance", headers=ADMIN1)))["total"] == 10
    assert (await outbox_types(client)).count("jp.sosai.registry.credits.retired.v1") == 1


async def test_twenty_concurrent_approvals_for_one_certification(client: httpx.AsyncClient) -> None:
    p = await registered_project(client, "org-a")
    acc = await account(client, "org-a")
    cert = await certification(client, p["id"], 30)
    proposals = [
        await ok(
            client.post(
                f"/v1/certifications/{cert['id']}/issuances",
                json={"quantity": 30, "account_id": acc},
                headers=ADMIN1,
            ),
            201,
        )
        for _ in range(20)
    ]
    results = await asyncio.gather(
        *(client.post(f"/v1/transactions/{t['id']}/approve", json={}, headers=ADMIN2) for t in proposals)
    )
    codes = [r.status_code for r in results]
    assert codes.count(200) == 1, codes
    assert {ptype(r) for r in results if r.status_code != 200} == {"certification-already-issued"}
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(Issuance)) == 1
        assert await s.scalar(select(func.sum(Block.end - Block.start + 1))) == 30
    assert (await outbox_types(client)).count("jp.sosai.registry.credits.issued.v1") == 1


async def test_concurrent_transfers_never_overdraw(client: httpx.AsyncClient) -> None:
    acc, _, _ = await funded_account(client, "org-a", 100)
    targets = [await account(client, "org-b", f"b{i}") for i in range(3)]
    results = await asyncio.gather(
        *(
            client.post(
                "/v1/transfers",
                json={"from_account_id": acc, "to_account_id": targets[i % 3], "quantity": 7},
                headers=A,
            )
            for i in range(30)
        )
    )
    ok_count = sum(r.status_code == 201 for r in results)
    assert ok_count == 14  # 14 × 7 = 98 ≤ 100 < 105
    assert {ptype(r) for r in results if r.status_code != 201} == {"insufficient-balance"}
    assert (await ok(client.get(f"/v1/accounts/{acc}/balance", headers=A)))["total"] == 2
    B = org_headers("org-b")
    got = [(await ok(client.get(f"/v1/accounts/{t}/balance", headers=B)))["total"] for t in targets]
    assert sum(got) == 98
