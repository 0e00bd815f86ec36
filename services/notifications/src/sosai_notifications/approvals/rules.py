"""Pure rules of the approvals digest: what one digest lists, and the key that mails it once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DigestItem:
    """One proposal as the digest names it (the template reads these attributes)."""

    proposal_id: str
    kind: str
    quantity: int
    account_id: str
    account_org: str
    proposer_sub: str
    proposed_at: datetime
    reason: str | None = None


def in_order(items: Iterable[DigestItem]) -> list[DigestItem]:
    """Oldest proposal first: the one waiting longest is read first."""
    return sorted(items, key=lambda i: (i.proposed_at, i.proposal_id))


def digest_key(org: str, proposal_ids: Iterable[str]) -> str:
    """The mail outbox's dedup key: the same set of proposals is never mailed twice to one organisation.

    Hashed, because a digest may name many proposals and the key column is bounded.
    """
    digest = hashlib.sha256("\n".join(sorted(proposal_ids)).encode()).hexdigest()[:40]
    return f"approvals-digest:{org}:{digest}"
