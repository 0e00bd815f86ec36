"""The unit of work of one HTTP request: one transaction, committed in exactly one place.

It also carries the request's ``Idempotency-Key`` handling, because the stored
response must commit in the same transaction as the change it describes:

* same key, same body, completed → the stored response, nothing re-executed;
* same key, different body → 422 ``idempotency-key-reused``;
* same key while the first request is still running → 409 ``idempotency-in-flight``.

One key, one effect. The first request commits an in-flight marker before the work
starts and holds it as a *lease*: a heartbeat renews it every
:data:`LEASE_RENEW_SECONDS` while the request runs, however long that is. A retry
takes the key over only when the lease was not renewed for :data:`LEASE_SECONDS`,
i.e. when the process that held it is dead (or so stuck that it cannot reach its own
database). Even then the first request cannot act twice: its completion is written in
its business transaction only if it still owns the lease (a fencing token), otherwise
that transaction rolls back with 409. Without schema changes in every service, the
marker's ``created_at`` carries the last renewal and ``response_body`` the owner's
token while the request is in flight.

Keys are scoped to the authenticated caller and checked after authentication and
authorization: a refused request never touches the key. If the work fails, the marker
is removed and a retry runs afresh; errors are not stored (a rejected request changed
nothing). The dependency is declared with ``scope="function"`` so that the commit
finishes before the response is sent: a failed commit is never answered with a 2xx.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Table, and_, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_shared.auth.jwt import Principal, current_principal, optional_principal
from sosai_shared.db import Database, utcnow
from sosai_shared.errors import Conflict, Unprocessable
from sosai_shared.faults import AFTER_COMMIT, crash_if_armed

log = logging.getLogger("sosai.idempotency")
_WRITING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

#: A key whose lease was not renewed for this long belongs to a dead request and may be taken over.
LEASE_SECONDS = 10.0
#: How often a running request renews its lease (a few beats fit in one lease).
LEASE_RENEW_SECONDS = 2.0
MAX_KEY_LENGTH = 200


class IdempotentReplay(Exception):
    """Raised before the work runs when a completed request is retried: answer with its stored response."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__("idempotent replay")
        self.status, self.body = status, body


def replay_response(exc: IdempotentReplay) -> Response:
    return Response(
        exc.body,
        status_code=exc.status,
        media_type="application/json",
        headers={"Idempotent-Replayed": "true"},
    )


class UnitOfWork:
    def __init__(
        self,
        session: AsyncSession,
        principal: Principal | None,
        key: str | None,
        scope: str | None,
        owner: str = "",
    ) -> None:
        self.session = session
        self.principal = principal
        self.idempotency_key = key
        self._scope = scope
        self._owner = owner
        self.responded = False

    async def respond(
        self,
        content: Any,
        status_code: int = 201,
        headers: dict[str, str] | None = None,
        *,
        replay: Any = None,
    ) -> JSONResponse:
        """The response of a creating/moving POST, stored with the change when a key was given.

        ``replay``: what a retry with the same key gets instead of ``content``, for a response
        carrying a secret that is shown once and must not be stored (a new API key)."""
        body = _json(content)
        if self.idempotency_key is not None:
            await self._complete(
                state="done",
                response_status=status_code,
                response_body=json.dumps(body if replay is None else _json(replay)),
                completed_at=utcnow(),
            )
        self.responded = True
        return JSONResponse(body, status_code=status_code, headers=headers)

    async def finish_without_response(self) -> None:
        """A keyed request whose route stored no response: release the key, in the same transaction
        and only while this request still holds it."""
        t = self.session.info["idempotency_table"]
        assert self._scope is not None and self.idempotency_key is not None
        result = await self.session.execute(
            delete(t).where(_owned(t, self._scope, self.idempotency_key, self._owner))
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise _in_flight()

    async def _complete(self, **values: Any) -> None:
        t = self.session.info["idempotency_table"]
        assert self._scope is not None and self.idempotency_key is not None
        result = await self.session.execute(
            update(t).where(_owned(t, self._scope, self.idempotency_key, self._owner)).values(**values)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            # the lease was taken over (this process looked dead): the other request owns the effect
            raise _in_flight()


def _json(content: Any) -> Any:
    # a model dumps itself to JSON types in compiled code; the generic encoder walks it again in Python
    if isinstance(content, BaseModel):
        return content.model_dump(mode="json", by_alias=True)
    return jsonable_encoder(content)


def _fingerprints(method: str, path: str, body: bytes) -> tuple[str, str]:
    """The request's fingerprint, and the one keys stored before it was canonical carry.

    A JSON body is fingerprinted in canonical form (keys sorted, no spaces), so a retry that sends
    the same request with its fields in another order (another client library, a regenerated
    model) replays instead of being refused as another request."""
    head = method.encode() + b" " + path.encode() + b"\n"
    raw = hashlib.sha256(head + body).hexdigest()
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth: its bytes
        return raw, raw
    return hashlib.sha256(head + canonical.encode()).hexdigest(), raw


async def _begin_idempotent(
    db: Database,
    scope: str,
    key: str,
    method: str,
    path: str,
    digest: str,
    owner: str,
    raw_digest: str | None = None,
) -> None:
    """Take the key's lease (new key, or an expired lease), or say why not."""
    t = db.idempotency
    async with db.sessionmaker() as s, s.begin():
        row = (
            await s.execute(select(t).where(and_(t.c.scope == scope, t.c.key == key)).with_for_update())
        ).first()
        if row is not None:
            if row.request_hash not in (digest, raw_digest):
                raise Unprocessable(
                    "This Idempotency-Key was already used with a different request.",
                    type="idempotency-key-reused",
                    title="Idempotency key reused",
                )
            if row.state == "done":
                raise IdempotentReplay(row.response_status, row.response_body)
            if utcnow() - row.created_at < timedelta(seconds=LEASE_SECONDS):
                raise _in_flight()
            # the holder stopped renewing: its process is gone; the key is ours now (fenced by owner)
            await s.execute(
                update(t)
                .where(and_(t.c.scope == scope, t.c.key == key, t.c.state == "in_flight"))
                .values(created_at=utcnow(), response_body=owner)
            )
            return
        try:
            async with s.begin_nested():
                await s.execute(
                    t.insert().values(
                        scope=scope,
                        key=key,
                        method=method,
                        path=path,
                        request_hash=digest,
                        state="in_flight",
                        created_at=utcnow(),
                        response_body=owner,
                    )
                )
        except IntegrityError as exc:
            raise _in_flight() from exc


def _in_flight() -> Conflict:
    return Conflict(
        "A request with this Idempotency-Key is still being processed; retry later.",
        type="idempotency-in-flight",
        title="Request in flight",
    )


def _owned(t: Table, scope: str, key: str, owner: str) -> ColumnElement[bool]:
    return and_(t.c.scope == scope, t.c.key == key, t.c.state == "in_flight", t.c.response_body == owner)


async def _renew(db: Database, scope: str, key: str, owner: str, stop: asyncio.Event) -> None:
    """The heartbeat of a running request's lease; stops when the request ends (or loses the key)."""
    t = db.idempotency
    while True:
        try:
            await asyncio.wait_for(stop.wait(), timeout=LEASE_RENEW_SECONDS)
            return
        except TimeoutError:
            pass
        try:
            async with db.sessionmaker() as s, s.begin():
                result = await s.execute(
                    update(t).where(_owned(t, scope, key, owner)).values(created_at=utcnow())
                )
            if result.rowcount == 0:  # type: ignore[attr-defined]
                return  # done, released or taken over: nothing left to renew
        except Exception as exc:  # the database is briefly away: try again next beat
            log.warning("idempotency lease renewal failed: %s", type(exc).__name__)


async def _release(db: Database, scope: str, key: str, owner: str) -> None:
    t = db.idempotency
    async with db.sessionmaker() as s, s.begin():
        await s.execute(delete(t).where(_owned(t, scope, key, owner)))


async def _authenticated(request: Request) -> Principal | None:
    """The caller, verified and authorized exactly as the route will do it, before the key is read.

    The route's own ``require(...)`` dependencies run later in FastAPI's order; running them
    here first means a request that will be refused (401/403) never takes or reveals a key.
    Public routes have none: their keys are scoped to the verified caller, if any.
    """
    route = request.scope.get("route")
    requirements = [
        dep.call for dep in _walk(getattr(route, "dependant", None)) if hasattr(dep.call, "__sosai_scopes__")
    ]
    if not requirements:
        return await optional_principal(request)
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    creds = (
        HTTPAuthorizationCredentials(scheme=scheme, credentials=credentials.strip()) if credentials else None
    )
    principal = await current_principal(request, creds)
    for check in requirements:
        await check(principal)
    return principal


def _walk(dependant: Any) -> Iterator[Any]:
    for dep in getattr(dependant, "dependencies", ()):
        yield dep
        yield from _walk(dep)


async def unit_of_work(request: Request) -> AsyncIterator[UnitOfWork]:
    runtime = request.app.state.runtime
    db: Database = runtime.db
    key = request.headers.get("idempotency-key") if request.method == "POST" else None
    scope: str | None = None
    owner = uuid.uuid4().hex
    principal = await _authenticated(request)
    if key is not None:
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise Unprocessable(
                f"Idempotency-Key must be 1..{MAX_KEY_LENGTH} printable characters.",
                type="invalid-idempotency-key",
            )
        scope = principal.idempotency_scope if principal else "anonymous"
        body = await request.body()
        digest, raw_digest = _fingerprints(request.method, request.url.path, body)
        await _begin_idempotent(db, scope, key, request.method, request.url.path, digest, owner, raw_digest)
    stop = asyncio.Event()
    heartbeat = (
        asyncio.create_task(_renew(db, scope, key, owner, stop), name="idempotency-lease")
        if key is not None and scope is not None
        else None
    )
    # reads never take SQLite's write lock: only requests that may write begin IMMEDIATE
    sessionmaker = db.sessionmaker if request.method in _WRITING_METHODS else db.read_sessionmaker
    try:
        async with sessionmaker() as session:
            session.info["idempotency_table"] = db.idempotency
            uow = UnitOfWork(session, principal, key, scope, owner)
            try:
                async with session.begin():
                    yield uow
                    if key is not None and not uow.responded:
                        await uow.finish_without_response()
            except BaseException:
                if key is not None and scope is not None:
                    await _release(db, scope, key, owner)
                raise
        crash_if_armed(AFTER_COMMIT, request.url.path)  # the reliability tests' crash point, off otherwise
    finally:
        stop.set()
        if heartbeat is not None:
            try:
                await asyncio.wait_for(heartbeat, timeout=5)
            except (TimeoutError, asyncio.CancelledError):
                heartbeat.cancel()


#: What routes declare: ``uow: UoW``.
UoW = Annotated[UnitOfWork, Depends(unit_of_work, scope="function")]
