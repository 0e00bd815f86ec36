"""Catalog sessions as certification learnt them (from SessionScheduledV1): who organises each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field

from sosai_certification.models import Base
from sosai_shared.db import UTCDateTime


class KnownSession(Base, table=True):
    __tablename__ = "known_sessions"
    session_id: str = Field(primary_key=True, max_length=100)
    organiser_org: str | None = Field(default=None, max_length=200)
    title: str = Field(max_length=300)
    starts_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
