"""The four-eyes queue from one service to the other: proposals made in the registry reach the
officers' digest mail through the registry's outbox, the real broker and the notifications consumer.

Both services run in this process (their own databases, one topic prefix of their own); the mail is
read from a real SMTP server (the notifications service's aiosmtpd sink).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from sosai_notifications.config import Settings as NotificationsSettings
from sosai_notifications.mail import sink
from sosai_notifications.main import create_app as notifications_app
from sosai_notifications.models import ApprovalProposal
from sosai_registry.config import Settings as RegistrySettings
from sosai_registry.main import create_app as registry_app
from sosai_shared.testing import auth, wait_until

ADMIN1 = auth("registry", "registry:admin", sub="officer-1@registry")
ADMIN2 = auth("registry", "registry:admin", sub="officer-2@registry")
HOLDER = auth("org-holder", "registry:write", "registry:read", sub="user@org-holder")


def _client(app: FastAPI, name: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", timeout=60)


@pytest.fixture
async def services(
    database_factory: Any, bootstrap_servers: str, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient, Path, FastAPI]]:
    """(registry client, notifications client, the sink's Maildir, the notifications app)."""
    prefix = f"t{uuid.uuid4().hex[:8]}."
    idempotence = os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true"
    folder = tmp_path / "mailbox"
    server, port = await sink.start(folder)
    notifications = notifications_app(
        NotificationsSettings(
            database_url=await database_factory.new("notifications"),
            kafka_bootstrap_servers=bootstrap_servers,
            kafka_topic_prefix=prefix,
            kafka_enable_idempotence=idempotence,
            migrate_on_startup=True,
            consumer_group=f"notifications.test-{uuid.uuid4().hex[:8]}",
            worker_poll_seconds=0.1,
            approvals_digest_seconds=0.5,
            smtp_port=port,
            mailbox_dir=str(folder),
            run_smtp_sink=False,
        )
    )
    registry = registry_app(
        RegistrySettings(
            database_url=await database_factory.new("registry"),
            kafka_bootstrap_servers=bootstrap_servers,
            kafka_topic_prefix=prefix,
            kafka_enable_idempotence=idempotence,
            migrate_on_startup=True,
            run_consumers=False,
        )
    )
    try:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(notifications.router.lifespan_context(notifications))
            await notifications.state.runtime.extras["consumer_start"]  # subscribed: sees every event
            await stack.enter_async_context(registry.router.lifespan_context(registry))
            reg = await stack.enter_async_context(_client(registry, "registry"))
            notif = await stack.enter_async_context(_client(notifications, "notifications"))
            yield reg, notif, folder, notifications
    finally:
        server.close()
        await server.wait_closed()


async def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    resp = await r
    assert resp.status_code == status, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def _certified_account(reg: httpx.AsyncClient, quantity: int) -> tuple[str, str]:
    """(certification id, holding account of org-holder) for a registered project."""
    code = f"M{uuid.uuid4().hex[:8]}"
    body = {"code": code, "name": "Biomass boiler", "category": "emission_reduction"}
    await _ok(reg.post("/v1/methodologies", json=body, headers=ADMIN1), 201)
    project = await _ok(
        reg.post(
            "/v1/projects",
            json={
                "name": "Forest town biomass",
                "methodology_code": code,
                "prefecture": "kochi",
                "programme": "national",
                "crediting_start": "2008-04-01",
                "crediting_end": "2013-03-31",
            },
            headers=HOLDER,
        ),
        201,
    )
    for to in ("validated", "registered"):
        await _ok(reg.post(f"/v1/projects/{project['id']}/transitions", json={"to": to}, headers=ADMIN1))
    cert = await _ok(
        reg.post(
            f"/v1/projects/{project['id']}/certifications",
            json={
                "period_start": "2010-04-01",
                "period_end": "2011-03-31",
                "monitoring_report": "MR-1",
                "verifier": "JQA",
                "quantity": quantity,
            },
            headers=ADMIN1,
        ),
        201,
    )
    acc = await _ok(reg.post("/v1/accounts", json={"name": "main"}, headers=HOLDER), 201)
    return str(cert["id"]), str(acc["id"])


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


async def test_registry_proposals_reach_the_officers_digest_and_decided_ones_drop_out(
    services: tuple[httpx.AsyncClient, httpx.AsyncClient, Path, FastAPI],
) -> None:
    reg, notif, folder, notifications = services
    contact = {"email": "officers@registry.example", "language": "en"}
    officers = auth("registry", "notifications:write", "notifications:read", sub="officer-1@registry")
    await _ok(notif.put("/v1/notifications/contact", json=contact, headers=officers))
    cert, acc = await _certified_account(reg, 120)
    issuance = await _ok(
        reg.post(
            f"/v1/certifications/{cert}/issuances", json={"quantity": 120, "account_id": acc}, headers=ADMIN1
        ),
        201,
    )

    async def mails(n: int) -> list[EmailMessage] | None:
        found = sink.messages(folder)
        return found if len(found) >= n else None

    (first,) = await wait_until(lambda: mails(1), timeout=90)
    assert first["To"] == "officers@registry.example"
    assert first["Subject"] == "1 four-eyes proposal waits for your approval"
    assert issuance["id"] in _body(first) and "Issuance" in _body(first) and "120 t-CO2" in _body(first)

    # approved by the second officer, then a cancellation proposed: the next digest names only that
    await _ok(reg.post(f"/v1/transactions/{issuance['id']}/approve", json={}, headers=ADMIN2))

    async def decided() -> bool:  # the decision is applied before the next proposal is made
        async with notifications.state.runtime.db.sessionmaker() as s:
            row = await s.get(ApprovalProposal, issuance["id"])
            return row is not None and row.decision == "approved"

    await wait_until(decided, timeout=90)
    cancellation = await _ok(
        reg.post(
            "/v1/cancellations",
            json={"account_id": acc, "quantity": 5, "reason": "double count"},
            headers=ADMIN1,
        ),
        201,
    )
    mails_now = await wait_until(lambda: mails(2), timeout=90)
    (second,) = [m for m in mails_now if m["Message-ID"] != first["Message-ID"]]
    body = _body(second)
    assert cancellation["id"] in body and "double count" in body and "org-holder" in body
    assert issuance["id"] not in body and "earlier mail" not in body  # the issuance was decided
