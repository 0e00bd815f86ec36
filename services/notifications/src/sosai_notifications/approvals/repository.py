"""Every query over the four-eyes proposals the notifications service keeps."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sosai_notifications.models import ApprovalProposal


async def proposal(session: AsyncSession, proposal_id: str, *, lock: bool = False) -> ApprovalProposal | None:
    return await session.get(ApprovalProposal, proposal_id, with_for_update=lock)


def _waiting() -> list[ColumnElement[bool]]:
    """Waiting: its request was seen (a decision may arrive alone, on a replay) and no decision was."""
    return [col(ApprovalProposal.decision).is_(None), col(ApprovalProposal.proposed_at).is_not(None)]


async def orgs_with_news(session: AsyncSession) -> list[str]:
    """Organisations with a waiting proposal no digest has named yet."""
    stmt = (
        select(col(ApprovalProposal.org))
        .where(*_waiting(), col(ApprovalProposal.announced_at).is_(None))
        .distinct()
        .order_by(col(ApprovalProposal.org))
    )
    return list((await session.execute(stmt)).scalars())


async def news(session: AsyncSession, org: str) -> list[ApprovalProposal]:
    """The organisation's waiting proposals not announced yet, locked until the digest is queued."""
    stmt = select(ApprovalProposal).where(
        col(ApprovalProposal.org) == org, *_waiting(), col(ApprovalProposal.announced_at).is_(None)
    )
    return list((await session.execute(stmt.with_for_update())).scalars())


async def still_waiting_announced(session: AsyncSession, org: str) -> int:
    stmt = select(func.count()).where(
        col(ApprovalProposal.org) == org, *_waiting(), col(ApprovalProposal.announced_at).is_not(None)
    )
    return int(await session.scalar(stmt) or 0)
