"""Tables the registry service owns (its own database; no other service reads them).

Holdings are serial *blocks* (inclusive ``start``-``end``); every tonne lives in exactly
one block at any time, and a block only ever changes account or is split. Issued
ranges are recorded once in ``issuances`` (one row per certification; on PostgreSQL an
exclusion constraint over ``int8range(serial_start, serial_end, '[]')`` makes two
overlapping issued ranges impossible). Every movement of every range is logged in
``transaction_blocks``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from sosai_shared.db import BigInt, UTCDateTime, make_base

if TYPE_CHECKING:  # a base made at run time is no type to a checker; its tables are SQLModels
    Base = SQLModel
else:
    Base = make_base("Registry")

# fixed ids of the system accounts (created by the migration)
RETIREMENT_ACCOUNT = "SYS-RETIREMENT"
BUFFER_ACCOUNT = "SYS-BUFFER"
CANCELLATION_ACCOUNT = "SYS-CANCELLATION"
ISSUANCE_ACCOUNT = "SYS-ISSUANCE"
SYSTEM_ORG = "registry"
SYSTEM_ACCOUNTS = {
    RETIREMENT_ACCOUNT: ("retirement", "Government retirement account"),
    BUFFER_ACCOUNT: ("buffer", "Forest buffer account"),
    CANCELLATION_ACCOUNT: ("cancellation", "Cancellation account"),
    ISSUANCE_ACCOUNT: ("issuance", "Issuance source account"),
}


def _ts(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime, nullable=nullable)


class Counter(Base, table=True):
    """Registry-wide monotonically increasing counters (serial numbers, project codes)."""

    __tablename__ = "counters"
    name: str = Field(sa_column=Column(String(50), primary_key=True))
    value: int = Field(sa_column=Column(BigInt, nullable=False))


class Methodology(Base, table=True):
    __tablename__ = "methodologies"
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    code: str = Field(sa_column=Column(String(40), nullable=False, unique=True))
    name: str
    category: str = Field(sa_column=Column(String(30), nullable=False, index=True))
    credit_type: str = Field(sa_column=Column(String(4), nullable=False))
    version: str
    status: str = Field(sa_column=Column(String(20), nullable=False))
    created_at: datetime = Field(sa_column=_ts())


class Project(Base, table=True):
    __tablename__ = "projects"
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    code: str = Field(sa_column=Column(String(20), nullable=False, unique=True))
    name: str
    proponent_org: str = Field(sa_column=Column(String(200), nullable=False, index=True))
    methodology_id: str = Field(sa_column=Column(String(36), ForeignKey("methodologies.id"), nullable=False))
    prefecture: str
    programme: str
    crediting_start: date = Field(sa_column=Column(Date, nullable=False))
    crediting_end: date = Field(sa_column=Column(Date, nullable=False))
    status: str = Field(sa_column=Column(String(20), nullable=False, index=True))
    applied_at: datetime = Field(sa_column=_ts())
    registered_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))


class ProjectTransition(Base, table=True):
    __tablename__ = "project_transitions"
    id: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    project_id: str = Field(
        sa_column=Column(String(36), ForeignKey("projects.id"), nullable=False, index=True)
    )
    from_status: str | None = None
    to_status: str
    actor_sub: str
    actor_org: str
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    effective_on: date = Field(sa_column=Column(Date, nullable=False))
    at: datetime = Field(sa_column=_ts())


class Certification(Base, table=True):
    """A verified monitoring report and the certified quantity of its period."""

    __tablename__ = "certifications"
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    project_id: str = Field(
        sa_column=Column(String(36), ForeignKey("projects.id"), nullable=False, index=True)
    )
    period_start: date = Field(sa_column=Column(Date, nullable=False))
    period_end: date = Field(sa_column=Column(Date, nullable=False))
    vintage: int
    monitoring_report: str
    verifier: str
    quantity: int = Field(sa_column=Column(BigInt, nullable=False))
    issued_quantity: int = Field(sa_column=Column(BigInt, nullable=False, default=0))
    certified_on: date = Field(sa_column=Column(Date, nullable=False))
    certified_by: str
    created_at: datetime = Field(sa_column=_ts())


class Account(Base, table=True):
    __tablename__ = "accounts"
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    org: str = Field(sa_column=Column(String(200), nullable=False, index=True))
    name: str
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    status: str = Field(sa_column=Column(String(20), nullable=False))
    anshin_provider: bool = Field(sa_column=Column(Boolean, nullable=False, default=False))
    created_at: datetime = Field(sa_column=_ts())


class ProviderOrg(Base, table=True):
    """Organisations registered as Anshin providers (learnt from certification.events)."""

    __tablename__ = "provider_orgs"
    org: str = Field(sa_column=Column(String(200), primary_key=True))
    provider_id: str
    name: str
    registered_at: datetime = Field(sa_column=_ts())


class Transaction(Base, table=True):
    """Issuance, transfer, retirement, cancellation, buffer contribution or buffer reversal."""

    __tablename__ = "transactions"
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    kind: str = Field(sa_column=Column(String(30), nullable=False, index=True))
    status: str = Field(sa_column=Column(String(20), nullable=False, index=True))
    quantity: int = Field(sa_column=Column(BigInt, nullable=False))
    from_account_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True, index=True))
    to_account_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True, index=True))
    from_org: str | None = None
    to_org: str | None = None
    proposer_sub: str
    proposer_org: str
    approver_sub: str | None = None
    certification_id: str | None = Field(
        default=None, sa_column=Column(String(36), nullable=True, index=True)
    )
    project_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True, index=True))
    parent_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True))
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # requested explicit ranges of a proposal (JSON text "[[s,e],...]"), applied at approval
    requested_ranges: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    validity_end: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    # retirement fields (immutable once submitted)
    use: str | None = None
    purpose: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    beneficiary: str | None = Field(default=None, sa_column=Column(String(300), nullable=True, index=True))
    # trust hook: the organisation a provider retired for (only Anshin providers may name another)
    beneficiary_org: str | None = Field(
        default=None, sa_column=Column(String(200), nullable=True, index=True)
    )
    footprint_id: str | None = None
    session_id: str | None = None
    application_id: str | None = None
    effective_on: date = Field(sa_column=Column(Date, nullable=False, index=True))
    created_at: datetime = Field(sa_column=_ts())
    checked_at: datetime | None = Field(default=None, sa_column=_ts(True))
    completed_at: datetime | None = Field(default=None, sa_column=_ts(True))


class Issuance(Base, table=True):
    """The issued-range ledger: one contiguous range per certification, never overlapping."""

    __tablename__ = "issuances"
    __table_args__ = (UniqueConstraint("certification_id"),)
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    transaction_id: str = Field(sa_column=Column(String(36), ForeignKey("transactions.id"), nullable=False))
    certification_id: str = Field(
        sa_column=Column(String(36), ForeignKey("certifications.id"), nullable=False)
    )
    project_id: str = Field(sa_column=Column(String(36), nullable=False, index=True))
    holder_account_id: str
    holder_org: str
    serial_start: int = Field(sa_column=Column(BigInt, nullable=False))
    serial_end: int = Field(sa_column=Column(BigInt, nullable=False))
    quantity: int = Field(sa_column=Column(BigInt, nullable=False))
    buffer_quantity: int = Field(sa_column=Column(BigInt, nullable=False))
    scheme: str
    credit_type: str
    programme: str
    project_code: str
    vintage: int
    validity_end: date = Field(sa_column=Column(Date, nullable=False))
    issued_on: date = Field(sa_column=Column(Date, nullable=False))
    issued_at: datetime = Field(sa_column=_ts())


class Block(Base, table=True):
    """A holding: an inclusive serial range held by one account, with its issuance attributes."""

    __tablename__ = "blocks"
    __table_args__ = (Index("ix_blocks_account_order", "account_id", "vintage", "start"),)
    id: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    account_id: str = Field(sa_column=Column(String(36), ForeignKey("accounts.id"), nullable=False))
    issuance_id: str = Field(sa_column=Column(String(36), ForeignKey("issuances.id"), nullable=False))
    project_id: str = Field(sa_column=Column(String(36), nullable=False, index=True))
    start: int = Field(sa_column=Column(BigInt, nullable=False))
    end: int = Field(sa_column=Column(BigInt, nullable=False))
    vintage: int = Field(sa_column=Column(Integer, nullable=False))
    scheme: str
    credit_type: str
    programme: str
    project_code: str
    validity_end: date = Field(sa_column=Column(Date, nullable=False))

    @property
    def quantity(self) -> int:
        return self.end - self.start + 1


class TransactionBlock(Base, table=True):
    """One range moved by one transaction (the split/move log)."""

    __tablename__ = "transaction_blocks"
    id: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    transaction_id: str = Field(
        sa_column=Column(String(36), ForeignKey("transactions.id"), nullable=False, index=True)
    )
    issuance_id: str = Field(sa_column=Column(String(36), nullable=False, index=True))
    from_account_id: str
    to_account_id: str
    start: int = Field(sa_column=Column(BigInt, nullable=False))
    end: int = Field(sa_column=Column(BigInt, nullable=False))
    split_from_start: int | None = Field(default=None, sa_column=Column(BigInt, nullable=True))
    split_from_end: int | None = Field(default=None, sa_column=Column(BigInt, nullable=True))
    at: datetime = Field(sa_column=_ts())


class PriceIndication(Base, table=True):
    __tablename__ = "price_indications"
    id: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    org: str
    credit_type: str = Field(sa_column=Column(String(4), nullable=False, index=True))
    bid_yen: int | None = None
    offer_yen: int | None = None
    posted_at: datetime = Field(sa_column=_ts())
