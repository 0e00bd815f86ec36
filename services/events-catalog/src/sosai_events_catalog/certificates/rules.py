"""Pure rules: may a certificate attach to a session, and which certificate does the card show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from sosai_events_catalog.certificates.models import SessionCertificate
from sosai_events_catalog.models import EventSession

Status = Literal["certified", "revoked", "expired"]


def refusal(session: EventSession | None, session_id: str, applicant_org: str) -> str | None:
    """Why a certificate for ``session_id`` from ``applicant_org`` may not attach (None: it may)."""
    if session is None:
        return f"no session {session_id} in the catalog"
    if session.organiser_org != applicant_org:
        return f"session {session_id} is organised by {session.organiser_org}, not by {applicant_org}"
    return None


def status_of(cert: SessionCertificate, today: date) -> Status:
    if cert.revoked_at is not None:
        return "revoked"
    if cert.valid_until is not None and cert.valid_until < today:
        return "expired"
    return "certified"


def shown(certs: Sequence[SessionCertificate], today: date) -> SessionCertificate | None:
    """The certificate the card shows: the newest valid one by its own certification time, else the
    newest of all (so a revocation or expiry of the only certificate shows as such)."""
    accepted = sorted(
        (c for c in certs if c.state == "accepted" and c.certified_at is not None),
        key=lambda c: (c.certified_at, c.certificate_number),
        reverse=True,
    )
    valid = [c for c in accepted if status_of(c, today) == "certified"]
    if valid:
        return valid[0]
    return accepted[0] if accepted else None
