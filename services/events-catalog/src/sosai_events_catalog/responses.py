"""The problem responses the catalog's routes document in the OpenAPI (one table for every package)."""

from __future__ import annotations

from typing import Any

_DESCRIPTIONS = {
    401: "missing or invalid bearer token",
    403: "the token lacks the required scope",
    404: "no such object (or not yours)",
    409: "the state of the object forbids this",
    422: "invalid request, cursor or Idempotency-Key",
    503: "the calculator is unavailable",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"description": _DESCRIPTIONS[c], "content": {"application/problem+json": {}}} for c in codes}
