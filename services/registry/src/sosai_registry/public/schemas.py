"""Views of the public ledger: issuances, per-serial lifecycles and statistics."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel

SerialStatus = Literal["held", "buffer", "retired", "cancelled"]


class IssuanceOut(BaseModel):
    id: str
    transaction_id: str
    certification_id: str
    project_id: str
    project_code: str
    holder_org: str
    quantity: int
    buffer_quantity: int
    serial: str
    vintage: int
    credit_type: str
    programme: str
    validity_end: date
    issued_on: date


class LifecycleStep(BaseModel):
    transaction_id: str
    kind: str
    at: datetime
    effective_on: date
    from_kind: str
    to_kind: str
    range: str


class SerialLifecycleOut(BaseModel):
    serial_number: int
    issuance: IssuanceOut
    status: SerialStatus
    current_block: str
    retirement_id: str | None
    history: list[LifecycleStep]


class FiscalYearFigures(BaseModel):
    fiscal_year: int
    projects_registered: int = 0
    tonnes_certified: int = 0
    tonnes_issued: int = 0
    tonnes_retired: int = 0
    tonnes_cancelled: int = 0
    tonnes_to_buffer: int = 0
    tonnes_buffer_reversed: int = 0


class StatisticsOut(BaseModel):
    as_of_fiscal_year: int | None
    methodologies_by_category: dict[str, int]
    projects_by_status: dict[str, int]
    projects_registered: int
    tonnes_certified: int
    tonnes_issued: int
    tonnes_retired: int
    tonnes_cancelled: int
    tonnes_in_buffer: int
    by_fiscal_year: list[FiscalYearFigures]
