"""Shared helpers of the calculator tests (repo-unique module name)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select

from sosai_shared.testing import auth

ORG = "org-calc-a"
W = auth(ORG, "calculator:write", "calculator:read")
R = auth(ORG, "calculator:read")
E = auth("events-catalog", "calculator:estimate")
ADMIN = auth("moe", "calculator:admin")
PROBLEM = "application/problem+json"


def problem_type(r: httpx.Response) -> str:
    assert r.headers["content-type"] == PROBLEM, r.text
    return str(r.json()["type"]).rsplit("/", 1)[-1]


async def count(client: httpx.AsyncClient, model: Any) -> int:
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        return int(await s.scalar(select(func.count()).select_from(model)) or 0)


async def outbox(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        rows = (
            await s.execute(select(db.outbox.c.type, db.outbox.c.envelope).order_by(db.outbox.c.seq))
        ).all()
    return [{"type": r[0], **r[1]} for r in rows]


async def estimate(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    body.setdefault("fiscal_year", 2010)
    return await client.post("/v1/estimates", json=body, headers=E)
