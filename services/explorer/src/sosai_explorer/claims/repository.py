"""Every query behind stored claims: what is due for fetching, what a page shows, and the keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_explorer.models import Certificate, ClaimDocument, IssuerKeys, LedgerBlock, LedgerEntry


def _retry_due(now: datetime) -> Any:
    return or_(col(ClaimDocument.next_attempt_at).is_(None), col(ClaimDocument.next_attempt_at) <= now)


async def due_retirements(session: AsyncSession, now: datetime, limit: int) -> list[str]:
    """Retirements whose claim was never fetched (and whose next try, after a failure, has come)."""
    joined = and_(
        col(ClaimDocument.kind) == "retirement", col(ClaimDocument.ref) == col(LedgerEntry.entry_id)
    )
    rows = await session.execute(
        select(col(LedgerEntry.entry_id))
        .outerjoin(ClaimDocument, joined)
        .where(
            col(LedgerEntry.kind) == "retired",
            or_(
                col(ClaimDocument.ref).is_(None),
                and_(col(ClaimDocument.fetched_at).is_(None), _retry_due(now)),
            ),
        )
        .order_by(col(LedgerEntry.at), col(LedgerEntry.entry_id))
        .limit(limit)
    )
    return [str(r) for r in rows.scalars()]


async def due_certificates(session: AsyncSession, now: datetime, limit: int) -> list[str]:
    """Certificates never fetched, or revoked after their claim was fetched (the claim says so now)."""
    joined = and_(col(ClaimDocument.kind) == "certificate", col(ClaimDocument.ref) == col(Certificate.number))
    stale = or_(
        col(ClaimDocument.fetched_at).is_(None),
        and_(
            col(Certificate.revoked_at).is_not(None),
            col(Certificate.revoked_at) > col(ClaimDocument.fetched_at),
        ),
    )
    rows = await session.execute(
        select(col(Certificate.number))
        .outerjoin(ClaimDocument, joined)
        .where(
            col(Certificate.certified_at).is_not(None),
            or_(col(ClaimDocument.ref).is_(None), and_(stale, _retry_due(now))),
        )
        .order_by(col(Certificate.certified_at), col(Certificate.number))
        .limit(limit)
    )
    return [str(r) for r in rows.scalars()]


async def claim(session: AsyncSession, kind: str, ref: str) -> ClaimDocument | None:
    return await session.get(ClaimDocument, (kind, ref))


async def claims(session: AsyncSession, kind: str, refs: list[str]) -> dict[str, ClaimDocument]:
    if not refs:
        return {}
    rows = await session.execute(
        select(ClaimDocument).where(col(ClaimDocument.kind) == kind, col(ClaimDocument.ref).in_(refs))
    )
    return {c.ref: c for c in rows.scalars()}


async def keys(session: AsyncSession) -> dict[str, IssuerKeys]:
    return {k.issuer: k for k in (await session.execute(select(IssuerKeys))).scalars()}


async def issuer_keys(session: AsyncSession, issuer: str) -> IssuerKeys | None:
    return await session.get(IssuerKeys, issuer)


async def blocks_of(session: AsyncSession, entry_ids: list[str]) -> dict[str, list[LedgerBlock]]:
    out: dict[str, list[LedgerBlock]] = {e: [] for e in entry_ids}
    if entry_ids:
        rows = await session.execute(select(LedgerBlock).where(col(LedgerBlock.entry_id).in_(entry_ids)))
        for b in rows.scalars():
            out[b.entry_id].append(b)
    return out


async def entry(session: AsyncSession, entry_id: str) -> LedgerEntry | None:
    return await session.get(LedgerEntry, entry_id)


async def certificate(session: AsyncSession, number: str) -> Certificate | None:
    return await session.get(Certificate, number)
