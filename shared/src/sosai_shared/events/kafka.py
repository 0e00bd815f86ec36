"""aiokafka clients configured the one way every service uses them.

Producers wait for ``acks=all``; idempotence is a setting (on for Apache Kafka,
off for Tansu, which lacks it). Topics are created explicitly at start-up:
production clusters run with topic auto-creation off.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from aiokafka.helpers import create_ssl_context

from sosai_shared.settings import ServiceSettings

log = logging.getLogger("sosai.kafka")
_TOPIC_ALREADY_EXISTS = 36


def client_options(settings: ServiceSettings) -> dict[str, Any]:
    """Bootstrap servers and security arguments shared by every aiokafka client of a service."""
    return security_options(
        settings.kafka_security_protocol,
        settings.kafka_sasl_mechanism,
        settings.kafka_sasl_username,
        settings.kafka_sasl_password,
        settings.kafka_ssl_cafile,
    ) | {"bootstrap_servers": settings.kafka_bootstrap_servers}


def security_options(
    protocol: str = "PLAINTEXT", mechanism: str = "", username: str = "", password: str = "", cafile: str = ""
) -> dict[str, Any]:
    """aiokafka's keyword arguments for a security protocol (also used by deploy/local/kafka_smoke.py)."""
    options: dict[str, Any] = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = create_ssl_context(cafile=cafile or None)
    if protocol.startswith("SASL"):
        options |= {
            "sasl_mechanism": mechanism,
            "sasl_plain_username": username,
            "sasl_plain_password": password,
        }
    return options


def make_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        **client_options(settings),
        client_id=f"{settings.service_name}-relay",
        acks="all",
        enable_idempotence=settings.kafka_enable_idempotence,
        request_timeout_ms=settings.kafka_request_timeout_ms,
        # the relay sends a whole batch, then awaits it: waiting to fill a batch only delays it
        linger_ms=0,
    )


def make_admin(settings: ServiceSettings) -> AIOKafkaAdminClient:
    return AIOKafkaAdminClient(
        **client_options(settings),
        client_id=f"{settings.service_name}-admin",
        request_timeout_ms=settings.kafka_request_timeout_ms,
    )


async def ensure_topics(settings: ServiceSettings, topics: Iterable[str]) -> None:
    """Create the topics that do not exist yet (idempotent; existing ones are left as they are)."""
    wanted = sorted(set(topics))
    admin = make_admin(settings)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in wanted if t not in existing]
        if not missing:
            return
        new = [
            NewTopic(t, num_partitions=settings.kafka_topic_partitions, replication_factor=1) for t in missing
        ]
        try:
            response = await admin.create_topics(new)
        except TopicAlreadyExistsError:
            return  # another service created it between our list and create
        # aiokafka reports per-topic failures in the response instead of raising
        failed = [
            (name, code, message)
            for name, code, *rest in getattr(response, "topic_errors", [])
            for message in [rest[0] if rest else ""]
            if code not in (0, _TOPIC_ALREADY_EXISTS)
        ]
        if failed:
            raise KafkaError(f"could not create topics: {failed}")
    finally:
        await admin.close()


async def ensure_topics_with_retry(
    settings: ServiceSettings, topics: Iterable[str], stop: asyncio.Event
) -> None:
    """Keep trying until the broker answers; a service starts (and takes writes) without it."""
    delay = 0.5
    topics = list(topics)
    while not stop.is_set():
        try:
            await ensure_topics(settings, topics)
            return
        except Exception as exc:
            log.warning("topics not created yet, broker unreachable: %s", exc)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except TimeoutError:
                pass
            delay = min(delay * 2, 10)


async def broker_reachable(settings: ServiceSettings, timeout: float = 3.0) -> bool:
    admin = make_admin(settings)
    try:
        await asyncio.wait_for(admin.start(), timeout)
        await asyncio.wait_for(admin.list_topics(), timeout)
        return True
    except Exception:
        return False
    finally:
        try:
            await asyncio.wait_for(admin.close(), timeout)
        except Exception:
            pass
