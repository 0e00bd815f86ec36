"""The unit of work of one HTTP request: one transaction, committed in exactly one place.

It also carries the request's ``Idempotency-Key`` handling, because the stored
response must commit in the same transaction as the change it describes:

* same key, same body, completed → the stored response, nothing re-executed;
* same key, different body → 422 ``idempotency-key-reused``;
* same key while the first request is still running → 409 ``idempotency-in-flight``.

The in-flight marker is committed separately before the work starts (so a
concurrent retry can see it); the completion is written with the change. If the
work fails, the marker is removed and a retry runs afresh; if the process dies
mid-request, the marker goes stale after :data:`IN_FLIGHT_STALE_SECONDS` and a
retry takes it over. Errors are not stored: a rejected request changed nothing.
The dependency is declared with ``scope="function"`` so that the commit finishes
before the response is sent: a failed commit is never answered with a 2xx.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from sqlalchemy import and_, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_shared.auth.jwt import Principal, optional_principal
from sosai_shared.db import Database, utcnow
from sosai_shared.errors import Conflict, Unprocessable

IN_FLIGHT_STALE_SECONDS = 30
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
        self, session: AsyncSession, principal: Principal | None, key: str | None, scope: str | None
    ) -> None:
        self.session = session
        self.principal = principal
        self.idempotency_key = key
        self._scope = scope

    async def respond(
        self, content: Any, status_code: int = 201, headers: dict[str, str] | None = None
    ) -> JSONResponse:
        """The response of a creating/moving POST, stored with the change when a key was given."""
        body = jsonable_encoder(content)
        if self.idempotency_key is not None:
            db_table = self.session.info["idempotency_table"]
            await self.session.execute(
                update(db_table)
                .where(and_(db_table.c.scope == self._scope, db_table.c.key == self.idempotency_key))
                .values(
                    state="done",
                    response_status=status_code,
                    response_body=json.dumps(body),
                    completed_at=utcnow(),
                )
            )
        return JSONResponse(body, status_code=status_code, headers=headers)


async def _begin_idempotent(db: Database, scope: str, key: str, method: str, path: str, digest: str) -> None:
    t = db.idempotency
    async with db.sessionmaker() as s, s.begin():
        row = (
            await s.execute(select(t).where(and_(t.c.scope == scope, t.c.key == key)).with_for_update())
        ).first()
        if row is not None:
            if row.request_hash != digest:
                raise Unprocessable(
                    "This Idempotency-Key was already used with a different request.",
                    type="idempotency-key-reused",
                    title="Idempotency key reused",
                )
            if row.state == "done":
                raise IdempotentReplay(row.response_status, row.response_body)
            if utcnow() - row.created_at < timedelta(seconds=IN_FLIGHT_STALE_SECONDS):
                raise Conflict(
                    "A request with this Idempotency-Key is still being processed; retry later.",
                    type="idempotency-in-flight",
                    title="Request in flight",
                )
            await s.execute(
                update(t).where(and_(t.c.scope == scope, t.c.key == key)).values(created_at=utcnow())
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
                    )
                )
        except IntegrityError as exc:
            raise Conflict(
                "A request with this Idempotency-Key is still being processed; retry later.",
                type="idempotency-in-flight",
                title="Request in flight",
            ) from exc


async def _release(db: Database, scope: str, key: str) -> None:
    t = db.idempotency
    async with db.sessionmaker() as s, s.begin():
        await s.execute(delete(t).where(and_(t.c.scope == scope, t.c.key == key, t.c.state == "in_flight")))


async def unit_of_work(
    request: Request, principal: Annotated[Principal | None, Depends(optional_principal)]
) -> AsyncIterator[UnitOfWork]:
    db: Database = request.app.state.runtime.db
    key = request.headers.get("idempotency-key") if request.method == "POST" else None
    scope: str | None = None
    if key is not None:
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise Unprocessable(
                f"Idempotency-Key must be 1..{MAX_KEY_LENGTH} printable characters.",
                type="invalid-idempotency-key",
            )
        scope = principal.idempotency_scope if principal else "anonymous"
        body = await request.body()
        digest = hashlib.sha256(
            request.method.encode() + b" " + request.url.path.encode() + b"\n" + body
        ).hexdigest()
        await _begin_idempotent(db, scope, key, request.method, request.url.path, digest)
    async with db.sessionmaker() as session:
        session.info["idempotency_table"] = db.idempotency
        try:
            async with session.begin():
                yield UnitOfWork(session, principal, key, scope)
        except BaseException:
            if key is not None and scope is not None:
                await _release(db, scope, key)
            raise


#: What routes declare: ``uow: UoW``.
UoW = Annotated[UnitOfWork, Depends(unit_of_work, scope="function")]
