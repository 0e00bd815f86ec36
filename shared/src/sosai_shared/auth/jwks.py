"""Where a service finds the issuer's public keys: a static JWKS, or OIDC discovery.

With an issuer URL, the keys come from ``{issuer}/.well-known/openid-configuration`` →
``jwks_uri`` and are cached. A token whose ``kid`` is not in the cache triggers one
refresh (key rotation), at most every ``min_refresh_seconds`` so that a stream of forged
kids cannot turn into a stream of requests to the issuer. Every fetch has a short timeout:
when the issuer is down the cached keys keep working, and an unknown kid is refused.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, cast

import httpx
from joserfc.jwk import KeySet

from sosai_shared.outbound import tls_context

log = logging.getLogger("sosai.auth.jwks")


class IssuerUnavailable(Exception):
    """The issuer's discovery document or JWKS could not be fetched."""


class JwksSource:
    """The keys that verify access tokens: static, or the issuer's, fetched and cached."""

    def __init__(
        self,
        *,
        static_jwks: dict[str, Any] | None = None,
        issuer_url: str | None = None,
        timeout_seconds: float = 2.0,
        min_refresh_seconds: float = 30.0,
        max_age_seconds: float = 3600.0,
    ) -> None:
        if static_jwks is None and not issuer_url:
            raise ValueError("a JWKS source needs static keys or an issuer URL")
        self.issuer_url = issuer_url.rstrip("/") if issuer_url else None
        self.timeout = timeout_seconds
        self.min_refresh = min_refresh_seconds
        self.max_age = max_age_seconds
        self._keys: KeySet | None = None
        self._kids: frozenset[str] = frozenset()
        if static_jwks is not None:
            self._install(_asymmetric(static_jwks))
        self._fetched_at = 0.0
        self._attempted_at = -1e9
        self._lock = asyncio.Lock()

    @property
    def cached(self) -> KeySet | None:
        return self._keys

    def has_kid(self, kid: str) -> bool:
        return kid in self._kids

    def _install(self, document: dict[str, Any]) -> None:
        self._keys = KeySet.import_key_set(cast(Any, document))
        self._kids = frozenset(k.kid for k in self._keys.keys if k.kid)

    async def keys(self) -> KeySet | None:
        """The current keys, fetched first if none are cached or they are older than max_age."""
        if self.issuer_url is None:
            return self._keys
        if self._keys is None or time.monotonic() - self._fetched_at > self.max_age:
            await self.refresh()
        return self._keys

    async def refresh(self, *, force: bool = False) -> bool:
        """Fetch the JWKS again unless tried within ``min_refresh_seconds``; True if fetched."""
        if self.issuer_url is None:
            return False
        async with self._lock:
            now = time.monotonic()
            if not force and now - self._attempted_at < self.min_refresh:
                return False
            self._attempted_at = now
            try:
                document = await self._fetch()
            except IssuerUnavailable as exc:
                log.warning("cannot refresh the issuer's keys: %s", exc)
                return False
            self._install(document)
            self._fetched_at = now
            return True

    async def _fetch(self) -> dict[str, Any]:
        assert self.issuer_url is not None
        try:
            async with httpx.AsyncClient(timeout=self.timeout, verify=tls_context()) as client:
                discovery = (
                    await client.get(self.issuer_url + "/.well-known/openid-configuration")
                ).raise_for_status()
                jwks_uri = discovery.json()["jwks_uri"]
                document = (await client.get(jwks_uri)).raise_for_status().json()
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise IssuerUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
            raise IssuerUnavailable("the JWKS document has no 'keys' list")
        return _asymmetric(document)


def _asymmetric(document: dict[str, Any]) -> dict[str, Any]:
    """The document without symmetric (``oct``) keys: one in a JWKS could let HS256 tokens in."""
    return {"keys": [k for k in document.get("keys", []) if isinstance(k, dict) and k.get("kty") != "oct"]}
