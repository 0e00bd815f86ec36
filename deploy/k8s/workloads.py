"""The Kubernetes objects of one service, and of the shared pieces sized from the list of services.

Everything is derived from ``sosai_shared.processes.SERVICES`` (deploy/k8s/generate.py writes it out):
a service with no topic of its own gets no topic and no write ACL; one that consumes nothing gets no
group ACL and no DLQ.
"""

from __future__ import annotations

from typing import Any

from sosai_shared.processes import SERVICES, ServiceSpec

PORT = 8000
IMAGE_PREFIX = "sosai/"
PG_CLUSTER = "sosai-pg"
#: PgBouncer in transaction mode between the services and PostgreSQL (CloudNativePG Pooler)
POOLER = f"{PG_CLUSTER}-pooler-rw"
#: the primary's Service (CloudNativePG): migrations and the outbox relays' lock connections
PRIMARY = f"{PG_CLUSTER}-rw"
KAFKA_CLUSTER = "sosai-kafka"
KAFKA_TLS_PORT = 9093
KAFKA_BOOTSTRAP = f"{KAFKA_CLUSTER}-kafka-bootstrap:{KAFKA_TLS_PORT}"
#: Strimzi writes the cluster CA's public certificate to this Secret (key ca.crt)
KAFKA_CA_SECRET = f"{KAFKA_CLUSTER}-cluster-ca-cert"
KAFKA_CA_DIR = "/etc/sosai/kafka-ca"
#: ConfigMap (per overlay) naming the OpenID Connect issuer whose JWKS every service verifies tokens with
OIDC_CONFIG = "sosai-oidc"
INGRESS_NAMESPACE = "ingress-nginx"
MONITORING_NAMESPACE = "monitoring"
PART_OF = {"app.kubernetes.io/part-of": "sosai"}
#: Argo CD applies waves in order and waits for each to be healthy: the database and the broker,
#: then the migration Jobs (complete), then the services. Plain kubectl: see deploy/README.md.
WAVE_INFRA, WAVE_MIGRATE, WAVE_SERVICES = "0", "1", "2"


def wave(n: str) -> dict[str, str]:
    return {"argocd.argoproj.io/sync-wave": n}


def name_of(s: ServiceSpec) -> str:
    return s.service_name


def database(s: ServiceSpec) -> str:
    return f"sosai_{s.service_name}"


def owner_secret(s: ServiceSpec) -> str:
    """Basic-auth Secret of the role that owns the schema: only the migration Job uses it."""
    return f"{PG_CLUSTER}-{s.service_name}"


def app_secret(s: ServiceSpec) -> str:
    """Basic-auth Secret of the runtime role: reads and writes rows, cannot change the schema."""
    return f"{PG_CLUSTER}-{s.service_name}-app"


def app_role(s: ServiceSpec) -> str:
    return f"{s.service_name}_app"


def kafka_user(s: ServiceSpec) -> str:
    """KafkaUser (and the Secret Strimzi writes its password to)."""
    return f"sosai-{s.service_name}"


def migration_job(s: ServiceSpec) -> str:
    """Base name; each overlay appends the image tag (replacements.yaml), so a release is a new Job."""
    return f"{s.service_name}-migrate-release"


def oauth_client_secret(s: ServiceSpec) -> str:
    """The service's own OAuth2 client (keys client_id, client_secret) for calling other services."""
    return f"sosai-{s.service_name}-oauth-client"


def topics() -> dict[str, str]:
    """Every topic a service publishes or consumes, plus the DLQ of every consumed one -> its kind."""
    out: dict[str, str] = {t: "events" for s in SERVICES for t in s.publishes}
    for s in SERVICES:
        for t in s.consumes:
            out.setdefault(t, "events")
            out[f"{t}.dlq"] = "dlq"
    return dict(sorted(out.items()))


def labels(s: ServiceSpec, component: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": s.service_name, "app.kubernetes.io/component": component, **PART_OF}


def selector(s: ServiceSpec, component: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": s.service_name, "app.kubernetes.io/component": component}


def selector_by_name(name: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/component": "api"}


CONTAINER_SECURITY = {
    "allowPrivilegeEscalation": False,
    "readOnlyRootFilesystem": True,
    "runAsNonRoot": True,
    "runAsUser": 10001,
    "runAsGroup": 10001,
    "capabilities": {"drop": ["ALL"]},
    "seccompProfile": {"type": "RuntimeDefault"},
}
POD_SECURITY = {
    "runAsNonRoot": True,
    "runAsUser": 10001,
    "runAsGroup": 10001,
    "fsGroup": 10001,
    "seccompProfile": {"type": "RuntimeDefault"},
}
#: Measured figures and how: docs/runbooks/capacity.md. The HPA scales at 70% of the request.
API_RESOURCES = {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}}
SMALL_RESOURCES = {
    "requests": {"cpu": "50m", "memory": "128Mi"},
    "limits": {"cpu": "500m", "memory": "256Mi"},
}


def _secret(var: str, secret: str, key: str) -> dict[str, Any]:
    return {"name": var, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}


def db_env(s: ServiceSpec, *, owner: bool) -> list[dict[str, Any]]:
    """Migrations connect straight to the primary as the owner (DDL, session state); everything else
    goes through PgBouncer as the runtime role, but for the outbox relay's one connection: its
    advisory lock and LISTEN belong to one server session, which PgBouncer in transaction mode
    would lend to other clients (two relays would both "hold" the lock)."""
    secret, host = (owner_secret(s), PRIMARY) if owner else (app_secret(s), POOLER)

    def url(to: str) -> str:
        return f"postgresql+asyncpg://$(DB_USER):$(DB_PASSWORD)@{to}:5432/{database(s)}"

    env = [
        _secret("DB_USER", secret, "username"),
        _secret("DB_PASSWORD", secret, "password"),
        {"name": "DATABASE_URL", "value": url(host)},
    ]
    if not owner:
        env.append({"name": "RELAY_DATABASE_URL", "value": url(PRIMARY)})
    return env


def base_container(s: ServiceSpec, name: str, *, owner: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "image": f"{IMAGE_PREFIX}{s.service_name}",
        "imagePullPolicy": "IfNotPresent",
        "envFrom": [{"configMapRef": {"name": f"{s.service_name}-config"}}],
        "env": [
            *db_env(s, owner=owner),
            {
                "name": "SOSAI_OIDC_ISSUER_URL",
                "valueFrom": {"configMapKeyRef": {"name": OIDC_CONFIG, "key": "SOSAI_OIDC_ISSUER_URL"}},
            },
        ],
        "securityContext": CONTAINER_SECURITY,
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }


def api_container(s: ServiceSpec) -> dict[str, Any]:
    c = base_container(s, s.service_name)
    c["env"] += [
        # Kafka over TLS with SCRAM-SHA-512, as the service's own KafkaUser (ACLs: its topics only)
        {"name": "KAFKA_SECURITY_PROTOCOL", "value": "SASL_SSL"},
        {"name": "KAFKA_SASL_MECHANISM", "value": "SCRAM-SHA-512"},
        {"name": "KAFKA_SASL_USERNAME", "value": kafka_user(s)},
        _secret("KAFKA_SASL_PASSWORD", kafka_user(s), "password"),
        {"name": "KAFKA_SSL_CAFILE", "value": f"{KAFKA_CA_DIR}/ca.crt"},
    ]
    if s.calls:  # its own client credentials: the issuer grants the scope each callee needs, no more
        c["env"] += [
            _secret(f"{s.prefix}OAUTH_CLIENT_ID", oauth_client_secret(s), "client_id"),
            _secret(f"{s.prefix}OAUTH_CLIENT_SECRET", oauth_client_secret(s), "client_secret"),
        ]
    c["volumeMounts"] = [
        *c["volumeMounts"],
        {"name": "kafka-ca", "mountPath": KAFKA_CA_DIR, "readOnly": True},
    ]
    c["command"] = [
        "uvicorn",
        f"{s.package}.main:create_app",
        "--factory",
        "--host=0.0.0.0",
        f"--port={PORT}",
        "--no-server-header",
        # above the ingress controller's upstream keep-alive (nginx: 60 s), so the proxy, not uvicorn,
        # closes idle connections (else a request can race the close and get a 502)
        "--timeout-keep-alive=75",
        # X-Forwarded-* trusted only from FORWARDED_ALLOW_IPS (uvicorn reads it from the environment):
        # the pod network the ingress controller runs in; the NetworkPolicy admits no other proxy
        "--proxy-headers",
        "--timeout-graceful-shutdown=20",
    ]
    c.update(
        {
            "ports": [{"name": "http", "containerPort": PORT, "protocol": "TCP"}],
            "startupProbe": {
                "httpGet": {"path": "/healthz", "port": "http"},
                "periodSeconds": 2,
                "failureThreshold": 30,
                "timeoutSeconds": 2,
            },
            "livenessProbe": {
                "httpGet": {"path": "/healthz", "port": "http"},
                "periodSeconds": 10,
                "failureThreshold": 3,
                "timeoutSeconds": 3,
            },
            # /readyz: the database is reachable and at this release's migration head (3 s each at
            # most). Never the broker: the outbox keeps writes going while Kafka is away.
            "readinessProbe": {
                "httpGet": {"path": "/readyz", "port": "http"},
                "periodSeconds": 10,
                "failureThreshold": 3,
                "timeoutSeconds": 7,
            },
            "resources": API_RESOURCES,
            # let endpoints drop the pod before uvicorn stops accepting connections
            "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}},
        }
    )
    return c


def wait_container(s: ServiceSpec) -> dict[str, Any]:
    """Init container: the pod starts only once the migration Job has brought the schema to its head."""
    c = base_container(s, "wait-for-schema")
    c["command"] = ["python", "-m", "sosai_shared.migrations", "wait", s.package]
    c["resources"] = SMALL_RESOURCES
    return c


def tmp_volume() -> list[dict[str, Any]]:
    return [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}]


def config(s: ServiceSpec) -> dict[str, str]:
    by_name = {o.service_name: o for o in SERVICES}
    return {
        "SOSAI_ENVIRONMENT": "production",
        "KAFKA_BOOTSTRAP_SERVERS": KAFKA_BOOTSTRAP,
        "KAFKA_ENABLE_IDEMPOTENCE": "true",
        f"{s.prefix}MIGRATE_ON_STARTUP": "false",
        # Strimzi's KafkaTopic resources own the topics in Kubernetes
        f"{s.prefix}KAFKA_CREATE_TOPICS": "false",
        f"{s.prefix}LOG_LEVEL": "INFO",
        # PgBouncer in transaction mode: see sosai_shared.db.create_engine
        f"{s.prefix}DB_STATEMENT_CACHE": "false",
        # the budget of each environment replaces these (overlays/<env>/budget.yaml)
        f"{s.prefix}DB_POOL_SIZE": "2",
        f"{s.prefix}DB_MAX_OVERFLOW": "2",
        "SOSAI_VAR_DIR": "/tmp/sosai",
        "FORWARDED_ALLOW_IPS": "10.0.0.0/8",
        **{f"{s.prefix}{c.upper()}_URL": f"http://{by_name[c].service_name}:{PORT}" for c in s.talks_to},
    }


def pod(s: ServiceSpec, containers: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "serviceAccountName": s.service_name,
        "automountServiceAccountToken": False,
        "securityContext": POD_SECURITY,
        **extra,
        "containers": containers,
        "volumes": tmp_volume(),
    }


def spread(s: ServiceSpec) -> list[dict[str, Any]]:
    """Across nodes and zones; the selector names the service (not every API pod of the programme)."""
    return [
        {
            "maxSkew": 1,
            "topologyKey": key,
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": {"matchLabels": selector(s, "api")},
            "matchLabelKeys": ["pod-template-hash"],
        }
        for key in ("kubernetes.io/hostname", "topology.kubernetes.io/zone")
    ]


def service_docs(s: ServiceSpec) -> list[dict[str, Any]]:
    name = s.service_name
    api, mig = labels(s, "api"), labels(s, "migration")
    deployment_pod = pod(
        s,
        [api_container(s)],
        terminationGracePeriodSeconds=30,
        topologySpreadConstraints=spread(s),
        initContainers=[wait_container(s)],
    )
    deployment_pod["volumes"] = [
        *deployment_pod["volumes"],
        {
            "name": "kafka-ca",
            "secret": {"secretName": KAFKA_CA_SECRET, "items": [{"key": "ca.crt", "path": "ca.crt"}]},
        },
    ]
    migrate = base_container(s, "migrate", owner=True)
    migrate["command"] = ["python", "-m", "sosai_shared.migrations", "upgrade", s.package]
    # after upgrading, grant the runtime role its rows (never DDL): see sosai_shared.migrations
    migrate["env"] = [*migrate["env"], {"name": "SOSAI_RUNTIME_ROLE", "value": app_role(s)}]
    migrate["resources"] = SMALL_RESOURCES
    docs: list[dict[str, Any]] = [
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": {"name": name, "labels": api, "annotations": wave(WAVE_INFRA)},
            "automountServiceAccountToken": False,
        },
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": f"{name}-config", "labels": api, "annotations": wave(WAVE_INFRA)},
            "data": config(s),
        },
        {
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": {"name": migration_job(s), "labels": mig, "annotations": wave(WAVE_MIGRATE)},
            "spec": {
                "backoffLimit": 6,
                "activeDeadlineSeconds": 900,
                "ttlSecondsAfterFinished": 7 * 86400,
                "template": {"metadata": {"labels": mig}, "spec": pod(s, [migrate], restartPolicy="Never")},
            },
        },
        {
            # no `replicas`: the HPA owns it (an apply would otherwise reset it)
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": name, "labels": api, "annotations": wave(WAVE_SERVICES)},
            "spec": {
                "revisionHistoryLimit": 5,
                "selector": {"matchLabels": selector(s, "api")},
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
                "template": {"metadata": {"labels": api}, "spec": deployment_pod},
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": name, "labels": api, "annotations": wave(WAVE_SERVICES)},
            "spec": {
                "type": "ClusterIP",
                "selector": selector(s, "api"),
                "ports": [{"name": "http", "port": PORT, "targetPort": "http", "protocol": "TCP"}],
            },
        },
        {
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": name, "labels": api, "annotations": wave(WAVE_SERVICES)},
            "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                "minReplicas": 2,
                "maxReplicas": 6,
                "metrics": [
                    {
                        "type": "Resource",
                        "resource": {
                            "name": "cpu",
                            "target": {"type": "Utilization", "averageUtilization": 70},
                        },
                    }
                ],
                "behavior": {"scaleDown": {"stabilizationWindowSeconds": 300}},
            },
        },
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": name, "labels": api, "annotations": wave(WAVE_SERVICES)},
            "spec": {"maxUnavailable": 1, "selector": {"matchLabels": selector(s, "api")}},
        },
    ]
    docs.extend(network_policies(s))
    docs.append(kafka_user_doc(s))
    return docs


def _port(n: int) -> list[dict[str, Any]]:
    return [{"protocol": "TCP", "port": n}]


def network_policies(s: ServiceSpec) -> list[dict[str, Any]]:
    to_primary = {
        "to": [{"podSelector": {"matchLabels": {"cnpg.io/cluster": PG_CLUSTER}}}],
        "ports": _port(5432),
    }
    to_pooler = {
        "to": [{"podSelector": {"matchLabels": {"cnpg.io/poolerName": POOLER}}}],
        "ports": _port(5432),
    }
    to_kafka = {
        "to": [
            {
                "podSelector": {
                    "matchLabels": {"strimzi.io/cluster": KAFKA_CLUSTER, "strimzi.io/kind": "Kafka"}
                }
            }
        ],
        "ports": _port(KAFKA_TLS_PORT),
    }
    ingress: list[dict[str, Any]] = [
        {
            "from": [
                {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": INGRESS_NAMESPACE}}}
            ],
            "ports": _port(PORT),
        },
        {
            "from": [
                {
                    "namespaceSelector": {
                        "matchLabels": {"kubernetes.io/metadata.name": MONITORING_NAMESPACE}
                    },
                    "podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}},
                }
            ],
            "ports": _port(PORT),
        },
    ]
    for caller in (c.service_name for c in SERVICES if s.service_name in c.talks_to):
        ingress.append(
            {"from": [{"podSelector": {"matchLabels": selector_by_name(caller)}}], "ports": _port(PORT)}
        )
    egress: list[dict[str, Any]] = [to_pooler, to_primary, to_kafka]  # primary: the relay's lock
    for callee in s.talks_to:
        egress.append(
            {"to": [{"podSelector": {"matchLabels": selector_by_name(callee)}}], "ports": _port(PORT)}
        )
    meta = {"annotations": wave(WAVE_INFRA)}
    return [
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": f"{s.service_name}-api", "labels": labels(s, "api"), **meta},
            "spec": {
                "podSelector": {"matchLabels": selector(s, "api")},
                "policyTypes": ["Ingress", "Egress"],
                "ingress": ingress,
                "egress": egress,
            },
        },
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": f"{s.service_name}-migrate", "labels": labels(s, "migration"), **meta},
            "spec": {
                "podSelector": {"matchLabels": selector(s, "migration")},
                "policyTypes": ["Ingress", "Egress"],
                "egress": [to_primary],
            },
        },
    ]


def acls(s: ServiceSpec) -> list[dict[str, Any]]:
    """Exactly what the service does: write its topics, read what it consumes, write those DLQs, and
    use the consumer groups named after it (``<service>.<consumer>``, sosai_shared.events.consumer)."""

    def topic(name: str, *ops: str) -> dict[str, Any]:
        return {
            "resource": {"type": "topic", "name": name, "patternType": "literal"},
            "operations": list(ops),
        }

    out = [topic(t, "Describe", "Write") for t in s.publishes]
    out += [topic(t, "Describe", "Read") for t in s.consumes]
    out += [topic(f"{t}.dlq", "Describe", "Write") for t in s.consumes]
    if s.consumes:
        out.append(
            {
                "resource": {"type": "group", "name": f"{s.service_name}.", "patternType": "prefix"},
                "operations": ["Describe", "Read"],
            }
        )
    return out


def kafka_user_doc(s: ServiceSpec) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaUser",
        "metadata": {
            "name": kafka_user(s),
            "labels": {"strimzi.io/cluster": KAFKA_CLUSTER, **labels(s, "api")},
            "annotations": wave(WAVE_INFRA),
        },
        "spec": {
            "authentication": {"type": "scram-sha-512"},
            "authorization": {"type": "simple", "acls": acls(s)},
        },
    }


def kafka_topics() -> list[dict[str, Any]]:
    docs = []
    for name, kind in topics().items():
        config: dict[str, Any] = {"min.insync.replicas": 2, "cleanup.policy": "delete"}
        # Events are the integration log: 30 days lets a consumer rebuild its view after a long outage
        # (older history: re-emit from the publisher's outbox, docs/runbooks/kafka.md). Dead letters
        # wait for a human, so they are kept 90 days.
        config["retention.ms"] = 90 * 86_400_000 if kind == "dlq" else 30 * 86_400_000
        docs.append(
            {
                "apiVersion": "kafka.strimzi.io/v1beta2",
                "kind": "KafkaTopic",
                "metadata": {
                    "name": name,
                    "labels": {"strimzi.io/cluster": KAFKA_CLUSTER, **PART_OF},
                    "annotations": wave(WAVE_INFRA),
                },
                "spec": {
                    "topicName": name,
                    "partitions": 1 if kind == "dlq" else 6,
                    "replicas": 3,
                    "config": config,
                },
            }
        )
    return docs


def postgres_roles() -> list[dict[str, Any]]:
    roles = []
    for s in SERVICES:
        roles.append(
            {
                "name": s.service_name,
                "ensure": "present",
                "login": True,
                "passwordSecret": {"name": owner_secret(s)},
            }
        )
        roles.append(
            {
                "name": app_role(s),
                "ensure": "present",
                "login": True,
                # rows only: the migration Job grants SELECT/INSERT/UPDATE/DELETE; no CREATE anywhere
                "createdb": False,
                "createrole": False,
                "passwordSecret": {"name": app_secret(s)},
            }
        )
    return roles


def postgres_databases() -> list[dict[str, Any]]:
    return [
        {
            "apiVersion": "postgresql.cnpg.io/v1",
            "kind": "Database",
            "metadata": {
                "name": f"sosai-{s.service_name}",
                "labels": PART_OF,
                "annotations": wave(WAVE_INFRA),
            },
            "spec": {"name": database(s), "owner": s.service_name, "cluster": {"name": PG_CLUSTER}},
        }
        for s in SERVICES
    ]
