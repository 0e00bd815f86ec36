"""Requests and views of registry transactions: proposals, decisions, issuance and holder moves."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from sosai_registry.ledger.schemas import BlockOut, RangeIn
from sosai_registry.schemas import In, Tonnes
from sosai_shared.contracts import OFFSET_TYPES
from sosai_shared.dates import IsoDate

OffsetType = Literal[OFFSET_TYPES]  # type: ignore[valid-type]


class IssuanceProposalIn(In):
    quantity: Tonnes
    account_id: str = Field(
        min_length=1, max_length=36, description="holding account that receives the credits"
    )
    validity_end: IsoDate = Field(
        default=date(2021, 3, 31), description="J-VER credits expired at the end of FY2020"
    )


class ApproveIn(In):
    effective_date: IsoDate | None = Field(
        default=None, description="admin backdating of the completion date"
    )


class RejectIn(In):
    reason: str = Field(min_length=1, max_length=2000)


class MoveIn(In):
    quantity: Tonnes | None = Field(
        default=None, description="by quantity: oldest vintage first, then lowest serial"
    )
    ranges: list[RangeIn] | None = Field(default=None, max_length=100, description="explicit serial ranges")

    def spans(self) -> list[tuple[int, int]] | None:
        return None if self.ranges is None else [(r.start, r.end) for r in self.ranges]


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
    # structured beneficiary organisation (only an Anshin provider may name another)
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
    quantity: Tonnes
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
    beneficiary_org: str | None = None
    footprint_id: str | None
    session_id: str | None
    application_id: str | None
    retired_at: datetime
    retired_on: date
    blocks: list[BlockOut]
    url: str
    notice_url: str
