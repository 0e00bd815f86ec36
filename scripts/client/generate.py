"""`make client`: the Python client of the four programme services, generated from their OpenAPI.

    .venv/bin/python scripts/client/generate.py [--out clients/python]

Two steps, both deterministic (the same code gives byte-identical files, so the staleness test in
tests/contract/ can regenerate into a temporary directory and compare):

1. Each service's OpenAPI document, taken from its composition root (``create_app(settings)`` and
   ``app.openapi()``, no server), written to ``<out>/openapi/<service>.json`` with sorted keys.
   The apps are built in a child process whose environment holds nothing of the caller's, so a
   developer's or a test tier's settings (rate limits, issuer URL) cannot leak into the document.
2. ``openapi-python-client`` (pinned in the root pyproject.toml) turns each document into a
   subpackage of ``sosai_client`` (``<out>/sosai_client/<service>/``), formatted by the pinned ruff
   with the client package's own ruff settings.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "clients" / "python"
#: The programme services an integrator calls (notifications and explorer are not part of the SDK).
SERVICES = ("registry", "certification", "calculator", "events-catalog")
CONFIG = Path(__file__).resolve().parent / "generator.yaml"


def subpackage(service: str) -> str:
    return service.replace("-", "_")


def export_documents(openapi_dir: Path) -> None:
    """Write each service's OpenAPI document (runs in the child process with a clean environment)."""
    from sosai_shared.processes import SERVICES as ALL

    packages = {spec.name: spec.package for spec in ALL}
    openapi_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sosai-openapi-") as tmp:
        for service in SERVICES:
            package = packages[service]
            main = importlib.import_module(f"{package}.main")
            config = importlib.import_module(f"{package}.config")
            # the app is only built, never started: no database is opened and no broker is called
            settings = config.Settings(
                database_url=f"sqlite+aiosqlite:///{tmp}/{service}.db",
                kafka_bootstrap_servers="127.0.0.1:1",
                run_relay=False,
                run_consumers=False,
            )
            document = main.create_app(settings).openapi()
            text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
            (openapi_dir / f"{service}.json").write_text(text, encoding="utf-8")


def clean_env(var_dir: Path) -> dict[str, str]:
    """Only what a process needs to run: no SOSAI_*, REGISTRY_*, CATALOG_*… settings of the caller."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "SYSTEMROOT") if k in os.environ}
    env["SOSAI_VAR_DIR"] = str(var_dir)
    # the generator's post-hooks call `ruff`: the pinned one of this virtualenv comes first
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONHASHSEED"] = "0"
    return env


def generate(out: Path) -> None:
    """Regenerate ``out`` (documents and code); the client's hand-written files are left alone."""
    openapi_dir = out / "openapi"
    with tempfile.TemporaryDirectory(prefix="sosai-client-") as tmp:
        env = clean_env(Path(tmp))
        subprocess.run(
            [sys.executable, __file__, "--export-only", str(openapi_dir)], env=env, check=True, cwd=ROOT
        )
        package_dir = out / "sosai_client"
        package_dir.mkdir(parents=True, exist_ok=True)
        # one generator process per service, side by side: each writes only its own subpackage
        with ThreadPoolExecutor(len(SERVICES)) as pool:
            list(pool.map(lambda service: _generate_one(openapi_dir, package_dir, service, env), SERVICES))


def _generate_one(openapi_dir: Path, package_dir: Path, service: str, env: dict[str, str]) -> None:
    target = package_dir / subpackage(service)
    shutil.rmtree(target, ignore_errors=True)
    command = [
        str(Path(sys.executable).parent / "openapi-python-client"),
        "generate",
        "--path",
        str(openapi_dir / f"{service}.json"),
        "--output-path",
        str(target),
        "--meta",
        "none",
        "--config",
        str(CONFIG),
        "--overwrite",
    ]
    done = subprocess.run(command, env=env, cwd=package_dir.parent, capture_output=True, text=True)
    # the generator exits 0 even when it skips an endpoint: a warning is a failure here
    if done.returncode != 0 or "Warning" in done.stdout + done.stderr:
        raise RuntimeError(f"openapi-python-client failed on {service}:\n{done.stdout}{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the client's folder (clients/python)")
    ap.add_argument("--export-only", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.export_only is not None:
        export_documents(args.export_only)
        return 0
    generate(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
