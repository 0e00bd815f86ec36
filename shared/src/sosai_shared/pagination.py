"""Cursor pagination with a bounded page size.

A cursor is an opaque, URL-safe token of the last item's sort key; pages are
stable under inserts (no offsets), and a tampered cursor is a 422, not a 500.
"""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request
from pydantic import BaseModel

from sosai_shared.errors import Unprocessable

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Unprocessable(
            "The cursor is not valid; use next_cursor from a previous page.", type="invalid-cursor"
        ) from exc
    if not isinstance(values, list):
        raise Unprocessable(
            "The cursor is not valid; use next_cursor from a previous page.", type="invalid-cursor"
        )
    return values


class PageParams:
    def __init__(self, limit: int, cursor: list[Any] | None) -> None:
        self.limit, self.cursor = limit, cursor


def page_params(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000, description="page size (bounded by the service)")] = 50,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> PageParams:
    max_size: int = request.app.state.runtime.settings.max_page_size
    if limit > max_size:
        raise Unprocessable(f"limit must be at most {max_size}.", type="page-too-large")
    return PageParams(limit, decode_cursor(cursor) if cursor else None)


def build_page(rows: list[T], limit: int, key: Any) -> Page[T]:
    """``rows`` fetched with ``limit + 1``; ``key(row)`` gives the sort key list of a row."""
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[T](items=rows, next_cursor=encode_cursor(key(rows[-1])) if more and rows else None)
