"""Signing keys for development and tests only, and access tokens minted with them.

Services never sign access tokens: they verify them against an issuer's JWKS (``jwks.py``). The
key below is a DEVELOPMENT-ONLY Ed25519 key, committed on purpose so that tests, ``make token``
and the development issuer agree without any set-up. Production refuses to start without a real
issuer (``settings.py``), so a token signed with this key is never accepted there.
"""

from __future__ import annotations

import time
import uuid
import warnings
from collections.abc import Iterable
from typing import Any, cast

from joserfc import jwt
from joserfc.errors import SecurityWarning
from joserfc.jwk import KeySet, OKPKey, RSAKey

#: The ``iss`` of development tokens when no issuer is configured.
DEV_ISSUER = "https://auth.sosai.local"
#: Where `make run` serves the development issuer (its `iss` stays DEV_ISSUER wherever it listens).
DEV_ISSUER_PORT = 8010
DEV_ISSUER_URL = f"http://127.0.0.1:{DEV_ISSUER_PORT}"

#: DEVELOPMENT-ONLY private key. Never use it outside a laptop or a test run.
DEV_PRIVATE_JWK: dict[str, str] = {
    "kty": "OKP",
    "crv": "Ed25519",
    "x": "AfAZKdwDo1J5p84KG01ZUimGxcuMUZTv8ESgtvQHkRQ",
    "d": "mAC6Hbn61eKVW6o3JF09kkDYBj3Vu3FngRXNFA-U0ok",
    "kid": "sosai-dev-1",
    "alg": "EdDSA",
    "use": "sig",
}

#: Algorithms a service accepts by default: asymmetric only (HS* and ``none`` are always refused).
ASYMMETRIC_ALGORITHMS = ["EdDSA", "RS256", "PS256", "ES256"]

# joserfc prefers the fully specified "Ed25519" name (RFC 9864); "EdDSA" is what Keycloak and most
# issuers still publish, so it stays accepted without a warning on every request.
warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)


def audience_of(service_name: str) -> str:
    """Each service's own audience: a token for the calculator is no good at the registry."""
    return f"sosai-{service_name}"


#: Scopes named after what they govern rather than the service that checks them: ``org:keys``
#: (an organisation's API keys) is checked by the registry, which owns the keys.
CHECKED_BY = {"org": "registry"}


def audiences_for(scopes: Iterable[str]) -> list[str]:
    """The audiences a token with these scopes is meant for: a scope is named after the service
    that checks it (``calculator:estimate`` → ``sosai-calculator``), so the token goes nowhere else."""
    named = {s.split(":", 1)[0] for s in scopes if ":" in s}
    return sorted({audience_of(CHECKED_BY.get(n, n)) for n in named})


def public_jwks(*private_jwks: dict[str, Any]) -> dict[str, Any]:
    """The public half of signing keys, as a JWKS document."""
    document = KeySet.import_key_set(cast(Any, {"keys": list(private_jwks)})).as_dict(private=False)
    return dict(document)


def dev_jwks() -> dict[str, Any]:
    """The development key's public half: what services trust when no issuer is configured."""
    return public_jwks(DEV_PRIVATE_JWK)


def sign(claims: dict[str, Any], private_jwk: dict[str, Any] | None = None) -> str:
    """A compact JWS access token (``typ: at+jwt``, RFC 9068) signed with an OKP or RSA key."""
    jwk: dict[str, Any] = private_jwk or DEV_PRIVATE_JWK
    key: OKPKey | RSAKey = (
        RSAKey.import_key(cast(Any, jwk)) if jwk.get("kty") == "RSA" else OKPKey.import_key(cast(Any, jwk))
    )
    alg = str(jwk.get("alg") or ("RS256" if isinstance(key, RSAKey) else "EdDSA"))
    header = {"alg": alg, "typ": "at+jwt", "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=[alg])


def mint_token(
    *,
    org: str,
    scopes: Iterable[str],
    audience: str | list[str],
    sub: str | None = None,
    issuer: str = DEV_ISSUER,
    ttl_seconds: int = 3600,
    private_jwk: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """An RFC 9068 access token signed with a development key (tests, ``make token``, the dev issuer)."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": sub or f"user@{org}",
        "org": org,
        "scope": " ".join(scopes),
        "iat": now,
        "nbf": now,
        "exp": now + ttl_seconds,
        "jti": str(uuid.uuid4()),
    }
    claims.update(extra or {})
    return sign(claims, private_jwk)
