"""Settings of the notifications service (environment prefix ``NOTIFICATIONS_``)."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from sosai_shared.settings import ServiceSettings

#: Fernet key used only in development and tests; production refuses to start with it.
DEV_SECRETS_KEY = "c29zYWktZGV2ZWxvcG1lbnQta2V5LWRvLW5vdC11c2U="


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    service_name: str = "notifications"
    port: int = 8005
    #: Kafka consumer group of the consumer that reads every service's topic.
    consumer_group: str = "notifications.events"
    #: Fernet key (urlsafe base64 of 32 bytes) encrypting webhook secrets at rest.
    secrets_key: str = DEV_SECRETS_KEY
    #: Loopback, link-local and private webhook URLs (and plain http). None: only outside production.
    allow_private_urls: bool | None = None
    #: Run the delivery worker and the mail sender in this process.
    run_workers: bool = True
    worker_poll_seconds: float = 0.5
    #: At most this many HTTP deliveries in flight at once, and per subscription.
    max_in_flight: int = 64
    max_in_flight_per_subscription: int = 16
    #: The worker's in-memory queue of due deliveries (a cache of the database's, refilled by one
    #: query), and the most sent deliveries whose outcome may wait for its batched record.
    delivery_queue_size: int = Field(default=512, ge=1)
    #: One delivery attempt's whole time (connect, send, wait for the answer).
    delivery_timeout_seconds: float = 10.0
    #: Backoff: base * 2^(attempt-1), capped, with full jitter; given up after the window (~3 days).
    retry_base_seconds: float = 5.0
    retry_cap_seconds: float = 6 * 3600.0
    retry_window_seconds: float = 3 * 24 * 3600.0
    #: A subscription failing without one success for this long is disabled.
    disable_after_failing_seconds: float = 3 * 24 * 3600.0
    #: During a secret rotation the previous secret keeps signing for this long.
    rotation_grace_seconds: float = 24 * 3600.0
    #: Outgoing mail: SMTP relay (``make run`` starts a local sink on this port).
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    #: Start the local SMTP sink (aiosmtpd) on smtp_port in this process. None: in development, when
    #: the SMTP host is this machine (so ``make run`` has one); a port already taken is left alone.
    run_smtp_sink: bool | None = None
    #: Maildir the development sink writes to ("" = var/mailbox); listed at /v1/dev/mailbox.
    mailbox_dir: str = ""
    mail_from: str = "Sōsai <no-reply@sosai.local>"
    #: Days before a certificate's end that its holder is reminded.
    certificate_reminder_days: int = 30
    #: How often the officers' digest of four-eyes proposals waiting for approval is sent (one mail
    #: per organisation naming what is new since the last one; none when nothing is).
    approvals_digest_seconds: float = Field(default=15 * 60.0, gt=0)
    #: Where the stored contract examples are read for the AsyncAPI document ("" = the repository's).
    contract_examples_dir: str = ""
    #: Public base URL of this service (links in the Atom feed and the AsyncAPI document).
    public_url: str = "http://127.0.0.1:8005"

    @model_validator(mode="after")
    def _notification_secrets(self) -> Settings:
        if self.allow_private_urls is None:
            self.allow_private_urls = self.environment != "production"
        if self.run_smtp_sink is None:
            self.run_smtp_sink = self.environment == "development" and self.smtp_host in (
                "127.0.0.1",
                "localhost",
            )
        if self.environment == "production" and self.secrets_key == DEV_SECRETS_KEY:
            raise ValueError(
                "refusing to start in production with the development secrets key: set NOTIFICATIONS_SECRETS_KEY"
            )
        return self
