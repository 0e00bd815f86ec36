"""The carbon card from real CreditsRetiredV1 / OffsetCertifiedV1 events produced onto the real topics.

Every event is delivered twice (same CloudEvents id); each is applied once.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from catalog_calculator_stub import StubCalculator
from catalog_helpers import ORGANISER, create_session, db_of, outbox_payloads
from prometheus_client import REGISTRY

from sosai_events_catalog.carbon import repository as repo
from sosai_shared.contracts.base import EventPayload
from sosai_shared.contracts.certification import CertificateRevokedV1, OffsetCertifiedV1
from sosai_shared.contracts.registry import CreditsRetiredV1, SerialBlockV1
from sosai_shared.events.envelope import CloudEvent

NOW = datetime(2011, 1, 20, 3, 0, tzinfo=UTC)


def retired(session_id: str, quantity: int, start: int) -> CreditsRetiredV1:
    block = SerialBlockV1(
        serial=f"JP-ER-P1-2010-{start}-{start + quantity - 1}",
        start=start,
        end=start + quantity - 1,
        quantity=quantity,
        project_id="p1",
        vintage=2010,
        credit_type="ER",
    )
    return CreditsRetiredV1(
        retirement_id=str(uuid.uuid4()),
        account_id="acc-1",
        holder_org="acme",
        quantity=quantity,
        blocks=[block],
        use="meeting_event",
        purpose="EXPO offset",
        beneficiary="Carbon Offset EXPO",
        session_id=session_id,
        retired_at=NOW,
    )


def envelope(payload: EventPayload) -> CloudEvent:
    return CloudEvent(
        id=str(uuid.uuid4()),
        source="/sosai/test",
        type=payload.event_type,
        subject=payload.subject,
        time=NOW,
        data=payload.model_dump(mode="json"),
    )


async def send_twice(producer: AIOKafkaProducer, topic: str, event: CloudEvent, key: str) -> None:
    for _ in range(2):
        await producer.send_and_wait(topic, event.to_bytes(), key=key.encode())


def duplicates(topic: str) -> float:
    return (
        REGISTRY.get_sample_value(
            "sosai_consumer_duplicates_total", {"service": "catalog", "consumer": "carbon", "topic": topic}
        )
        or 0.0
    )


async def wait_for(check: Any, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout}s: {what}")
        await asyncio.sleep(0.25)


async def record_of(client: httpx.AsyncClient, session_id: str) -> Any:
    async with db_of(client).sessionmaker() as s:
        return await repo.carbon_record(s, session_id)


async def test_carbon_card_from_real_events_delivered_twice(catalog, bootstrap_servers: str) -> None:  # type: ignore[no-untyped-def]
    async with StubCalculator(total="2.500000") as calc, catalog(calculator_url=calc.url) as client:
        s = await create_session(
            client, programme_code="expo", starts_at=datetime(2010, 12, 1, 1, tzinfo=UTC)
        )
        sid = s["id"]
        r = await client.post(f"/v1/sessions/{sid}/footprint", headers=ORGANISER)
        assert r.status_code == 201 and r.json()["credits_needed"] == 3
        early_sid = str(uuid.uuid4())  # events may name a session this database has not seen (yet)
        dup_registry, dup_cert = duplicates("registry.events"), duplicates("certification.events")

        producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
        await producer.start()
        try:
            # same key, so one partition: the second retirement is read after both copies of the first
            await send_twice(producer, "registry.events", envelope(retired(sid, 2, 1)), sid)
            await send_twice(producer, "registry.events", envelope(retired(early_sid, 5, 100)), sid)

            async def partly() -> bool:
                rec, early = await record_of(client, sid), await record_of(client, early_sid)
                return bool(
                    rec
                    and early
                    and early.credits_retired == 5
                    and duplicates("registry.events") >= dup_registry + 2
                )

            await wait_for(partly, "first retirements applied and their copies skipped")
            card = (await client.get(f"/v1/sessions/{sid}/carbon-card")).json()
            assert (card["credits_retired"], card["status"]) == (2, "partly_offset")
            assert await outbox_payloads(client, "jp.sosai.catalog.session.offset.v1") == []

            await send_twice(producer, "registry.events", envelope(retired(sid, 1, 3)), sid)
            await wait_for(lambda: _credits_are(client, sid, 3), "third credit retired")
            card = (await client.get(f"/v1/sessions/{sid}/carbon-card")).json()
            assert (card["credits_retired"], card["status"], card["certificate_number"]) == (
                3,
                "offset",
                None,
            )

            cert = OffsetCertifiedV1(
                application_id="app-1",
                certificate_number="CO-2011-001",
                applicant_org="moe-secretariat",  # the session's organiser: only it may certify it
                offset_type="meeting_event",
                subject_name="Carbon Offset EXPO",
                session_id=sid,
                retirement_ids=["r1"],
                credits_retired=3,
                valid_from=date(2011, 1, 20),
                valid_until=date(2099, 1, 19),  # still valid today (an expired one shows as expired)
                certified_at=NOW,
            )
            await send_twice(producer, "certification.events", envelope(cert), sid)

            async def certified() -> bool:
                rec = await record_of(client, sid)
                return bool(
                    rec and rec.certificate_number and duplicates("certification.events") >= dup_cert + 1
                )

            await wait_for(certified, "certificate applied and its copy skipped")
            card = (await client.get(f"/v1/sessions/{sid}/carbon-card")).json()
            assert card["estimate"]["status"] == "ok" and card["credits_retired"] == 3
            assert (card["certificate_number"], card["certificate_status"], card["status"]) == (
                "CO-2011-001",
                "certified",
                "certified",
            )
            assert duplicates("registry.events") >= dup_registry + 3

            offsets = await outbox_payloads(client, "jp.sosai.catalog.session.offset.v1")
            assert [(o["credits_retired"], o["certificate_number"]) for o in offsets] == [
                (3, None),
                (3, "CO-2011-001"),
            ]
            assert all(o["session_id"] == sid for o in offsets)

            revoked = CertificateRevokedV1(
                application_id="app-1",
                certificate_number="CO-2011-001",
                session_id=sid,
                reason="double counting",
                revoked_at=NOW,
            )
            await send_twice(producer, "certification.events", envelope(revoked), sid)

            async def is_revoked() -> bool:
                rec = await record_of(client, sid)
                return bool(rec and rec.certificate_revoked)

            await wait_for(is_revoked, "revocation applied")
            card = (await client.get(f"/v1/sessions/{sid}/carbon-card")).json()
            assert (card["certificate_status"], card["status"]) == ("revoked", "offset")
        finally:
            await producer.stop()


async def _credits_are(client: httpx.AsyncClient, sid: str, n: int) -> bool:
    rec = await record_of(client, sid)
    return bool(rec and rec.credits_retired == n)
