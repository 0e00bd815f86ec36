"""Events the certification service publishes on ``certification.events``."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from sosai_shared.contracts.base import EventPayload

TOPIC = "certification.events"
PREFIX = "jp.sosai.certification."


class ApplicationSubmittedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "application.submitted.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "application_id"

    application_id: str
    applicant_org: str
    offset_type: str
    subject_name: str
    footprint_id: str | None = None
    session_id: str | None = None
    submitted_at: datetime


class OffsetCertifiedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "offset.certified.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "application_id"

    application_id: str
    certificate_number: str = Field(pattern=r"^CO-\d{4}-\d{3,}$")
    applicant_org: str
    offset_type: str
    subject_name: str
    footprint_id: str | None = None
    session_id: str | None = None
    retirement_ids: list[str]
    credits_retired: int = Field(ge=0)
    valid_from: date
    valid_until: date
    certified_at: datetime


class CertificateRevokedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "certificate.revoked.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "application_id"

    application_id: str
    certificate_number: str
    session_id: str | None = None
    reason: str
    revoked_at: datetime


class ProviderRegisteredV1(EventPayload):
    """An Anshin provider registered: the registry marks the provider org's accounts."""

    event_type: ClassVar[str] = PREFIX + "provider.registered.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "provider_id"

    provider_id: str
    org: str
    name: str
    status: str = "registered"
    registered_at: datetime
