"""Tables the notifications service owns (its own database; no other service reads them).

Events it has seen (one row each, in arrival order: the public feed's order), webhook
subscriptions with their encrypted secrets, deliveries (one per subscription and event,
the durable queue of the delivery worker) with every attempt, and the e-mail outbox,
contacts, the certificates it reminds about and the four-eyes proposals waiting for an officer.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Date, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sosai_shared.db import BigInt, UTCDateTime, service_registry


class Base(SQLModel, registry=service_registry()):
    """The notifications tables' own metadata (with the platform's outbox, inbox, idempotency keys)."""


def _ts(nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime, nullable=nullable, index=index))


class StoredEvent(Base, table=True):
    """An event consumed from any topic. ``seq`` is the arrival order (the feed's cursor)."""

    __tablename__ = "events"
    seq: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    event_id: str = Field(unique=True, max_length=100)
    type: str = Field(index=True, max_length=200)
    source: str = Field(max_length=200)
    subject: str = Field(max_length=200)
    time: datetime = _ts()
    #: organisations the event is about (full payload); see ``audience.py``
    owners: list[str] = Field(sa_column=Column(JSON, nullable=False))
    is_public: bool = Field(default=False, index=True)
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    #: the fields anyone may see (None when the event is not public)
    public_data: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    correlationid: str | None = Field(default=None, max_length=200)
    received_at: datetime = _ts()


class Subscription(Base, table=True):
    __tablename__ = "subscriptions"
    id: str = Field(primary_key=True, max_length=36)
    org: str = Field(index=True, max_length=200)
    url: str = Field(max_length=2000)
    event_types: list[str] = Field(sa_column=Column(JSON, nullable=False))
    description: str | None = Field(default=None, max_length=500)
    status: str = Field(index=True, max_length=20)  # active | disabled
    disabled_reason: str | None = Field(default=None, max_length=500)
    #: Fernet tokens of the signing secrets (never stored in clear)
    secret_enc: str = Field(sa_column=Column(Text, nullable=False))
    previous_secret_enc: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    previous_valid_until: datetime | None = _ts(nullable=True)
    #: first failure since the last success; sustained failure disables the subscription
    failing_since: datetime | None = _ts(nullable=True)
    created_by: str = Field(max_length=200)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Delivery(Base, table=True):
    """One event for one subscription; its id is the ``webhook-id`` (the same on every retry)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "event_seq"),
        Index("ix_deliveries_queue", "status", "next_attempt_at"),
        Index("ix_deliveries_order", "subscription_id", "subject", "status", "event_seq"),
    )
    id: str = Field(primary_key=True, max_length=40)
    subscription_id: str = Field(max_length=36)
    org: str = Field(index=True, max_length=200)
    event_seq: int = Field(sa_column=Column(BigInt, nullable=False))
    event_id: str = Field(max_length=100)
    event_type: str = Field(max_length=200)
    subject: str = Field(max_length=200)
    #: the owner's full payload, or the public projection
    full: bool = True
    status: str = Field(max_length=20)  # pending | succeeded | failed
    attempts: int = 0
    next_attempt_at: datetime = _ts()
    #: start of the retry window (arrival, or the last manual redelivery)
    retry_from: datetime = _ts()
    last_attempt_at: datetime | None = _ts(nullable=True)
    last_status_code: int | None = None
    last_latency_ms: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = _ts(index=True)
    delivered_at: datetime | None = _ts(nullable=True)


class DeliveryAttempt(Base, table=True):
    __tablename__ = "delivery_attempts"
    id: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    delivery_id: str = Field(index=True, max_length=40)
    attempt: int
    at: datetime = _ts()
    status_code: int | None = None
    latency_ms: int
    outcome: str = Field(max_length=20)  # succeeded | failed | gone | timeout | error
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Contact(Base, table=True):
    """Where an organisation's notification e-mail goes, and in which language."""

    __tablename__ = "contacts"
    org: str = Field(primary_key=True, max_length=200)
    email: str = Field(max_length=320)
    language: str = Field(max_length=5)  # ja | en
    updated_at: datetime = _ts()


class Mail(Base, table=True):
    """The e-mail outbox: written in the transaction that decided to send, sent after."""

    __tablename__ = "mail_outbox"
    id: str = Field(primary_key=True, max_length=36)
    #: what this mail is about, unique: the same reminder is never queued twice
    dedup_key: str = Field(unique=True, max_length=300)
    kind: str = Field(max_length=40)
    org: str | None = Field(default=None, max_length=200)
    to_address: str = Field(max_length=320)
    language: str = Field(max_length=5)
    subject: str = Field(max_length=500)
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    #: [{"filename", "content_type", "content"}]
    attachments: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(index=True, max_length=20)  # pending | sent
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = _ts()
    sent_at: datetime | None = _ts(nullable=True)


class CertificateWatch(Base, table=True):
    """A certificate learnt from OffsetCertifiedV1, watched for its reminder before expiry."""

    __tablename__ = "certificate_watch"
    certificate_number: str = Field(primary_key=True, max_length=40)
    org: str = Field(index=True, max_length=200)
    subject_name: str = Field(max_length=300)
    valid_until: date = Field(sa_column=Column(Date, nullable=False, index=True))
    revoked: bool = False
    reminded_at: datetime | None = _ts(nullable=True)


class ApprovalProposal(Base, table=True):
    """A four-eyes proposal learnt from the registry's events, kept until decided, for the digest."""

    __tablename__ = "approval_proposals"
    __table_args__ = (Index("ix_approval_proposals_digest", "org", "decision", "announced_at"),)
    proposal_id: str = Field(primary_key=True, max_length=100)
    #: the proposer's organisation: its officers decide, its contact receives the digest
    org: str = Field(max_length=200)
    kind: str = Field(max_length=40)
    account_id: str = Field(default="", max_length=100)
    account_org: str = Field(default="", max_length=200)
    quantity: int = 0
    proposer_sub: str = Field(default="", max_length=200)
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    proposed_at: datetime | None = _ts(nullable=True)
    #: approved | rejected | withdrawn | expired; None while it waits
    decision: str | None = Field(default=None, max_length=20)
    decided_at: datetime | None = _ts(nullable=True)
    #: when a digest named it to the organisation's contact (each proposal is announced once)
    announced_at: datetime | None = _ts(nullable=True)


__all__ = [
    "ApprovalProposal",
    "Base",
    "CertificateWatch",
    "Contact",
    "Delivery",
    "DeliveryAttempt",
    "Mail",
    "StoredEvent",
    "Subscription",
]
