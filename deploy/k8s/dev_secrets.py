"""The dev overlay's Secrets: their names and keys are generated here, their values at deployment.

Nothing secret is committed, not even a throwaway value. ``generate.py`` writes
``overlays/dev/secrets/kustomization.yaml``, a ``secretGenerator`` per Secret reading
``<secret>.env`` beside it; ``generate.py --dev-secrets`` writes those ``.env`` files (ignored by
git) with random passwords and client secrets, once: a rerun keeps the values already there, so
the databases' passwords and the OAuth2 client registered with the dev cluster's issuer stay valid.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from workloads import PART_OF, app_role, app_secret, oauth_client_secret, owner_secret

from sosai_shared.processes import SERVICES

BASIC_AUTH = "kubernetes.io/basic-auth"


def secret_keys() -> list[tuple[str, str, dict[str, str | None]]]:
    """(Secret name, type, key -> fixed value, or None for a value made at deployment)."""
    out: list[tuple[str, str, dict[str, str | None]]] = []
    for s in SERVICES:
        out.append((owner_secret(s), BASIC_AUTH, {"username": s.service_name, "password": None}))
        out.append((app_secret(s), BASIC_AUTH, {"username": app_role(s), "password": None}))
    out += [
        (oauth_client_secret(s), "Opaque", {"client_id": f"sosai-{s.service_name}", "client_secret": None})
        for s in SERVICES
        if s.calls
    ]
    return out


def kustomization() -> dict[str, Any]:
    """``overlays/dev/secrets/kustomization.yaml``: one generator per Secret, values from its ``.env``."""
    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        # CloudNativePG and Strimzi look Secrets up by name: no hash suffix
        "generatorOptions": {"disableNameSuffixHash": True, "labels": PART_OF},
        "secretGenerator": [
            {"name": name, "type": kind, "envs": [f"{name}.env"]} for name, kind, _ in secret_keys()
        ],
    }


def write_env_files(folder: Path) -> list[Path]:
    """Write each missing ``<secret>.env`` with fresh random values; the files written."""
    written = []
    for name, _, keys in secret_keys():
        path = folder / f"{name}.env"
        if path.exists():
            continue
        # URL-safe: a password goes into DATABASE_URL
        lines = [f"{k}={v if v is not None else secrets.token_urlsafe(24)}" for k, v in keys.items()]
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o600)
        written.append(path)
    return written
