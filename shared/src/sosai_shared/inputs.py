"""Text no database can hold, and bodies that are not JSON, refused before any route runs.

One ASGI layer for every service, so SQLite and PostgreSQL answer the same request the
same way: PostgreSQL refuses NUL characters in text and no UTF-8 encoder carries an
unpaired surrogate, while SQLite stores both silently. Refusing them here (in the query
string, the path and every string of a JSON body, keys included) gives one
``422 invalid-characters`` on both tiers instead of a 201 on one and a late error on the
other. A JSON body that does not parse is ``400 malformed-body`` here, where FastAPI
would call it a validation error.

Bodies of other media types are left to the route: some routes take ``text/csv`` or
``multipart/form-data`` and parse (and refuse) them with their own problem types; a route
that wanted JSON and got something else answers 415 (see :mod:`sosai_shared.errors`).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: NUL, or a UTF-16 surrogate left alone (a proper pair decodes to one astral character)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def is_json_media_type(content_type: str | None) -> bool:
    """FastAPI parses a body as JSON when it has no content type, or ``application/json``/``*+json``."""
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def has_unstorable_text(value: Any) -> bool:
    """True if any string in a decoded JSON document (keys included) holds NUL or a lone surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def unstorable_url_part(raw: bytes) -> bool:
    """True if a percent-encoded path or query string decodes to NUL or to bytes that are not UTF-8
    (which is how an encoded surrogate arrives; Starlette would quietly turn it into U+FFFD)."""
    if b"%" not in raw and b"\x00" not in raw:
        return False
    decoded = unquote_to_bytes(raw.replace(b"+", b" "))
    if b"\x00" in decoded:
        return True
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class InputGuard:
    """Pure ASGI middleware; sits inside the observability layer, so the body-size limit applies
    before the body is buffered here and refusals carry the request id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogatepass")
        if unstorable_url_part(scope.get("query_string", b"")) or unstorable_url_part(raw_path):
            await _refuse_characters(scope, receive, send)
            return
        if scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        content_type = next(
            (v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"content-type"), None
        )
        if not is_json_media_type(content_type):
            await self.app(scope, receive, send)  # CSV, multipart: the route knows its format
            return
        body, more_messages = await _read_body(receive)
        if body:
            try:
                document = json.loads(body)
            except ValueError:  # JSONDecodeError, and UnicodeDecodeError for bytes that are not UTF-8
                await _refuse(
                    scope,
                    receive,
                    send,
                    400,
                    "malformed-body",
                    "Malformed request body",
                    "The request body is not valid JSON.",
                )
                return
            if has_unstorable_text(document):
                await _refuse_characters(scope, receive, send)
                return
        await self.app(scope, _replay(body, more_messages, receive), send)


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    """The whole request body, and any non-body message that arrived while reading (a disconnect)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), [message]
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), []


def _replay(body: bytes, pending: list[Message], receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


async def _refuse_characters(scope: Scope, receive: Receive, send: Send) -> None:
    await _refuse(
        scope,
        receive,
        send,
        422,
        "invalid-characters",
        "Invalid characters",
        "The request contains characters that cannot be stored (NUL or unpaired surrogates).",
    )


async def _refuse(
    scope: Scope, receive: Receive, send: Send, status: int, type_: str, title: str, detail: str
) -> None:
    from sosai_shared.errors import problem  # errors imports this module to document the statuses

    await problem(status, type_, title, detail)(scope, receive, send)
