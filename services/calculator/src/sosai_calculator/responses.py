"""The problem responses the calculator's routes document in the OpenAPI (one table for every package)."""

from __future__ import annotations

from typing import Any

TEXT = {
    401: "missing or invalid token",
    403: "missing scope",
    404: "not found (or another organisation's)",
    409: "idempotency key in flight",
    413: "body too large",
    415: "unsupported media type",
    422: "invalid request, unknown activity or unit (problem+json with a stable type)",
}
AUTH = (401, 403)


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"description": TEXT[c], "content": {"application/problem+json": {}}} for c in codes}
