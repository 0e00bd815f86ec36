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
    #: Where the signed claim documents and the issuers' keys are fetched from, in the background
    #: (never while rendering a page). Empty: nothing is fetched and pages say "not yet fetched".
    registry_url: str = ""
    certification_url: str = ""
    #: Seconds between two rounds of the claim fetcher (new retirements and certificates, retries).
    claim_fetch_seconds: float = 5.0
    #: Claim documents fetched per issuer and round (a replay of the whole programme catches up in rounds).
    claim_fetch_batch: int = 50
    #: First delay before a failed fetch is tried again; it doubles per failure, up to an hour.
    claim_retry_seconds: float = 30.0
    #: Seconds after which an issuer's published keys are fetched again (rotation).
    keys_refresh_seconds: float = 300.0
