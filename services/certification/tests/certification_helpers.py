"""Helpers of the certification tests: callers, facts fed through the real inbox, counts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from sosai_certification.handlers import HANDLERS
from sosai_certification.models import (
    Application,
    Certificate,
    Provider,
    ReportedCase,
    RetirementUsage,
    Transition,
)
from sosai_shared.contracts import CreditsRetiredV1, EventPayload, FootprintCalculatedV1, SerialBlockV1
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.testing import auth

APPLY, REVIEW, ADMIN = "certification:apply", "certification:review", "certification:admin"
PROBLEM = "https://sosai.jp/problems/"


def applicant(org: str) -> dict[str, str]:
    return auth(org, APPLY, sub=f"applicant@{org}")


def reviewer(org: str = "org-4cj") -> dict[str, str]:
    return auth(org, REVIEW, sub=f"reviewer@{org}")


def admin(org: str = "org-4cj") -> dict[str, str]:
    return auth(org, ADMIN, sub=f"admin@{org}")


def ptype(r: httpx.Response) -> str:
    assert r.headers["content-type"] == "application/problem+json", r.text
    return str(r.json()["type"]).removeprefix(PROBLEM)


def footprint(org: str, credits: int = 13, fid: str | None = None, version: int = 1) -> FootprintCalculatedV1:
    return FootprintCalculatedV1(
        footprint_id=fid or f"fp-{uuid.uuid4().hex[:8]}",
        version=version,
        org=org,
        kind="event",
        name="Carbon Offset EXPO Tokyo",
        total_t_co2=Decimal("12.3"),
        residual_t_co2=Decimal("12.3"),
        offset_share=Decimal("1"),
        credits_needed=credits,
        calculated_at=datetime.now(UTC),
    )


def retirement(
    quantity: int = 13,
    *,
    application_id: str | None = None,
    rid: str | None = None,
    retired_at: datetime | None = None,
    start: int = 1,
    holder_org: str = "org-a",
    beneficiary_org: str | None = None,
) -> CreditsRetiredV1:
    return CreditsRetiredV1(
        retirement_id=rid or f"ret-{uuid.uuid4().hex[:8]}",
        account_id="acc-1",
        holder_org=holder_org,
        quantity=quantity,
        blocks=[
            SerialBlockV1(
                serial=f"JP-ER-P001-2009-{start}-{start + quantity - 1}",
                start=start,
                end=start + quantity - 1,
                quantity=quantity,
                project_id="P001",
                vintage=2009,
                credit_type="ER",
            )
        ],
        use="meeting_event",
        purpose="offset of the EXPO",
        beneficiary="Org A",
        beneficiary_org=beneficiary_org,
        application_id=application_id,
        retired_at=retired_at or datetime.now(UTC) - timedelta(days=3),
    )


def envelope(payload: EventPayload, event_id: str | None = None) -> CloudEvent:
    return CloudEvent(
        id=event_id or str(uuid.uuid4()),
        source="/sosai/test",
        type=payload.event_type,
        subject=payload.subject,
        time=datetime.now(UTC),
        data=payload.model_dump(mode="json"),
    )


async def feed(app: FastAPI, payload: EventPayload, event_id: str | None = None) -> bool:
    """Apply an event through the service's real consumer inbox and handler (no broker)."""
    consumer = app.state.runtime.consumers[0]
    return bool(
        await consumer.apply(
            envelope(payload, event_id), payload, HANDLERS[type(payload)], topic=payload.topic
        )
    )


def draft_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "offset_type": "meeting_event",
        "subject_name": "Carbon Offset EXPO Tokyo",
        "subject_kind": "event",
        "scope": "venue energy, participants' travel and accommodation",
        "emission_sources": ["participants' travel", "venue electricity"],
        "reduction_efforts": "public transport encouraged; LED lighting",
        "quantity": 13,
        "disclosure": "This event offsets 13 t-CO2 with J-VER credits retired in the national registry.",
    }
    body.update(overrides)
    return body


async def count(app: FastAPI, model: Any, *where: Any) -> int:
    async with app.state.runtime.db.sessionmaker() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def snapshot(app: FastAPI) -> dict[str, int]:
    outbox = app.state.runtime.db.outbox
    return {
        "applications": await count(app, Application),
        "transitions": await count(app, Transition),
        "certificates": await count(app, Certificate),
        "usages": await count(app, RetirementUsage),
        "providers": await count(app, Provider),
        "cases": await count(app, ReportedCase),
        "outbox": await count(app, outbox),
    }


async def outbox_events(app: FastAPI, event_type: str) -> list[dict[str, Any]]:
    outbox = app.state.runtime.db.outbox
    async with app.state.runtime.db.sessionmaker() as s:
        rows = (
            await s.execute(
                select(outbox.c.envelope).where(outbox.c.type == event_type).order_by(outbox.c.seq)
            )
        ).scalars()
        return [dict(r) for r in rows]


async def ready_application(
    client: httpx.AsyncClient,
    app: FastAPI,
    org: str = "org-a",
    *,
    credits: int = 13,
    review: bool = True,
    **overrides: Any,
) -> dict[str, Any]:
    """A submitted (and by default under-review) application whose facts are all known."""
    fp = footprint(org, credits)
    await feed(app, fp)
    r = await client.post(
        "/v1/applications", json=draft_body(footprint_id=fp.footprint_id, **overrides), headers=applicant(org)
    )
    assert r.status_code == 201, r.text
    a = r.json()
    if "retirement_ids" not in overrides:
        await feed(app, retirement(credits, application_id=a["id"], holder_org=org))
    r = await client.post(f"/v1/applications/{a['id']}/submit", headers=applicant(org))
    assert r.status_code == 200, r.text
    if review:
        r = await client.post(f"/v1/applications/{a['id']}/review", headers=reviewer())
        assert r.status_code == 200, r.text
    return dict(r.json())
