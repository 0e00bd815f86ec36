"""Requests and views of organisation API keys: the hash never leaves the registry, the key
itself only once (the response that created it)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from sosai_registry.schemas import In

#: what one scope looks like (``registry:read``): letters, digits and a few separators, no spaces
SCOPE_PATTERN = r"^[A-Za-z0-9_.:-]{1,100}$"
Scope = Annotated[str, Field(pattern=SCOPE_PATTERN)]


class ApiKeyIn(In):
    name: str = Field(min_length=1, max_length=200, description="what the key is for, to tell keys apart")
    scopes: list[Scope] = Field(
        min_length=1,
        max_length=50,
        description="a subset of the caller's own scopes; never org:keys nor a staff (…:admin) scope",
    )


class ApiKeyOut(BaseModel):
    id: str
    org: str
    name: str
    prefix: str = Field(description="the key's first characters, for display (sk_AbCd)")
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str | None = Field(
        description="the key, to send as `Authorization: Bearer sk_…`. Shown in this response only: the "
        "registry keeps a hash of it. A replay of the request (same Idempotency-Key) answers null."
    )


class ApiKeySelf(BaseModel):
    """Who a key is: what any service needs to act on a request that presents it."""

    id: str
    org: str
    scopes: list[str]
