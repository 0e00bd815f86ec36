"""RFC 9457 problem details: every error a client sees, rendered in one place.

Domain errors carry their status and a stable ``type``; services raise them and
never build responses themselves. Unexpected exceptions become a bare 500 problem
with the request id, never a stack trace.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, StatementError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sosai_shared.db import log_database_error
from sosai_shared.inputs import is_json_media_type
from sosai_shared.logging import request_id_var
from sosai_shared.ratelimit import UNLIMITED_PATHS

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://sosai.jp/problems/"
log = logging.getLogger("sosai.errors")


class DomainError(Exception):
    """A business rule said no. Subclasses (or instances) name a stable problem type."""

    status: int = 400
    type: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        type: str | None = None,
        title: str | None = None,
        status: int | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if type is not None:
            self.type = type
        if title is not None:
            self.title = title
        if status is not None:
            self.status = status
        self.extra = extra


class NotFound(DomainError):
    status, type, title = 404, "not-found", "Not found"


class Conflict(DomainError):
    status, type, title = 409, "conflict", "Conflict"


class Unprocessable(DomainError):
    status, type, title = 422, "unprocessable", "Unprocessable request"


class Unauthorized(DomainError):
    status, type, title = 401, "unauthorized", "Unauthorized"


class Forbidden(DomainError):
    status, type, title = 403, "forbidden", "Forbidden"


class PayloadTooLarge(DomainError):
    status, type, title = 413, "payload-too-large", "Payload too large"


def problem(
    status: int,
    type_: str,
    title: str,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type_ if type_.startswith(("http://", "https://", "about:")) else PROBLEM_BASE + type_,
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if (rid := request_id_var.get()) is not None:
        body["request_id"] = rid
    body.update(extra)
    return JSONResponse(jsonable_encoder(body), status_code=status, media_type=PROBLEM_JSON, headers=headers)


_HTTP_TYPES = {
    400: ("malformed-request", "Malformed request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("payload-too-large", "Payload too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
}


#: asyncpg errors that mean "the server went away or is not accepting connections"
_CONNECTION_ERRORS = {
    "CannotConnectNowError",
    "ConnectionDoesNotExistError",
    "AdminShutdownError",
    "ConnectionFailureError",
    "PostgresConnectionError",
    "TooManyConnectionsError",
    "InternalClientError",
    "ConnectionRefusedError",
}


def database_unavailable(exc: BaseException) -> bool:
    """True when a database error says the database is unreachable, not that the request is wrong."""
    if isinstance(exc, DBAPIError) and (
        exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)
    ):
        return True
    seen: BaseException | None = exc
    for _ in range(5):  # walk the cause chain: SQLAlchemy → adapter → asyncpg
        if seen is None:
            break
        if type(seen).__name__ in _CONNECTION_ERRORS or isinstance(seen, ConnectionError):
            return True
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return False


_UNSTORABLE = {
    "CharacterNotInRepertoireError",
    "UntranslatableCharacterError",
    "UnicodeEncodeError",
    "UnicodeDecodeError",
}


def unstorable_input(exc: BaseException) -> bool:
    """True when the database refused the request's own text (NUL bytes, unpaired surrogates)."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, UnicodeError) or type(seen).__name__ in _UNSTORABLE:
            return True
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return False


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return problem(exc.status, exc.type, exc.title, exc.detail, headers=headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        raw = exc.errors()
        if any(e.get("type") == "json_invalid" for e in raw):
            # the body does not parse: a malformed request, not one that breaks the schema
            return problem(
                400, "malformed-body", "Malformed request body", "The request body is not valid JSON."
            )
        content_type = request.headers.get("content-type")
        if not is_json_media_type(content_type) and any(
            tuple(e.get("loc", ()))[:1] == ("body",) for e in raw
        ):
            # FastAPI hands a body of another media type to the model as raw bytes; say what is wrong
            return problem(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                f"This operation takes application/json, not {(content_type or '').split(';')[0].strip()}.",
            )
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in raw
        ]
        return problem(
            422,
            "validation-error",
            "Invalid request",
            "The request does not match the schema; see 'errors'.",
            errors=errors,
        )

    async def _unavailable(_: Request, exc: Exception) -> JSONResponse:
        # the database is restarting or unreachable: fail fast and say when to retry; the
        # transaction was rolled back (or never began), so nothing partial was kept
        log.warning("database unavailable: %r", exc)
        return problem(
            503,
            "database-unavailable",
            "Service temporarily unavailable",
            "The database is unreachable; retry shortly (with the same Idempotency-Key).",
            headers={"Retry-After": "2"},
        )

    async def _unstorable(_: Request, exc: Exception) -> JSONResponse:
        # text PostgreSQL cannot hold (NUL characters) or no encoding can carry (lone surrogates):
        # the input's fault; the transaction rolled back, nothing was kept
        return problem(
            422,
            "invalid-characters",
            "Invalid characters",
            "The request contains characters that cannot be stored (NUL or unpaired surrogates).",
        )

    async def _statement_error(request: Request, exc: StatementError) -> JSONResponse:
        if isinstance(exc, DBAPIError) and database_unavailable(exc):
            return await _unavailable(request, exc)
        if unstorable_input(exc):
            return await _unstorable(request, exc)
        log_database_error(log, exc)
        return problem(
            500,
            "internal-error",
            "Internal server error",
            "An unexpected error occurred; quote the request id when reporting it.",
        )

    app.add_exception_handler(StatementError, _statement_error)  # type: ignore[arg-type]
    app.add_exception_handler(UnicodeError, _unstorable)

    async def _database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        if database_unavailable(exc):
            return await _unavailable(request, exc)
        if unstorable_input(exc):
            return await _unstorable(request, exc)
        log_database_error(log, exc)
        return problem(
            500,
            "internal-error",
            "Internal server error",
            "An unexpected error occurred; quote the request id when reporting it.",
        )

    app.add_exception_handler(DBAPIError, _database_error)  # type: ignore[arg-type]
    for exc_type in (ConnectionError, TimeoutError, SATimeoutError):
        app.add_exception_handler(exc_type, _unavailable)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        type_, title = _HTTP_TYPES.get(exc.status_code, ("http-error", "HTTP error"))
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            type_ = "malformed-body"  # not JSON, or not the declared content type
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem(exc.status_code, type_, title, detail, headers=getattr(exc, "headers", None))


def unexpected_error_response() -> JSONResponse:
    """The 500 every unhandled exception becomes (rendered by the observability middleware,
    which sits inside Starlette's last-resort handler and so still knows the request id)."""
    exc = sys.exc_info()[1]
    if isinstance(exc, StatementError):
        log_database_error(log, exc)  # never the traceback's message: it carries the values
    else:
        log.exception("unhandled error")
    return problem(
        500,
        "internal-error",
        "Internal server error",
        "An unexpected error occurred; quote the request id when reporting it.",
    )


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "additionalProperties": True,
}
_STANDARD = {
    "400": "Malformed request (the body is not valid JSON of the declared content type)",
    "401": "Missing, expired or invalid bearer token",
    "403": "The token lacks the scope this operation needs",
    "404": "No such object (or it belongs to another organisation)",
    "413": "Request body too large",
    "415": "The body is not of the media type the operation takes (application/json)",
    "422": "The request does not match the schema, or a rule refused it",
    "429": "Over this client's rate limit (see Retry-After and the RateLimit fields)",
    "500": "Unexpected error (quote the request id)",
    "503": "A dependency (the database) is unavailable; retry shortly",
}


def document_problems(schema: dict[str, Any]) -> None:
    """Make the OpenAPI document say what the error handler does: every 4xx/5xx is
    ``application/problem+json``, and the statuses every operation can return are listed
    (body errors where there is a body, auth errors where there is security, 404 where there
    is a path id), so clients and Schemathesis see the real contract."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = op.setdefault("responses", {})
            wanted = {"500", "503"}
            if path not in UNLIMITED_PATHS:
                wanted.add("429")
            if "requestBody" in op:
                wanted |= {"400", "413", "415", "422"}
            if op.get("parameters"):
                wanted.add("422")
            if op.get("security"):
                wanted |= {"401", "403"}
            if "{" in path:
                wanted.add("404")
            for code in wanted:
                responses.setdefault(code, {"description": _STANDARD[code]})
            for code, response in responses.items():
                if code[:1] in ("4", "5"):
                    response["content"] = ref
