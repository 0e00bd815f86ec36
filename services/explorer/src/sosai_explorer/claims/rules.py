"""Pure rules of stored claims: does a signed claim verify, and does it say what the events say?

The signature check is the project's verifier (``sosai_shared.claims.verify.check``) run on the
stored document with the stored keys; no cryptography is written here. Beyond the signature, a
claim must be signed with a key its own issuer publishes (the registry cannot vouch for a
certificate), and the facts it signs must equal the facts the explorer learnt from events:
a claim that verifies but differs is shown as such, never as verified.

Only facts that never change are compared (ids, quantities, serial ranges, parties, dates): a
certificate's status moves with revocation and expiry, and the page shows it from the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError

from sosai_explorer.models import Certificate, LedgerBlock, LedgerEntry
from sosai_shared.claims.verify import check

#: which service signs which kind of claim
ISSUER = {"retirement": "registry", "certificate": "certification"}

VERIFIED = "verified"
NOT_FETCHED = "not_fetched"
NO_KEYS = "no_keys"
BAD_SIGNATURE = "bad_signature"
WRONG_ISSUER = "wrong_issuer"
DIFFERS = "differs"


@dataclass(frozen=True)
class ClaimCheck:
    kind: str
    ref: str
    state: str
    issuer: str
    kid: str | None = None
    fetched_at: datetime | None = None
    #: names of the facts on which the signed claim and the events disagree
    differences: tuple[str, ...] = ()
    #: the verifier's own lines (why a signature failed)
    detail: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.state == VERIFIED

    @property
    def failed(self) -> bool:
        """A stored claim that does not hold (as opposed to one not fetched yet)."""
        return self.state in (BAD_SIGNATURE, WRONG_ISSUER, DIFFERS)


def key_id(token: str) -> str | None:
    """The ``kid`` of a compact JWS's protected header (read, not trusted: the signature decides)."""
    try:
        kid = jws.extract_compact(token.encode()).headers().get("kid")
    except (JoseError, ValueError, TypeError, UnicodeError):
        return None
    return str(kid) if kid is not None else None


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)[:10]


def retirement_facts_from_claim(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(claim.get("id")),
        "quantity": claim.get("quantity"),
        "holder_org": claim.get("holder_org"),
        "beneficiary": claim.get("beneficiary"),
        "serial_ranges": sorted(
            (b.get("start"), b.get("end"), b.get("project_id"), b.get("vintage"))
            for b in claim.get("blocks") or []
        ),
    }


def retirement_facts_from_events(entry: LedgerEntry, blocks: list[LedgerBlock]) -> dict[str, Any]:
    return {
        "id": entry.entry_id,
        "quantity": entry.quantity,
        "holder_org": entry.from_org,
        "beneficiary": entry.beneficiary,
        "serial_ranges": sorted((b.start, b.end, b.project_id, b.vintage) for b in blocks),
    }


def certificate_facts_from_claim(claim: dict[str, Any]) -> dict[str, Any]:
    cert = claim.get("certificate") or {}
    plan = claim.get("plan") or {}
    return {
        "id": str(claim.get("id")),
        "applicant_org": cert.get("applicant_org"),
        "offset_type": cert.get("offset_type"),
        "subject_name": cert.get("subject_name"),
        "credits_retired": plan.get("credits_retired"),
        "valid_from": _day(cert.get("valid_from")),
        "valid_until": _day(cert.get("valid_until")),
        "retirement_ids": sorted(str(r.get("retirement_id")) for r in claim.get("retirements") or []),
    }


def certificate_facts_from_events(cert: Certificate) -> dict[str, Any]:
    return {
        "id": cert.number,
        "applicant_org": cert.applicant_org,
        "offset_type": cert.offset_type,
        "subject_name": cert.subject_name,
        "credits_retired": cert.credits_retired,
        "valid_from": _day(cert.valid_from),
        "valid_until": _day(cert.valid_until),
        "retirement_ids": sorted(cert.retirement_ids),
    }


def facts_from_claim(kind: str, claim: dict[str, Any]) -> dict[str, Any]:
    if kind == "retirement":
        return retirement_facts_from_claim(claim)
    return certificate_facts_from_claim(claim)


def assess(
    kind: str,
    ref: str,
    document: dict[str, Any] | None,
    keys: dict[str, dict[str, Any]],
    expected: dict[str, Any] | None,
    fetched_at: datetime | None = None,
) -> ClaimCheck:
    """The state of one stored claim: ``keys`` maps issuer → its stored JWKS; ``expected`` is the
    facts the events give (None when the events do not know the fact: nothing to compare)."""
    issuer = ISSUER[kind]
    if document is None:
        return ClaimCheck(kind, ref, NOT_FETCHED, issuer)
    own = keys.get(issuer)
    needed = {issuer} | {
        str((e.get("claim") or {}).get("issuer"))
        for e in document.get("evidence") or []
        if isinstance(e, dict)
    }
    if own is None or not needed <= set(keys):
        return ClaimCheck(kind, ref, NO_KEYS, issuer, fetched_at=fetched_at)
    # evidence inside a certificate claim is the registry's: every issuer's keys take part,
    # and the rule below then insists that the claim itself is signed by its own issuer
    if not isinstance(document.get("claim"), dict):
        return ClaimCheck(kind, ref, BAD_SIGNATURE, issuer, fetched_at=fetched_at)
    every = {"keys": [k for ks in keys.values() for k in ks.get("keys", [])]}
    report = check(document, [], keys=every)
    kid = key_id(str(document.get("jws", "")))
    if not report.ok:
        return ClaimCheck(kind, ref, BAD_SIGNATURE, issuer, kid, fetched_at, detail=tuple(report.lines))
    claim = document["claim"]
    if kid not in {k.get("kid") for k in own.get("keys", [])} or claim.get("issuer") != issuer:
        return ClaimCheck(kind, ref, WRONG_ISSUER, issuer, kid, fetched_at)
    signed = facts_from_claim(kind, claim)
    if signed["id"] != ref:
        return ClaimCheck(kind, ref, DIFFERS, issuer, kid, fetched_at, differences=("id",))
    if expected is not None:
        differences = tuple(name for name, value in expected.items() if signed.get(name) != value)
        if differences:
            return ClaimCheck(kind, ref, DIFFERS, issuer, kid, fetched_at, differences=differences)
    return ClaimCheck(kind, ref, VERIFIED, issuer, kid, fetched_at)
