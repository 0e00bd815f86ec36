"""The table of organisation API keys: only a hash of each key is kept, never the key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, String, Text
from sqlmodel import Field

from sosai_registry.models import Base
from sosai_shared.db import UTCDateTime


class ApiKey(Base, table=True):
    __tablename__ = "api_keys"
    id: str = Field(sa_column=Column(String(36), primary_key=True))
    org: str = Field(sa_column=Column(String(200), nullable=False, index=True))
    name: str = Field(sa_column=Column(String(200), nullable=False))
    #: the first characters of the key, for people to tell their keys apart (``sk_AbCd``)
    prefix: str = Field(sa_column=Column(String(16), nullable=False))
    #: SHA-256 of the whole key, hex (sosai_shared.auth.api_keys.key_hash); what a lookup finds it by
    key_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    #: space-separated, as in an access token's ``scope`` claim
    scopes: str = Field(sa_column=Column(Text, nullable=False))
    created_by: str = Field(sa_column=Column(String(200), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    last_used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())
