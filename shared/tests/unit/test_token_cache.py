"""The verifier remembers tokens that verified, only until they expire and only a bounded number."""

from __future__ import annotations

import time

import pytest

from sosai_shared.auth import jwt as auth_jwt
from sosai_shared.auth.jwks import JwksSource
from sosai_shared.auth.jwt import TokenVerifier
from sosai_shared.auth.keys import dev_jwks, mint_token
from sosai_shared.errors import Unauthorized


def _verifier() -> TokenVerifier:
    return TokenVerifier(
        keys=JwksSource(static_jwks=dev_jwks()), issuer="https://auth.sosai.local", audience="sosai-registry"
    )


def _token(sub: str, ttl: int = 600) -> str:
    return mint_token(
        org="org-a", scopes=["registry:read"], sub=sub, ttl_seconds=ttl, audience="sosai-registry"
    )


def _counting(v: TokenVerifier, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    real = v._check

    def check(token: str) -> tuple[auth_jwt.Principal, float, str | None]:
        checked.append(token)
        return real(token)

    monkeypatch.setattr(v, "_check", check)
    return checked


def test_a_verified_token_is_checked_once_until_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    v = _verifier()
    checked = _counting(v, monkeypatch)
    token = _token("u1", ttl=600)
    first = v.verify(token)
    assert v.verify(token) == first and first.sub == "u1" and first.org == "org-a"
    assert checked == [token]
    later = time.time() + 600 + auth_jwt.LEEWAY_SECONDS + 1
    monkeypatch.setattr(auth_jwt.time, "time", lambda: later)
    with pytest.raises(Unauthorized, match="expired"):
        v.verify(token)  # past exp + leeway: checked again (and refused), not served from memory
    assert checked == [token, token]


def test_a_changed_token_is_never_served_from_the_cache() -> None:
    v = _verifier()
    token = _token("u1")
    v.verify(token)
    head, payload, signature = token.split(".")
    forged = ".".join([head, payload, signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")])
    with pytest.raises(Unauthorized):
        v.verify(forged)


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth_jwt, "TOKEN_CACHE_SIZE", 3)
    v = _verifier()
    checked = _counting(v, monkeypatch)
    tokens = [_token(f"u{i}") for i in range(5)]
    for t in tokens:
        v.verify(t)
    v.verify(tokens[0])  # the oldest was evicted: checked again
    assert checked == [*tokens, tokens[0]]
    v.verify(tokens[4])  # recent: still remembered
    assert checked == [*tokens, tokens[0]]
