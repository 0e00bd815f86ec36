"""Four-eyes proposals kept per organisation from the registry's events, and the digest of them.

A proposal belongs to its proposer's organisation: that organisation's officers decide it, so the
digest goes to that organisation's contact, in its language, and names each waiting proposal once.
Decided proposals drop out. Takes the session, never commits.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_notifications.approvals import repository as repo
from sosai_notifications.approvals.rules import DigestItem, in_order
from sosai_notifications.mail import service as mail
from sosai_notifications.models import ApprovalProposal
from sosai_shared.contracts import ApprovalDecidedV1, ApprovalRequestedV1


async def requested(session: AsyncSession, p: ApprovalRequestedV1) -> None:
    row = await repo.proposal(session, p.proposal_id, lock=True)
    if row is None:
        row = ApprovalProposal(proposal_id=p.proposal_id, org=p.proposer_org, kind=p.kind)
        session.add(row)
    # a decision already seen (a dead-lettered request replayed late) keeps the proposal decided
    row.org, row.kind, row.quantity = p.proposer_org, p.kind, p.quantity
    row.account_id, row.account_org, row.proposer_sub = p.account_id, p.account_org, p.proposer_sub
    row.reason, row.proposed_at = p.reason, p.proposed_at
    await session.flush()


async def decided(session: AsyncSession, p: ApprovalDecidedV1) -> None:
    row = await repo.proposal(session, p.proposal_id, lock=True)
    if row is None:  # remembered, so that a request arriving after its decision never waits again
        row = ApprovalProposal(proposal_id=p.proposal_id, org=p.proposer_org, kind=p.kind)
        session.add(row)
    if row.decision is None:
        row.decision, row.decided_at = p.decision, p.decided_at
    await session.flush()


def _item(row: ApprovalProposal) -> DigestItem:
    assert row.proposed_at is not None  # only requested proposals wait
    return DigestItem(
        proposal_id=row.proposal_id,
        kind=row.kind,
        quantity=row.quantity,
        account_id=row.account_id,
        account_org=row.account_org,
        proposer_sub=row.proposer_sub,
        proposed_at=row.proposed_at,
        reason=row.reason,
    )


async def send_digests(session: AsyncSession, now: datetime) -> int:
    """Queue one digest per organisation with proposals it has not been told of; the number queued.

    An organisation without a contact gets none, and its proposals stay unannounced: once it names
    a contact, the next digest lists those still waiting.
    """
    queued = 0
    for org in await repo.orgs_with_news(session):
        rows = await repo.news(session, org)
        if not rows:
            continue
        earlier = await repo.still_waiting_announced(session, org)
        if await mail.approvals_digest(session, org, in_order(_item(r) for r in rows), earlier):
            queued += 1
            for r in rows:
                r.announced_at = now
    await session.flush()
    return queued
