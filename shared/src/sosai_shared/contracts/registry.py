"""Events the registry publishes on ``registry.events``."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from sosai_shared.contracts.base import EventPayload

TOPIC = "registry.events"
PREFIX = "jp.sosai.registry."


class SerialBlockV1(BaseModel):
    """One inclusive serial range and the attributes of its issuance."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    serial: str = Field(description="printable serial range, see the registry's serial format")
    start: int = Field(ge=1)
    end: int = Field(ge=1)
    quantity: int = Field(ge=1)
    project_id: str
    vintage: int = Field(description="fiscal year of the reduction")
    credit_type: str
    scheme: str = "JP"
    programme: str = "national"


class ProjectRegisteredV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "project.registered.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "project_id"

    project_id: str
    project_code: str
    name: str
    proponent_org: str
    methodology_code: str
    category: str
    prefecture: str
    programme: str
    registered_at: datetime


class CreditsCertifiedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "credits.certified.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "project_id"

    certification_id: str
    project_id: str
    quantity: int = Field(ge=1)
    period_start: date
    period_end: date
    vintage: int
    certified_at: datetime


class CreditsIssuedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "credits.issued.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "project_id"

    issuance_id: str
    certification_id: str
    project_id: str
    account_id: str
    holder_org: str
    quantity: int = Field(ge=1)
    buffer_quantity: int = Field(ge=0, default=0)
    blocks: list[SerialBlockV1]
    issued_at: datetime


class CreditsTransferredV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "credits.transferred.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "transfer_id"

    transfer_id: str
    from_account_id: str
    to_account_id: str
    from_org: str
    to_org: str
    quantity: int = Field(ge=1)
    blocks: list[SerialBlockV1]
    transferred_at: datetime


class CreditsRetiredV1(EventPayload):
    """A retirement (無効化): the offset claim other services count."""

    event_type: ClassVar[str] = PREFIX + "credits.retired.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "retirement_id"

    retirement_id: str
    account_id: str
    holder_org: str
    quantity: int = Field(ge=1)
    blocks: list[SerialBlockV1]
    use: str = Field(description="offset type, e.g. meeting_event")
    purpose: str
    beneficiary: str
    beneficiary_org: str | None = Field(
        default=None,
        description="organisation an Anshin provider retired for (absent: the holder's own claim)",
    )
    footprint_id: str | None = None
    session_id: str | None = None
    application_id: str | None = None
    retired_at: datetime


class CreditsCancelledV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "credits.cancelled.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "cancellation_id"

    cancellation_id: str
    account_id: str
    holder_org: str
    quantity: int = Field(ge=1)
    blocks: list[SerialBlockV1]
    reason: str
    cancelled_at: datetime


class BufferReversedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "buffer.reversed.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "reversal_id"

    reversal_id: str
    project_id: str
    quantity: int = Field(ge=1)
    blocks: list[SerialBlockV1]
    reason: str
    reversed_at: datetime


class ApprovalRequestedV1(EventPayload):
    """A four-eyes proposal (issuance, cancellation, buffer reversal) waits for a second officer.

    Organisation-scoped: it belongs to ``proposer_org``, whose officers decide; never public.
    """

    event_type: ClassVar[str] = PREFIX + "approval.requested.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "proposal_id"

    proposal_id: str = Field(description="the proposed transaction's id")
    kind: str = Field(description="issuance, cancellation or buffer_reversal (more kinds may come)")
    account_id: str = Field(description="the account the credits go to (issuance) or leave")
    account_org: str = Field(description="the organisation holding that account")
    quantity: int = Field(ge=1)
    project_id: str | None = None
    reason: str | None = Field(default=None, description="the proposer's reason (cancellation, reversal)")
    proposer_sub: str
    proposer_org: str = Field(description="the proposer's organisation: its officers approve or reject")
    proposed_at: datetime


class ApprovalDecidedV1(EventPayload):
    """A four-eyes proposal left the queue: approved (and completed), rejected, withdrawn or expired."""

    event_type: ClassVar[str] = PREFIX + "approval.decided.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "proposal_id"

    proposal_id: str
    kind: str
    proposer_org: str
    decision: Literal["approved", "rejected", "withdrawn", "expired"] = Field(
        description="withdrawn: by its proposer; expired: let lapse (the registry lets none lapse yet)"
    )
    decided_by: str | None = Field(default=None, description="the deciding officer (none when expired)")
    reason: str | None = None
    decided_at: datetime


class MethodologyRegisteredV1(EventPayload):
    """A methodology approved for the programme, published when it is created and again whenever its
    status changes (withdrawn, active again): the event with the newest ``status_at`` says its status
    now. Lets a consumer count the approved methodologies, not only those a project uses."""

    event_type: ClassVar[str] = PREFIX + "methodology.registered.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "methodology_id"

    methodology_id: str
    code: str
    name: str
    category: str = Field(description="emission_reduction or forest_absorption")
    credit_type: str
    version: str
    status: str = Field(description="active or withdrawn")
    registered_at: datetime
    status_at: datetime = Field(description="when the methodology took this status")
