"""Queries of the claim rules: which organisations are (or were) registered Anshin providers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_certification.claims.models import KnownSession
from sosai_certification.models import Provider
from sosai_shared.db import insert_ignore


async def provider_orgs(session: AsyncSession, orgs: Iterable[str]) -> set[str]:
    """Orgs among ``orgs`` ever registered as providers (a later suspension does not undo a retirement)."""
    wanted = sorted(set(orgs))
    if not wanted:
        return set()
    stmt = select(col(Provider.org)).where(
        col(Provider.org).in_(wanted),
        col(Provider.registered_at).is_not(None),
    )
    return set((await session.execute(stmt)).scalars())


async def known_session(session: AsyncSession, session_id: str | None) -> KnownSession | None:
    return None if not session_id else await session.get(KnownSession, session_id)


async def remember_session(session: AsyncSession, values: dict[str, object]) -> None:
    """Insert or refresh (a later SessionScheduledV1 carries the same organiser: sessions never change hands)."""
    table = KnownSession.__table__  # type: ignore[attr-defined]
    result = await session.execute(insert_ignore(table, session.get_bind().dialect.name, **values))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        await session.execute(
            update(table).where(table.c.session_id == values["session_id"]).values(**values)
        )
