"""The FY2010 seed retries what is safe to retry: it recognises problem types by their URI."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "seed_fy2010_under_test", ROOT / "scripts" / "seed" / "seed_fy2010.py"
)
assert spec is not None and spec.loader is not None
seed = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = seed  # its dataclasses look their module up while being defined
spec.loader.exec_module(seed)


def test_an_in_flight_key_is_retried_as_the_services_spell_it() -> None:
    assert seed.retryable(409, {"type": "https://sosai.jp/problems/idempotency-in-flight", "status": 409})
    assert seed.retryable(503, {})


def test_other_conflicts_are_not_retried() -> None:
    assert not seed.retryable(409, {"type": "https://sosai.jp/problems/insufficient-credits"})
    assert not seed.retryable(422, {"type": "https://sosai.jp/problems/idempotency-in-flight"})
    assert not seed.retryable(409, {})
