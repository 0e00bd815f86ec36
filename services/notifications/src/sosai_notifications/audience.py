"""Who may learn of an event: its owning organisations, and what of it is public. Pure rules.

An event's *owners* are the organisations named in its contract's organisation fields
(``holder_org``, ``from_org``/``to_org``, ``applicant_org``, ``org``, ``proponent_org``,
``registrant_org``, ``proposer_org``):
they receive the whole payload. A *public* event is one the programme publishes anyway
(the public registry, certificates, the providers register, the events calendar); anyone
receives its public projection, which leaves out what only the owner should see (the
account ids of a retirement or an issuance, the links to footprints and applications).
Events neither owned by the caller nor public (transfers, cancellations, submitted
applications, footprints, four-eyes proposals) never reach another organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: organisation fields of each contract's payload (by event type without the version)
_OWNER_FIELDS: dict[str, tuple[str, ...]] = {
    "jp.sosai.registry.project.registered": ("proponent_org",),
    "jp.sosai.registry.credits.issued": ("holder_org",),
    "jp.sosai.registry.credits.transferred": ("from_org", "to_org"),
    "jp.sosai.registry.credits.retired": ("holder_org",),
    "jp.sosai.registry.credits.cancelled": ("holder_org",),
    "jp.sosai.certification.application.submitted": ("applicant_org",),
    "jp.sosai.certification.offset.certified": ("applicant_org",),
    "jp.sosai.certification.provider.registered": ("org",),
    "jp.sosai.calculator.footprint.calculated": ("org",),
    "jp.sosai.calculator.footprint.coverage_changed": ("org",),
    "jp.sosai.catalog.registration.promoted": ("registrant_org",),
    # the four-eyes queue is the proposer's organisation's business (its officers decide), not the
    # account holder's: the holder learns the outcome from credits issued or cancelled
    "jp.sosai.registry.approval.requested": ("proposer_org",),
    "jp.sosai.registry.approval.decided": ("proposer_org",),
}

#: public events and the payload fields anyone may see (None: every field)
_PUBLIC_FIELDS: dict[str, frozenset[str] | None] = {
    # the approved methodologies are the public registry's first list; no organisation owns one
    "jp.sosai.registry.methodology.registered": None,
    "jp.sosai.registry.project.registered": None,
    "jp.sosai.registry.credits.certified": None,
    "jp.sosai.registry.credits.issued": frozenset(
        {
            "issuance_id",
            "certification_id",
            "project_id",
            "holder_org",
            "quantity",
            "buffer_quantity",
            "blocks",
            "issued_at",
        }
    ),
    "jp.sosai.registry.credits.retired": frozenset(
        {"retirement_id", "holder_org", "quantity", "blocks", "use", "purpose", "beneficiary", "retired_at"}
    ),
    "jp.sosai.registry.buffer.reversed": None,
    "jp.sosai.certification.offset.certified": frozenset(
        {
            "certificate_number",
            "applicant_org",
            "offset_type",
            "subject_name",
            "session_id",
            "credits_retired",
            "valid_from",
            "valid_until",
            "certified_at",
        }
    ),
    "jp.sosai.certification.certificate.revoked": frozenset(
        {"certificate_number", "session_id", "reason", "revoked_at"}
    ),
    "jp.sosai.certification.provider.registered": None,
    "jp.sosai.catalog.session.scheduled": None,
    "jp.sosai.catalog.session.cancelled": None,
    "jp.sosai.catalog.session.offset": None,
}


def _unversioned(event_type: str) -> str:
    head, _, last = event_type.rpartition(".")
    return head if last.startswith("v") and last[1:].isdigit() else event_type


@dataclass(frozen=True)
class Audience:
    owners: tuple[str, ...]
    public: bool
    public_data: dict[str, Any] | None


def audience(event_type: str, data: dict[str, Any]) -> Audience:
    kind = _unversioned(event_type)
    owners = tuple(
        sorted(
            {str(data[f]) for f in _OWNER_FIELDS.get(kind, ()) if isinstance(data.get(f), str) and data[f]}
        )
    )
    if kind not in _PUBLIC_FIELDS:
        return Audience(owners, False, None)
    fields = _PUBLIC_FIELDS[kind]
    projection = dict(data) if fields is None else {k: v for k, v in data.items() if k in fields}
    return Audience(owners, True, projection)


def is_public_type(event_type: str) -> bool:
    return _unversioned(event_type) in _PUBLIC_FIELDS


def matches(patterns: list[str], event_type: str) -> bool:
    """``*`` (everything), ``jp.sosai.registry.*`` (a service or any prefix), or an exact type."""
    for p in patterns:
        if p == "*" or p == event_type:
            return True
        if p.endswith(".*") and event_type.startswith(p[:-1]):
            return True
    return False
