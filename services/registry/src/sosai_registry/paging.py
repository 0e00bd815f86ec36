"""Keyset pages over ``(timestamp, id)``, ascending: the one place the registry turns a cursor into SQL.

The cursor itself is decoded by ``sosai_shared.pagination.page_params``; here its shape is checked
(a timestamp string and an id string), so a forged cursor is a 422 ``invalid-cursor``, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import BigInteger, Integer, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel.sql.expression import SelectOfScalar

from sosai_registry.schemas import MAX_BIGINT
from sosai_shared.errors import Unprocessable
from sosai_shared.pagination import PageParams

T = TypeVar("T")


def _bad_cursor() -> Unprocessable:
    return Unprocessable(
        "The cursor is not valid; use next_cursor from a previous page.", type="invalid-cursor"
    )


def after(cursor: list[Any], id_type: type[str] | type[int] = str) -> tuple[datetime, str | int]:
    """The ``(timestamp, id)`` a cursor names, or the 422 problem (ids are strings or integers,
    as the column is; timestamps are timezone-aware, as every stored one is)."""
    if len(cursor) != 2 or not isinstance(cursor[0], str):
        raise _bad_cursor()
    last_id = cursor[1]
    if isinstance(last_id, bool) or not isinstance(last_id, id_type):
        raise _bad_cursor()
    if isinstance(last_id, int) and not -MAX_BIGINT <= last_id <= MAX_BIGINT:
        raise _bad_cursor()
    try:
        ts = datetime.fromisoformat(cursor[0])
    except ValueError as exc:
        raise _bad_cursor() from exc
    if ts.tzinfo is None:
        raise _bad_cursor()
    return ts, last_id


async def keyset(
    session: AsyncSession,
    stmt: SelectOfScalar[T],
    ts_col: Mapped[datetime],
    id_col: Mapped[str] | Mapped[int | None],
    params: PageParams,
) -> list[T]:
    """One page of ``stmt`` ordered by ``(ts_col, id_col)``; fetches ``limit + 1`` rows for ``build_page``."""
    if params.cursor:
        integer_ids = isinstance(getattr(id_col, "type", None), Integer | BigInteger)
        ts, last_id = after(params.cursor, int if integer_ids else str)
        stmt = stmt.where(or_(ts_col > ts, and_(ts_col == ts, id_col > last_id)))
    stmt = stmt.order_by(ts_col, id_col).limit(params.limit + 1)
    return list((await session.execute(stmt)).scalars().all())


def ts_key(ts_attr: str) -> Callable[[Any], list[Any]]:
    """The cursor of a row: its timestamp and its id."""
    return lambda o: [getattr(o, ts_attr).isoformat(), o.id]
