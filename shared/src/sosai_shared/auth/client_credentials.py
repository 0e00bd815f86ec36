"""A service's own access token for calling another service: OAuth2 client credentials (RFC 6749 §4.4).

The token endpoint comes from the issuer's discovery document; a token is cached per client and
scope until a minute before it expires. The service holds a client secret, never a signing key.
"""

from __future__ import annotations

import time

import httpx

from sosai_shared.outbound import tls_context

#: (issuer, client id, secret, scope) → (token, monotonic time it stops being reused)
_cache: dict[tuple[str, str, str, str], tuple[str, float]] = {}


class TokenUnavailable(Exception):
    """The issuer gave no token (down, wrong secret, scope not allowed)."""


async def client_token(
    issuer_url: str, client_id: str, client_secret: str, scope: str, timeout: float = 3.0
) -> str:
    # keyed by the secret too: a rotated secret must not go on using the old one's token
    key = (issuer_url, client_id, client_secret, scope)
    cached = _cache.get(key)
    if cached and time.monotonic() < cached[1]:
        return cached[0]
    try:
        async with httpx.AsyncClient(timeout=timeout, verify=tls_context()) as client:
            discovery = await client.get(issuer_url.rstrip("/") + "/.well-known/openid-configuration")
            endpoint = discovery.raise_for_status().json()["token_endpoint"]
            r = await client.post(
                endpoint,
                data={"grant_type": "client_credentials", "scope": scope},
                auth=(client_id, client_secret),  # client_secret_basic
            )
            body = r.raise_for_status().json()
            token = str(body["access_token"])
            lifetime = int(body.get("expires_in", 300))
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        raise TokenUnavailable(f"no token from the issuer ({type(exc).__name__})") from exc
    _cache[key] = (token, time.monotonic() + max(0, lifetime - 60))
    return token
