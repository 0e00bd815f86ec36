"""Helpers for tests of any service: tokens, and where the real broker and database are.

The test tiers run the same suites against the embedded defaults (SQLite + Tansu)
and, in ``make test-full``, against PostgreSQL + Apache Kafka; the environment
says which (``SOSAI_TEST_DATABASE`` = ``sqlite`` | a PostgreSQL URL prefix,
``KAFKA_BOOTSTRAP_SERVERS``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable

from sosai_shared.auth.jwt import mint_token
from sosai_shared.settings import DEV_JWT_SECRET


def token(org: str, *scopes: str, sub: str | None = None, ttl: int = 3600) -> str:
    return mint_token(
        secret=os.environ.get("SOSAI_JWT_SECRET", DEV_JWT_SECRET),
        org=org,
        scopes=scopes,
        sub=sub,
        ttl_seconds=ttl,
    )


def auth(org: str, *scopes: str, sub: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(org, *scopes, sub=sub)}"}


def bootstrap_servers() -> str:
    return os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")


def postgres_base_url() -> str | None:
    """``postgresql+asyncpg://postgres@127.0.0.1:55432`` in the full tier, else None."""
    return os.environ.get("SOSAI_TEST_POSTGRES") or None


def unique(prefix: str = "t") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def scopes_of(*groups: Iterable[str]) -> list[str]:
    return [s for g in groups for s in g]
