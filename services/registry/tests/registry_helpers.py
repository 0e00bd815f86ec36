"""Helpers of the registry tests: callers, a registered project with issued credits, and a ledger snapshot."""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

import httpx
from sqlalchemy import func, select

from sosai_registry.models import (
    Account,
    Block,
    Certification,
    Issuance,
    Project,
    ProjectTransition,
    Transaction,
    TransactionBlock,
)
from sosai_shared.testing import auth

ADMIN1 = auth("registry", "registry:admin", sub="admin-1@registry")
ADMIN2 = auth("registry", "registry:admin", sub="admin-2@registry")
PROBLEM = "application/problem+json"
_periods = itertools.count()


def org_headers(org: str, *scopes: str) -> dict[str, str]:
    return auth(org, *(scopes or ("registry:write", "registry:read")), sub=f"user@{org}")


def ptype(r: httpx.Response) -> str:
    assert r.headers["content-type"] == PROBLEM, r.text
    return str(r.json()["type"]).rsplit("/", 1)[-1]


async def ok(r: Any, status: int = 200) -> dict[str, Any]:
    resp = await r
    assert resp.status_code == status, resp.text
    return resp.json()  # type: ignore[no-any-return]


async def methodology(c: httpx.AsyncClient, category: str = "emission_reduction") -> str:
    code = f"M{uuid.uuid4().hex[:8]}"
    await ok(
        c.post(
            "/v1/methodologies",
            json={"code": code, "name": "Biomass boiler", "category": category},
            headers=ADMIN1,
        ),
        201,
    )
    return code


async def registered_project(
    c: httpx.AsyncClient, org: str, category: str = "emission_reduction", programme: str = "national"
) -> dict[str, Any]:
    code = await methodology(c, category)
    p = await ok(
        c.post(
            "/v1/projects",
            json={
                "name": "Forest town biomass",
                "methodology_code": code,
                "prefecture": "kochi",
                "programme": programme,
                "crediting_start": "2008-04-01",
                "crediting_end": "2013-03-31",
            },
            headers=org_headers(org),
        ),
        201,
    )
    for to in ("validated", "registered"):
        p = await ok(c.post(f"/v1/projects/{p['id']}/transitions", json={"to": to}, headers=ADMIN1))
    return p


async def certification(c: httpx.AsyncClient, project_id: str, quantity: int, **extra: Any) -> dict[str, Any]:
    n = next(_periods)
    start = date(2009 + n // 300, 4, 1).toordinal() + (n % 300)
    body = {
        "period_start": date.fromordinal(start).isoformat(),
        "period_end": date.fromordinal(start).isoformat(),
        "monitoring_report": "MR-1",
        "verifier": "JQA",
        "quantity": quantity,
        **extra,
    }
    return await ok(c.post(f"/v1/projects/{project_id}/certifications", json=body, headers=ADMIN1), 201)


async def account(c: httpx.AsyncClient, org: str, name: str = "main") -> str:
    return str((await ok(c.post("/v1/accounts", json={"name": name}, headers=org_headers(org)), 201))["id"])


async def propose_issuance(
    c: httpx.AsyncClient, cert_id: str, account_id: str, quantity: int
) -> dict[str, Any]:
    return await ok(
        c.post(
            f"/v1/certifications/{cert_id}/issuances",
            json={"quantity": quantity, "account_id": account_id},
            headers=ADMIN1,
        ),
        201,
    )


async def issue(c: httpx.AsyncClient, cert_id: str, account_id: str, quantity: int) -> dict[str, Any]:
    tx = await propose_issuance(c, cert_id, account_id, quantity)
    return await ok(c.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=ADMIN2))


async def funded_account(
    c: httpx.AsyncClient, org: str, quantity: int = 100, category: str = "emission_reduction"
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A holding account of ``org`` with ``quantity`` t issued into it; (account id, project, issuance tx)."""
    p = await registered_project(c, org, category)
    acc = await account(c, org)
    cert = await certification(c, p["id"], quantity)
    tx = await issue(c, cert["id"], acc, quantity)
    return acc, p, tx


async def snapshot(c: httpx.AsyncClient) -> dict[str, Any]:
    """Row counts of every ledger table and the tonnes per account: equal before/after a refused request."""
    db = c.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        counts = {}
        for model in (
            Account,
            Block,
            Certification,
            Issuance,
            Project,
            ProjectTransition,
            Transaction,
            TransactionBlock,
        ):
            counts[model.__tablename__] = int(await s.scalar(select(func.count()).select_from(model)) or 0)
        counts["outbox"] = int(await s.scalar(select(func.count()).select_from(db.outbox)) or 0)
        rows = (
            await s.execute(
                select(Block.account_id, func.sum(Block.end - Block.start + 1)).group_by(Block.account_id)
            )
        ).all()
        statuses = (await s.execute(select(Transaction.id, Transaction.status))).all()
        issued = await s.scalar(select(func.coalesce(func.sum(Certification.issued_quantity), 0)))
    return {
        "counts": counts,
        "tonnes": {r[0]: int(r[1]) for r in rows},
        "tx": dict(statuses),
        "issued": int(issued or 0),
    }


async def balance(c: httpx.AsyncClient, account_id: str, org: str) -> dict[str, Any]:
    return await ok(c.get(f"/v1/accounts/{account_id}/balance", headers=org_headers(org)))


async def outbox_types(c: httpx.AsyncClient) -> list[str]:
    db = c.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        return [r[0] for r in (await s.execute(select(db.outbox.c.type).order_by(db.outbox.c.seq))).all()]
