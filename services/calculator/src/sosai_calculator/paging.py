"""Keyset cursors read back with the types of the sort key they were written from.

``sosai_shared.pagination`` decodes a cursor into a JSON list; a tampered list (wrong
length, a string where a number was) must be a 422 ``invalid-cursor`` before it reaches
a query, never a 500 from the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sosai_shared.errors import Unprocessable


def cursor_key(cursor: list[Any] | None, *types: type) -> tuple[Any, ...] | None:
    """The cursor's values converted to ``types`` (``datetime`` from ISO 8601), or None for page one."""
    if cursor is None:
        return None
    if len(cursor) != len(types):
        raise _invalid()
    out: list[Any] = []
    for value, kind in zip(cursor, types, strict=True):
        if kind is datetime and isinstance(value, str):
            try:
                out.append(datetime.fromisoformat(value))
            except ValueError as exc:
                raise _invalid() from exc
        elif kind is int and type(value) is int:
            out.append(value)
        elif kind is str and isinstance(value, str):
            out.append(value)
        else:
            raise _invalid()
    return tuple(out)


def _invalid() -> Unprocessable:
    return Unprocessable(
        "The cursor is not valid; use next_cursor from a previous page.", type="invalid-cursor"
    )
