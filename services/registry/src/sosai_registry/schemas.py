"""Request and response models of the registry API (inputs refuse unknown fields)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sosai_shared.contracts import OFFSET_TYPES

Category = Literal["emission_reduction", "forest_absorption"]
OffsetType = Literal[OFFSET_TYPES]  # type: ignore[valid-type]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- methodologies ----
class MethodologyIn(In):
    code: str = Field(min_length=1, max_length=40, examples=["E001"])
    name: str = Field(min_length=1, max_length=300, examples=["Boiler fuel switch to woody biomass"])
    category: Category
    version: str = Field(default="1.0", min_length=1, max_length=20)
    credit_type: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2,3}$",
        description="defaults to ER (emission reduction) or FM (forest)",
    )


class MethodologyStatusIn(In):
    status: Literal["active", "withdrawn"]


class MethodologyOut(BaseModel):
    id: str
    code: str
    name: str
    category: str
    credit_type: str
    version: str
    status: str
    created_at: datetime


# ---- projects ----
class ProjectIn(In):
    name: str = Field(min_length=1, max_length=300)
    methodology_code: str = Field(min_length=1, max_length=40)
    prefecture: str = Field(min_length=1, max_length=40, examples=["kochi"])
    programme: str = Field(
        default="national",
        pattern=r"^[a-z][a-z0-9]{1,19}$",
        description="'national' or the prefecture's J-VER programme, e.g. 'kochi'",
    )
    crediting_start: date
    crediting_end: date


class TransitionIn(In):
    to: Literal["validated", "registered", "suspended", "terminated", "rejected", "applied"]
    reason: str | None = Field(default=None, max_length=2000)
    effective_date: date | None = Field(
        default=None,
        description="admin backdating of the transition (historical seeding); default today (JST)",
    )


class TransitionOut(BaseModel):
    from_status: str | None
    to_status: str
    actor_sub: str
    actor_org: str
    reason: str | None
    effective_on: date
    at: datetime


class ProjectOut(BaseModel):
    id: str
    code: str
    name: str
    proponent_org: str
    methodology_code: str
    category: str
    prefecture: str
    programme: str
    crediting_start: date
    crediting_end: date
    status: str
    applied_at: datetime
    registered_on: date | None
    transitions: list[TransitionOut] = []


# ---- certifications ----
class CertificationIn(In):
    period_start: date
    period_end: date
    monitoring_report: str = Field(min_length=1, max_length=300, description="monitoring report reference")
    verifier: str = Field(min_length=1, max_length=300, description="verification body")
    quantity: int = Field(description="certified whole tonnes")
    effective_date: date | None = Field(
        default=None, description="admin backdating of the certification date"
    )


class CertificationOut(BaseModel):
    id: str
    project_id: str
    period_start: date
    period_end: date
    vintage: int
    monitoring_report: str
    verifier: str
    quantity: int
    issued_quantity: int
    certified_on: date


# ---- ranges / blocks ----
class RangeIn(In):
    start: int = Field(ge=1)
    end: int = Field(ge=1)


class BlockOut(BaseModel):
    serial: str
    start: int
    end: int
    quantity: int
    project_id: str
    project_code: str
    vintage: int
    credit_type: str
    scheme: str
    programme: str
    validity_end: date


# ---- transactions ----
class IssuanceProposalIn(In):
    quantity: int
    account_id: str = Field(
        min_length=1, max_length=36, description="holding account that receives the credits"
    )
    validity_end: date = Field(
        default=date(2021, 3, 31), description="J-VER credits expired at the end of FY2020"
    )


class ApproveIn(In):
    effective_date: date | None = Field(default=None, description="admin backdating of the completion date")


class RejectIn(In):
    reason: str = Field(min_length=1, max_length=2000)


class MoveIn(In):
    quantity: int | None = Field(
        default=None, description="by quantity: oldest vintage first, then lowest serial"
    )
    ranges: list[RangeIn] | None = Field(default=None, max_length=100, description="explicit serial ranges")


class TransferIn(MoveIn):
    from_account_id: str = Field(min_length=1, max_length=36)
    to_account_id: str = Field(min_length=1, max_length=36)


class RetirementIn(MoveIn):
    account_id: str = Field(min_length=1, max_length=36)
    use: OffsetType = Field(description="offset type (用途)")
    purpose: str = Field(min_length=1, max_length=2000, description="purpose detail (目的詳細)")
    beneficiary: str = Field(
        min_length=1, max_length=300, description="credit user name (クレジット利用者名)"
    )
    # trust hook: structured beneficiary organisation (only an Anshin provider may name another)
    beneficiary_org: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="organisation that may claim this retirement; only an Anshin provider's account "
        "may name an organisation other than its own",
    )
    footprint_id: str | None = Field(default=None, max_length=100)
    session_id: str | None = Field(default=None, max_length=100)
    application_id: str | None = Field(default=None, max_length=100)


class CancellationIn(MoveIn):
    account_id: str = Field(min_length=1, max_length=36)
    reason: str = Field(min_length=1, max_length=2000)


class BufferReversalIn(In):
    project_id: str = Field(min_length=1, max_length=36)
    quantity: int
    reason: str = Field(min_length=1, max_length=2000)


class TransactionOut(BaseModel):
    id: str
    kind: str
    status: str
    quantity: int
    from_account_id: str | None
    to_account_id: str | None
    proposer_sub: str
    approver_sub: str | None
    certification_id: str | None
    project_id: str | None
    reason: str | None
    effective_on: date
    created_at: datetime
    checked_at: datetime | None
    completed_at: datetime | None
    blocks: list[BlockOut] = []
    buffer_transaction_id: str | None = None


class RetirementOut(BaseModel):
    id: str
    status: str
    quantity: int
    account_id: str
    holder_org: str
    use: str
    purpose: str
    beneficiary: str
    beneficiary_org: str | None = None  # trust hook
    footprint_id: str | None
    session_id: str | None
    application_id: str | None
    retired_at: datetime
    retired_on: date
    blocks: list[BlockOut]
    url: str
    notice_url: str


# ---- accounts ----
class AccountIn(In):
    name: str = Field(min_length=1, max_length=200)


class AccountOut(BaseModel):
    id: str
    org: str
    name: str
    kind: str
    status: str
    anshin_provider: bool
    created_at: datetime


class BalanceOut(BaseModel):
    account_id: str
    total: int
    blocks: list[BlockOut]


# ---- public ledger ----
class IssuanceOut(BaseModel):
    id: str
    transaction_id: str
    certification_id: str
    project_id: str
    project_code: str
    holder_org: str
    quantity: int
    buffer_quantity: int
    serial: str
    vintage: int
    credit_type: str
    programme: str
    validity_end: date
    issued_on: date


class LifecycleStep(BaseModel):
    transaction_id: str
    kind: str
    at: datetime
    effective_on: date
    from_kind: str
    to_kind: str
    range: str


class SerialLifecycleOut(BaseModel):
    serial_number: int
    issuance: IssuanceOut
    status: Literal["held", "buffer", "retired", "cancelled"]
    current_block: str
    retirement_id: str | None
    history: list[LifecycleStep]


# ---- prices ----
class PriceIn(In):
    credit_type: str = Field(pattern=r"^[A-Z]{2,3}$")
    bid_yen: int | None = Field(default=None, ge=0, le=10_000_000)
    offer_yen: int | None = Field(default=None, ge=0, le=10_000_000)


class PriceOut(BaseModel):
    id: int
    org: str
    credit_type: str
    bid_yen: int | None
    offer_yen: int | None
    posted_at: datetime


# ---- statistics ----
class FiscalYearFigures(BaseModel):
    fiscal_year: int
    projects_registered: int = 0
    tonnes_certified: int = 0
    tonnes_issued: int = 0
    tonnes_retired: int = 0
    tonnes_cancelled: int = 0
    tonnes_to_buffer: int = 0
    tonnes_buffer_reversed: int = 0


class StatisticsOut(BaseModel):
    as_of_fiscal_year: int | None
    methodologies_by_category: dict[str, int]
    projects_by_status: dict[str, int]
    projects_registered: int
    tonnes_certified: int
    tonnes_issued: int
    tonnes_retired: int
    tonnes_cancelled: int
    tonnes_in_buffer: int
    by_fiscal_year: list[FiscalYearFigures]
