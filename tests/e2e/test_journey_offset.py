"""The journey that must always work (architecture.md), across the four running services.

A company computes an event's footprint, retires the credits its plan needs in the
registry (naming the footprint and the catalog session), applies for certification
(the checks are met from the events the certification service consumed), a reviewer
certifies, and the catalog shows the session as carbon-offset with its certificate.
The registry's, calculator's and catalog's views agree, every event on the wire
matches its contract, and every step shows on the Prometheus metrics.
"""

from __future__ import annotations

import asyncio
import math
from decimal import Decimal

from aiokafka import AIOKafkaConsumer
from e2e_support import SERVICE_AWAY, Programme
from journey_support import REVIEWER, company, issue, ok, unique

from sosai_shared.contracts import all_contracts
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.testing import auth, wait_until_blocking


def metric(client, name: str, **labels: str) -> float:  # type: ignore[no-untyped-def]
    total = 0.0
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(name) and all(f'{k}="{v}"' in line for k, v in labels.items()):
            head = line.split(" ")[0]
            if head == name or head.startswith(name + "{"):
                total += float(line.rsplit(" ", 1)[1])
    return total


def test_the_offset_journey(programme: Programme, bootstrap_servers: str) -> None:
    p = programme
    acme = unique("acme")
    acme_org = company(acme)  # headers: a token for the company's organisation
    # 0. the company organises an EXPO session in the catalog (only a session's organiser may certify it)
    session = ok(
        p.catalog.post(
            "/v1/sessions",
            headers=auth(acme, "catalog:organise", sub=f"organiser@{acme}"),
            json={
                "programme_code": "expo",
                "title_ja": "カーボン・オフセットEXPO 東京",
                "title_en": "Carbon Offset EXPO Tokyo",
                "venue": {"name": "Tokyo Big Sight", "city": "Koto", "prefecture": "Tokyo"},
                "starts_at": "2030-02-01T01:00:00Z",
                "ends_at": "2030-02-01T08:00:00Z",
                "capacity": 300,
                "venue_kwh": "12000",
                "utility": "TEPCO",
            },
        ),
        201,
    )
    session_id = session["id"]

    # 1. the company computes the event's footprint and its offset plan (carbon neutral)
    footprint = ok(
        p.calculator.post(
            "/v1/footprints",
            headers=acme_org,
            json={
                "kind": "event",
                "name": "Carbon Offset EXPO Tokyo",
                "fiscal_year": 2010,
                "session_id": session_id,
                "offset_type": "meeting_event",
                "attendees": [
                    {"origin": "Osaka", "mode": "rail", "distance_km": "500", "count": 200},
                    {
                        "origin": "Sapporo",
                        "mode": "air_domestic_scheduled",
                        "distance_km": "830",
                        "count": 40,
                    },
                ],
                "venue_kwh": "12000",
                "utility": "TEPCO",
                "accommodation_nights": 80,
                "meals": 300,
                "plan": {"offset_share": "1"},
            },
        ),
        201,
    )
    total = Decimal(footprint["total_t_co2"])
    needed = footprint["plan"]["credits_needed"]
    assert needed == math.ceil(total) and needed > 0

    # 2. credits exist (a registered project, certified, issued with four eyes) and reach the company
    proponent = company(unique("kochi-forestry"))
    credits = issue(p, proponent, quantity=500)
    acme_account = ok(p.registry.post("/v1/accounts", json={"name": "offsets"}, headers=acme_org), 201)
    ok(
        p.registry.post(
            "/v1/transfers",
            headers=proponent,
            json={
                "from_account_id": credits.account_id,
                "to_account_id": acme_account["id"],
                "quantity": needed + 5,
            },
        ),
        201,
    )
    retirement = ok(
        p.registry.post(
            "/v1/retirements",
            headers=acme_org,
            json={
                "account_id": acme_account["id"],
                "quantity": needed,
                "use": "meeting_event",
                "purpose": "Carbon offset of the Carbon Offset EXPO Tokyo session",
                "beneficiary": "Acme Corporation",
                "footprint_id": footprint["id"],
                "session_id": session_id,
            },
        ),
        201,
    )
    assert retirement["quantity"] == needed and sum(b["quantity"] for b in retirement["blocks"]) == needed
    public = ok(p.registry.get(f"/v1/public/retirements/{retirement['id']}"))
    assert public["beneficiary"] == "Acme Corporation" and public["footprint_id"] == footprint["id"]

    # 3. the company applies; the checks are met from consumed events; a reviewer certifies
    application = ok(
        p.certification.post(
            "/v1/applications",
            headers=acme_org,
            json={
                "offset_type": "meeting_event",
                "subject_name": "Carbon Offset EXPO Tokyo",
                "subject_kind": "event",
                "scope": "participants' travel, venue electricity, accommodation and meals",
                "emission_sources": ["travel", "venue electricity", "accommodation", "meals"],
                "footprint_id": footprint["id"],
                "session_id": session_id,
                "carbon_neutral": True,
                "reduction_efforts": "Public transport recommended; paperless programme",
                "retirement_ids": [retirement["id"]],
                "disclosure": "All emissions of this event were offset with J-VER.",
            },
        ),
        201,
    )
    app_id = application["id"]
    ok(p.certification.post(f"/v1/applications/{app_id}/submit", headers=acme_org, json={}))

    def checks_met() -> dict | None:  # type: ignore[type-arg]
        a = ok(p.certification.get(f"/v1/applications/{app_id}", headers=acme_org))
        return a if a["checks_met"] else None

    checked = wait_until_blocking(checks_met, timeout=90, transient=SERVICE_AWAY)
    assert all(c["met"] for c in checked["checks"])
    ok(p.certification.post(f"/v1/applications/{app_id}/review", headers=REVIEWER, json={}))
    certified = ok(p.certification.post(f"/v1/applications/{app_id}/certify", headers=REVIEWER, json={}))
    number = certified["certificate"]["number"]
    assert number.startswith("CO-")
    cert_page = ok(p.certification.get(f"/v1/public/certificates/{number}"))
    assert cert_page["credits_retired"] == needed
    assert cert_page["retirements"][0]["retirement_id"] == retirement["id"]

    # 4. the events catalog shows the session as carbon-offset, with its certificate
    def card_certified() -> dict | None:  # type: ignore[type-arg]
        card = ok(p.catalog.get(f"/v1/sessions/{session_id}/carbon-card"))
        return card if card["certificate_number"] == number else None

    card = wait_until_blocking(card_certified, timeout=90, transient=SERVICE_AWAY)
    assert card["credits_retired"] == needed and card["certificate_status"] == "certified"

    # 4b. the public explorer verifies the certificate's and the retirement's signed claims,
    # which it copied from certification and the registry in the background
    kids = {
        "certification service": ok(p.certification.get("/.well-known/jwks.json"))["keys"][0]["kid"],
        "registry": ok(p.registry.get("/.well-known/jwks.json"))["keys"][0]["kid"],
    }

    def claims_verified() -> str | None:
        page = p.explorer.get(f"/verify/{number}", params={"lang": "en"}).text
        return page if page.count("Signed claim verified with key") == 2 else None

    page = wait_until_blocking(claims_verified, timeout=120, transient=SERVICE_AWAY)
    for issuer, kid in kids.items():
        assert f"Signed claim verified with key {kid} of the {issuer}." in page
    assert "✓ Every stored signed claim verifies and agrees with the events" in page
    doc = p.explorer.get(f"/verify/{number}/claim.json").json()
    assert doc["claim"]["id"] == number and doc["evidence"][0]["claim"]["id"] == retirement["id"]

    # 5. the views agree: registry, calculator and catalog count the same tonnes
    def calculator_covered() -> dict | None:  # type: ignore[type-arg]
        fp = ok(p.calculator.get(f"/v1/footprints/{footprint['id']}", headers=acme_org))
        return fp if fp["coverage"]["coverage"] == "full" else None

    fp = wait_until_blocking(calculator_covered, timeout=90, transient=SERVICE_AWAY)
    assert fp["coverage"]["credits_retired"] == needed == card["credits_retired"] == retirement["quantity"]
    retirements = ok(p.registry.get("/v1/public/retirements", params={"beneficiary": "Acme Corporation"}))
    assert sum(r["quantity"] for r in retirements["items"] if r["session_id"] == session_id) == needed

    # 6. every step shows on the services' Prometheus metrics
    assert metric(p.registry, "sosai_registry_tonnes_retired_total") >= needed
    assert metric(p.registry, "sosai_registry_tonnes_issued_total") >= credits.issued
    assert metric(p.calculator, "sosai_calculator_footprints_total", kind="event") >= 1
    assert metric(p.certification, "sosai_certification_certified_total", offset_type="meeting_event") >= 1
    assert metric(p.catalog, "sosai_catalog_sessions_scheduled_total") >= 1
    for svc in (p.registry, p.calculator, p.certification, p.catalog):
        assert metric(svc, "sosai_http_requests_total") > 0
    assert metric(p.catalog, "sosai_consumer_processed_total") >= 2  # the retirement and the certification

    # 7. every event on the wire matches its contract
    events = asyncio.run(read_all_events(bootstrap_servers, p.topic_prefix))
    types = {e.type for e in events}
    assert {
        "jp.sosai.registry.credits.retired.v1",
        "jp.sosai.calculator.footprint.calculated.v1",
        "jp.sosai.certification.offset.certified.v1",
        "jp.sosai.catalog.session.scheduled.v1",
    } <= types
    for e in events:
        contract = all_contracts()[e.type]
        assert contract.model_validate(e.data).subject == e.subject


async def read_all_events(servers: str, prefix: str) -> list[CloudEvent]:
    topics = [
        f"{prefix}{t}"
        for t in ("registry.events", "certification.events", "calculator.events", "catalog.events")
    ]
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=servers,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    out: list[CloudEvent] = []
    try:
        idle = 0
        while idle < 3:
            batch = await consumer.getmany(timeout_ms=1000)
            if not batch:
                idle += 1
                continue
            idle = 0
            for messages in batch.values():
                out.extend(CloudEvent.from_bytes(m.value or b"") for m in messages)
    finally:
        await consumer.stop()
    return out
