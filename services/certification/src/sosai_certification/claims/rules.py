"""Pure rule: may this organisation claim this retirement? (no I/O)"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sosai_certification.models import Footprint, Retirement

OWN = "retired_by_applicant"
PROVIDER = "retired_for_applicant_by_anshin_provider"


@dataclass(frozen=True)
class Basis:
    """Why a retirement may (``rule``) or may not (``reason``) back a claim of ``org``."""

    retirement_id: str
    rule: str | None
    reason: str | None

    @property
    def allowed(self) -> bool:
        return self.rule is not None


def basis_for(org: str, r: Retirement, provider_orgs: Collection[str]) -> Basis:
    """Retirement ids are public, so naming one proves nothing: the claim must be the claimant's.

    A provider retiring for a customer names it in ``beneficiary_org``; the registry already
    refuses that field from non-providers, and we check again against our own provider
    register (certification owns who is an Anshin provider).
    """
    if r.beneficiary_org not in (None, r.holder_org):
        if r.beneficiary_org != org:
            return Basis(
                r.retirement_id,
                None,
                f"retired by {r.holder_org} for {r.beneficiary_org}, not for {org}",
            )
        if r.holder_org not in provider_orgs:
            return Basis(
                r.retirement_id,
                None,
                f"retired for {org} by {r.holder_org}, which is not a registered Anshin provider",
            )
        return Basis(r.retirement_id, PROVIDER, None)
    if r.holder_org == org:
        return Basis(r.retirement_id, OWN, None)
    return Basis(
        r.retirement_id,
        None,
        f"retired by {r.holder_org} for itself; only {r.holder_org} may claim it",
    )


def session_refusal(org: str, session_id: str | None, organiser_org: str | None, known: bool) -> str | None:
    """Why ``org`` may not certify an offset of catalog session ``session_id`` (None: it may).

    A free-text session id would let anyone attach a certificate to any session's card; only
    the organiser of a session the catalog announced may certify it.
    """
    if session_id is None:
        return None
    if not known:
        return f"session {session_id} not seen from the events catalog"
    if organiser_org != org:
        return (
            f"session {session_id} is organised by {organiser_org or 'an unknown organisation'}, not by {org}"
        )
    return None


def retirement_basis(org: str, r: Retirement, provider_orgs: Collection[str]) -> dict[str, Any]:
    """What a certificate keeps of why a retirement backed it (the signed claim repeats it)."""
    return {
        "holder_org": r.holder_org,
        "beneficiary_org": r.beneficiary_org,
        "basis": basis_for(org, r, provider_orgs).rule,
    }


def footprint_snapshot(fp: Footprint | None) -> dict[str, Any] | None:
    if fp is None:
        return None
    return {
        "footprint_id": fp.footprint_id,
        "version": fp.version,
        "org": fp.org,
        "name": fp.name,
        "total_t_co2": str(fp.total_t_co2),
        "residual_t_co2": str(fp.residual_t_co2),
        "offset_share": str(fp.offset_share),
        "credits_needed": fp.credits_needed,
        "calculated_at": fp.calculated_at.isoformat(),
    }
