"""What every package's schemas share: the input base and the documented bounds of integers.
(Documented problem responses are ``sosai_shared.problems``, as in every service.)

Integer bounds: tonnes and serial numbers are stored as BIGINT on every tier, so no request may
carry one that a column cannot hold (SQLite would take it, PostgreSQL would fail). Quantities are
bounded far below that, at a trillion tonnes (Japan emits about 1.1 billion t-CO2 a year), so
that the serial counter can never overflow either; serial numbers stop at 10**18. Integers are strict: ``"3"``, ``true`` and
``1.5`` are refused, never coerced.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

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
