"""docker-compose.yml and its PostgreSQL init script, from the same list of services as Kubernetes.

Per service: a one-shot ``migrate-<svc>`` container and the service itself (hardened like the pods:
read-only root, non-root, no capabilities), healthy when ``/readyz`` answers. PostgreSQL, Kafka,
Prometheus and Grafana are the same for every service list.
"""

from __future__ import annotations

import json
from typing import Any

from sosai_shared.processes import SERVICES, ServiceSpec

#: the scope a caller's own OAuth2 client may ask for, per callee (its only scope)
CALL_SCOPES = {"calculator": "calculator:estimate"}
#: the OAuth2 issuer of this compose project: the development issuer with a key generated at start
ISSUER_URL = "http://issuer:8010"
SERVICE_ENV = {
    "KAFKA_BOOTSTRAP_SERVERS": "kafka:9092",
    "KAFKA_ENABLE_IDEMPOTENCE": "true",
    "SOSAI_ENVIRONMENT": "production",
    "SOSAI_OIDC_ISSUER_URL": ISSUER_URL,
}


def _client_secret(name: str) -> str:
    """A client secret generated at deployment (deploy/README.md): compose refuses to start without it."""
    var = f"SOSAI_{name.upper().replace('-', '_')}_CLIENT_SECRET"
    return f"${{{var}:?set {var} to a generated secret, e.g. openssl rand -hex 32}}"


def _issuer_clients() -> str:
    """The issuer's clients: each calling service's own (one scope per callee) and an operator's."""
    clients: dict[str, Any] = {
        f"sosai-{s.service_name}": {
            "secret": _client_secret(s.service_name),
            "org": f"sosai-{s.service_name}",
            "sub": f"service:{s.name}",
            "scopes": [CALL_SCOPES[c] for c in s.calls],
        }
        for s in SERVICES
        if s.calls
    }
    scopes = sorted({sc for sc in OPERATOR_SCOPES})
    clients["operator"] = {
        "secret": _client_secret("operator"),
        "org": "operator",
        "sub": "operator",
        "scopes": scopes,
    }
    return json.dumps({"clients": clients}, sort_keys=True)


#: what the operator's client may ask for: the programme's staff scopes
OPERATOR_SCOPES = (
    "registry:admin",
    "registry:read",
    "certification:admin",
    "certification:review",
    "calculator:admin",
    "catalog:organise",
    "notifications:read",
)


def issuer(image: str, build: dict[str, Any]) -> dict[str, Any]:
    return {
        "image": image,
        "build": build,
        "command": [
            "python",
            "-m",
            "sosai_shared.auth.dev_issuer",
            "--host",
            "0.0.0.0",
            "--port",
            "8010",
            "--base-url",
            ISSUER_URL,
            "--issuer",
            ISSUER_URL,
            "--generate-key",
        ],
        "environment": {"SOSAI_DEV_ISSUER_CLIENTS": _issuer_clients()},
        "ports": ["127.0.0.1:8010:8010"],
        "read_only": True,
        "user": "10001:10001",
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges:true"],
        "healthcheck": {
            "test": ["CMD", "python", "-c", READY_CHECK.replace("8000/readyz", "8010/healthz")],
            "interval": "10s",
            "timeout": "8s",
            "retries": 12,
            "start_period": "10s",
        },
        "restart": "unless-stopped",
    }


READY_CHECK = (
    "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen("
    "'http://127.0.0.1:8000/readyz', timeout=5).status == 200 else 1)"
)


def _build(s: ServiceSpec) -> dict[str, Any]:
    return {
        "context": ".",
        "dockerfile": "Dockerfile",
        "args": {"SERVICE": s.name, "SERVICE_MODULE": s.package},
    }


def _url(s: ServiceSpec) -> str:
    n = s.service_name
    return f"postgresql+asyncpg://{n}:${{SOSAI_DB_PASSWORD:-sosai}}@postgres:5432/sosai_{n}"


def _healthy(*names: str) -> dict[str, dict[str, str]]:
    return {n: {"condition": "service_healthy"} for n in names}


def services(port_base: int = 8000) -> dict[str, Any]:
    by_name = {s.service_name: s for s in SERVICES}
    out: dict[str, Any] = {}
    for s in SERVICES:
        name = s.service_name
        image = f"sosai/{name}:local"
        out[f"migrate-{name}"] = {
            "image": image,
            "build": _build(s),
            "command": ["python", "-m", "sosai_shared.migrations", "upgrade", s.package],
            "environment": {**SERVICE_ENV, "DATABASE_URL": _url(s)},
            "depends_on": _healthy("postgres"),
            "restart": "no",
        }
    for i, s in enumerate(SERVICES, start=1):
        name = s.service_name
        svc: dict[str, Any] = {"image": f"sosai/{name}:local"}
        # a caller asks the issuer for its own token with its own client (no signing key anywhere)
        own_client = (
            {
                f"{s.prefix}OAUTH_CLIENT_ID": f"sosai-{name}",
                f"{s.prefix}OAUTH_CLIENT_SECRET": _client_secret(name),
            }
            if s.calls
            else {}
        )
        svc |= {
            "build": _build(s),
            "environment": {
                **SERVICE_ENV,
                "DATABASE_URL": _url(s),
                f"{s.prefix}MIGRATE_ON_STARTUP": "false",
                **own_client,
                **{
                    f"{s.prefix}{c.upper()}_URL": f"http://{by_name[c].service_name}:8000" for c in s.talks_to
                },
            },
            "ports": [f"127.0.0.1:{port_base + i}:8000"],
            "read_only": True,
            "tmpfs": ["/tmp"],
            "user": "10001:10001",
            "cap_drop": ["ALL"],
            "security_opt": ["no-new-privileges:true"],
            # /readyz (database reachable and migrated) rather than the image's /healthz
            "healthcheck": {
                "test": ["CMD", "python", "-c", READY_CHECK],
                "interval": "10s",
                "timeout": "8s",
                "retries": 12,
                "start_period": "20s",
            },
            "depends_on": {
                **_healthy("postgres", "kafka"),
                f"migrate-{name}": {"condition": "service_completed_successfully"},
                **_healthy("issuer", *s.calls),
            },
            "restart": "unless-stopped",
        }
        out[name] = svc
    first = SERVICES[0]
    out["issuer"] = issuer(f"sosai/{first.service_name}:local", _build(first))
    return out


def compose() -> dict[str, Any]:
    last_db = f"sosai_{SERVICES[-1].service_name}"
    return {
        "services": {
            "postgres": {
                "image": "postgres:16",
                "environment": {
                    "POSTGRES_USER": "postgres",
                    "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD:-postgres}",
                    "SOSAI_DB_PASSWORD": "${SOSAI_DB_PASSWORD:-sosai}",
                },
                "volumes": [
                    "postgres-data:/var/lib/postgresql/data",
                    "./deploy/compose/initdb:/docker-entrypoint-initdb.d:ro",
                ],
                "ports": ["127.0.0.1:5432:5432"],
                "healthcheck": {
                    # TCP, not the socket: during the init scripts only a socket-only server runs; the
                    # last database the init script creates answers once all exist
                    "test": ["CMD-SHELL", f"pg_isready -h 127.0.0.1 -U postgres -d {last_db}"],
                    "interval": "5s",
                    "timeout": "5s",
                    "retries": 20,
                    "start_period": "10s",
                },
                "restart": "unless-stopped",
            },
            "kafka": {
                "image": "apache/kafka:4.1.1",
                "environment": {
                    "CLUSTER_ID": "MkU3OEVBNTcwNTJENDM2Qk",
                    "KAFKA_NODE_ID": 1,
                    "KAFKA_PROCESS_ROLES": "broker,controller",
                    "KAFKA_LISTENERS": "PLAINTEXT://:9092,CONTROLLER://:9093,HOST://:9094",
                    "KAFKA_ADVERTISED_LISTENERS": "PLAINTEXT://kafka:9092,HOST://localhost:9094",
                    "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,HOST:PLAINTEXT",
                    "KAFKA_CONTROLLER_LISTENER_NAMES": "CONTROLLER",
                    "KAFKA_INTER_BROKER_LISTENER_NAME": "PLAINTEXT",
                    "KAFKA_CONTROLLER_QUORUM_VOTERS": "1@kafka:9093",
                    "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": 1,
                    "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": 1,
                    "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": 1,
                    "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS": 0,
                    # the services create their topics (and DLQs) at start-up
                    "KAFKA_AUTO_CREATE_TOPICS_ENABLE": "false",
                    "KAFKA_NUM_PARTITIONS": 3,
                    "KAFKA_LOG_DIRS": "/var/lib/kafka/data",
                },
                "volumes": ["kafka-data:/var/lib/kafka/data"],
                "ports": ["127.0.0.1:9094:9094"],
                "healthcheck": {
                    # ready = an admin request answers, not just an open port
                    "test": [
                        "CMD-SHELL",
                        "/opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --list >/dev/null",
                    ],
                    "interval": "10s",
                    "timeout": "10s",
                    "retries": 20,
                    "start_period": "20s",
                },
                "restart": "unless-stopped",
            },
            **services(),
            "prometheus": {
                "image": "prom/prometheus:v3.5.0",
                "command": [
                    "--config.file=/etc/prometheus/prometheus.yml",
                    "--storage.tsdb.retention.time=15d",
                    "--web.enable-lifecycle",
                ],
                "volumes": [
                    "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                    "./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro",
                    "prometheus-data:/prometheus",
                ],
                "ports": ["127.0.0.1:9090:9090"],
                "healthcheck": {
                    "test": ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:9090/-/ready"],
                    "interval": "10s",
                    "timeout": "5s",
                    "retries": 10,
                },
                "depends_on": {s.service_name: {"condition": "service_started"} for s in SERVICES},
                "restart": "unless-stopped",
            },
            "grafana": {
                "image": "grafana/grafana:12.1.1",
                "environment": {
                    "GF_SECURITY_ADMIN_USER": "admin",
                    "GF_SECURITY_ADMIN_PASSWORD": "${GRAFANA_ADMIN_PASSWORD:-admin}",
                    "GF_USERS_ALLOW_SIGN_UP": "false",
                    "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH": "/var/lib/grafana/dashboards/sosai/sosai-programme.json",
                },
                "volumes": [
                    "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                    "./deploy/grafana/dashboards:/var/lib/grafana/dashboards/sosai:ro",
                    "grafana-data:/var/lib/grafana",
                ],
                "ports": ["127.0.0.1:3000:3000"],
                "healthcheck": {
                    "test": ["CMD-SHELL", "wget -q -O /dev/null http://localhost:3000/api/health"],
                    "interval": "10s",
                    "timeout": "5s",
                    "retries": 10,
                },
                "depends_on": _healthy("prometheus"),
                "restart": "unless-stopped",
            },
        },
        "volumes": {"postgres-data": {}, "kafka-data": {}, "prometheus-data": {}, "grafana-data": {}},
    }


COMPOSE_HEADER = """\
# GENERATED by deploy/k8s/generate.py (deploy/k8s/compose.py) from sosai_shared.processes.SERVICES.
# Sōsai on one machine: PostgreSQL 16, Apache Kafka 4.1 (KRaft), every service (each after its one-shot
# migration), Prometheus and Grafana with provisioned dashboards.
#   docker compose up -d --build     then  http://localhost:8001/docs ..., Grafana on :3000
# Services run with SOSAI_ENVIRONMENT=production (no migrations at start-up, an OIDC issuer required): the
# issuer is the development one with a key generated at start, its client secrets generated at deployment
# (set SOSAI_CATALOG_CLIENT_SECRET and SOSAI_OPERATOR_CLIENT_SECRET, e.g. in .env: deploy/README.md).
# Validated offline by tests/deploy/test_compose_and_image.py. The project name is the folder's.
"""


def initdb_script() -> str:
    names = " ".join(s.service_name for s in SERVICES)
    return f"""#!/bin/bash
# GENERATED by deploy/k8s/generate.py: docker-compose's PostgreSQL, one role and one database per
# service (no service reads another's). Runs once, when the data volume is new
# (docker-entrypoint-initdb.d). Passwords are compose-local.
set -euo pipefail
for svc in {names}; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE ${{svc}} LOGIN PASSWORD '${{SOSAI_DB_PASSWORD:-sosai}}';
CREATE DATABASE sosai_${{svc}} OWNER ${{svc}};
REVOKE ALL ON DATABASE sosai_${{svc}} FROM PUBLIC;
SQL
done
"""
