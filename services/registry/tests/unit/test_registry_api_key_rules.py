"""Which scopes a new API key may carry, and the key's format (no I/O)."""

from __future__ import annotations

from sosai_registry.api_keys.rules import KEYS_SCOPE, scope_refusals
from sosai_shared.auth.api_keys import display_prefix, is_api_key, key_hash, new_key
from sosai_shared.auth.keys import audiences_for

HELD = frozenset({"registry:read", "registry:write", "calculator:read", KEYS_SCOPE, "registry:admin"})


def test_a_subset_of_the_callers_scopes_is_allowed() -> None:
    assert scope_refusals(["registry:read", "calculator:read"], HELD) == []


def test_scopes_the_caller_lacks_are_refused() -> None:
    assert scope_refusals(["certification:apply"], HELD) == [
        "certification:apply: not a scope the caller holds"
    ]


def test_managing_keys_and_staff_scopes_are_refused_even_when_held() -> None:
    refused = scope_refusals([KEYS_SCOPE, "registry:admin", "registry:read", KEYS_SCOPE], HELD)
    assert refused == [
        "org:keys: a key cannot manage keys",
        "registry:admin: programme staff scopes are never given to keys",
    ]


def test_keys_are_random_and_only_their_hash_and_a_short_prefix_are_kept() -> None:
    a, b = new_key(), new_key()
    assert a != b and is_api_key(a) and not is_api_key("eyJhbGciOiJFZERTQSJ9.x.y")
    assert len(a) > 40 and display_prefix(a) == a[:7] and display_prefix(a).startswith("sk_")
    assert len(key_hash(a)) == 64 and key_hash(a) == key_hash(a) != key_hash(b) and a not in key_hash(a)


def test_a_token_for_managing_keys_is_meant_for_the_registry() -> None:
    assert audiences_for(["org:keys"]) == ["sosai-registry"]
    assert audiences_for(["org:keys", "calculator:read"]) == ["sosai-calculator", "sosai-registry"]
