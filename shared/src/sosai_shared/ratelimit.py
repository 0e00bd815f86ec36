"""Rate limits: per client on authenticated calls, per IP address on anonymous ones.

Every request falls in one route class, limited by its own policy (``ServiceSettings``):

- ``public-reads``: GET/HEAD without credentials (the public ledger, notices, the explorer), per IP;
- ``reads``: GET/HEAD with credentials, per client;
- ``writes``: every other method, per client (per IP when it brings no credentials: such a call
  is refused with 401 anyway, and the limit keeps a guesser slow);
- ``uploads``: writes with a file body (CSV, multipart), per client.

A client is the credential it presents (the bearer token or API key, hashed): the limiter runs
before the route's authentication, so it keys by what it can see without verifying anything, and
a forged credential only spends its own budget. A client that asks its issuer for many tokens gets
one budget per token; the issuer's own limits bound that.

A refused call gets 429 as ``application/problem+json`` with ``Retry-After``; every limited
response carries the ``RateLimit-Policy`` and ``RateLimit`` fields of the IETF HTTPAPI draft
(draft-ietf-httpapi-ratelimit-headers: ``"writes";q=600;w=60`` and ``"writes";r=598;t=41``).

Counters live in the process by default (``memory://``); several replicas of a service share
them through any storage ``limits`` knows (``redis://host:6379``, ``memcached://…``), set in
``RATE_LIMIT_STORAGE_URI``. Probes and scrapes (``/healthz``, ``/readyz``, ``/metrics``) are
never limited.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Paths an orchestrator or a scraper calls: limiting them would fail a healthy pod.
UNLIMITED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
_FILE_TYPES = ("text/csv", "multipart/form-data", "application/octet-stream")


@dataclass(frozen=True)
class Policies:
    """The route classes' limits, in ``limits`` notation (``600/minute``)."""

    public_reads: str
    reads: str
    writes: str
    uploads: str

    def items(self) -> dict[str, RateLimitItem]:
        return {
            "public-reads": parse(self.public_reads),
            "reads": parse(self.reads),
            "writes": parse(self.writes),
            "uploads": parse(self.uploads),
        }


def route_class(method: str, content_type: str, authenticated: bool) -> str:
    if method in _READS:
        return "reads" if authenticated else "public-reads"
    if authenticated and content_type.split(";")[0].strip().lower() in _FILE_TYPES:
        return "uploads"
    return "writes"


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def client_key(scope: Scope) -> tuple[str, bool]:
    """The limited party: a hash of the presented credential, else the peer's address."""
    authorization = _header(scope, b"authorization")
    scheme, _, credential = authorization.partition(" ")
    if scheme.lower() == "bearer" and credential.strip():
        return "client:" + hashlib.sha256(credential.strip().encode()).hexdigest()[:32], True
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}", False


def policy_header(name: str, item: RateLimitItem) -> str:
    return f'"{name}";q={item.amount};w={item.get_expiry()}'


class RateLimitMiddleware:
    """ASGI middleware (outside the routes, inside the request-id/metrics layer)."""

    def __init__(self, app: ASGIApp, *, policies: Policies, storage_uri: str, service: str) -> None:
        self.app = app
        self.items = policies.items()
        self.service = service
        storage = storage_from_string(_async_uri(storage_uri))
        assert isinstance(storage, Storage), storage_uri  # an asyncio storage, by the "async+" scheme
        self.limiter = FixedWindowRateLimiter(storage)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        key, authenticated = client_key(scope)
        name = route_class(scope["method"], _header(scope, b"content-type"), authenticated)
        item = self.items[name]
        allowed = await self.limiter.hit(item, self.service, name, key)
        stats = await self.limiter.get_window_stats(item, self.service, name, key)
        reset = max(0, math.ceil(stats.reset_time - time.time()))
        fields = [
            (b"ratelimit-policy", policy_header(name, item).encode()),
            (b"ratelimit", f'"{name}";r={stats.remaining};t={reset}'.encode()),
        ]
        if not allowed:
            from sosai_shared.errors import problem  # errors documents 429 from this module's paths

            who = "address" if name == "public-reads" else "client"
            refusal = problem(
                429,
                "rate-limited",
                "Too many requests",
                f"More than {item.amount} {name} requests in {item.get_expiry()} s from this {who}; "
                f"try again in {max(reset, 1)} s.",
                headers={"Retry-After": str(max(reset, 1))},
            )
            refusal.raw_headers.extend(fields)
            await refusal(scope, receive, send)
            return

        async def send_with_fields(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *fields]}
            await send(message)

        await self.app(scope, receive, send_with_fields)


#: Budgets no load generator reaches, for the benchmarks (they measure the service, not its limiter)
#: and the test tiers (one address and a few tokens for a whole session of tests).
GENEROUS_ENV = {
    f"SOSAI_RATE_LIMIT_{name}": "1000000/minute" for name in ("PUBLIC_READS", "READS", "WRITES", "UPLOADS")
}


def _async_uri(uri: str) -> str:
    """``limits`` names its asyncio storages ``async+…``; settings take the plain URI too."""
    return uri if uri.startswith("async+") else f"async+{uri}"


if __name__ == "__main__":  # `python -m sosai_shared.ratelimit --generous-env`: shell exports
    import sys

    if sys.argv[1:] == ["--generous-env"]:
        print("\n".join(f"export {k}={v}" for k, v in GENEROUS_ENV.items()))
