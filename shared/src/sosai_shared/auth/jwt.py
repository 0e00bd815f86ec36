"""JWT verification (RFC 9068 style) as FastAPI dependencies.

Tokens carry ``iss``, ``aud``, ``sub``, ``exp``, ``iat``, ``jti``, ``scope`` (space
separated) and ``org`` (the caller's organisation). Verification pins the
algorithm allow-list, issuer and audience and requires expiry. Every route either
depends on :func:`require` (named scopes) or on :func:`public`; :func:`guard_routes`
refuses to start an app with a route that has neither, so nothing is open by
accident.
"""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any

import jwt as pyjwt
from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sosai_shared.errors import Forbidden, Unauthorized

#: Scope that lets programme staff act on any organisation's records.
ADMIN_SUFFIX = ":admin"


@dataclass(frozen=True)
class Principal:
    sub: str
    org: str
    scopes: frozenset[str] = field(default_factory=frozenset)
    token_id: str | None = None

    def has(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def idempotency_scope(self) -> str:
        return f"{self.org}/{self.sub}"


#: Verified tokens remembered per verifier (a client reuses its token for many requests).
TOKEN_CACHE_SIZE = 4096
#: Seconds a token is still accepted after its ``exp`` (clock skew between issuer and service).
LEEWAY_SECONDS = 30


class TokenVerifier:
    """Verifies bearer tokens; a token that verified is remembered until it expires.

    Why a cache: a client sends the same token with every request, and checking its signature
    and claims again each time was a visible share of a move's CPU. Only successes are kept,
    keyed by the whole token string (so any change to it is a miss), never beyond ``exp`` plus
    the leeway the first check allowed, and at most :data:`TOKEN_CACHE_SIZE` of them (least
    recently used first out). The key and the claims checked are fixed per verifier, so a
    cached answer is the answer a fresh check would give until the token expires.
    """

    def __init__(self, *, key: str, algorithms: Iterable[str], issuer: str, audience: str) -> None:
        algs = [a for a in algorithms if a.lower() != "none"]
        if not algs:
            raise ValueError("at least one JWT algorithm other than 'none' is required")
        self.key, self.algorithms, self.issuer, self.audience = key, algs, issuer, audience
        self._verified: OrderedDict[str, tuple[Principal, float]] = OrderedDict()

    def verify(self, token: str) -> Principal:
        hit = self._verified.get(token)
        if hit is not None:
            principal, valid_until = hit
            if time.time() < valid_until:
                self._verified.move_to_end(token)
                return principal
            del self._verified[token]
        principal, exp = self._check(token)
        self._verified[token] = (principal, exp + LEEWAY_SECONDS)
        if len(self._verified) > TOKEN_CACHE_SIZE:
            self._verified.popitem(last=False)
        return principal

    def _check(self, token: str) -> tuple[Principal, float]:
        try:
            claims = pyjwt.decode(
                token,
                self.key,
                algorithms=self.algorithms,
                issuer=self.issuer,
                audience=self.audience,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=LEEWAY_SECONDS,
            )
        except pyjwt.ExpiredSignatureError as exc:
            raise Unauthorized("The bearer token has expired.", type="token-expired") from exc
        except pyjwt.InvalidTokenError as exc:
            raise Unauthorized(f"The bearer token is not valid: {exc}.", type="invalid-token") from exc
        org = claims.get("org")
        if not isinstance(org, str) or not org:
            raise Unauthorized("The bearer token names no organisation ('org' claim).", type="invalid-token")
        scope = claims.get("scope", "")
        scopes = frozenset(scope.split()) if isinstance(scope, str) else frozenset()
        principal = Principal(sub=str(claims["sub"]), org=org, scopes=scopes, token_id=claims.get("jti"))
        return principal, float(claims["exp"])


_bearer = HTTPBearer(auto_error=False, description="JWT issued for the caller's organisation")


async def current_principal(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if creds is None or creds.scheme.lower() != "bearer":
        raise Unauthorized("A bearer token is required.", type="missing-token")
    verifier: TokenVerifier = request.app.state.token_verifier
    principal = verifier.verify(creds.credentials)
    request.state.principal = principal
    return principal


def require(*scopes: str, any_of: bool = False) -> Callable[..., Awaitable[Principal]]:
    """Dependency: a verified caller holding the scopes (all of them, or ``any_of``)."""

    async def dependency(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        held = [s for s in scopes if principal.has(s)]
        if (any_of and not held) or (not any_of and len(held) != len(scopes)):
            raise Forbidden(
                f"This action needs the scope(s): {' or '.join(scopes) if any_of else ' '.join(scopes)}.",
                type="insufficient-scope",
            )
        return principal

    dependency.__sosai_auth__ = True  # type: ignore[attr-defined]
    dependency.__sosai_scopes__ = scopes  # type: ignore[attr-defined]
    return dependency


async def _public() -> None:
    """Marker: this route is deliberately open (public registry, calendar, health)."""


_public.__sosai_auth__ = True  # type: ignore[attr-defined]
public = Depends(_public)


def _guarded(dependant: Any) -> bool:
    for dep in dependant.dependencies:
        if getattr(dep.call, "__sosai_auth__", False) or _guarded(dep):
            return True
    return False


def _api_routes(app: FastAPI) -> list[Any]:
    """Every API route with its effective dependant, also inside included routers
    (FastAPI >= 0.16x keeps included routers as branches instead of copying routes)."""
    found: list[Any] = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "effective_route_contexts"):
            found.extend(c for c in route.effective_route_contexts() if hasattr(c, "dependant"))
    return found


def declared_scopes(app: FastAPI) -> set[str]:
    """Every scope some route of the app requires (for docs and the authorization matrix)."""
    found: set[str] = set()

    def walk(dependant: Any) -> None:
        for dep in dependant.dependencies:
            found.update(getattr(dep.call, "__sosai_scopes__", ()))
            walk(dep)

    for route in _api_routes(app):
        walk(route.dependant)
    return found


def guard_routes(app: FastAPI, allow_unmarked: Iterable[str] = ()) -> None:
    """Refuse to run an app with a route that names neither scopes nor ``public``."""
    exempt = set(allow_unmarked)
    routes = _api_routes(app)
    if not routes:
        raise RuntimeError("no API routes found to check; FastAPI's routing changed shape")
    open_routes = [
        f"{sorted(r.methods)} {r.path}" for r in routes if r.path not in exempt and not _guarded(r.dependant)
    ]
    if open_routes:
        raise RuntimeError(f"routes without an auth decision (require(...) or public): {open_routes}")


def mint_token(
    *,
    secret: str,
    org: str,
    scopes: Iterable[str],
    sub: str | None = None,
    issuer: str = "https://auth.sosai.local",
    audience: str = "sosai",
    ttl_seconds: int = 3600,
    algorithm: str = "HS256",
    extra: dict[str, Any] | None = None,
) -> str:
    """Development issuer: used by ``make token``, seeding and tests."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": sub or f"user@{org}",
        "org": org,
        "scope": " ".join(scopes),
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": str(uuid.uuid4()),
    }
    claims.update(extra or {})
    return pyjwt.encode(claims, secret, algorithm=algorithm)


async def optional_principal(request: Request) -> Principal | None:
    """The verified caller if a valid token came; None otherwise (``require`` does the refusing).

    Reads the header itself rather than through ``HTTPBearer`` so that public routes do not
    advertise a security requirement in the OpenAPI document.
    """
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials:
        return None
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        principal = verifier.verify(credentials.strip())
    except Exception:
        return None
    request.state.principal = principal
    return principal
