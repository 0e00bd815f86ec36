"""Helpers of the notifications tests: a real HTTP receiver on loopback, events, callers."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

import httpx
import uvicorn
from fastapi import FastAPI

from sosai_notifications.mail import sink
from sosai_shared.contracts import (
    ApprovalDecidedV1,
    ApprovalRequestedV1,
    CreditsIssuedV1,
    CreditsRetiredV1,
    CreditsTransferredV1,
    EventPayload,
    ProjectRegisteredV1,
    SerialBlockV1,
)
from sosai_shared.events.envelope import CloudEvent
from sosai_shared.testing import auth

WRITE, READ = "notifications:write", "notifications:read"
T = TypeVar("T")


def owner(org: str) -> dict[str, str]:
    return auth(org, WRITE, READ, sub=f"dev@{org}")


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    at: float


@dataclass
class Receiver:
    """A real HTTP endpoint (uvicorn on a free loopback port) recording what it is sent.

    ``answers`` is consumed one status per request (then 200); ``delay`` slows every answer.
    """

    answers: list[int] = field(default_factory=list)
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)

    async def start(self) -> None:
        async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                return
            body = b""
            while True:
                message = await receive()
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
            headers = {k.decode(): v.decode() for k, v in scope["headers"]}
            self.received.append(Received(headers, body, time.monotonic()))
            if self.delay:
                await asyncio.sleep(self.delay)
            status = self.answers.pop(0) if self.answers else 200
            self.answered.append(status)
            await send({"type": "http.response.start", "status": status, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(asgi, log_level="warning", lifespan="off"))
        self._task = asyncio.create_task(self._server.serve(sockets=[self._sock]))
        while not self._server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
            await asyncio.sleep(0.02)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    async def stop(self) -> None:
        self._server.should_exit = True
        await asyncio.wait_for(self._task, 10)

    def acknowledged(self) -> list[Received]:
        return [r for r, status in zip(self.received, self.answered, strict=False) if 200 <= status < 300]


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
    _, handler = consumer.handlers[payload.event_type]  # the app's own: it wakes the app's worker
    return bool(await consumer.apply(envelope(payload, event_id), payload, handler, topic=payload.topic))


def block(start: int = 1, quantity: int = 13, project_id: str = "prj-1") -> SerialBlockV1:
    return SerialBlockV1(
        serial=f"JP-ER-NAT-P0001-2010-{start:06d}-{start + quantity - 1:06d}",
        start=start,
        end=start + quantity - 1,
        quantity=quantity,
        project_id=project_id,
        vintage=2010,
        credit_type="ER",
    )


def retired(org: str, quantity: int = 13) -> CreditsRetiredV1:
    return CreditsRetiredV1(
        retirement_id=f"ret-{uuid.uuid4().hex[:8]}",
        account_id=f"acc-{org}",
        holder_org=org,
        quantity=quantity,
        blocks=[block(quantity=quantity)],
        use="meeting_event",
        purpose="Offset of the Carbon Offset EXPO Tokyo session",
        beneficiary=org,
        footprint_id="fp-secret",
        retired_at=datetime.now(UTC),
    )


def issued(org: str, project_id: str, n: int) -> CreditsIssuedV1:
    return CreditsIssuedV1(
        issuance_id=f"iss-{n}-{uuid.uuid4().hex[:6]}",
        certification_id="cert-1",
        project_id=project_id,
        account_id=f"acc-{org}",
        holder_org=org,
        quantity=10,
        blocks=[block(start=1 + 10 * n, quantity=10, project_id=project_id)],
        issued_at=datetime.now(UTC),
    )


def transferred(from_org: str, to_org: str) -> CreditsTransferredV1:
    return CreditsTransferredV1(
        transfer_id=f"tr-{uuid.uuid4().hex[:8]}",
        from_account_id=f"acc-{from_org}",
        to_account_id=f"acc-{to_org}",
        from_org=from_org,
        to_org=to_org,
        quantity=5,
        blocks=[block(quantity=5)],
        transferred_at=datetime.now(UTC),
    )


def project(n: int, org: str = "org-proponent") -> ProjectRegisteredV1:
    return ProjectRegisteredV1(
        project_id=f"prj-{n:04d}",
        project_code=f"P{n:04d}",
        name=f"Forest absorption project {n}",
        proponent_org=org,
        methodology_code="R001",
        category="forest",
        prefecture="Kochi",
        programme="national",
        registered_at=datetime.now(UTC),
    )


async def subscribe(
    client: httpx.AsyncClient, org: str, url: str, types: list[str] | None = None
) -> dict[str, Any]:
    r = await client.post(
        "/v1/webhooks/subscriptions", json={"url": url, "event_types": types or ["*"]}, headers=owner(org)
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def mailbox(folder: Path, n: int) -> Callable[[], Awaitable[list[EmailMessage] | None]]:
    """A ``wait_until`` probe: the sink's messages once there are at least ``n``."""

    async def check() -> list[EmailMessage] | None:
        found = sink.messages(folder)
        return found if len(found) >= n else None

    return check


def body_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


async def set_contact(client: httpx.AsyncClient, org: str, email: str, language: str) -> None:
    r = await client.put(
        "/v1/notifications/contact", json={"email": email, "language": language}, headers=owner(org)
    )
    assert r.status_code == 200, r.text


def approval_requested(
    proposal_id: str, proposer_org: str = "registry", account_org: str = "org-holder", quantity: int = 40
) -> ApprovalRequestedV1:
    return ApprovalRequestedV1(
        proposal_id=proposal_id,
        kind="cancellation",
        account_id=f"acc-{account_org}",
        account_org=account_org,
        quantity=quantity,
        reason="double registration",
        proposer_sub=f"officer-1@{proposer_org}",
        proposer_org=proposer_org,
        proposed_at=datetime.now(UTC),
    )


def approval_decided(
    proposal_id: str, decision: str = "rejected", proposer_org: str = "registry"
) -> ApprovalDecidedV1:
    return ApprovalDecidedV1(
        proposal_id=proposal_id,
        kind="cancellation",
        proposer_org=proposer_org,
        decision=decision,  # type: ignore[arg-type]
        decided_by=f"officer-2@{proposer_org}",
        decided_at=datetime.now(UTC),
    )
