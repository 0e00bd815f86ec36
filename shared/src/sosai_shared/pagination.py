"""Keyset (cursor) pagination with one bounded page size, for every list route.

Why keyset: pages stay stable while rows are inserted (no offsets to shift), and the
cost of a page does not grow with how deep the client has read. Why here: the cursor
is client input, so it is validated in one place (base64, JSON, arity, the type of each
element against the key column it will be compared with) and a tampered cursor is a
422 ``invalid-cursor`` problem, never a 500. The page size has one bound,
:data:`MAX_PAGE_SIZE`, which is both what the OpenAPI document says and what is enforced.

A route declares ``paging: Paging``; its repository runs
``await keyset_page(session, select(Model).where(...), (Model.created_at, Model.id), paging)``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, and_, desc, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlalchemy.types import TypeDecorator

from sosai_shared.errors import Unprocessable

T = TypeVar("T")
U = TypeVar("U")

#: The largest page any list route returns (documented in OpenAPI as the ``limit`` maximum).
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
#: A cursor longer than this is not one we issued.
MAX_CURSOR_LENGTH = 500
#: Integer keys are BIGINT columns at most: a cursor integer outside that range cannot name a
#: row, and PostgreSQL would refuse to bind it (a 500), so it is ``invalid-cursor`` instead.
MIN_KEY_INT, MAX_KEY_INT = -(2**63), 2**63 - 1

#: A cursor value as it travels in JSON.
CursorValue = str | int
#: A key column: a mapped attribute (``col(Model.created_at)``) or a column expression.
KeyColumn = Mapped[Any] | ColumnElement[Any]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None

    def map(self, convert: Callable[[T], U]) -> Page[U]:
        """The same page with each item converted (rows → response models)."""
        return Page[U](items=[convert(i) for i in self.items], next_cursor=self.next_cursor)


def invalid_cursor(why: str) -> Unprocessable:
    return Unprocessable(
        f"The cursor is not valid ({why}); use next_cursor from a previous page.", type="invalid-cursor"
    )


def encode_cursor(values: Sequence[object]) -> str:
    raw = json.dumps([_plain(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _plain(value: object) -> CursorValue:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | str):
        return value
    return str(value)  # Decimal, UUID: their exact text


def decode_cursor(cursor: str) -> list[CursorValue]:
    """The JSON list inside a cursor; malformed base64 or JSON, or anything but a list of
    strings and integers, is ``invalid-cursor``."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise invalid_cursor("not base64 of a JSON list") from exc
    if not isinstance(values, list) or not values:
        raise invalid_cursor("not a non-empty list")
    if any(isinstance(v, bool) or not isinstance(v, str | int) for v in values):
        raise invalid_cursor("elements must be strings or integers")
    return values


class PageParams:
    """What a list route was asked for: the page size and the decoded (not yet typed) cursor."""

    def __init__(self, limit: int, cursor: list[CursorValue] | None) -> None:
        self.limit, self.cursor = limit, cursor


def page_params(
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_PAGE_SIZE, description=f"page size, at most {MAX_PAGE_SIZE}"),
    ] = DEFAULT_PAGE_SIZE,
    cursor: Annotated[
        str | None,
        Query(max_length=MAX_CURSOR_LENGTH, description="next_cursor of the previous page"),
    ] = None,
) -> PageParams:
    return PageParams(limit, decode_cursor(cursor) if cursor else None)


#: What list routes declare: ``paging: Paging``.
Paging = Annotated[PageParams, Depends(page_params)]


def _python_type(column: KeyColumn) -> type:
    sql_type = getattr(column, "type")  # noqa: B009 (Mapped does not declare .type)
    if isinstance(sql_type, TypeDecorator):  # e.g. UTCDateTime: compare as what it stores
        sql_type = sql_type.impl_instance
    try:
        kind = sql_type.python_type
    except NotImplementedError:
        return str
    return kind if isinstance(kind, type) and kind is not object else str


def typed_cursor(cursor: Sequence[CursorValue], keys: Sequence[KeyColumn]) -> list[object]:
    """The cursor's values converted to the key columns' types, or ``invalid-cursor``."""
    if len(cursor) != len(keys):
        raise invalid_cursor(f"expected {len(keys)} values, got {len(cursor)}")
    return [_typed(value, _python_type(column)) for value, column in zip(cursor, keys, strict=True)]


def _typed(value: CursorValue, kind: type) -> object:
    if kind is int:
        if not isinstance(value, int):
            raise invalid_cursor("expected an integer")
        if not MIN_KEY_INT <= value <= MAX_KEY_INT:
            raise invalid_cursor("integer out of range")
        return value
    if not isinstance(value, str):
        raise invalid_cursor("expected a string")
    try:
        if kind is datetime:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise invalid_cursor("expected a timezone-aware timestamp")
            return moment
        if kind is date:
            return date.fromisoformat(value)
        if kind is Decimal:
            return Decimal(value)
    except (ValueError, InvalidOperation) as exc:
        raise invalid_cursor(f"expected a {kind.__name__}") from exc
    return value


def after(
    keys: Sequence[KeyColumn], values: Sequence[object], *, descending: bool = False
) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in ``keys`` order (ascending, or descending: newest first),
    spelt as ORs of ANDs: each comparison keeps its column's type, so SQLite and PostgreSQL
    compare alike."""
    terms = []
    for i, column in enumerate(keys):
        equal = [keys[j] == values[j] for j in range(i)]
        terms.append(and_(*equal, column < values[i] if descending else column > values[i]))
    return or_(*terms)


async def keyset_page(
    session: AsyncSession,
    stmt: Select[T],
    keys: Sequence[KeyColumn],
    paging: PageParams,
    *,
    descending: bool = False,
) -> Page[T]:
    """One page of ``stmt`` (a select of one entity) in ``keys`` order, ascending unless
    ``descending`` (newest first).

    ``keys`` must end with a unique column, so the order is total. The cursor is
    validated against them; the next cursor holds the last row's key values.
    """
    if paging.cursor:
        stmt = stmt.where(after(keys, typed_cursor(paging.cursor, keys), descending=descending))
    order = [desc(k) for k in keys] if descending else list(keys)
    query = stmt.add_columns(*keys).order_by(*order).limit(paging.limit + 1)
    rows = (await session.execute(query)).all()
    more = len(rows) > paging.limit
    rows = rows[: paging.limit]
    items: list[T] = [row[0] for row in rows]
    next_cursor = encode_cursor(tuple(rows[-1])[1:]) if more and rows else None
    return Page[T](items=items, next_cursor=next_cursor)


def build_page(rows: list[T], limit: int, key: Callable[[T], Sequence[object]]) -> Page[T]:
    """Compatibility for routes not yet on :func:`keyset_page`: ``rows`` fetched with
    ``limit + 1``; ``key(row)`` gives the row's sort key values."""
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[T](items=rows, next_cursor=encode_cursor(key(rows[-1])) if more and rows else None)
