"""Queries of the claim rules: which organisations are (or were) registered Anshin providers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification.models import Provider


async def provider_orgs(session: AsyncSession, orgs: Iterable[str]) -> set[str]:
    """Orgs among ``orgs`` ever registered as providers (a later suspension does not undo a retirement)."""
    wanted = sorted(set(orgs))
    if not wanted:
        return set()
    stmt = select(Provider.org).where(
        Provider.org.in_(wanted),  # type: ignore[attr-defined]
        Provider.registered_at.is_not(None),  # type: ignore[union-attr]
    )
    return set((await session.execute(stmt)).scalars())
