"""Events the events catalog publishes on ``catalog.events``."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from sosai_shared.contracts.base import EventPayload

TOPIC = "catalog.events"
PREFIX = "jp.sosai.catalog."


class SessionScheduledV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "session.scheduled.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "session_id"

    session_id: str
    programme_code: str
    title: str
    prefecture: str
    starts_at: datetime
    ends_at: datetime
    capacity: int = Field(ge=1)
    organiser_org: str | None = Field(
        default=None, description="the organising organisation: the only one that may certify the session"
    )


class SessionCancelledV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "session.cancelled.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "session_id"

    session_id: str
    reason: str
    cancelled_at: datetime


class SessionOffsetV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "session.offset.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "session_id"

    session_id: str
    credits_retired: int = Field(ge=0)
    certificate_number: str | None = None
    offset_at: datetime


class RegistrationPromotedV1(EventPayload):
    """A waiting-list ticket got a place: the catalog gives a freed place to the lowest ticket at
    once, so the registration is confirmed (nothing is held). The session's facts travel with it,
    so a consumer can tell the registrant (and attach the session to a calendar) without asking."""

    event_type: ClassVar[str] = PREFIX + "registration.promoted.v1"
    topic: ClassVar[str] = TOPIC
    #: the session's events keep their order: a promotion is never seen after the session's cancellation
    subject_field: ClassVar[str] = "session_id"

    registration_id: str
    session_id: str
    registrant_org: str = Field(description="the organisation that registered: the only one told")
    title: str
    title_en: str | None = None
    venue_name: str
    prefecture: str
    starts_at: datetime
    ends_at: datetime
    promoted_at: datetime
