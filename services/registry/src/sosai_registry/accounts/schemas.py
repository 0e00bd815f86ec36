"""Requests and views of holding accounts, balances and price indications."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from sosai_registry.ledger.schemas import BlockOut
from sosai_registry.schemas import In

MAX_YEN = 10_000_000


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


class PriceIn(In):
    credit_type: str = Field(pattern=r"^[A-Z]{2,3}$")
    bid_yen: int | None = Field(default=None, strict=True, ge=0, le=MAX_YEN)
    offer_yen: int | None = Field(default=None, strict=True, ge=0, le=MAX_YEN)


class PriceOut(BaseModel):
    id: int
    org: str
    credit_type: str
    bid_yen: int | None
    offer_yen: int | None
    posted_at: datetime
