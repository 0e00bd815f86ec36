"""The route × role × method matrix, generated from each service's own OpenAPI document.

Every operation that declares a security requirement refuses a missing token, a
malformed token and a token without the needed scope with 401/401/403
problem+json; every operation without one (the public registry, certified
initiatives, calendar, health) answers without a token. None of them ever answers
500, whatever the path parameters. Methods a path does not declare are 405.
"""

from __future__ import annotations

from typing import Any

import httpx
from service_apps import fill, service_fixture  # noqa: F401 (registers the fixture `service`)

from sosai_shared.auth.jwt import declared_scopes
from sosai_shared.testing import auth

PROBLEM = "application/problem+json"
ALL_METHODS = {"get", "post", "put", "patch", "delete"}


async def test_every_operation_is_denied_unless_allowed(service: tuple[Any, httpx.AsyncClient]) -> None:
    app, client = service
    spec = app.openapi()
    secured = public = 0
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in ALL_METHODS:
                continue
            url = fill(path, op.get("parameters", []) + item.get("parameters", []))
            body = {} if method in ("post", "put", "patch") else None
            label = f"{method.upper()} {path}"
            if op.get("security"):
                secured += 1
                for headers, expected in (
                    ({}, 401),
                    ({"Authorization": "Bearer not-a-token"}, 401),
                    (auth("intruder-org"), 403),  # a valid token without any scope
                ):
                    r = await client.request(method, url, json=body, headers=headers)
                    assert r.status_code == expected, (
                        f"{label} with {headers or 'no token'}: {r.status_code} {r.text}"
                    )
                    assert r.headers["content-type"] == PROBLEM, label
            else:
                public += 1
                r = await client.request(method, url, json=body)
                assert r.status_code not in (401, 403), f"public {label} refused: {r.status_code}"
                # /readyz included: readiness is the database and its schema, never the absent broker
                assert r.status_code < 500, f"{label}: {r.status_code} {r.text}"
            # a method the path does not declare never succeeds anonymously (405, or a refusal by
            # another route whose template matches the same URL, e.g. /footprints/{id} for /footprints/csv)
            for other in sorted(ALL_METHODS - set(item)):
                r = await client.request(other, url)
                assert r.status_code in (401, 404, 405), f"{other.upper()} {path}: {r.status_code}"
    assert secured + public > 0


async def test_unknown_ids_are_404_problem_for_an_authorised_caller(
    service: tuple[Any, httpx.AsyncClient],
) -> None:
    """With every scope the service knows, an id that does not exist is a 404 problem, never a 500."""
    app, client = service
    spec = app.openapi()
    scopes = declared_scopes(app)
    # a service without scoped routes is the public site (the explorer): its 404s are pages for people
    headers = auth("some-org", *sorted(scopes)) if scopes else {}
    for path, item in spec["paths"].items():
        op = item.get("get")
        if op is None or "{" not in path:
            continue
        url = fill(path, op.get("parameters", []) + item.get("parameters", []))
        r = await client.get(url, headers=headers)
        assert r.status_code in (404, 422), f"GET {path}: {r.status_code} {r.text[:200]}"
        assert (
            r.headers["content-type"] == PROBLEM
            if scopes
            else r.headers["content-type"].startswith("text/html")
        )
