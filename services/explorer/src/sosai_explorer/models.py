"""The explorer's read model: what the public may see of the programme, learnt only from events.

Every row is keyed by the id of the fact it mirrors, and every handler is an upsert that
gives the same row whatever order the events of different topics arrive in (a revocation
before its certificate, a session's offset before its schedule): replaying every topic from
the earliest offset rebuilds exactly the model the incremental consumer built.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Date, Numeric, Text
from sqlmodel import Field, SQLModel

from sosai_shared.db import UTCDateTime, service_registry


class Base(SQLModel, registry=service_registry()):
    """The explorer tables' own metadata (with the platform's outbox, inbox, idempotency keys)."""


def _ts(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime, nullable=nullable))


class Methodology(Base, table=True):
    """An approved methodology as the registry published it; the event with the newest status time
    (``status_at``) says whether it is active or withdrawn now."""

    __tablename__ = "methodologies"
    methodology_id: str = Field(primary_key=True, max_length=100)
    code: str = Field(index=True, max_length=40)
    name: str = Field(max_length=300)
    category: str = Field(max_length=40)
    credit_type: str = Field(max_length=10)
    version: str = Field(max_length=20)
    status: str = Field(max_length=20)
    registered_at: datetime = _ts()
    status_at: datetime = _ts()


class Project(Base, table=True):
    __tablename__ = "projects"
    project_id: str = Field(primary_key=True, max_length=100)
    project_code: str = Field(max_length=40)
    name: str = Field(max_length=300)
    proponent_org: str = Field(max_length=200)
    methodology_code: str = Field(max_length=40)
    category: str = Field(index=True, max_length=40)
    #: normalised romanised key (``kochi``); see ``prefectures.py``
    prefecture: str = Field(index=True, max_length=40)
    programme: str = Field(max_length=60)
    status: str = Field(default="registered", max_length=20)
    registered_at: datetime = _ts()


class CreditCertification(Base, table=True):
    """Credits certified for a monitoring period (before issuance)."""

    __tablename__ = "credit_certifications"
    certification_id: str = Field(primary_key=True, max_length=100)
    project_id: str = Field(index=True, max_length=100)
    quantity: int
    vintage: int
    period_start: date = Field(sa_column=Column(Date, nullable=False))
    period_end: date = Field(sa_column=Column(Date, nullable=False))
    certified_at: datetime = _ts()


class LedgerEntry(Base, table=True):
    """One completed registry transaction that moved serials: issued, transferred, retired,
    cancelled or buffer_reversed. Retirements carry their notice fields here too."""

    __tablename__ = "ledger_entries"
    entry_id: str = Field(primary_key=True, max_length=100)
    kind: str = Field(index=True, max_length=20)
    #: the project of an issuance or buffer reversal; other kinds may span projects (see blocks)
    project_id: str | None = Field(default=None, index=True, max_length=100)
    quantity: int
    buffer_quantity: int = 0
    from_org: str | None = Field(default=None, max_length=200)
    to_org: str | None = Field(default=None, max_length=200)
    use: str | None = Field(default=None, max_length=60)
    purpose: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    beneficiary: str | None = Field(default=None, index=True, max_length=300)
    footprint_id: str | None = Field(default=None, max_length=100)
    session_id: str | None = Field(default=None, max_length=100)
    application_id: str | None = Field(default=None, max_length=100)
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    at: datetime = _ts()
    #: fields a newer publisher added that this model does not name yet (kept, shown as-is)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class LedgerBlock(Base, table=True):
    """A serial range an entry moved: the serial lookup and every per-project sum read these."""

    __tablename__ = "ledger_blocks"
    entry_id: str = Field(primary_key=True, max_length=100)
    start: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    end: int
    kind: str = Field(index=True, max_length=20)
    serial: str = Field(max_length=100)
    quantity: int
    project_id: str = Field(index=True, max_length=100)
    vintage: int = Field(index=True)
    credit_type: str = Field(max_length=10)
    programme: str = Field(max_length=60)
    at: datetime = _ts()


class Certificate(Base, table=True):
    """A certified offset initiative. A revocation may arrive first: then only the
    revocation columns are known until the certification event fills the rest."""

    __tablename__ = "certificates"
    number: str = Field(primary_key=True, max_length=40)
    application_id: str = Field(max_length=100)
    applicant_org: str | None = Field(default=None, max_length=200)
    offset_type: str | None = Field(default=None, max_length=40)
    subject_name: str | None = Field(default=None, max_length=300)
    footprint_id: str | None = Field(default=None, max_length=100)
    session_id: str | None = Field(default=None, max_length=100)
    retirement_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    credits_retired: int | None = None
    valid_from: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    valid_until: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    certified_at: datetime | None = _ts(nullable=True)
    revoked_at: datetime | None = _ts(nullable=True)
    revocation_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Provider(Base, table=True):
    """An Anshin provider; the latest status event (by its own time) wins."""

    __tablename__ = "providers"
    provider_id: str = Field(primary_key=True, max_length=100)
    org: str = Field(max_length=200)
    name: str = Field(max_length=300)
    status: str = Field(max_length=20)
    registered_at: datetime = _ts()
    status_at: datetime = _ts()


class Footprint(Base, table=True):
    """The latest version of a footprint and its offset plan, with the coverage the calculator reports."""

    __tablename__ = "footprints"
    footprint_id: str = Field(primary_key=True, max_length=100)
    version: int = 0
    org: str = Field(max_length=200)
    kind: str | None = Field(default=None, max_length=40)
    name: str | None = Field(default=None, max_length=300)
    fiscal_year: int | None = None
    session_id: str | None = Field(default=None, max_length=100)
    total_t_co2: Decimal | None = Field(default=None, sa_column=Column(Numeric(18, 6), nullable=True))
    planned_reduction_t_co2: Decimal | None = Field(
        default=None, sa_column=Column(Numeric(18, 6), nullable=True)
    )
    residual_t_co2: Decimal | None = Field(default=None, sa_column=Column(Numeric(18, 6), nullable=True))
    offset_share: Decimal | None = Field(default=None, sa_column=Column(Numeric(8, 6), nullable=True))
    credits_needed: int | None = None
    offset_type: str | None = Field(default=None, max_length=40)
    calculated_at: datetime | None = _ts(nullable=True)
    coverage: str | None = Field(default=None, max_length=20)
    coverage_retired: int | None = None
    coverage_at: datetime | None = _ts(nullable=True)


class OutreachSession(Base, table=True):
    """A catalog session with its carbon card (credits retired, certificate)."""

    __tablename__ = "sessions"
    session_id: str = Field(primary_key=True, max_length=100)
    programme_code: str | None = Field(default=None, max_length=40)
    title: str | None = Field(default=None, max_length=300)
    prefecture: str | None = Field(default=None, max_length=40)
    starts_at: datetime | None = _ts(nullable=True)
    ends_at: datetime | None = _ts(nullable=True)
    capacity: int | None = None
    cancelled_at: datetime | None = _ts(nullable=True)
    cancel_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    credits_retired: int | None = None
    certificate_number: str | None = Field(default=None, max_length=40)
    offset_at: datetime | None = _ts(nullable=True)


class ClaimDocument(Base, table=True):
    """A signed claim document as its issuer served it, fetched in the background (never by a page).

    Not part of the event-built read model (a replay does not rebuild it): it is a cache of the
    issuers' signed statements, verified again every time a page shows it.
    """

    __tablename__ = "claim_documents"
    #: ``retirement`` (registry) or ``certificate`` (certification)
    kind: str = Field(primary_key=True, max_length=20)
    ref: str = Field(primary_key=True, max_length=100)
    issuer: str = Field(max_length=40)
    url: str = Field(max_length=500)
    #: the whole document as served (claim, its compact JWS, jwks_url, evidence); None until a
    #: fetch succeeded. The JWS is kept only here, so what is shown and what is signed cannot part.
    document: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    fetched_at: datetime | None = _ts(nullable=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    next_attempt_at: datetime | None = _ts(nullable=True)


class IssuerKeys(Base, table=True):
    """An issuer's published keys (its ``/.well-known/jwks.json``), as last fetched."""

    __tablename__ = "issuer_keys"
    issuer: str = Field(primary_key=True, max_length=40)
    url: str = Field(max_length=500)
    jwks: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    fetched_at: datetime = _ts()


READ_MODEL = (
    Methodology,
    Project,
    CreditCertification,
    LedgerEntry,
    LedgerBlock,
    Certificate,
    Provider,
    Footprint,
    OutreachSession,
)

__all__ = [
    "READ_MODEL",
    "Base",
    "Certificate",
    "ClaimDocument",
    "CreditCertification",
    "Footprint",
    "IssuerKeys",
    "LedgerBlock",
    "LedgerEntry",
    "Methodology",
    "OutreachSession",
    "Project",
    "Provider",
]
