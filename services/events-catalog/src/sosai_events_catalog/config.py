"""Settings of the events-catalog service (environment prefix ``CATALOG_``)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from sosai_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CATALOG_", extra="ignore")

    service_name: str = "catalog"
    port: int = 8004
    #: A fixed bearer token for the calculator (``CATALOG_CALCULATOR_TOKEN``), overriding the catalog's
    #: own client credentials (``CATALOG_OAUTH_CLIENT_ID``/``_SECRET``, asked of the issuer).
    calculator_token: str = ""
    #: Retries after the first attempt, with exponential backoff, for transport errors and 5xx.
    calculator_retries: int = 2
    calculator_backoff_seconds: float = 0.2
    #: The carbon card's estimates are kept this long (seconds) per set of inputs, at most
    #: ``calculator_cache_size`` of them: an anonymous page view cannot multiply calls to the calculator.
    calculator_cache_seconds: float = 60.0
    calculator_cache_size: int = 1024
