"""Four-eyes approval out of the box: two registry officers' tokens from ``make token``, which asks the
development issuer as ``make run`` starts it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
from issuer_support import Issuer, _development_issuer, dev_issuer_fixture  # noqa: F401  (the fixtures)
from registry_helpers import account, certification, ok, ptype, registered_project

ROOT = Path(__file__).resolve().parents[3]


def make_token(issuer: Issuer, sub: str) -> dict[str, str]:
    out = subprocess.run(
        ["make", "-s", "token", "ORG=moe-jver-registry", f"SUB={sub}", "SCOPES=registry:admin registry:read"],
        cwd=ROOT,
        env={**os.environ, "SOSAI_OIDC_ISSUER_URL": issuer.url},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "from the development issuer" in out.stderr, out.stderr
    return {"Authorization": f"Bearer {out.stdout.strip()}"}


async def test_two_officers_from_make_token_approve_each_other(
    client: httpx.AsyncClient, dev_issuer: Issuer
) -> None:
    officer1, officer2 = (
        make_token(dev_issuer, "registry-officer-1"),
        make_token(dev_issuer, "registry-officer-2"),
    )
    p = await registered_project(client, "org-a")
    acc = await account(client, "org-a")
    cert = await certification(client, p["id"], 10)
    body = {"quantity": 5, "account_id": acc}
    tx = await ok(client.post(f"/v1/certifications/{cert['id']}/issuances", json=body, headers=officer1), 201)
    assert tx["proposer_sub"] == "registry-officer-1"
    r = await client.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=officer1)
    assert r.status_code == 403 and ptype(r) == "four-eyes"
    done = await ok(client.post(f"/v1/transactions/{tx['id']}/approve", json={}, headers=officer2))
    assert done["status"] == "completed" and done["approver_sub"] == "registry-officer-2"
