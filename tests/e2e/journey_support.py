"""Steps of the programme's journeys, each through one service's public HTTP API.

Shared by the journey tests and the reliability suite so that each step is
written once; every step asserts its own HTTP outcome.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from e2e_support import Programme

from sosai_shared.testing import auth

ADMIN = auth("sosai-secretariat", "registry:admin", "registry:read", sub="admin-1@secretariat")
ADMIN2 = auth("sosai-secretariat", "registry:admin", "registry:read", sub="admin-2@secretariat")
REVIEWER = auth("4cj", "certification:review", sub="reviewer@4cj")
ORGANISER = auth("moe-outreach", "catalog:organise", sub="organiser@moe")


def ok(r: httpx.Response, status: int = 200) -> Any:
    assert r.status_code == status, f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()


def company(org: str) -> dict[str, str]:
    return auth(
        org,
        "registry:write",
        "registry:read",
        "calculator:write",
        "calculator:read",
        "certification:apply",
        "catalog:register",
        sub=f"staff@{org}",
    )


@dataclass
class Credits:
    project_id: str
    certification_id: str
    account_id: str
    issued: int
    buffer: int


def unique(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:6]}"


def methodology(p: Programme, category: str = "emission_reduction") -> str:
    code = unique("E" if category == "emission_reduction" else "R").upper()[:12]
    body = {"code": code, "name": f"Methodology {code}", "category": category}
    ok(p.registry.post("/v1/methodologies", json=body, headers=ADMIN), 201)
    return code


def registered_project(
    p: Programme, proponent: dict[str, str], category: str = "emission_reduction", prefecture: str = "kochi"
) -> str:
    code = methodology(p, category)
    project = ok(
        p.registry.post(
            "/v1/projects",
            headers=proponent,
            json={
                "name": "Woody biomass boiler (木質バイオマスボイラー)",
                "methodology_code": code,
                "prefecture": prefecture,
                "crediting_start": "2010-04-01",
                "crediting_end": "2013-03-31",
            },
        ),
        201,
    )
    for to in ("validated", "registered"):
        ok(p.registry.post(f"/v1/projects/{project['id']}/transitions", json={"to": to}, headers=ADMIN))
    return str(project["id"])


def issue(
    p: Programme, proponent: dict[str, str], quantity: int, category: str = "emission_reduction"
) -> Credits:
    """Project registered, reduction certified, issuance proposed by one admin and approved by another."""
    project_id = registered_project(p, proponent, category)
    cert = ok(
        p.registry.post(
            f"/v1/projects/{project_id}/certifications",
            headers=ADMIN,
            json={
                "period_start": "2010-04-01",
                "period_end": "2011-03-31",
                "monitoring_report": "MR-2010-01",
                "verifier": "Japan Quality Assurance Organization",
                "quantity": quantity,
            },
        ),
        201,
    )
    account = ok(p.registry.post("/v1/accounts", json={"name": "holding"}, headers=proponent), 201)
    proposal = ok(
        p.registry.post(
            f"/v1/certifications/{cert['id']}/issuances",
            headers=ADMIN,
            json={"quantity": quantity, "account_id": account["id"]},
        ),
        201,
    )
    assert proposal["status"] == "proposed"
    refused = p.registry.post(f"/v1/transactions/{proposal['id']}/approve", json={}, headers=ADMIN)
    assert refused.status_code == 403 and refused.json()["type"].endswith("four-eyes")
    done = ok(p.registry.post(f"/v1/transactions/{proposal['id']}/approve", json={}, headers=ADMIN2))
    assert done["status"] == "completed"
    balance = ok(p.registry.get(f"/v1/accounts/{account['id']}/balance", headers=proponent))
    return Credits(project_id, cert["id"], account["id"], balance["total"], quantity - balance["total"])
