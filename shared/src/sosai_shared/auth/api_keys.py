"""Organisation API keys (``Authorization: Bearer sk_…``): their format, and how a service turns
one into a :class:`~sosai_shared.auth.jwt.Principal`.

The registry owns the keys (it creates, lists and revokes them, and stores only their hashes).
Every other service asks it, per request, ``GET {registry_url}/v1/api-keys/self`` with the key
itself as the bearer credential: possession of the key is the authority, so no service needs
credentials of its own for the question. The answer is never cached, so a revoked key is refused
at once everywhere; a registry that cannot be reached is a 503, never a 401 (the key may be
perfectly good). The registry resolves keys in its own database instead
(``app.state.api_key_resolver``, set by its composition root).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx

from sosai_shared.auth.jwt import Principal
from sosai_shared.errors import DomainError, Unauthorized
from sosai_shared.outbound import tls_context

if TYPE_CHECKING:
    from sosai_shared.settings import ServiceSettings

#: What every API key starts with (and what tells it apart from a JWT, which starts with ``ey``).
PREFIX = "sk_"
#: Characters of the key kept for display (``sk_`` and four of the secret): too few to guess with.
DISPLAY_LENGTH = len(PREFIX) + 4
#: The path every service asks the registry.
SELF_PATH = "/v1/api-keys/self"

Resolver = Callable[[str], Awaitable[Principal]]


def is_api_key(credential: str) -> bool:
    return credential.startswith(PREFIX)


def new_key() -> str:
    """A fresh key: 32 random bytes (256 bits), URL-safe."""
    return PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    """What the registry stores and looks keys up by.

    A plain SHA-256 is enough here, unlike for passwords: the key carries 256 random bits, so there
    is no dictionary to try and nothing a slow hash would protect; a fast hash keeps the per-request
    lookup cheap.
    """
    return hashlib.sha256(key.encode()).hexdigest()


def display_prefix(key: str) -> str:
    return key[:DISPLAY_LENGTH]


def principal_of(key_id: str, org: str, scopes: frozenset[str]) -> Principal:
    return Principal(sub=f"apikey:{key_id}", org=org, scopes=scopes, token_id=key_id)


def invalid_key() -> Unauthorized:
    """Unknown and revoked keys alike: which one it was is nobody's business but the owner's."""
    return Unauthorized("The API key is unknown or revoked.", type="invalid-api-key")


def key_service_unavailable(reason: str) -> DomainError:
    return DomainError(
        f"API keys cannot be checked right now: {reason}; retry shortly.",
        status=503,
        type="api-keys-unavailable",
        title="Service temporarily unavailable",
    )


def registry_resolver(settings: ServiceSettings) -> Resolver:
    """Ask the registry who a key is (no cache: a revoked key fails at once)."""
    base = settings.registry_url.rstrip("/")
    timeout = settings.http_timeout_seconds

    async def resolve(key: str) -> Principal:
        if not base:
            raise key_service_unavailable("this service knows no registry URL")
        try:
            async with httpx.AsyncClient(timeout=timeout, verify=tls_context()) as client:
                r = await client.get(base + SELF_PATH, headers={"Authorization": f"Bearer {key}"})
        except httpx.HTTPError as exc:
            raise key_service_unavailable(f"the registry is unreachable ({type(exc).__name__})") from exc
        if r.status_code == 401:
            raise invalid_key()
        if r.status_code != 200:
            raise key_service_unavailable(f"the registry answered {r.status_code}")
        try:
            body = r.json()
            return principal_of(str(body["id"]), str(body["org"]), frozenset(map(str, body["scopes"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise key_service_unavailable("the registry's answer is not a key") from exc

    return resolve
