"""Seeding the registry benchmark through the HTTP API: organisations, projects, accounts, issued credits.

Each source account gets ``per_account`` tonnes issued through the four-eyes flow (one administrator
proposes, another approves), so the benchmark starts from a ledger built the way production builds it.
"""

from __future__ import annotations

import uuid

import httpx

from sosai_shared.testing import auth

ADMIN1 = auth("registry", "registry:admin", sub="bench-admin-1")
ADMIN2 = auth("registry", "registry:admin", sub="bench-admin-2")


async def must(r: httpx.Response, status: int = 200) -> dict:
    if r.status_code != status:
        raise RuntimeError(f"{r.request.method} {r.request.url} -> {r.status_code} {r.text}")
    return r.json()


async def seed(
    c: httpx.AsyncClient, sources: int, per_account: int
) -> tuple[list[tuple[str, dict]], list[str]]:
    code = f"B{uuid.uuid4().hex[:6]}"
    await must(
        await c.post(
            "/v1/methodologies",
            json={"code": code, "name": "bench", "category": "emission_reduction"},
            headers=ADMIN1,
        ),
        201,
    )
    accounts: list[tuple[str, dict]] = []
    sinks: list[str] = []
    for i in range(sources):
        org = f"bench-org-{i}"
        h = auth(org, "registry:write", "registry:read", sub=f"u@{org}")
        p = await must(
            await c.post(
                "/v1/projects",
                json={
                    "name": f"bench {i}",
                    "methodology_code": code,
                    "prefecture": "tokyo",
                    "crediting_start": "2008-04-01",
                    "crediting_end": "2013-03-31",
                },
                headers=h,
            ),
            201,
        )
        for to in ("validated", "registered"):
            await must(await c.post(f"/v1/projects/{p['id']}/transitions", json={"to": to}, headers=ADMIN1))
        acc = (await must(await c.post("/v1/accounts", json={"name": "src"}, headers=h), 201))["id"]
        sink = (await must(await c.post("/v1/accounts", json={"name": "sink"}, headers=h), 201))["id"]
        cert = await must(
            await c.post(
                f"/v1/projects/{p['id']}/certifications",
                json={
                    "period_start": "2010-04-01",
                    "period_end": "2011-03-31",
                    "monitoring_report": "m",
                    "verifier": "v",
                    "quantity": per_account,
                },
                headers=ADMIN1,
            ),
            201,
        )
        tx = await must(
            await c.post(
                f"/v1/certifications/{cert['id']}/issuances",
                json={"quantity": per_account, "account_id": acc},
                headers=ADMIN1,
            ),
            201,
        )
        await must(await c.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=ADMIN2))
        accounts.append((acc, h))
        sinks.append(sink)
    return accounts, sinks
