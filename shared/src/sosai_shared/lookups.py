"""Get-or-404: find one row by its key or answer the ``<thing>-not-found`` problem.

Why: every route that takes an id has the same two rules, spelt once here: a missing
row is a 404 with a stable problem type, and a row the caller may not see is the same
404 (another organisation's objects do not exist for it). Services write their lookups
as ``<thing>_for(session_or_ctx, id, *, lock=False)`` on top of :func:`get_or_404`.
``lock=True`` takes the row lock (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
writer lock already covers the whole file) before a change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_shared.errors import NotFound

M = TypeVar("M")


def not_found(thing: str, ident: object) -> NotFound:
    """``No <thing> <id>.`` as the ``<thing>-not-found`` problem (``thing`` in words: "price indication")."""
    slug = thing.replace(" ", "-")
    return NotFound(f"No {thing} {ident}.", type=f"{slug}-not-found", title=f"{thing.capitalize()} not found")


def found(row: M | None, thing: str, ident: object, *, visible: Callable[[M], bool] | None = None) -> M:
    """``row`` if it exists and the caller may see it, else the 404 problem."""
    if row is None or (visible is not None and not visible(row)):
        raise not_found(thing, ident)
    return row


async def get_or_404(
    session: AsyncSession,
    model: type[M],
    ident: Any,
    *,
    thing: str,
    lock: bool = False,
    visible: Callable[[M], bool] | None = None,
) -> M:
    """The ``model`` row whose primary key is ``ident`` (locked if asked), or the 404 problem."""
    (key,) = inspect(model).primary_key  # one-column keys: composite keys get their own query
    stmt = select(model).where(key == ident)
    if lock:
        stmt = stmt.with_for_update()
    return found((await session.execute(stmt)).scalar_one_or_none(), thing, ident, visible=visible)
