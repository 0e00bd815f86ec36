"""A minimal service built on the shared platform, used to test the platform itself."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any, ClassVar

import httpx
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Column, select
from sqlmodel import Field as SQLField

from sosai_shared.app import Runtime, create_service_app
from sosai_shared.auth import Principal, public, require
from sosai_shared.contracts.base import EventPayload
from sosai_shared.db import UTCDateTime, make_base, utcnow
from sosai_shared.errors import DomainError, NotFound
from sosai_shared.events.outbox import record
from sosai_shared.settings import ServiceSettings
from sosai_shared.uow import UoW

# shared with the consumer subprocesses (they inherit the environment), so both sides agree on the topic
RUN = os.environ.setdefault("SOSAI_TOY_RUN", uuid.uuid4().hex[:8])
ToyBase = make_base("Toy")


class Note(ToyBase, table=True):  # type: ignore[call-arg]
    __tablename__ = "notes"
    id: str = SQLField(primary_key=True)
    org: str
    key: str
    seq: int
    text: str
    created_at: datetime = SQLField(sa_column=Column(UTCDateTime, nullable=False))


class Contact(ToyBase, table=True):  # type: ignore[call-arg]
    """A unique e-mail address: the toy's route lets the duplicate reach the database on purpose."""

    __tablename__ = "contacts"
    email: str = SQLField(primary_key=True)


class NoteCreatedV1(EventPayload):
    event_type: ClassVar[str] = f"jp.sosai.toy{RUN}.note.created.v1"
    topic: ClassVar[str] = f"toy{RUN}.events"
    subject_field: ClassVar[str] = "key"

    note_id: str
    key: str
    seq: int
    text: str


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(min_length=1, max_length=50)
    seq: int = 0
    text: str = Field(min_length=1, max_length=1000)


class ToySettings(ServiceSettings):
    service_name: str = "toy"


router = APIRouter(prefix="/v1")
Writer = Annotated[Principal, Depends(require("notes:write"))]


@router.post("/notes", status_code=201)
async def create_note(body: NoteIn, uow: UoW, principal: Writer, request: Request) -> object:
    gate: asyncio.Event | None = getattr(request.app.state, "gate", None)
    if body.text == "slow" and gate is not None:
        entered: asyncio.Event | None = getattr(request.app.state, "entered", None)
        if entered is not None:
            entered.set()  # the in-flight marker is committed by now
        await gate.wait()
    if body.text == "hang" and not os.environ.get("TOY_GATE_OPEN"):
        await asyncio.Event().wait()  # the toy under uvicorn: hangs until its process is killed
    if body.text == "reject":
        raise DomainError("notes saying 'reject' are refused", type="toy-rejected", status=409)
    note = Note(
        id=str(uuid.uuid4()),
        org=principal.org,
        key=body.key,
        seq=body.seq,
        text=body.text,
        created_at=utcnow(),
    )
    uow.session.add(note)
    await uow.session.flush()
    await record(uow.session, NoteCreatedV1(note_id=note.id, key=note.key, seq=note.seq, text=note.text))
    return await uow.respond({"id": note.id, "key": note.key, "seq": note.seq, "text": note.text}, 201)


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(min_length=3, max_length=200)


@router.post("/contacts", status_code=201)
async def add_contact(body: ContactIn, uow: UoW, _: Writer) -> object:
    uow.session.add(Contact(email=body.email))
    await uow.session.flush()  # a duplicate fails here: a database error carrying the address
    return await uow.respond({"email": body.email}, 201)


@router.get("/notes/{note_id}")
async def get_note(
    note_id: str, uow: UoW, principal: Annotated[Principal, Depends(require("notes:read"))]
) -> dict[str, object]:
    note = (await uow.session.execute(select(Note).where(Note.id == note_id))).scalar_one_or_none()
    if note is None or note.org != principal.org:
        raise NotFound(f"no note {note_id}")
    return {"id": note.id, "text": note.text}


@router.get("/public/ping", dependencies=[public])
async def ping() -> dict[str, str]:
    return {"pong": "yes"}


@router.get("/boom", dependencies=[public])
async def boom() -> dict[str, str]:
    raise RuntimeError("secret internals must not leak")


async def _create_tables(runtime: Runtime) -> None:
    async with runtime.db.engine.begin() as conn:
        await conn.run_sync(ToyBase.metadata.create_all)


def make_app(settings: ToySettings):  # type: ignore[no-untyped-def]
    return create_service_app(
        settings,
        title="toy",
        description="platform test app",
        package="tests",
        metadata=ToyBase.metadata,
        routers=[router],
        publishes=[NoteCreatedV1.topic],
        on_startup=_create_tables,
    )


def create_app():  # type: ignore[no-untyped-def]
    """For ``uvicorn --factory toyapp:create_app``: the toy as a process, configured from the environment."""
    return make_app(ToySettings(migrate_on_startup=False))


@asynccontextmanager
async def toy_client(
    database_url: str, bootstrap_servers: str, **overrides: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """The toy service on the tier's database and broker, behind an in-process HTTP client;
    ``overrides`` are further settings (small rate limits, a patient relay)."""
    settings = ToySettings(
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        migrate_on_startup=False,
        kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE", "false") == "true",
        **overrides,
    )
    app = make_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://toy") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client
