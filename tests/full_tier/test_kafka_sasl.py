"""Kafka over SASL/SCRAM-SHA-512, as Kubernetes' brokers require it, against the local Apache Kafka.

deploy/local/kafka.sh starts the broker with a second listener (SASL_PLAINTEXT, SCRAM-SHA-512) and a
user created at format time. The smoke check of the Kafka features the services use passes over it
with the right password and is refused with a wrong one; a service built with the same settings
(KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*) publishes its outbox through it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import httpx
from toyapp import ToySettings, make_app

from sosai_shared.testing import auth

ROOT = Path(__file__).resolve().parents[2]
SASL = f"127.0.0.1:{os.environ.get('SOSAI_KAFKA_SASL_PORT', int(os.environ.get('SOSAI_KAFKA_PORT', '29192')) + 2)}"
USER = os.environ.get("SOSAI_KAFKA_SCRAM_USER", "sosai")
PASSWORD = os.environ.get("SOSAI_KAFKA_SCRAM_PASSWORD", "sosai-local-scram")


def smoke(password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "deploy/local/kafka_smoke.py"), "--bootstrap", SASL],
        env={
            **os.environ,
            "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
            "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "KAFKA_SASL_USERNAME": USER,
            "KAFKA_SASL_PASSWORD": password,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_kafka_smoke_check_passes_over_sasl_scram() -> None:
    out = smoke(PASSWORD)
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"security: SASL_PLAINTEXT SCRAM-SHA-512 as {USER}" in out.stdout
    assert "PASS             group consume + manual commit + committed()" in out.stdout


def test_a_wrong_scram_password_is_refused() -> None:
    out = smoke("not-the-password")
    assert out.returncode != 0
    assert "Authentication" in out.stdout + out.stderr or "SASL" in out.stdout + out.stderr


async def test_a_service_publishes_its_outbox_over_sasl_scram(database_url: str) -> None:
    settings = ToySettings(
        database_url=database_url,
        kafka_bootstrap_servers=SASL,
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username=USER,
        kafka_sasl_password=PASSWORD,
        kafka_enable_idempotence=True,
        migrate_on_startup=False,
    )
    app = make_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            headers = auth("org-a", "notes:write")
            assert (
                await c.post("/v1/notes", json={"key": "k", "text": "x"}, headers=headers)
            ).status_code == 201
            relay = app.state.runtime.relay
            for _ in range(200):
                if await relay.backlog() == 0:
                    break
                relay.wakeup.set()
                await asyncio.sleep(0.1)
            assert await relay.backlog() == 0, "published over SASL/SCRAM"
            assert 'sosai_broker_up{service="toy"} 1.0' in (await c.get("/metrics")).text
