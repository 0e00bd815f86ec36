"""Each service documents itself, and the document is what the service does.

For every service, built by its own composition root: ``/docs`` and ``/redoc`` load, and every
asset they name is served by the service (no CDN: the pages work offline); every POST that
honours ``Idempotency-Key`` (found by sending it a malformed key) documents the header; every
error response is ``application/problem+json`` with the Problem schema and an example per
problem type; each secured operation names the OAuth2, bearer-JWT and API-key schemes with the
scopes that, held alone, get a caller past its scope check.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from service_apps import fill, service_fixture  # noqa: F401 (registers the fixture `service`)

from sosai_shared.apidocs import API_KEY, BEARER, OAUTH2
from sosai_shared.auth.jwt import declared_scopes
from sosai_shared.errors import PROBLEM_BASE
from sosai_shared.testing import auth
from sosai_shared.uow import MAX_KEY_LENGTH

PROBLEM = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
METHODS = {"get", "post", "put", "patch", "delete"}
#: what the pages load: attributes, and the URLs Swagger UI's start-up script names
LINKED = re.compile(
    r"""(?:src|href|spec-url)="([^"]+)"|url: '([^']+)'|window\.location\.origin \+ '([^']+)'"""
)
TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json"}


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], str]]:
    """(path, method, operation, URL with ids that exist nowhere) of every operation."""
    return [
        (path, method, op, fill(path, op.get("parameters", []) + item.get("parameters", [])))
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


async def test_docs_and_redoc_load_their_assets_from_the_service(
    service: tuple[Any, httpx.AsyncClient],
) -> None:
    _, client = service
    for page, needs in (("/docs", {".js", ".css", ".json"}), ("/redoc", {".js", ".json"})):
        r = await client.get(page)
        assert r.status_code == 200, page
        assert r.headers["content-type"].startswith("text/html"), page
        urls = [next(u for u in m.groups() if u) for m in LINKED.finditer(r.text)]
        assert "cdn" not in r.text.lower() and not [u for u in urls if not u.startswith("/")], (
            f"{page} loads from elsewhere: {urls}"
        )
        seen = set()
        for url in urls:
            asset = await client.get(url)
            assert asset.status_code == 200, f"{page} names {url}: {asset.status_code}"
            kind = next((ext for ext in TYPES if url.endswith(ext)), None)
            if kind is not None:
                assert TYPES[kind] in asset.headers["content-type"], f"{url}: {asset.headers['content-type']}"
                assert asset.content, url
                seen.add(kind)
            else:  # the OAuth2 redirect page Swagger UI returns to
                assert asset.headers["content-type"].startswith("text/html"), url
        assert needs <= seen, f"{page} names no {needs - seen}: {urls}"


async def test_every_post_that_takes_an_idempotency_key_documents_it(
    service: tuple[Any, httpx.AsyncClient],
) -> None:
    app, client = service
    spec = app.openapi()
    headers = {
        **auth("docs-org", *sorted(declared_scopes(app))),
        "Idempotency-Key": "k" * (MAX_KEY_LENGTH + 1),
    }
    honoured = 0
    for path, method, op, url in operations(spec):
        documented = [
            p for p in op.get("parameters", []) if p["in"] == "header" and p["name"] == "Idempotency-Key"
        ]
        if method != "post":
            assert not documented, f"{method.upper()} {path} documents Idempotency-Key"
            continue
        r = await client.post(url, json={}, headers=headers)
        takes_key = r.status_code == 422 and r.json()["type"] == PROBLEM_BASE + "invalid-idempotency-key"
        assert bool(documented) == takes_key, f"POST {path}: documented {bool(documented)}, answered {r.text}"
        if takes_key:
            honoured += 1
            assert documented[0]["schema"]["maxLength"] == MAX_KEY_LENGTH
            assert documented[0]["required"] is False
            conflict = op["responses"]["409"]["content"][PROBLEM]
            assert "idempotency-in-flight" in conflict["examples"], path
            assert "idempotency-key-reused" in op["responses"]["422"]["content"][PROBLEM]["examples"], path
    posts = [p for p, m, _, _ in operations(spec) if m == "post"]
    assert honoured == len(posts), "every POST of the platform goes through the unit of work"


async def test_every_error_response_is_a_documented_problem(service: tuple[Any, httpx.AsyncClient]) -> None:
    app, _ = service
    spec = app.openapi()
    problem = spec["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status"}
    errors = 0
    for path, method, op, _ in operations(spec):
        for status, response in op["responses"].items():
            if status[:1] not in ("4", "5"):
                continue
            errors += 1
            label = f"{method.upper()} {path} {status}"
            assert list(response["content"]) == [PROBLEM], label
            media = response["content"][PROBLEM]
            assert media["schema"] == PROBLEM_REF, label
            for name, example in media.get("examples", {}).items():
                assert example["value"] == {
                    "type": PROBLEM_BASE + name,
                    "title": example["value"]["title"],
                    "status": int(status),
                }, label
            # the types a route names with problem_responses(types=...) each have their example
            assert set(response.get("x-problem-types", [])) <= set(media.get("examples", {})), label
        assert "500" in op["responses"], f"{method.upper()} {path}"
    assert errors > 0


async def test_security_schemes_and_scopes_are_what_the_routes_require(
    service: tuple[Any, httpx.AsyncClient],
) -> None:
    app, client = service
    spec = app.openapi()
    scopes = declared_scopes(app)
    secured = [(p, m, op, url) for p, m, op, url in operations(spec) if op.get("security")]
    if not scopes:  # the public site (the explorer): nothing to sign in for
        assert not secured and "securitySchemes" not in spec.get("components", {})
        return
    schemes = spec["components"]["securitySchemes"]
    assert set(schemes) == {OAUTH2, BEARER, API_KEY}
    flow = schemes[OAUTH2]["flows"]["clientCredentials"]
    # the development issuer's token endpoint, as `make run` serves it (settings.token_endpoint)
    assert flow["tokenUrl"] == "http://127.0.0.1:8010/token" and set(flow["scopes"]) == scopes
    bearer = schemes[BEARER]
    assert (bearer["type"], bearer["scheme"], bearer["bearerFormat"]) == ("http", "bearer", "JWT")
    # organisation API keys travel in the same header; their own scheme says how to get one
    api_key = schemes[API_KEY]
    assert (api_key["type"], api_key["scheme"]) == ("http", "bearer") and "sk_" in api_key["bearerFormat"]
    assert "/v1/api-keys" in api_key["description"]
    assert secured
    for path, method, op, url in secured:
        label = f"{method.upper()} {path}"
        by_scheme: dict[str, list[list[str]]] = {OAUTH2: [], BEARER: [], API_KEY: []}
        for requirement in op["security"]:
            ((scheme, held),) = requirement.items()
            by_scheme[scheme].append(sorted(held))
        assert by_scheme[OAUTH2] == by_scheme[BEARER] == by_scheme[API_KEY], label
        assert all(by_scheme[OAUTH2]), f"{label} names no scope"
        for held in by_scheme[OAUTH2]:
            body = {} if method in ("post", "put", "patch") else None
            r = await client.request(method, url, json=body, headers=auth("docs-org", *held))
            assert r.status_code not in (401, 403), f"{label} with only {held}: {r.status_code} {r.text}"
