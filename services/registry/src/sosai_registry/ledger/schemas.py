"""Views of serial blocks and the serial ranges a request may name."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from sosai_registry.schemas import In, SerialNumber


class RangeIn(In):
    start: SerialNumber
    end: SerialNumber


class BlockOut(BaseModel):
    serial: str
    start: int
    end: int
    quantity: int
    project_id: str
    project_code: str
    vintage: int
    credit_type: str
    scheme: str
    programme: str
    validity_end: date
