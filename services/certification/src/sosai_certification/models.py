"""Tables the certification service owns (its own database; no other service reads them).

Four groups: offset-initiative applications with their transitions and certificates;
the facts learnt from other services' events (footprints, retirements), stored by
their own ids so they may arrive in any order; Anshin providers; reported cases.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Date, Numeric, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sosai_shared.db import BigInt, UTCDateTime, service_registry


class Base(SQLModel, registry=service_registry()):
    """The certification tables' own metadata (with the platform's outbox, inbox, idempotency keys)."""


def _ts(nullable: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime, nullable=nullable))


class Application(Base, table=True):
    __tablename__ = "applications"
    id: str = Field(primary_key=True, max_length=36)
    applicant_org: str = Field(index=True, max_length=200)
    created_by: str = Field(max_length=200)
    status: str = Field(index=True, max_length=20)
    offset_type: str = Field(max_length=40)
    subject_name: str = Field(max_length=300)
    subject_kind: str = Field(max_length=20)
    scope: str = Field(sa_column=Column(Text, nullable=False))
    emission_sources: list[str] = Field(sa_column=Column(JSON, nullable=False))
    footprint_id: str | None = Field(default=None, index=True, max_length=100)
    session_id: str | None = Field(default=None, max_length=100)
    reduction_efforts: str = Field(sa_column=Column(Text, nullable=False))
    quantity: int | None = Field(default=None)
    carbon_neutral: bool = False
    validity_years: int = 1
    retirement_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    disclosure: str = Field(sa_column=Column(Text, nullable=False))
    renews: str | None = Field(default=None, max_length=40)
    rejection_reasons: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    reviewer_sub: str | None = Field(default=None, max_length=200)
    reviewer_org: str | None = Field(default=None, max_length=200)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()
    submitted_at: datetime | None = _ts(nullable=True)


class Transition(Base, table=True):
    """Every move of an application: who, when, why (the audit trail)."""

    __tablename__ = "application_transitions"
    seq: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    application_id: str = Field(index=True, max_length=36)
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str = Field(max_length=20)
    actor_sub: str = Field(max_length=200)
    actor_org: str = Field(max_length=200)
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    at: datetime = _ts()


class Certificate(Base, table=True):
    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("fiscal_year", "sequence"),)
    number: str = Field(primary_key=True, max_length=40)
    application_id: str = Field(unique=True, max_length=36)
    fiscal_year: int = Field(index=True)
    sequence: int
    offset_type: str = Field(max_length=40)
    applicant_org: str = Field(max_length=200)
    subject_name: str = Field(max_length=300)
    label_text: str = Field(sa_column=Column(Text, nullable=False))
    credits_retired: int
    credits_required: int
    retirements: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    #: the footprint version the certificate was decided on (the signed claim names it)
    footprint: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    valid_from: date = Field(sa_column=Column(Date, nullable=False))
    valid_until: date = Field(sa_column=Column(Date, nullable=False))
    certified_at: datetime = _ts()
    backdated: bool = False
    end_report: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    end_report_credits: int | None = None
    end_report_at: datetime | None = _ts(nullable=True)


class CertificateSequence(Base, table=True):
    """Last certificate sequence per fiscal year; its row lock makes allocation race-free."""

    __tablename__ = "certificate_sequences"
    fiscal_year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = 0


class RetirementUsage(Base, table=True):
    """A retirement counted by a certification. The primary key is the double-use rule:
    two certifications counting one retirement cannot both commit."""

    __tablename__ = "retirement_usages"
    retirement_id: str = Field(primary_key=True, max_length=100)
    application_id: str = Field(index=True, max_length=36)
    quantity: int
    used_at: datetime = _ts()


class Footprint(Base, table=True):
    """Latest known version of a calculator footprint (from FootprintCalculatedV1)."""

    __tablename__ = "footprints"
    footprint_id: str = Field(primary_key=True, max_length=100)
    version: int
    org: str = Field(max_length=200)
    kind: str = Field(max_length=40)
    name: str = Field(max_length=300)
    session_id: str | None = Field(default=None, max_length=100)
    total_t_co2: Decimal = Field(sa_column=Column(Numeric(18, 6, asdecimal=True), nullable=False))
    residual_t_co2: Decimal = Field(sa_column=Column(Numeric(18, 6, asdecimal=True), nullable=False))
    offset_share: Decimal = Field(sa_column=Column(Numeric(8, 6, asdecimal=True), nullable=False))
    credits_needed: int
    calculated_at: datetime = _ts()


class Retirement(Base, table=True):
    """A registry retirement (from CreditsRetiredV1); retirements are immutable."""

    __tablename__ = "retirements"
    retirement_id: str = Field(primary_key=True, max_length=100)
    account_id: str = Field(max_length=100)
    holder_org: str = Field(max_length=200)
    quantity: int
    use: str = Field(max_length=60)
    purpose: str = Field(sa_column=Column(Text, nullable=False))
    beneficiary: str = Field(max_length=300)
    beneficiary_org: str | None = Field(default=None, max_length=200)
    footprint_id: str | None = Field(default=None, max_length=100)
    session_id: str | None = Field(default=None, max_length=100)
    application_id: str | None = Field(default=None, index=True, max_length=36)
    blocks: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    retired_at: datetime = _ts()


class Provider(Base, table=True):
    __tablename__ = "providers"
    id: str = Field(primary_key=True, max_length=36)
    org: str = Field(index=True, max_length=200)
    name: str = Field(max_length=300)
    status: str = Field(index=True, max_length=20)
    credit_handling: str = Field(sa_column=Column(Text, nullable=False))
    pricing_basis: str = Field(sa_column=Column(Text, nullable=False))
    retirement_practice: str = Field(sa_column=Column(Text, nullable=False))
    website: str | None = Field(default=None, max_length=500)
    account_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    status_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_by: str = Field(max_length=200)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()
    registered_at: datetime | None = _ts(nullable=True)


class ReportedCase(Base, table=True):
    __tablename__ = "reported_cases"
    id: str = Field(primary_key=True, max_length=36)
    reporter_org: str = Field(index=True, max_length=200)
    offset_type: str = Field(index=True, max_length=40)
    title: str = Field(max_length=300)
    org_name: str = Field(max_length=300)
    reported_on: date = Field(sa_column=Column(Date, nullable=False, index=True))
    period_start: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    period_end: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    market_distribution: bool = False
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = _ts()


__all__ = [
    "Application",
    "Base",
    "Certificate",
    "CertificateSequence",
    "Footprint",
    "Provider",
    "ReportedCase",
    "Retirement",
    "RetirementUsage",
    "Transition",
]
