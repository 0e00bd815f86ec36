"""Tables of the transaction log: one row per completed transaction, and the head."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, String
from sqlmodel import Field

from sosai_registry.audit_log.chain import GENESIS
from sosai_registry.models import Base
from sosai_shared.db import BigInt, UTCDateTime

__all__ = ["GENESIS", "LogEntry", "LogHead"]


class LogEntry(Base, table=True):
    __tablename__ = "transaction_log"
    seq: int = Field(sa_column=Column(BigInt, primary_key=True, autoincrement=False))
    transaction_id: str = Field(sa_column=Column(String(36), nullable=False, unique=True))
    prev_hash: str = Field(sa_column=Column(String(64), nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False))
    appended_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class LogHead(Base, table=True):
    """The one row (id 1) every append locks: appends are serialised, and the head is one read."""

    __tablename__ = "transaction_log_head"
    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int = Field(sa_column=Column(BigInt, nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False))
