"""Service settings: one env prefix per service, refusing default secrets outside development.

Every service subclasses :class:`ServiceSettings` with its own ``env_prefix``
(``REGISTRY_``, ``CERTIFICATION_`` ...). ``DATABASE_URL`` and
``KAFKA_BOOTSTRAP_SERVERS`` (and the platform-wide ``SOSAI_OIDC_ISSUER_URL``, ``SOSAI_JWKS``
and ``SOSAI_ENVIRONMENT``) are also read without the service prefix, because the
architecture promises that setting those two moves a service onto PostgreSQL
and Apache Kafka (docker-compose and Kubernetes set them per container).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from sosai_shared.auth.keys import ASYMMETRIC_ALGORITHMS, DEV_ISSUER, DEV_ISSUER_URL, audience_of, dev_jwks

_UNPREFIXED = {
    "database_url": "DATABASE_URL",
    "relay_database_url": "RELAY_DATABASE_URL",
    "kafka_bootstrap_servers": "KAFKA_BOOTSTRAP_SERVERS",
    "kafka_enable_idempotence": "KAFKA_ENABLE_IDEMPOTENCE",
    "oidc_issuer_url": "SOSAI_OIDC_ISSUER_URL",
    "jwt_issuer": "SOSAI_JWT_ISSUER",
    "jwks": "SOSAI_JWKS",
    "environment": "SOSAI_ENVIRONMENT",
    "kafka_topic_prefix": "KAFKA_TOPIC_PREFIX",
    "kafka_security_protocol": "KAFKA_SECURITY_PROTOCOL",
    "kafka_sasl_mechanism": "KAFKA_SASL_MECHANISM",
    "kafka_sasl_username": "KAFKA_SASL_USERNAME",
    "kafka_sasl_password": "KAFKA_SASL_PASSWORD",
    "kafka_ssl_cafile": "KAFKA_SSL_CAFILE",
    # platform-wide defaults of the rate limits (a service's own prefix still wins)
    "rate_limit_public_reads": "SOSAI_RATE_LIMIT_PUBLIC_READS",
    "rate_limit_reads": "SOSAI_RATE_LIMIT_READS",
    "rate_limit_writes": "SOSAI_RATE_LIMIT_WRITES",
    "rate_limit_uploads": "SOSAI_RATE_LIMIT_UPLOADS",
    "rate_limit_storage_uri": "SOSAI_RATE_LIMIT_STORAGE_URI",
}


def repo_var_dir() -> Path:
    """Where embedded-default state lives (SQLite files, logs): ``$SOSAI_VAR_DIR`` or ``./var``."""
    return Path(os.environ.get("SOSAI_VAR_DIR", "var")).resolve()


class ServiceSettings(BaseSettings):
    """Settings every service shares. Subclasses set ``service_name`` and the env prefix."""

    model_config = SettingsConfigDict(env_prefix="SOSAI_", extra="ignore")

    service_name: str = "service"
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = ""
    kafka_bootstrap_servers: str = "127.0.0.1:19092"
    #: Tansu (the embedded broker) lacks idempotent producers; Apache Kafka has them.
    kafka_enable_idempotence: bool = False
    kafka_topic_partitions: int = 3
    #: Prepended to every topic name (``registry.events`` → ``<prefix>registry.events``): lets
    #: several programmes (a staging copy, an end-to-end test run) share one Kafka cluster.
    kafka_topic_prefix: str = ""
    #: Appended to consumer group ids. A new suffix makes the consumers read every topic again
    #: from the earliest offset (a replay: the inbox must absorb all of it).
    kafka_consumer_group_suffix: str = ""
    kafka_request_timeout_ms: int = 10_000
    #: Start-up creates topics; production clusters (Strimzi KafkaTopic) may own them instead.
    kafka_create_topics: bool = True
    #: Group session timeout. Tansu takes ~half of it to complete a join (and ~2x after a
    #: member left), so the embedded default keeps it short; Apache Kafka is fine either way.
    kafka_session_timeout_ms: int = 6_000
    #: Longest a consumer's fetch waits at the broker for data. Apache Kafka answers a waiting
    #: fetch as soon as a record arrives (fetch_min_bytes 1), so this only bounds idle polling
    #: there; Tansu answers only when the wait ends, so it is a floor under propagation delay
    #: (aiokafka's default of 500 ms measured a ~115 ms median from send to receive, 100 ms ~20 ms).
    kafka_fetch_max_wait_ms: int = 100
    #: How clients reach the broker. PLAINTEXT on loopback (the local tiers); SASL_SSL with
    #: SCRAM-SHA-512 in Kubernetes (each service its own KafkaUser, its password from a Secret).
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "SCRAM-SHA-512"
    kafka_sasl_username: str = ""
    kafka_sasl_password: str = ""
    #: CA bundle that signed the brokers' certificates (Strimzi's cluster CA); empty: the system's.
    kafka_ssl_cafile: str = ""
    #: Connections of one process to PostgreSQL (ignored on SQLite). Budgeted per service in the
    #: Kubernetes overlays: replicas at the HPA maximum x (pool + overflow) must fit the pooler.
    db_pool_size: int = 10
    db_max_overflow: int = 20
    db_pool_timeout_seconds: float = 10.0
    #: Off behind PgBouncer in transaction mode: a server connection serves another client after
    #: every transaction, so prepared statements cached by asyncpg on "its" connection are not there.
    db_statement_cache: bool = True
    #: In development migrations run at start-up; in production a separate command/Job runs them.
    migrate_on_startup: bool | None = None
    run_relay: bool = True
    #: The outbox relay's own connection, which holds the relay's advisory lock and listens for other
    #: replicas' commits. Both belong to one server session, so behind PgBouncer in transaction mode
    #: (which lends a server connection per statement) this must reach PostgreSQL itself; Kubernetes
    #: points it at the cluster's primary. Empty: ``database_url``.
    relay_database_url: str = ""
    run_consumers: bool = True
    relay_batch_size: int = 200
    relay_poll_seconds: float = 0.5
    consumer_max_attempts: int = 5
    #: The OpenID Connect issuer whose JWKS verifies access tokens (discovered from
    #: ``/.well-known/openid-configuration``). Production refuses to start without one.
    oidc_issuer_url: str = ""
    #: Static keys instead of discovery (tests, in-process apps): inline JWKS JSON or a file path.
    #: With neither this nor an issuer, outside production, the development key is trusted.
    jwks: str = ""
    #: Expected ``iss``: the issuer URL by default (Keycloak: ``https://host/realms/<realm>``).
    jwt_issuer: str = ""
    #: The issuer's token endpoint as the OpenAPI documents it (Keycloak:
    #: ``…/realms/<realm>/protocol/openid-connect/token``); empty: ``<issuer>/token``, the
    #: development issuer's, which ``make run`` serves on port 8010.
    oauth_token_url: str = ""
    #: This service's own audience: ``sosai-<service_name>`` by default.
    jwt_audience: str = ""
    jwt_algorithms: list[str] = list(ASYMMETRIC_ALGORITHMS)
    #: Issuer fetches time out quickly: a request never hangs on a slow issuer.
    jwks_timeout_seconds: float = 2.0
    #: At most one JWKS refresh for unknown kids per this many seconds (forged kids cannot flood the issuer).
    jwks_min_refresh_seconds: float = 30.0
    #: This service's own OAuth2 client (client-credentials grant) for calling other services.
    oauth_client_id: str = ""
    oauth_client_secret: str = ""
    max_body_bytes: int = 1_048_576
    max_page_size: int = 200
    log_level: str = "INFO"
    #: Base URLs of sibling services for the few synchronous questions (httpx).
    calculator_url: str = "http://127.0.0.1:8003"
    #: The registry, whose public ledger the consumers of retirements reconcile against.
    registry_url: str = "http://127.0.0.1:8001"
    #: Seconds between two reconciliations of a consumer's view with the registry (0: never).
    reconcile_interval_seconds: float = 300.0
    #: A retirement younger than this may still be on its way through the broker: not yet a divergence.
    reconcile_grace_seconds: float = 120.0
    http_timeout_seconds: float = 3.0
    #: Rate limits per route class (``sosai_shared.ratelimit``), in ``limits`` notation: anonymous
    #: reads per IP address, the rest per client credential.
    rate_limit_public_reads: str = "1200/minute"
    rate_limit_reads: str = "6000/minute"
    rate_limit_writes: str = "3000/minute"
    rate_limit_uploads: str = "60/minute"
    #: Where the counters live: ``memory://`` (one process), or ``redis://host:6379`` shared by replicas.
    rate_limit_storage_uri: str = "memory://"

    @model_validator(mode="before")
    @classmethod
    def _unprefixed_fallbacks(cls, values: Any) -> Any:
        if isinstance(values, dict):
            for key, name in _UNPREFIXED.items():
                if not values.get(key) and os.environ.get(name):
                    values[key] = os.environ[name]
        return values

    @model_validator(mode="after")
    def _defaults_and_secrets(self) -> ServiceSettings:
        if not self.database_url:
            var = repo_var_dir()
            var.mkdir(parents=True, exist_ok=True)
            self.database_url = f"sqlite+aiosqlite:///{var / (self.service_name + '.db')}"
        if self.migrate_on_startup is None:
            self.migrate_on_startup = self.environment != "production"
        if self.kafka_security_protocol.startswith("SASL") and not (
            self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError("KAFKA_SECURITY_PROTOCOL is SASL but the SASL username or password is empty")
        if not self.jwt_audience:
            self.jwt_audience = audience_of(self.service_name)
        if not self.jwt_issuer:
            self.jwt_issuer = self.oidc_issuer_url.rstrip("/") if self.oidc_issuer_url else DEV_ISSUER
        refused = [a for a in self.jwt_algorithms if a.lower() == "none" or a.upper().startswith("HS")]
        if refused:
            raise ValueError(f"JWT algorithms {refused} are never allowed: access tokens are asymmetric")
        if self.environment == "production" and not self.oidc_issuer_url:
            raise ValueError(
                "refusing to start in production without an OIDC issuer: set SOSAI_OIDC_ISSUER_URL "
                "(the development key is for development and tests only)"
            )
        return self

    def token_endpoint(self) -> str:
        if self.oauth_token_url:
            return self.oauth_token_url
        return f"{(self.oidc_issuer_url or DEV_ISSUER_URL).rstrip('/')}/token"

    def static_jwks(self) -> dict[str, Any] | None:
        """The configured static JWKS (inline JSON or a file), the development key, or None (discovery)."""
        if self.jwks:
            text = self.jwks if self.jwks.lstrip().startswith("{") else Path(self.jwks).read_text()
            document: dict[str, Any] = json.loads(text)
            return document
        if self.oidc_issuer_url:
            return None
        return dev_jwks()

    def engine_options(self) -> dict[str, Any]:
        """The pool arguments of :func:`sosai_shared.db.create_engine`, from these settings."""
        return {
            "pool_size": self.db_pool_size,
            "max_overflow": self.db_max_overflow,
            "pool_timeout": self.db_pool_timeout_seconds,
            "statement_cache": self.db_statement_cache,
        }

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
