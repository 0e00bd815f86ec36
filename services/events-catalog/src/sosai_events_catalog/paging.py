"""Keyset cursors of the catalog's lists, read back with the types they were written with.

A cursor decoded by ``sosai_shared.pagination`` is a JSON list a client could have edited:
one of the wrong length or types is a 422 ``invalid-cursor``, never a 500 from a query.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sosai_shared.errors import Unprocessable


def _invalid() -> Unprocessable:
    return Unprocessable(
        "The cursor is not valid; use next_cursor from a previous page.", type="invalid-cursor"
    )


def text_key(cursor: list[Any] | None) -> str | None:
    """A one-value text cursor (a code)."""
    if cursor is None:
        return None
    if len(cursor) != 1 or not isinstance(cursor[0], str):
        raise _invalid()
    return cursor[0]


def time_key(cursor: list[Any] | None) -> tuple[datetime, str] | None:
    """A (timestamp, id) cursor, the timestamp in ISO 8601."""
    if cursor is None:
        return None
    if len(cursor) != 2 or not all(isinstance(v, str) for v in cursor):
        raise _invalid()
    try:
        at = datetime.fromisoformat(cursor[0])
    except ValueError as exc:
        raise _invalid() from exc
    return at, cursor[1]
