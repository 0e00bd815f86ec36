"""Request and response models of Anshin providers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ProviderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    credit_handling: str = Field(
        min_length=1, max_length=10000, description="how credits are bought, held and kept apart per customer"
    )
    pricing_basis: str = Field(min_length=1, max_length=10000, description="how prices are set and shown")
    retirement_practice: str = Field(
        min_length=1, max_length=10000, description="when and how credits are retired on customers' behalf"
    )
    website: str | None = Field(None, max_length=500)
    account_ids: list[str] = Field(
        default_factory=list, max_length=20, description="the provider's registry holding accounts"
    )

    @model_validator(mode="after")
    def _accounts(self) -> ProviderIn:
        if any(not a.strip() or len(a) > 100 for a in self.account_ids):
            raise ValueError("account_ids must be non-blank strings of at most 100 characters")
        return self


class AdminProviderIn(ProviderIn):
    org: str = Field(min_length=1, max_length=200, description="the provider's organisation id")


class ProviderReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=2000)


class ProviderOut(BaseModel):
    id: str
    org: str
    name: str
    status: str = Field(description="applied | registered | rejected | suspended")
    credit_handling: str
    pricing_basis: str
    retirement_practice: str
    website: str | None
    account_ids: list[str]
    status_reason: str | None
    created_at: datetime
    registered_at: datetime | None


class PublicProviderOut(BaseModel):
    id: str
    org: str
    name: str
    status: str
    credit_handling: str
    pricing_basis: str
    retirement_practice: str
    website: str | None
    registered_at: datetime | None
