"""Settings of the registry service (environment prefix ``REGISTRY_``)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from sosai_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore")

    service_name: str = "registry"
    port: int = 8001
    #: Share of every forest-absorption issuance that goes to the buffer account (rounded up).
    forest_buffer_share: Decimal = Field(default=Decimal("0.10"), ge=0, lt=1)
