"""Settings of the events-catalog service (environment prefix ``CATALOG_``)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from sosai_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CATALOG_", extra="ignore")

    service_name: str = "catalog"
    port: int = 8004
    #: Bearer token for the calculator in production (``CATALOG_CALCULATOR_TOKEN``); in development
    #: the catalog mints a short-lived service token with the shared secret instead.
    calculator_token: str = ""
    #: Retries after the first attempt, with exponential backoff, for transport errors and 5xx.
    calculator_retries: int = 2
    calculator_backoff_seconds: float = 0.2
