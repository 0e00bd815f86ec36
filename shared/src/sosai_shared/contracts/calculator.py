"""Events the calculator publishes on ``calculator.events``. Emissions are decimal strings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from pydantic import Field

from sosai_shared.contracts.base import EventPayload

TOPIC = "calculator.events"
PREFIX = "jp.sosai.calculator."


class FootprintCalculatedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "footprint.calculated.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "footprint_id"

    footprint_id: str
    version: int = Field(ge=1)
    org: str
    kind: str = Field(description="organisation | product | event")
    name: str
    fiscal_year: int | None = None
    session_id: str | None = None
    total_t_co2: Decimal
    planned_reduction_t_co2: Decimal = Decimal("0")
    residual_t_co2: Decimal
    offset_share: Decimal = Field(description="0..1; 1 means carbon neutral")
    credits_needed: int = Field(ge=0)
    calculated_at: datetime
    #: Added (optional, backwards-compatible): the certification scheme's offset type, when the footprint names one.
    offset_type: str | None = None


class FootprintCoverageChangedV1(EventPayload):
    event_type: ClassVar[str] = PREFIX + "footprint.coverage_changed.v1"
    topic: ClassVar[str] = TOPIC
    subject_field: ClassVar[str] = "footprint_id"

    footprint_id: str
    org: str
    credits_needed: int = Field(ge=0)
    credits_retired: int = Field(ge=0)
    coverage: str = Field(description="none | partial | full")
    changed_at: datetime
