"""Request and response models of the webhook API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sosai_shared.contracts import all_contracts
from sosai_shared.dates import IsoDateTime

_MAX_PATTERNS = 50


def _check_pattern(p: str) -> str:
    known = all_contracts()
    if p == "*" or p in known:
        return p
    if p.endswith(".*") and any(t.startswith(p[:-1]) for t in known):
        return p
    raise ValueError(
        f"unknown event type {p!r}: use an exact type (GET /v1/webhooks/event-types), "
        "a prefix such as 'jp.sosai.registry.*', or '*'"
    )


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(min_length=1, max_length=2000, description="HTTPS endpoint receiving the events")
    event_types: list[str] = Field(min_length=1, max_length=_MAX_PATTERNS)
    description: str | None = Field(default=None, max_length=500)

    @field_validator("event_types")
    @classmethod
    def _types(cls, v: list[str]) -> list[str]:
        return [_check_pattern(p) for p in v]


class SubscriptionPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str | None = Field(default=None, min_length=1, max_length=2000)
    event_types: list[str] | None = Field(default=None, min_length=1, max_length=_MAX_PATTERNS)
    description: str | None = Field(default=None, max_length=500)

    @field_validator("event_types")
    @classmethod
    def _types(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else [_check_pattern(p) for p in v]


class SubscriptionOut(BaseModel):
    id: str
    org: str
    url: str
    event_types: list[str]
    description: str | None
    status: str = Field(description="active | disabled")
    disabled_reason: str | None
    failing_since: datetime | None
    previous_valid_until: datetime | None = Field(
        description="while set, deliveries are also signed with the previous secret"
    )
    created_at: datetime
    updated_at: datetime


class SubscriptionCreated(SubscriptionOut):
    secret: str = Field(description="the signing secret, shown only now (Standard Webhooks format)")


class SecretOut(BaseModel):
    secret: str = Field(description="the new signing secret, shown only now")
    previous_valid_until: datetime


class DeliveryOut(BaseModel):
    id: str = Field(description="the webhook-id header (the same on every attempt)")
    subscription_id: str
    event_id: str
    event_type: str
    subject: str
    status: str = Field(description="pending | succeeded | failed")
    attempts: int
    last_status_code: int | None
    last_latency_ms: int | None
    last_error: str | None
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    created_at: datetime
    delivered_at: datetime | None


class AttemptOut(BaseModel):
    attempt: int
    at: datetime
    status_code: int | None
    latency_ms: int
    outcome: str
    error: str | None


class DeliveryDetail(DeliveryOut):
    attempt_log: list[AttemptOut]


class RedeliverRangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    since: IsoDateTime
    until: IsoDateTime
    include_succeeded: bool = Field(default=False, description="also resend deliveries that succeeded")


class RedeliverOut(BaseModel):
    requeued: int


class EventTypeOut(BaseModel):
    type: str
    topic: str
    public: bool
