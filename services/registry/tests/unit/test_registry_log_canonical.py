"""The log's canonical parts put together by the database hash to what ``chain.digest`` computes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sosai_registry.audit_log import chain


def test_canonical_parts_around_head_values_give_the_digest() -> None:
    at = datetime(2026, 11, 29, 1, 2, 3, 456789, tzinfo=UTC)
    moves = [("acc-ç-1", "SYS-RETIREMENT", 10, 12), ("SYS-ISSUANCE", "acc-2", 1, 9)]
    for seq, prev in ((1, chain.GENESIS), (987654321, "ab" * 32)):
        prefix, suffix = chain.canonical_parts('tx-"quoted"', "retirement", at, moves)
        text = prefix + prev + '","seq":' + str(seq) + suffix
        want = chain.digest(chain.entry(seq, 'tx-"quoted"', "retirement", at, moves, prev))
        assert hashlib.sha256(text.encode()).hexdigest() == want
