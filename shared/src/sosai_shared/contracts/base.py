"""Base of every event payload: its type, its topic and a stable subject."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

_CONTRACTS: dict[str, type[EventPayload]] = {}

#: The Carbon Offset Certification scheme's offset types (label categories), used by the
#: registry's retirement ``use``, certification applications and the calculator's footprints.
OFFSET_TYPES = (
    "product_service",  # product use / service use offset (market distribution)
    "meeting_event",  # meeting / event offset
    "own_activity",  # own-activity offset
    "own_activity_support",  # own-activity offset support
    "closed_specific_parties",  # closed between specific parties (guideline of 2010-06-25)
)


class EventPayload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    event_type: ClassVar[str]
    topic: ClassVar[str]
    #: Name of the field whose value is the aggregate id (CloudEvents subject, Kafka key).
    subject_field: ClassVar[str]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "event_type" in cls.__dict__:
            if cls.event_type in _CONTRACTS:
                raise RuntimeError(f"duplicate event contract {cls.event_type}")
            _CONTRACTS[cls.event_type] = cls

    @property
    def subject(self) -> str:
        return str(getattr(self, self.subject_field))


def contract_for(event_type: str) -> type[EventPayload] | None:
    return _CONTRACTS.get(event_type)


def all_contracts() -> dict[str, type[EventPayload]]:
    """The programme's contracts (those defined in this package). A test's own contract (the platform
    tests' toy service registers one) never leaks into what the services publish as their catalogue:
    the AsyncAPI document, webhook event types, the consumers that take every event."""
    return {t: c for t, c in _CONTRACTS.items() if c.__module__.startswith("sosai_shared.contracts.")}
