"""What an operator signs off before production, checked on the rendered overlays: ordering (sync waves,
versioned migration Jobs), the HPA owning replicas, the PostgreSQL connection budget at the HPA maximum,
backups and synchronous replication, and Kafka users whose ACLs cover exactly what each service uses."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import kubernetes_validate
import pytest
import yaml
from deploy_support import K8S, OVERLAYS, SERVICES, SPECS, Scrape, of_kind

from sosai_shared.processes import ServiceSpec

WAVE = "argocd.argoproj.io/sync-wave"


def _wave(doc: dict[str, Any]) -> int:
    return int(doc["metadata"].get("annotations", {}).get(WAVE, "0"))


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_sync_waves_order_cluster_then_migrations_then_services(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    docs = rendered[overlay]
    infra = [
        d
        for d in docs
        if d["kind"] in ("Cluster", "Database", "Pooler", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser")
    ]
    jobs = of_kind(docs, "Job").values()
    services = [d for d in docs if d["kind"] in ("Deployment", "Service", "HorizontalPodAutoscaler")]
    assert infra and jobs and services
    assert max(map(_wave, infra)) < min(map(_wave, jobs)), "migrations run once the cluster exists"
    assert max(map(_wave, jobs)) < min(map(_wave, services)), "services roll once migrated"
    for d in docs:  # a PreSync hook runs before every wave, the cluster's too: the first install deadlocks
        assert "argocd.argoproj.io/hook" not in d["metadata"].get("annotations", {}), d["metadata"]["name"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_migration_jobs_are_named_after_the_image_they_run(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    docs = rendered[overlay]
    jobs = of_kind(docs, "Job")
    for name, *_ in SERVICES:
        image = of_kind(docs, "Deployment")[name]["spec"]["template"]["spec"]["containers"][0]["image"]
        tag = image.rsplit(":", 1)[1]
        job = jobs[f"{name}-migrate-{tag}"]
        assert job["spec"]["template"]["spec"]["containers"][0]["image"] == image
        assert len(job["metadata"]["name"]) <= 63, "a Job's name becomes a label value"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_replicas_where_an_hpa_owns_them_and_requests_are_realistic(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    docs = rendered[overlay]
    scaled = {h["spec"]["scaleTargetRef"]["name"] for h in of_kind(docs, "HorizontalPodAutoscaler").values()}
    deployments = of_kind(docs, "Deployment")
    assert scaled == set(deployments)
    for name, dep in deployments.items():
        assert "replicas" not in dep["spec"], f"{name}: every apply would reset the HPA's choice"
        (api,) = dep["spec"]["template"]["spec"]["containers"]
        cpu = api["resources"]["requests"]["cpu"]
        assert int(cpu.removesuffix("m")) >= 200, f"{name}: the HPA scales at 70% of {cpu}"


def _quantity(doc: dict[str, Any], key: str) -> int:
    return int(doc["spec"]["pgbouncer"]["parameters"][key])


def connection_budget(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """PostgreSQL connections at the HPA maximum, computed from the manifests alone."""
    hpas, configs = of_kind(docs, "HorizontalPodAutoscaler"), of_kind(docs, "ConfigMap")
    (cluster,) = of_kind(docs, "Cluster").values()
    (pooler,) = of_kind(docs, "Pooler").values()
    clients = {}
    for name, _folder, _module, prefix in SERVICES:
        data = configs[f"{name}-config"]["data"]
        per_pod = int(data[f"{prefix}DB_POOL_SIZE"]) + int(data[f"{prefix}DB_MAX_OVERFLOW"])
        clients[name] = hpas[name]["spec"]["maxReplicas"] * per_pod
    databases = len(of_kind(docs, "Database"))
    per_pair = _quantity(pooler, "default_pool_size") + _quantity(pooler, "reserve_pool_size")
    server = pooler["spec"]["instances"] * databases * per_pair
    migrations = len(of_kind(docs, "Job"))  # one direct connection each (NullPool)
    # every API pod's outbox relay keeps one connection of its own to the primary (its advisory lock)
    relays = sum(hpas[name]["spec"]["maxReplicas"] for name, *_ in SERVICES)
    reserved = 3 + 10  # superuser_reserved_connections, and CloudNativePG's instance manager/exporter
    return {
        "clients": clients,
        "client_capacity": _quantity(pooler, "max_client_conn") * pooler["spec"]["instances"],
        "server": server + migrations + relays + reserved,
        "max_connections": int(cluster["spec"]["postgresql"]["parameters"]["max_connections"]),
        "pooler_per_instance": _quantity(pooler, "max_client_conn"),
    }


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_connections_at_the_hpa_maximum_fit_postgresql(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    b = connection_budget(rendered[overlay])
    # every pod at the HPA maximum with its pool full: PgBouncer takes them all (even on one instance)
    assert sum(b["clients"].values()) <= b["pooler_per_instance"], b
    # and opens at most this many server connections, within max_connections
    assert b["server"] <= b["max_connections"], b


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_outbox_relay_holds_its_lock_on_the_primary_not_through_the_pooler(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    """PgBouncer in transaction mode lends a server session per statement: a session-level advisory
    lock taken through it would be "held" by two relays at once (tests/full_tier/test_pgbouncer.py)."""
    deployments = of_kind(rendered[overlay], "Deployment")
    for name, *_ in SERVICES:
        (app,) = deployments[name]["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e.get("value", "") for e in app["env"]}
        assert "@sosai-pg-pooler-rw:" in env["DATABASE_URL"], name
        assert "@sosai-pg-rw:" in env["RELAY_DATABASE_URL"], name  # the policy: test_k8s.py


def test_the_budget_check_bites(rendered: dict[str, list[dict[str, Any]]]) -> None:
    docs = [dict(d) for d in rendered["prod"]]
    (pooler,) = of_kind(docs, "Pooler").values()
    pooler["spec"] = {**pooler["spec"], "instances": 40}
    b = connection_budget(docs)
    assert b["server"] > b["max_connections"]


def test_prod_backs_up_to_an_object_store_and_replicates_synchronously(
    rendered: dict[str, list[dict[str, Any]]],
) -> None:
    prod = rendered["prod"]
    (cluster,) = of_kind(prod, "Cluster").values()
    assert cluster["spec"]["instances"] >= 3
    assert cluster["spec"]["postgresql"]["synchronous"]["method"] == "any"
    assert cluster["spec"]["postgresql"]["synchronous"]["number"] == 1
    store = cluster["spec"]["backup"]["barmanObjectStore"]
    assert store["destinationPath"].startswith("s3://") and store["wal"]
    (backup,) = of_kind(prod, "ScheduledBackup").values()
    assert backup["spec"]["cluster"]["name"] == cluster["metadata"]["name"]
    assert backup["spec"]["method"] == "barmanObjectStore"
    assert cluster["spec"]["monitoring"]["enablePodMonitor"] is True


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_ingress_terminates_tls_and_routes_only_the_api(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    (ingress,) = of_kind(rendered[overlay], "Ingress").values()
    hosts = {r["host"] for r in ingress["spec"]["rules"]}
    assert hosts <= {h for t in ingress["spec"]["tls"] for h in t["hosts"]}
    paths = {p["path"] for r in ingress["spec"]["rules"] for p in r["http"]["paths"]}
    assert paths == {"/v1", "/.well-known"}, "no /metrics, /docs, /openapi.json or probes from outside"
    deployments = of_kind(rendered[overlay], "Deployment")
    for dep in deployments.values():
        command = dep["spec"]["template"]["spec"]["containers"][0]["command"]
        keep_alive = int(next(a for a in command if a.startswith("--timeout-keep-alive=")).split("=")[1])
        assert keep_alive > 60, "above the ingress controller's upstream keep-alive"
        assert "--proxy-headers" in command


def _acl_ops(user: dict[str, Any]) -> dict[tuple[str, str, str], set[str]]:
    return {
        (a["resource"]["type"], a["resource"]["name"], a["resource"].get("patternType", "literal")): set(
            a["operations"]
        )
        for a in user["spec"]["authorization"]["acls"]
    }


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_service_has_a_kafka_user_for_exactly_its_topics(
    rendered: dict[str, list[dict[str, Any]]], scrapes: dict[str, Scrape], overlay: str
) -> None:
    users = of_kind(rendered[overlay], "KafkaUser")
    assert set(users) == {f"sosai-{s[0]}" for s in SERVICES}
    for service, scrape in scrapes.items():
        user = users[f"sosai-{service}"]
        assert user["spec"]["authentication"]["type"] == "scram-sha-512"
        ops = _acl_ops(user)
        topics = {name: o for (kind, name, _), o in ops.items() if kind == "topic"}
        for t in scrape.publishes | scrape.dlqs:
            assert "Write" in topics[t], (service, t)
        for t in scrape.consumes:
            assert "Read" in topics[t] and "Write" not in topics[t], (service, t)
        assert set(topics) == scrape.publishes | scrape.consumes | scrape.dlqs, (service, sorted(topics))
        if scrape.consumes:
            assert ops[("group", f"{service}.", "prefix")] >= {"Read"}


def _generator() -> Any:
    sys.path.insert(0, str(K8S))
    try:
        return importlib.import_module("generate")
    finally:
        sys.path.remove(str(K8S))


def test_a_new_service_without_a_topic_of_its_own_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the notifications and explorer services will be: no topic published, every topic read."""
    gen = _generator()
    workloads, dashboards = sys.modules["workloads"], sys.modules["dashboards"]
    reader = ServiceSpec(
        "reader",
        "sosai_reader",
        8099,
        "READER_",
        "reader",
        consumes=tuple(t for s in SPECS for t in s.publishes),
    )
    specs = (*SPECS, reader)
    for module in (gen, workloads, dashboards, sys.modules["alerts"], sys.modules["compose"]):
        monkeypatch.setattr(module, "SERVICES", specs)
    files = gen.render()
    text = files[K8S / "base" / "services" / "reader.yaml"]
    docs = [d for d in yaml.safe_load_all(text) if d]
    for doc in docs:
        if doc["kind"] != "KafkaUser":
            kubernetes_validate.validate(doc, "1.33.0", strict=True)
    (user,) = [d for d in docs if d["kind"] == "KafkaUser"]
    ops = _acl_ops(user)
    assert not any("Write" in o and not name.endswith(".dlq") for (_, name, _), o in ops.items())
    assert "services/reader.yaml" in files[K8S / "base" / "kustomization.yaml"]
    assert "reader" in files[K8S / "overlays" / "prod" / "budget.yaml"]
    compose = yaml.safe_load(files[K8S.parent.parent / "docker-compose.yml"])
    assert compose["services"]["reader"]["depends_on"]["migrate-reader"]
    assert " reader; do" in files[K8S.parent / "compose" / "initdb" / "10-sosai-databases.sh"]
