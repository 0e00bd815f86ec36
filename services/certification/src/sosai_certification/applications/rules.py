"""Pure rules of an application: its workflow and its automatic checks (no I/O).

The checklist is recomputed from stored facts whenever it is read or decided, so it
reflects whatever events have arrived by then, in whatever order.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sosai_certification.claims.models import KnownSession
from sosai_certification.claims.rules import Basis, basis_for, session_refusal
from sosai_certification.models import Application, Footprint, Retirement
from sosai_shared.errors import Conflict

#: action -> (statuses it may start from, status it leads to)
WORKFLOW: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft"}), "submitted"),
    "review": (frozenset({"submitted"}), "under_review"),
    "certify": (frozenset({"under_review"}), "certified"),
    "reject": (frozenset({"submitted", "under_review"}), "rejected"),
    "revise": (frozenset({"rejected"}), "draft"),
    "suspend": (frozenset({"certified"}), "suspended"),
    "reinstate": (frozenset({"suspended"}), "certified"),
    "revoke": (frozenset({"certified", "suspended"}), "revoked"),
    "expire": (frozenset({"certified", "suspended"}), "expired"),
}
#: Statuses that carry a certificate.
CERTIFICATE_STATUSES = frozenset({"certified", "suspended", "revoked", "expired"})
CHECK_NAMES = (
    "footprint_known",
    "retirements_known",
    "retirements_claimable",
    "credits_cover",
    "retirements_unused",
    "retirement_window",
    "disclosure_present",
    "session_organiser",
)


def target_status(action: str, current: str) -> str:
    allowed_from, target = WORKFLOW[action]
    if current not in allowed_from:
        raise Conflict(
            f"Cannot {action} an application that is {current}; allowed from: {', '.join(sorted(allowed_from))}.",
            type="illegal-transition",
            title="Illegal transition",
            current_status=current,
            action=action,
        )
    return target


@dataclass
class Check:
    name: str
    met: bool
    detail: str
    evidence: dict[str, Any] = field(default_factory=dict)


def credits_required(app: Application, footprint: Footprint | None) -> int | None:
    if app.carbon_neutral:
        return footprint.credits_needed if footprint is not None else None
    return app.quantity


def candidate_retirements(app: Application, retirements: list[Retirement]) -> list[Retirement]:
    """Retirements that reference the application or that it names, whoever retired them."""
    return [r for r in retirements if r.application_id == app.id or r.retirement_id in app.retirement_ids]


def counted_retirements(
    app: Application, retirements: list[Retirement], provider_orgs: Collection[str]
) -> list[Retirement]:
    """The candidates the applicant may claim (see ``claims.rules.basis_for``)."""
    return [
        r
        for r in candidate_retirements(app, retirements)
        if basis_for(app.applicant_org, r, provider_orgs).allowed
    ]


def _claimable_check(app: Application, candidates: list[Retirement], provider_orgs: Collection[str]) -> Check:
    """Named retirements the applicant may not claim fail the check; a retirement that merely
    references the application from someone else is ignored (it must not block the applicant)."""
    bases: list[tuple[Retirement, Basis]] = [
        (r, basis_for(app.applicant_org, r, provider_orgs)) for r in candidates
    ]
    refused = [(r, b) for r, b in bases if not b.allowed and r.retirement_id in app.retirement_ids]
    evidence = [
        {
            "retirement_id": r.retirement_id,
            "holder_org": r.holder_org,
            "beneficiary_org": r.beneficiary_org,
            "rule": b.rule,
            "reason": b.reason,
            "counted": b.allowed,
        }
        for r, b in bases
    ]
    detail = (
        "every retirement was retired by the applicant or for it by an Anshin provider"
        if not refused
        else "; ".join(f"{r.retirement_id}: {b.reason}" for r, b in refused)
    )
    return Check("retirements_claimable", not refused, detail, {"retirements": evidence})


def evaluate(
    app: Application,
    footprint: Footprint | None,
    retirements: list[Retirement],
    used_elsewhere: dict[str, str],
    *,
    now: datetime,
    window_days: int,
    provider_orgs: Collection[str] = frozenset(),
    known_session: KnownSession | None = None,
) -> list[Check]:
    checks: list[Check] = []

    if footprint is None:
        checks.append(
            Check(
                "footprint_known",
                False,
                "no footprint named"
                if not app.footprint_id
                else f"footprint {app.footprint_id} not seen from the calculator yet",
                {"footprint_id": app.footprint_id},
            )
        )
    else:
        same_org = footprint.org == app.applicant_org
        checks.append(
            Check(
                "footprint_known",
                same_org,
                "footprint calculated" if same_org else "the footprint belongs to another organisation",
                {
                    "footprint_id": footprint.footprint_id,
                    "version": footprint.version,
                    "name": footprint.name,
                    "total_t_co2": str(footprint.total_t_co2),
                    "residual_t_co2": str(footprint.residual_t_co2),
                    "credits_needed": footprint.credits_needed,
                    "calculated_at": footprint.calculated_at.isoformat(),
                },
            )
        )

    candidates = candidate_retirements(app, retirements)
    counted = counted_retirements(app, retirements, provider_orgs)
    seen = {r.retirement_id for r in counted}
    missing = [rid for rid in app.retirement_ids if rid not in {r.retirement_id for r in candidates}]
    evidence_list = [
        {
            "retirement_id": r.retirement_id,
            "quantity": r.quantity,
            "retired_at": r.retired_at.isoformat(),
            "beneficiary": r.beneficiary,
            "use": r.use,
            "via": "referenced" if r.application_id == app.id else "named",
            "rule": basis_for(app.applicant_org, r, provider_orgs).rule,
        }
        for r in counted
    ]
    known = bool(counted) and not missing
    checks.append(
        Check(
            "retirements_known",
            known,
            "all retirements seen from the registry"
            if known
            else (
                "no retirement references or is named by this application"
                if not counted
                else f"named retirements not seen from the registry yet: {', '.join(missing)}"
            ),
            {"retirements": evidence_list, "missing": missing},
        )
    )
    checks.append(_claimable_check(app, candidates, provider_orgs))

    total = sum(r.quantity for r in counted)
    required = credits_required(app, footprint)
    cover = required is not None and required > 0 and total >= required
    checks.append(
        Check(
            "credits_cover",
            cover,
            f"{total} credits retired for {required} needed"
            if required is not None
            else "credits needed unknown (carbon neutral needs the footprint's offset plan)",
            {"credits_retired": total, "credits_needed": required, "carbon_neutral": app.carbon_neutral},
        )
    )

    clashes = {rid: other for rid, other in used_elsewhere.items() if other != app.id and rid in seen}
    checks.append(
        Check(
            "retirements_unused",
            not clashes,
            "no retirement is counted by another certification"
            if not clashes
            else "retirements already counted by another certification",
            {"used_by": clashes},
        )
    )

    reference = app.submitted_at or now
    earliest = reference - timedelta(days=window_days)
    outside = [r.retirement_id for r in counted if not (earliest <= r.retired_at <= now)]
    checks.append(
        Check(
            "retirement_window",
            bool(counted) and not outside,
            f"retired between {earliest.date().isoformat()} and the decision"
            if not outside
            else f"retirements outside the window: {', '.join(outside)}",
            {"earliest": earliest.isoformat(), "latest": now.isoformat(), "outside": outside},
        )
    )

    present = bool(app.disclosure.strip())
    checks.append(
        Check(
            "disclosure_present",
            present,
            "consumer-facing disclosure given" if present else "no consumer-facing disclosure",
            {"length": len(app.disclosure.strip())},
        )
    )
    refused = session_refusal(
        app.applicant_org,
        app.session_id,
        known_session.organiser_org if known_session else None,
        known_session is not None,
    )
    checks.append(
        Check(
            "session_organiser",
            refused is None,
            refused
            or ("no catalog session named" if not app.session_id else "the applicant organises the session"),
            {
                "session_id": app.session_id,
                "organiser_org": known_session.organiser_org if known_session else None,
            },
        )
    )
    return checks
