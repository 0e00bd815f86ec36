"""Settings of the explorer (environment prefix ``EXPLORER_``)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from sosai_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EXPLORER_", extra="ignore")

    service_name: str = "explorer"
    port: int = 8006
    #: Kafka consumer group of the read-model consumer. A new group replays every topic from the
    #: earliest offset into the read model (the inbox absorbs what was already applied).
    consumer_group: str = "explorer.readmodel"
    #: Rows per HTML list page.
    page_size: int = 25
    #: Highest page number a list accepts; beyond it the request is refused (422), not computed.
    max_page: int = 10_000
    #: Public base URL used in labels, JSON-LD and QR links (the site's own address).
    public_url: str = "http://127.0.0.1:8006"
