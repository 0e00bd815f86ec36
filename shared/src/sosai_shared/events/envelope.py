"""The CloudEvents 1.0 envelope (structured JSON mode) every Sōsai event travels in.

``id`` is the outbox row's event id, ``subject`` the aggregate id (also the Kafka
key, so one aggregate's events stay in one partition, in order), ``type`` names
what happened and its payload version (``jp.sosai.registry.credits.retired.v1``).
``correlationid`` is a CloudEvents extension attribute carrying the journey.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

CONTENT_TYPE = "application/cloudevents+json"


class CloudEvent(BaseModel):
    model_config = ConfigDict(extra="allow")

    specversion: str = Field("1.0", pattern=r"^1\.0$")
    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    type: str = Field(min_length=1)
    subject: str | None = None
    time: datetime
    datacontenttype: str = "application/json"
    dataschema: str | None = None
    correlationid: str | None = None
    data: dict[str, Any]

    def to_bytes(self) -> bytes:
        return json.dumps(self.model_dump(mode="json", exclude_none=True), ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> CloudEvent:
        return cls.model_validate_json(raw)


def now_utc() -> datetime:
    return datetime.now(UTC)
