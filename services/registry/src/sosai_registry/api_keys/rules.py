"""Which scopes a new API key may carry: pure rules, no I/O.

A key acts for its organisation with the scopes it was given, and nothing a key holds can reach
further than its creator's own hand: its scopes are a subset of the creator's, never ``org:keys``
(a key cannot mint keys, so a leaked key cannot outlive its own revocation) and never a programme
staff scope (``<service>:admin``): staff act as people, with tokens that expire.
"""

from __future__ import annotations

from collections.abc import Iterable

from sosai_shared.auth.jwt import ADMIN_SUFFIX

#: The scope of an organisation's admin: create, list and revoke the organisation's keys.
KEYS_SCOPE = "org:keys"


def scope_refusals(requested: Iterable[str], held: frozenset[str]) -> list[str]:
    """Why each refused scope is refused (empty: the key may have them all)."""
    reasons: list[str] = []
    for scope in dict.fromkeys(requested):
        if scope == KEYS_SCOPE:
            reasons.append(f"{scope}: a key cannot manage keys")
        elif scope.endswith(ADMIN_SUFFIX):
            reasons.append(f"{scope}: programme staff scopes are never given to keys")
        elif scope not in held:
            reasons.append(f"{scope}: not a scope the caller holds")
    return reasons
