"""JWT verification (RFC 9068 style) against the issuer's JWKS, as FastAPI dependencies.

A bearer credential starting ``sk_`` is an organisation API key instead, resolved by
:mod:`sosai_shared.auth.api_keys`; both end as the same :class:`Principal`.

Tokens carry ``iss``, ``aud``, ``sub``, ``exp``, ``iat``, ``jti``, ``scope`` (space
separated) and ``org`` (the caller's organisation). They are signed with an asymmetric key
(EdDSA, RS256, ...) that the issuer publishes in its JWKS; a service only verifies, pinning the
algorithm allow-list (never HS* nor ``none``), the issuer, its own audience and expiry. Every
route either depends on :func:`require` (named scopes) or on :func:`public`; :func:`guard_routes`
refuses to start an app with a route that has neither, so nothing is open by accident.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from joserfc import jwt
from joserfc.errors import ExpiredTokenError, JoseError
from joserfc.jws import extract_compact
from joserfc.jwt import JWTClaimsRegistry

from sosai_shared.auth.jwks import JwksSource
from sosai_shared.auth.keys import ASYMMETRIC_ALGORITHMS
from sosai_shared.errors import Forbidden, Unauthorized

if TYPE_CHECKING:
    from sosai_shared.settings import ServiceSettings

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
    """Verifies bearer tokens against a :class:`JwksSource`; a token that verified is remembered
    until it expires.

    Why a cache: a client sends the same token with every request, and checking its signature
    and claims again each time was a visible share of a move's CPU. Only successes are kept,
    keyed by the whole token string (so any change to it is a miss), never beyond ``exp`` plus
    the leeway the first check allowed, and at most :data:`TOKEN_CACHE_SIZE` of them (least
    recently used first out). A remembered token whose key the issuer no longer publishes is
    checked again (and refused): removing a key takes effect at the next refresh of the keys.
    """

    def __init__(
        self,
        *,
        keys: JwksSource,
        issuer: str,
        audience: str,
        algorithms: Iterable[str] = ASYMMETRIC_ALGORITHMS,
    ) -> None:
        algs = [a for a in algorithms if a.lower() != "none" and not a.upper().startswith("HS")]
        if not algs:
            raise ValueError("at least one asymmetric JWT algorithm is required (HS* and 'none' are refused)")
        self.keys, self.algorithms, self.issuer, self.audience = keys, algs, issuer, audience
        self._claims = JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        self._verified: OrderedDict[str, tuple[Principal, float, str | None]] = OrderedDict()

    async def averify(self, token: str) -> Principal:
        """Verify, first fetching the issuer's keys if needed (once more for an unknown ``kid``)."""
        if self._remembered(token) is None:
            kid = self._header(token).get("kid")
            await self.keys.keys()
            if isinstance(kid, str) and not self.keys.has_kid(kid):
                await self.keys.refresh()
        return self.verify(token)

    def verify(self, token: str) -> Principal:
        """Verify with the keys already cached (no network)."""
        principal = self._remembered(token)
        if principal is not None:
            return principal
        principal, exp, kid = self._check(token)
        self._verified[token] = (principal, exp + LEEWAY_SECONDS, kid)
        if len(self._verified) > TOKEN_CACHE_SIZE:
            self._verified.popitem(last=False)
        return principal

    def _remembered(self, token: str) -> Principal | None:
        hit = self._verified.get(token)
        if hit is None:
            return None
        principal, valid_until, kid = hit
        if time.time() < valid_until and (kid is None or self.keys.has_kid(kid)):
            self._verified.move_to_end(token)
            return principal
        del self._verified[token]
        return None

    def _check(self, token: str) -> tuple[Principal, float, str | None]:
        header = self._header(token)
        keys = self.keys.cached
        kid = header.get("kid")
        kid = kid if isinstance(kid, str) else None
        if keys is None or (kid is not None and not self.keys.has_kid(kid)):
            raise Unauthorized(
                "The bearer token was signed with a key the issuer does not publish.", type="invalid-token"
            )
        try:
            claims = jwt.decode(token, keys, algorithms=self.algorithms).claims
            self._claims.validate(claims)
        except ExpiredTokenError as exc:
            raise Unauthorized("The bearer token has expired.", type="token-expired") from exc
        except (JoseError, ValueError, TypeError) as exc:
            raise Unauthorized(f"The bearer token is not valid: {exc}.", type="invalid-token") from exc
        org = claims.get("org")
        if not isinstance(org, str) or not org:
            raise Unauthorized("The bearer token names no organisation ('org' claim).", type="invalid-token")
        scope = claims.get("scope", "")
        scopes = frozenset(scope.split()) if isinstance(scope, str) else frozenset()
        principal = Principal(sub=str(claims["sub"]), org=org, scopes=scopes, token_id=claims.get("jti"))
        return principal, float(claims["exp"]), kid

    def _header(self, token: str) -> dict[str, Any]:
        try:
            header = dict(extract_compact(token.encode("ascii")).protected)
        except (JoseError, ValueError, TypeError, UnicodeError) as exc:
            raise Unauthorized("The bearer token is not a signed JWT.", type="invalid-token") from exc
        if header.get("alg") not in self.algorithms:
            raise Unauthorized(
                f"The bearer token's algorithm {header.get('alg')!r} is not accepted.", type="invalid-token"
            )
        return header


def verifier_for(settings: ServiceSettings) -> TokenVerifier:
    """The service's verifier: its own audience, the issuer's keys (or the static/development ones)."""
    source = JwksSource(
        static_jwks=settings.static_jwks(),
        issuer_url=settings.oidc_issuer_url or None,
        timeout_seconds=settings.jwks_timeout_seconds,
        min_refresh_seconds=settings.jwks_min_refresh_seconds,
    )
    return TokenVerifier(
        keys=source,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        algorithms=settings.jwt_algorithms,
    )


_bearer = HTTPBearer(
    auto_error=False, description="JWT issued for the caller's organisation, or an organisation API key"
)


async def _resolve(request: Request, credential: str) -> Principal:
    """A JWT checked against the issuer's keys, or an ``sk_`` API key resolved by the registry."""
    from sosai_shared.auth.api_keys import is_api_key  # api_keys builds on this module

    if is_api_key(credential):
        resolver: Callable[[str], Awaitable[Principal]] = request.app.state.api_key_resolver
        return await resolver(credential)
    verifier: TokenVerifier = request.app.state.token_verifier
    return await verifier.averify(credential)


async def current_principal(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if creds is None or creds.scheme.lower() != "bearer":
        raise Unauthorized("A bearer token is required.", type="missing-token")
    # the unit of work authenticates before the route does: one request, one check (an API key's
    # check is a round trip to the registry and a write of its last use)
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    principal = await _resolve(request, creds.credentials)
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
    try:
        principal = await _resolve(request, credentials.strip())
    except Exception:
        return None
    request.state.principal = principal
    return principal
