"""deploy/k8s: every overlay renders with kustomize, validates against the Kubernetes schemas, and
carries what operators rely on (probes, limits, hardening, Jobs, HPA, PDB, network policy, Strimzi,
CloudNativePG, prometheus-operator)."""

from __future__ import annotations

import base64
import copy
import subprocess
import sys
from typing import Any

import kubernetes_validate
import pytest
import yaml
from deploy_support import CONSUMES, DEPLOY, K8S, OVERLAYS, SERVICES, SPECS, of_kind

K8S_VERSION = "1.33.0"
CUSTOM_KINDS = {
    "Kafka",
    "KafkaNodePool",
    "KafkaTopic",
    "KafkaUser",
    "Cluster",
    "Database",
    "Pooler",
    "ScheduledBackup",
    "ServiceMonitor",
    "PodMonitor",
    "PrometheusRule",
}
#: Secrets the operators write themselves: Strimzi (a KafkaUser's password, the cluster CA)
OPERATOR_SECRETS = {"sosai-kafka-cluster-ca-cert", *(f"sosai-{s[0]}" for s in SERVICES)}


def job_name(docs: list[dict[str, Any]], service: str) -> str:
    """The migration Job carries the tag of the image it runs."""
    image = of_kind(docs, "Deployment")[service]["spec"]["template"]["spec"]["containers"][0]["image"]
    return f"{service}-migrate-{image.rsplit(':', 1)[1]}"


def test_generated_files_are_current() -> None:
    out = subprocess.run(
        [sys.executable, str(K8S / "generate.py"), "--check"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlay_validates_against_kubernetes_schemas(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    docs = rendered[overlay]
    builtin = [d for d in docs if d["kind"] not in CUSTOM_KINDS]
    for doc in builtin:
        try:
            kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(
                f"{overlay}: {doc['kind']}/{doc['metadata']['name']}: {exc.message} at {list(exc.path)}"
            )
    kinds = {d["kind"] for d in docs}
    assert {
        "Deployment",
        "Service",
        "ConfigMap",
        "Job",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "Namespace",
    } <= kinds
    expected = CUSTOM_KINDS - ({"ScheduledBackup"} if overlay == "dev" else set())  # dev keeps no backups
    assert expected <= kinds, expected - kinds
    assert {d["kind"] for d in docs} - CUSTOM_KINDS == {d["kind"] for d in builtin}


def test_schema_validation_catches_a_broken_manifest(rendered: dict[str, list[dict[str, Any]]]) -> None:
    deployment = copy.deepcopy(of_kind(rendered["prod"], "Deployment")["registry"])
    deployment["spec"]["replicas"] = "three"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, K8S_VERSION, strict=True)
    typo = copy.deepcopy(of_kind(rendered["prod"], "Deployment")["registry"])
    typo["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(typo, K8S_VERSION, strict=True)


def _env(container: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e for e in container.get("env", [])}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_has_its_workloads(rendered: dict[str, list[dict[str, Any]]], overlay: str) -> None:
    docs = rendered[overlay]
    deployments, services, jobs = of_kind(docs, "Deployment"), of_kind(docs, "Service"), of_kind(docs, "Job")
    hpas, pdbs, configmaps = (
        of_kind(docs, "HorizontalPodAutoscaler"),
        of_kind(docs, "PodDisruptionBudget"),
        of_kind(docs, "ConfigMap"),
    )
    assert set(deployments) == {s[0] for s in SERVICES}
    for name, _folder, module, prefix in SERVICES:
        dep = deployments[name]
        labels = dep["spec"]["template"]["metadata"]["labels"]
        assert all(labels.get(k) == v for k, v in dep["spec"]["selector"]["matchLabels"].items())
        svc = services[name]
        assert all(labels.get(k) == v for k, v in svc["spec"]["selector"].items())
        assert svc["spec"]["ports"] == [
            {"name": "http", "port": 8000, "targetPort": "http", "protocol": "TCP"}
        ]

        hpa = hpas[name]
        assert hpa["apiVersion"] == "autoscaling/v2"
        assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
        assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
        pdb = pdbs[name]
        assert pdb["spec"]["selector"]["matchLabels"] == dep["spec"]["selector"]["matchLabels"]

        job = jobs[job_name(docs, name)]
        job_pod = job["spec"]["template"]["spec"]
        (migrate,) = job_pod["containers"]
        (api,) = dep["spec"]["template"]["spec"]["containers"]
        assert migrate["command"] == ["python", "-m", "sosai_shared.migrations", "upgrade", module]
        assert migrate["image"] == api["image"], "the Job must migrate with the code it deploys"
        assert job_pod["restartPolicy"] in ("Never", "OnFailure")
        # the Job's pods are not API pods: the Service and PDB must not select them
        job_labels = job["spec"]["template"]["metadata"]["labels"]
        assert not all(job_labels.get(k) == v for k, v in svc["spec"]["selector"].items())
        # migrations connect to the primary as the schema owner; the API through PgBouncer as the
        # runtime role, and it starts only once the schema is at its head
        assert _env(migrate)["DATABASE_URL"]["value"].endswith(f"@sosai-pg-rw:5432/sosai_{name}")
        assert _env(migrate)["DB_USER"]["valueFrom"]["secretKeyRef"]["name"] == f"sosai-pg-{name}"
        assert _env(api)["DATABASE_URL"]["value"].endswith(f"@sosai-pg-pooler-rw:5432/sosai_{name}")
        assert _env(api)["DB_USER"]["valueFrom"]["secretKeyRef"]["name"] == f"sosai-pg-{name}-app"
        (wait,) = dep["spec"]["template"]["spec"]["initContainers"]
        assert wait["command"] == ["python", "-m", "sosai_shared.migrations", "wait", module]
        assert wait["image"] == api["image"] and _env(wait)["DATABASE_URL"] == _env(api)["DATABASE_URL"]

        config = configmaps[f"{name}-config"]["data"]
        assert config["SOSAI_ENVIRONMENT"] == "production"
        assert config[f"{prefix}MIGRATE_ON_STARTUP"] == "false", (
            "migrations run in the Job, not on every replica"
        )
        assert config[f"{prefix}KAFKA_CREATE_TOPICS"] == "false", "Strimzi owns the topics"
        assert config["KAFKA_ENABLE_IDEMPOTENCE"] == "true"
        assert (
            config["KAFKA_BOOTSTRAP_SERVERS"] == f"{next(iter(of_kind(docs, 'Kafka')))}-kafka-bootstrap:9093"
        )
        assert config[f"{prefix}DB_STATEMENT_CACHE"] == "false", "PgBouncer in transaction mode"
        assert _env(api)["KAFKA_SECURITY_PROTOCOL"]["value"] == "SASL_SSL"
        assert _env(api)["KAFKA_SASL_MECHANISM"]["value"] == "SCRAM-SHA-512"
        assert _env(api)["KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == f"sosai-{name}"
        for c in (api, migrate):
            assert {"configMapRef": {"name": f"{name}-config"}} in c["envFrom"]
            issuer = _env(c)["SOSAI_OIDC_ISSUER_URL"]["valueFrom"]["configMapKeyRef"]
            assert issuer["key"] == "SOSAI_OIDC_ISSUER_URL" and issuer["name"].startswith("sosai-oidc")
            assert "SOSAI_JWT_SECRET" not in _env(c), "services verify against the issuer's keys"
    assert configmaps["catalog-config"]["data"]["CATALOG_CALCULATOR_URL"] == "http://calculator:8000"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_are_hardened_probed_and_bounded(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    docs = rendered[overlay]
    pods = [
        (f"Deployment/{n}", d["spec"]["template"]["spec"]) for n, d in of_kind(docs, "Deployment").items()
    ]
    pods += [(f"Job/{n}", d["spec"]["template"]["spec"]) for n, d in of_kind(docs, "Job").items()]
    assert len(pods) == 2 * len(SERVICES)  # a Deployment and a migration Job per service
    for where, pod in pods:
        assert pod["securityContext"]["runAsNonRoot"] is True, where
        assert pod["securityContext"]["runAsUser"] != 0, where
        assert pod["automountServiceAccountToken"] is False, where
        tmp_volumes = {v["name"] for v in pod["volumes"] if "emptyDir" in v}
        for c in pod["containers"] + pod.get("initContainers", []):
            sc = c["securityContext"]
            assert sc["readOnlyRootFilesystem"] is True, where
            assert sc["allowPrivilegeEscalation"] is False, where
            assert sc["runAsNonRoot"] is True, where
            assert sc["capabilities"]["drop"] == ["ALL"], where
            assert any(m["mountPath"] == "/tmp" and m["name"] in tmp_volumes for m in c["volumeMounts"]), (
                where
            )
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(c["resources"][kind]), (where, kind)
            if where.startswith("Deployment") and c in pod["containers"]:
                assert c["livenessProbe"]["httpGet"]["path"] == "/healthz", where
                assert c["readinessProbe"]["httpGet"]["path"] == "/readyz", where
                assert c["ports"][0]["containerPort"] == 8000


def _peers_allow(rule: dict[str, Any], port: int, **match: str) -> bool:
    if not any(p["port"] == port for p in rule.get("ports", [])):
        return False
    for peer in rule.get("from", rule.get("to", [])):
        labels = {
            **peer.get("podSelector", {}).get("matchLabels", {}),
            **peer.get("namespaceSelector", {}).get("matchLabels", {}),
        }
        if all(labels.get(k) == v for k, v in match.items()):
            return True
    return False


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_deny_by_default_and_allow_what_each_service_needs(
    rendered: dict[str, list[dict[str, Any]]],
    overlay: str,
) -> None:
    policies = of_kind(rendered[overlay], "NetworkPolicy")
    deny = policies["default-deny-all"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    dns = policies["allow-dns"]["spec"]
    assert dns["podSelector"] == {} and any(p["port"] == 53 for r in dns["egress"] for p in r["ports"])
    pg = next(iter(of_kind(rendered[overlay], "Cluster")))
    kafka = next(iter(of_kind(rendered[overlay], "Kafka")))
    for name, *_ in SERVICES:
        spec = policies[f"{name}-api"]["spec"]
        assert spec["podSelector"]["matchLabels"]["app.kubernetes.io/name"] == name
        ing, eg = spec["ingress"], spec["egress"]
        assert any(_peers_allow(r, 8000, **{"kubernetes.io/metadata.name": "ingress-nginx"}) for r in ing), (
            name
        )
        assert any(_peers_allow(r, 8000, **{"app.kubernetes.io/name": "prometheus"}) for r in ing), name
        assert any(_peers_allow(r, 5432, **{"cnpg.io/poolerName": f"{pg}-pooler-rw"}) for r in eg), name
        # queries go through the pooler; the outbox relay's one connection (its advisory lock) does not
        assert any(_peers_allow(r, 5432, **{"cnpg.io/cluster": pg}) for r in eg), name
        assert any(_peers_allow(r, 9093, **{"strimzi.io/cluster": kafka}) for r in eg), name
        migrate = policies[f"{name}-migrate"]["spec"]
        assert any(_peers_allow(r, 5432, **{"cnpg.io/cluster": pg}) for r in migrate["egress"]), name
        assert not migrate.get("ingress"), "nothing calls a migration Job"
    catalog_to_calc = {"app.kubernetes.io/name": "calculator"}
    assert any(_peers_allow(r, 8000, **catalog_to_calc) for r in policies["catalog-api"]["spec"]["egress"])
    assert any(
        _peers_allow(r, 8000, **{"app.kubernetes.io/name": "catalog"})
        for r in policies["calculator-api"]["spec"]["ingress"]
    )
    # the explorer's claim fetcher copies the registry's and certification's signed claims
    for n in ("registry", "certification"):
        to_n = {"app.kubernetes.io/name": n}
        assert any(_peers_allow(r, 8000, **to_n) for r in policies["explorer-api"]["spec"]["egress"]), n
        from_explorer = {"app.kubernetes.io/name": "explorer"}
        assert any(_peers_allow(r, 8000, **from_explorer) for r in policies[f"{n}-api"]["spec"]["ingress"]), n
    # every other service checks organisation API keys with the registry, which owns them
    to_registry = {"app.kubernetes.io/name": "registry"}
    for name, *_ in SERVICES:
        if name != "registry":
            assert any(
                _peers_allow(r, 8000, **to_registry) for r in policies[f"{name}-api"]["spec"]["egress"]
            ), name
    # only the catalog may call the calculator
    assert not any(
        _peers_allow(r, 8000, **catalog_to_calc)
        for n in ("registry", "certification")
        for r in policies[f"{n}-api"]["spec"]["egress"]
    )


def _secret_refs(docs: list[dict[str, Any]]) -> set[str]:
    refs = set()
    for d in docs:
        if d["kind"] in ("Deployment", "Job"):
            pod = d["spec"]["template"]["spec"]
            for c in pod["containers"] + pod.get("initContainers", []):
                refs |= {
                    e["valueFrom"]["secretKeyRef"]["name"]
                    for e in c.get("env", [])
                    if "secretKeyRef" in e.get("valueFrom", {})
                }
                refs |= {s["secretRef"]["name"] for s in c.get("envFrom", []) if "secretRef" in s}
            refs |= {v["secret"]["secretName"] for v in pod.get("volumes", []) if "secret" in v}
        if d["kind"] == "Cluster":
            refs |= {r["passwordSecret"]["name"] for r in d["spec"]["managed"]["roles"]}
            store = d["spec"].get("backup", {}).get("barmanObjectStore", {})
            refs |= {ref["name"] for ref in store.get("s3Credentials", {}).values()}
        if d["kind"] == "Ingress":
            refs |= {t["secretName"] for t in d["spec"].get("tls", [])}
    return refs


def test_prod_references_secrets_and_contains_none(rendered: dict[str, list[dict[str, Any]]]) -> None:
    prod = rendered["prod"]
    assert not [d for d in prod if d["kind"] == "Secret"], "prod must not ship literal secrets"
    refs = _secret_refs(prod) - OPERATOR_SECRETS
    assert refs == {
        "sosai-catalog-oauth-client",
        "sosai-backup-s3",
        "sosai-tls",
        *(f"sosai-pg-{s[0]}" for s in SERVICES),
        *(f"sosai-pg-{s[0]}-app" for s in SERVICES),
    }
    documented = (DEPLOY / "README.md").read_text()
    for name in (
        "`sosai-catalog-oauth-client`",
        "`sosai-pg-<service>`",
        "`sosai-pg-<service>-app`",
        "`sosai-backup-s3`",
    ):
        assert name in documented, f"deploy/README.md must list {name}"


def test_dev_is_self_contained(rendered: dict[str, list[dict[str, Any]]]) -> None:
    dev = rendered["dev"]
    secrets = of_kind(dev, "Secret")
    # no backups in dev (no object store); the Ingress certificate comes from cert-manager
    assert (
        not of_kind(dev, "ScheduledBackup")
        and "backup" not in next(iter(of_kind(dev, "Cluster").values()))["spec"]
    )
    needed = _secret_refs(dev) - OPERATOR_SECRETS - {"sosai-tls"}
    assert needed <= set(secrets), needed - set(secrets)
    for name, *_ in SERVICES:
        assert secrets[f"sosai-pg-{name}"]["type"] == "kubernetes.io/basic-auth"
        app = {k: base64.b64decode(v).decode() for k, v in secrets[f"sosai-pg-{name}-app"]["data"].items()}
        assert app["username"] == f"{name}_app" and len(app["password"]) >= 32
    # the values are made at deployment: the repository holds no Secret and no value of one
    tracked = subprocess.run(
        ["git", "ls-files", "deploy/k8s/overlays/dev"],
        capture_output=True,
        text=True,
        cwd=DEPLOY.parent,
        check=True,
    ).stdout.split()
    assert tracked and not [f for f in tracked if f.endswith(".env")], tracked
    committed = [
        d
        for f in tracked
        if f.endswith(".yaml")
        for d in yaml.safe_load_all((DEPLOY.parent / f).read_text())
        if d
    ]
    assert not [d for d in committed if isinstance(d, dict) and d.get("kind") == "Secret"], (
        "no Secret committed"
    )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_strimzi_kafka_is_kraft_with_a_topic_for_every_topic_and_dlq(
    rendered: dict[str, list[dict[str, Any]]],
    overlay: str,
) -> None:
    docs = rendered[overlay]
    ((kafka_name, kafka),) = of_kind(docs, "Kafka").items()
    spec = kafka["spec"]
    assert "zookeeper" not in spec, "KRaft only"
    assert spec["kafka"]["version"].startswith("4.")
    (listener,) = spec["kafka"]["listeners"]
    assert listener["port"] == 9093 and listener["type"] == "internal" and listener["tls"] is True
    assert listener["authentication"] == {"type": "scram-sha-512"}
    assert spec["kafka"]["authorization"]["type"] == "simple"
    (peer,) = listener["networkPolicyPeers"]
    assert peer["podSelector"]["matchLabels"] == {
        "app.kubernetes.io/part-of": "sosai",
        "app.kubernetes.io/component": "api",
    }, "only the services' API pods reach the brokers"
    assert spec["kafka"]["rack"]["topologyKey"] == "topology.kubernetes.io/zone"
    assert int(spec["kafka"]["config"]["offsets.retention.minutes"]) >= 30 * 24 * 60
    assert "kafkaExporter" in spec and spec["kafka"]["metricsConfig"]["type"] == "jmxPrometheusExporter"
    assert spec["kafka"]["config"]["auto.create.topics.enable"] is False
    assert "topicOperator" in spec["entityOperator"], "KafkaTopic resources need the topic operator"
    pools = of_kind(docs, "KafkaNodePool").values()
    assert all(p["metadata"]["labels"]["strimzi.io/cluster"] == kafka_name for p in pools)
    roles = {r for p in pools for r in p["spec"]["roles"]}
    assert roles == {"controller", "broker"}
    brokers = sum(p["spec"]["replicas"] for p in pools if "broker" in p["spec"]["roles"])
    assert all(p["spec"]["storage"]["type"] in ("jbod", "persistent-claim", "ephemeral") for p in pools)

    topics = {t["spec"].get("topicName", n): t for n, t in of_kind(docs, "KafkaTopic").items()}
    for t in topics.values():
        assert t["metadata"]["labels"]["strimzi.io/cluster"] == kafka_name
        assert t["spec"]["partitions"] >= 1
        assert 1 <= t["spec"]["replicas"] <= brokers
        assert int(t["spec"]["config"]["min.insync.replicas"]) <= t["spec"]["replicas"]
        # long enough to rebuild a consumer's view after a long outage (docs/runbooks/kafka.md)
        assert int(t["spec"]["config"]["retention.ms"]) >= 30 * 86_400_000
    expected = {t for s in SPECS for t in s.publishes}
    for consumed in CONSUMES.values():
        expected |= consumed | {f"{t}.dlq" for t in consumed}
    assert expected <= set(topics), expected - set(topics)


def test_every_topic_the_running_services_use_has_a_kafka_topic(
    rendered: dict[str, list[dict[str, Any]]],
    scrapes: dict[str, Any],
) -> None:
    """Publishing, consumed and dead-letter topics as the services themselves report them at start-up."""
    used = set()
    for scrape in scrapes.values():
        used |= scrape.publishes | scrape.consumes | scrape.dlqs
    assert {t for s in SPECS for t in s.publishes} <= used
    for overlay in OVERLAYS:
        topics = {t["spec"]["topicName"] for t in of_kind(rendered[overlay], "KafkaTopic").values()}
        assert used <= topics, f"{overlay}: no KafkaTopic for {sorted(used - topics)}"
    for service, scrape in scrapes.items():
        assert scrape.consumes <= CONSUMES[service], (
            f"{service} consumes {sorted(scrape.consumes - CONSUMES[service])}: add it to deploy/k8s/generate.py"
        )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_cloudnativepg_has_a_role_and_database_per_service(
    rendered: dict[str, list[dict[str, Any]]],
    overlay: str,
) -> None:
    docs = rendered[overlay]
    ((cluster_name, cluster),) = of_kind(docs, "Cluster").items()
    assert cluster["apiVersion"] == "postgresql.cnpg.io/v1"
    assert cluster["spec"]["instances"] >= 1 and cluster["spec"]["storage"]["size"]
    assert ":16" in cluster["spec"]["imageName"]
    roles = {r["name"]: r for r in cluster["spec"]["managed"]["roles"]}
    databases = {d["spec"]["name"]: d for d in of_kind(docs, "Database").values()}
    deployments = of_kind(docs, "Deployment")
    for name, *_ in SERVICES:
        db = databases[f"sosai_{name}"]
        assert db["spec"]["cluster"]["name"] == cluster_name
        assert roles[db["spec"]["owner"]]["login"] is True
        assert roles[f"{name}_app"]["login"] is True and f"{name}_app" != db["spec"]["owner"]
        url = _env(deployments[name]["spec"]["template"]["spec"]["containers"][0])["DATABASE_URL"]["value"]
        assert url.startswith("postgresql+asyncpg://")
        assert url.endswith(f"@{cluster_name}-pooler-rw:5432/sosai_{name}")
    (pooler,) = of_kind(docs, "Pooler").values()
    assert pooler["spec"]["cluster"]["name"] == cluster_name and pooler["spec"]["type"] == "rw"
    assert pooler["spec"]["pgbouncer"]["poolMode"] == "transaction"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_prometheus_operator_scrapes_every_service_and_loads_the_alerts(
    rendered: dict[str, list[dict[str, Any]]],
    overlay: str,
) -> None:
    docs = rendered[overlay]
    (monitor,) = of_kind(docs, "ServiceMonitor").values()
    selector = monitor["spec"]["selector"]["matchLabels"]
    selected = [
        n
        for n, s in of_kind(docs, "Service").items()
        if all(s["metadata"]["labels"].get(k) == v for k, v in selector.items())
    ]
    assert sorted(selected) == sorted(s[0] for s in SERVICES)
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["port"] == "http" and endpoint["path"] == "/metrics"
    assert endpoint["honorLabels"] is True
    assert not any(r.get("targetLabel") == "job" for r in endpoint.get("relabelings", [])), (
        "one job label for every environment made their series collide"
    )
    (rule,) = of_kind(docs, "PrometheusRule").values()
    namespace = next(iter(of_kind(docs, "Namespace")))
    exprs = [r["expr"] for g in rule["spec"]["groups"] for r in g["rules"]]
    assert all(f'namespace="{namespace}"' in e for e in exprs), "every rule selects its own namespace"
    assert all("by (" not in e or "namespace" in e for e in exprs), "aggregations keep the namespace"
    severities = {r["labels"]["severity"] for g in rule["spec"]["groups"] for r in g["rules"] if "alert" in r}
    if overlay == "dev":
        assert severities == {"warning"}, "dev pages no one"
    else:
        assert "critical" in severities
    dashboards = [
        c for c in of_kind(docs, "ConfigMap").values() if c["metadata"]["labels"].get("grafana_dashboard")
    ]
    # one set of dashboards for every environment (they have a namespace variable)
    assert len(dashboards) == (len(SERVICES) + 1 if overlay == "prod" else 0)


def test_tools_script_is_idempotent(kustomize: str) -> None:
    again = subprocess.run(["bash", str(K8S / "tools.sh")], capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and again.stdout.strip().splitlines()[-1] == kustomize
    version = subprocess.run([kustomize, "version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip()
