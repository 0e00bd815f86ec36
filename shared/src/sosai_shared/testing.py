"""Helpers for tests of any service: tokens, and where the real broker and database are.

The test tiers run the same suites against the embedded defaults (SQLite + Tansu)
and, in ``make test-full``, against PostgreSQL + Apache Kafka; the environment
says which (``SOSAI_TEST_DATABASE`` = ``sqlite`` | a PostgreSQL URL prefix,
``KAFKA_BOOTSTRAP_SERVERS``).
"""

from __future__ import annotations

import asyncio
import inspect
import os
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from sosai_shared.auth.keys import audience_of, mint_token
from sosai_shared.processes import SERVICES

T = TypeVar("T")

#: Every audience a test token is good for: each service checks its own, and the shared tests'
#: toy app is ``toy``.
ALL_AUDIENCES = [audience_of(s.service_name) for s in SERVICES] + [audience_of("toy")]


#: Seconds a test token lives. Test modules mint their callers' tokens once, at import, and use them
#: until the session ends; on a loaded machine a tier has run for over an hour, and an hour-long
#: token then expired under the last suites (401 token-expired where a 201 or 403 was asserted).
TEST_TOKEN_TTL = 12 * 3600


def token(org: str, *scopes: str, sub: str | None = None, ttl: int = TEST_TOKEN_TTL) -> str:
    """An EdDSA access token signed with the development key, which services trust when no issuer
    is configured (tests, in-process apps, the processes the end-to-end tests start)."""
    return mint_token(org=org, scopes=scopes, sub=sub, ttl_seconds=ttl, audience=ALL_AUDIENCES)


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


async def wait_until(
    probe: Callable[[], T | Awaitable[T | None] | None],
    *,
    timeout: float = 60.0,
    interval: float = 0.25,
    transient: tuple[type[BaseException], ...] = (),
) -> T:
    """Poll ``probe`` (sync or async) until it returns something truthy, and return that.

    Why: what travels through Kafka (views, consumers' facts) converges, it is not there
    at once; a test waits for the state it expects, never for a fixed time. Exceptions of
    the ``transient`` types (a service restarting after a fault) count as "not yet".
    Fails the test with the last value seen when ``timeout`` passes.
    """
    deadline = time.monotonic() + timeout
    last: object = None
    while True:
        try:
            result = probe()
            value = await result if inspect.isawaitable(result) else result
        except transient as exc:
            last = exc
        else:
            if value:
                return value
            last = value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {last!r})")
        await asyncio.sleep(interval)


def wait_until_blocking(
    probe: Callable[[], T | None],
    *,
    timeout: float = 60.0,
    interval: float = 0.3,
    transient: tuple[type[BaseException], ...] = (),
) -> T:
    """:func:`wait_until` for synchronous tests (the end-to-end suites drive processes with httpx)."""
    return asyncio.run(wait_until(probe, timeout=timeout, interval=interval, transient=transient))
