"""Who may attach a certificate to a session, and which certificate the carbon card shows.

Events go through the service's real consumer inbox and handlers (the broker path is covered
by test_carbon_events.py), so each test can control arrival order exactly.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from catalog_helpers import create_session, db_of
from prometheus_client import REGISTRY
from sqlalchemy import select

from sosai_events_catalog import handlers
from sosai_events_catalog.certificates.models import SessionCertificate
from sosai_shared.contracts.base import EventPayload
from sosai_shared.contracts.certification import CertificateRevokedV1, OffsetCertifiedV1
from sosai_shared.events.consumer import EventConsumer
from sosai_shared.events.envelope import CloudEvent

ORGANISER_ORG = "moe-secretariat"  # catalog_helpers.ORGANISER's organisation
TODAY = datetime.now(UTC)


async def deliver(client: httpx.AsyncClient, payload: EventPayload) -> None:
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    consumer = EventConsumer(
        rt.settings,
        rt.db,
        "carbon",
        {
            OffsetCertifiedV1: handlers.on_offset_certified,
            CertificateRevokedV1: handlers.on_certificate_revoked,
        },
    )
    event = CloudEvent(
        id=str(uuid.uuid4()),
        source="/sosai/test",
        type=payload.event_type,
        subject=payload.subject,
        time=TODAY,
        data=payload.model_dump(mode="json"),
    )
    _, handler = consumer.handlers[payload.event_type]
    assert await consumer.apply(event, payload, handler, topic=payload.topic)


def certified(
    sid: str, number: str, *, org: str = ORGANISER_ORG, days_ago: int = 0, until: date | None = None
) -> OffsetCertifiedV1:
    at = TODAY - timedelta(days=days_ago)
    return OffsetCertifiedV1(
        application_id=f"app-{number}",
        certificate_number=number,
        applicant_org=org,
        offset_type="meeting_event",
        subject_name="EXPO",
        session_id=sid,
        retirement_ids=["r1"],
        credits_retired=3,
        valid_from=at.date(),
        valid_until=until or (at.date() + timedelta(days=364)),
        certified_at=at,
    )


async def card(client: httpx.AsyncClient, sid: str) -> dict:  # type: ignore[type-arg]
    return (await client.get(f"/v1/sessions/{sid}/carbon-card")).json()  # type: ignore[no-any-return]


def refused_count(reason: str) -> float:
    return REGISTRY.get_sample_value("sosai_catalog_certificates_refused_total", {"reason": reason}) or 0.0


async def test_a_certificate_for_another_organisers_session_is_refused_and_counted(
    client: httpx.AsyncClient,
) -> None:
    sid = (await create_session(client))["id"]
    before, unknown_before = refused_count("not_organiser"), refused_count("unknown_session")
    await deliver(client, certified(sid, "CO-2026-901", org="org-intruder"))
    await deliver(client, certified(str(uuid.uuid4()), "CO-2026-902", org="org-intruder"))
    c = await card(client, sid)
    assert (c["certificate_number"], c["certificate_status"]) == (None, "none")
    async with db_of(client).sessionmaker() as s:
        rows = {r.certificate_number: r for r in (await s.execute(select(SessionCertificate))).scalars()}
    assert rows["CO-2026-901"].state == "refused"
    assert (
        rows["CO-2026-901"].refusal_reason
        == f"session {sid} is organised by {ORGANISER_ORG}, not by org-intruder"
    )
    assert rows["CO-2026-902"].refusal_reason.startswith("no session ")  # type: ignore[union-attr]
    assert refused_count("not_organiser") == before + 1
    assert refused_count("unknown_session") == unknown_before + 1

    await deliver(client, certified(sid, "CO-2026-903"))  # the organiser's own certificate attaches
    c = await card(client, sid)
    assert (c["certificate_number"], c["certificate_status"], c["status"]) == (
        "CO-2026-903",
        "certified",
        "certified",
    )


async def test_revocation_of_the_shown_certificate_shows_on_the_card(client: httpx.AsyncClient) -> None:
    sid = (await create_session(client))["id"]
    await deliver(client, certified(sid, "CO-2026-911"))
    assert (await card(client, sid))["certificate_status"] == "certified"
    await deliver(
        client,
        CertificateRevokedV1(
            application_id="app-CO-2026-911",
            certificate_number="CO-2026-911",
            session_id=sid,
            reason="double counting",
            revoked_at=TODAY,
        ),
    )
    c = await card(client, sid)
    assert (c["certificate_number"], c["certificate_status"]) == ("CO-2026-911", "revoked")
    assert c["status"] != "certified"


async def test_two_certificates_in_reverse_order_the_newer_shows(client: httpx.AsyncClient) -> None:
    sid = (await create_session(client))["id"]
    await deliver(client, certified(sid, "CO-2026-922", days_ago=1))  # newer, arrives first
    await deliver(client, certified(sid, "CO-2025-921", days_ago=200))  # older, arrives late
    c = await card(client, sid)
    assert (c["certificate_number"], c["certificate_status"]) == ("CO-2026-922", "certified")


async def test_an_expired_certificate_shows_as_expired(client: httpx.AsyncClient) -> None:
    sid = (await create_session(client))["id"]
    await deliver(
        client, certified(sid, "CO-2024-931", days_ago=800, until=(TODAY - timedelta(days=400)).date())
    )
    c = await card(client, sid)
    assert (c["certificate_number"], c["certificate_status"]) == ("CO-2024-931", "expired")
    assert c["status"] == "not_offset"
