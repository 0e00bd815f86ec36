"""What every package's schemas share: the input base, the documented bounds of integers, and the
problem responses of the OpenAPI.

Integer bounds: tonnes and serial numbers are stored as BIGINT on every tier, so no request may
carry one that a column cannot hold (SQLite would take it, PostgreSQL would fail). Quantities are
bounded far below that, at a trillion tonnes (Japan emits about 1.1 billion t-CO2 a year), so
that the serial counter can never overflow either; serial numbers stop at 10**18. Integers are strict: ``"3"``, ``true`` and
``1.5`` are refused, never coerced.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

#: the largest value a BIGINT column holds (PostgreSQL int8, SQLite INTEGER)
MAX_BIGINT = 2**63 - 1
#: the largest serial number: fits BIGINT, and stays exact where the OpenAPI document carries bounds
#: as floating-point numbers (2**63 - 1 would be published as 2**63)
MAX_SERIAL = 10**18
#: the largest quantity of tonnes one request may name
MAX_TONNES = 10**12

#: whole tonnes in a request; positivity is the service's ``invalid-quantity`` check
Tonnes = Annotated[
    int,
    Field(
        strict=True,
        le=MAX_TONNES,
        json_schema_extra={"minimum": 1},
        description=f"whole tonnes, 1..{MAX_TONNES}",
    ),
]
#: a serial number (one tonne)
SerialNumber = Annotated[int, Field(strict=True, ge=1, le=MAX_SERIAL)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str | None = None


def errors(**codes: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI error responses: ``errors(e404="account-not-found", ...)``."""
    out: dict[int | str, dict[str, Any]] = {
        401: {"model": Problem, "description": "missing-token, invalid-token, token-expired"},
        403: {"model": Problem, "description": "insufficient-scope"},
    }
    for key, types in codes.items():
        out[int(key[1:])] = {
            "model": Problem,
            "description": types,
            "content": {"application/problem+json": {}},
        }
    out.setdefault(422, {"model": Problem, "description": "validation-error"})
    return out
