"""Helpers shared by the events-catalog tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select

from sosai_events_catalog.models import EventSession, Registration
from sosai_shared.testing import auth

ORGANISER = auth("moe-secretariat", "catalog:organise")
PROBLEM = "application/problem+json"


def registrant(org: str = "acme", sub: str | None = None) -> dict[str, str]:
    return auth(org, "catalog:register", sub=sub)


def future(days: float = 30, hours: float = 0) -> datetime:
    return datetime.now(UTC) + timedelta(days=days, hours=hours)


def session_body(**over: Any) -> dict[str, Any]:
    starts = over.pop("starts_at", future(30))
    body: dict[str, Any] = {
        "programme_code": "jver_briefing",
        "title_ja": "J-VER制度説明会（札幌）",
        "title_en": "J-VER briefing (Sapporo)",
        "venue": {
            "name": "札幌市民ホール",
            "address": "北1条西1丁目",
            "city": "Sapporo",
            "prefecture": "Hokkaido",
        },
        "starts_at": starts.isoformat() if isinstance(starts, datetime) else starts,
        "ends_at": (starts + timedelta(hours=3)).isoformat()
        if isinstance(starts, datetime)
        else over["ends_at"],
        "capacity": 10,
    }
    body.update(over)
    return body


async def create_session(client: httpx.AsyncClient, **over: Any) -> dict[str, Any]:
    r = await client.post("/v1/sessions", json=session_body(**over), headers=ORGANISER)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def register(
    client: httpx.AsyncClient,
    session_id: str,
    email: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> httpx.Response:
    return await client.post(
        f"/v1/sessions/{session_id}/registrations",
        json={"email": email, "name": email.split("@")[0], **extra},
        headers=headers or registrant(),
    )


def db_of(client: httpx.AsyncClient) -> Any:
    return client.app.state.runtime.db  # type: ignore[attr-defined]


async def count_rows(client: httpx.AsyncClient, model: Any, *where: Any) -> int:
    async with db_of(client).sessionmaker() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def registrations(client: httpx.AsyncClient, session_id: str) -> list[Registration]:
    async with db_of(client).sessionmaker() as s:
        rows = await s.execute(
            select(Registration)
            .where(Registration.session_id == session_id)
            .order_by(Registration.created_at, Registration.id)
        )
        return list(rows.scalars().all())


async def session_row(client: httpx.AsyncClient, session_id: str) -> EventSession:
    async with db_of(client).sessionmaker() as s:
        row = await s.get(EventSession, session_id)
        assert row is not None
        return row


async def outbox_types(client: httpx.AsyncClient) -> list[str]:
    table = db_of(client).outbox
    async with db_of(client).sessionmaker() as s:
        return [r[0] for r in (await s.execute(select(table.c.type).order_by(table.c.seq))).all()]


async def outbox_payloads(client: httpx.AsyncClient, event_type: str) -> list[dict[str, Any]]:
    table = db_of(client).outbox
    async with db_of(client).sessionmaker() as s:
        rows = (
            await s.execute(select(table.c.envelope).where(table.c.type == event_type).order_by(table.c.seq))
        ).all()
        return [r[0]["data"] for r in rows]
