"""Settings of the certification service (environment prefix ``CERTIFICATION_``)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from sosai_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CERTIFICATION_", extra="ignore")

    service_name: str = "certification"
    port: int = 8002
    #: Kafka consumer group of the facts consumer (registry retirements, calculator footprints).
    consumer_group: str = "certification.facts"
    #: A retirement counts if it happened at most this many days before the application's submission.
    retirement_window_days: int = 365
    #: Upper bound of one bulk call (reported cases).
    max_bulk_items: int = 1000
    #: Public base URL of the registry: certificate claims embed its signed retirement claims (trust hook).
    registry_public_url: str | None = None
