"""The table of certificates told to the catalog (one row per certificate number)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, String, Text
from sqlmodel import Field

from sosai_events_catalog.models import Base
from sosai_shared.db import UTCDateTime


class SessionCertificate(Base, table=True):
    __tablename__ = "session_certificates"

    certificate_number: str = Field(primary_key=True, max_length=50)
    session_id: str = Field(sa_column=Column(String(100), nullable=False, index=True))
    application_id: str = Field(max_length=100)
    applicant_org: str | None = Field(default=None, max_length=200)
    #: accepted | refused | revocation_only (a revocation seen before its certificate)
    state: str = Field(max_length=20)
    refusal_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    certified_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    valid_from: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    valid_until: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    received_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
