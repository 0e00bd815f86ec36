"""Pure rules of certificates: their status on a day, their coverage, and the verification verdict.

Status as of a day: revoked (by event, whatever the dates) > not yet certified (a revocation
seen before its certificate) > not yet valid > expired > valid. Coverage compares the tonnes
the certificate counts with the footprint's offset plan (carbon neutral means all of the
defined emissions offset). Verification walks footprint → plan → retirements → certificate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sosai_explorer.claims.rules import ClaimCheck
from sosai_explorer.models import Certificate, Footprint, LedgerEntry


def status(cert: Certificate, today: date) -> str:
    if cert.revoked_at is not None:
        return "revoked"
    if cert.certified_at is None or cert.valid_from is None or cert.valid_until is None:
        return "unknown"
    if today < cert.valid_from:
        return "pending"
    if today > cert.valid_until:
        return "expired"
    return "valid"


def coverage(cert: Certificate, footprint: Footprint | None) -> str | None:
    """full | partial | none, or None when no footprint says what was to be covered."""
    if footprint is None or footprint.credits_needed is None:
        return footprint.coverage if footprint is not None else None
    retired = cert.credits_retired or 0
    if retired <= 0:
        return "none"
    neutral = footprint.offset_share is None or footprint.offset_share >= 1
    return "full" if retired >= footprint.credits_needed and neutral else "partial"


@dataclass
class Verdict:
    checks: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(ok for _, ok in self.checks)


def verify(
    cert: Certificate | None,
    today: date,
    footprint: Footprint | None,
    retirements: dict[str, LedgerEntry],
    claimed_elsewhere: set[str],
) -> Verdict:
    v = Verdict()
    v.checks.append(("certificate_known", cert is not None and cert.certified_at is not None))
    if cert is None:
        return v
    v.checks.append(("certificate_valid", status(cert, today) == "valid"))
    v.checks.append(("retirements_known", all(r in retirements for r in cert.retirement_ids)))
    retired = sum(r.quantity for r in retirements.values())
    needed: list[Any] = [cert.credits_retired or 0]
    if footprint is not None and footprint.credits_needed is not None:
        needed.append(footprint.credits_needed)
    v.checks.append(("credits_cover", bool(retirements) and retired >= max(needed)))
    v.checks.append(("claimed_once", not (set(retirements) & claimed_elsewhere)))
    return v


def with_claims(verdict: Verdict, claims: list[ClaimCheck]) -> Verdict:
    """Signed claims, once stored, are one more check: each must verify and agree with the events.
    Claims not fetched yet neither pass nor fail: the chain from the events stands alone until then."""
    stored = [c for c in claims if c.ok or c.failed]
    if stored:
        verdict.checks.append(("signed_claims", all(c.ok for c in stored)))
    return verdict
