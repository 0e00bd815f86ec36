"""Settings of the calculator service (environment prefix ``CALCULATOR_``)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from sosai_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CALCULATOR_", extra="ignore")

    service_name: str = "calculator"
    port: int = 8003
    #: Load the factor sets shipped in the package at start-up (idempotent by content).
    load_shipped_factors: bool = True
