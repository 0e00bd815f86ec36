"""An API that documents itself: the pages that show the OpenAPI, and what the document says
beyond what FastAPI infers from the routes.

Why here: every service's composition root (:func:`sosai_shared.app.create_service_app`) calls
these two functions, so the six services document security, scopes, ``Idempotency-Key`` and
problem types the same way, without a copy per route.

* :func:`install_docs` serves ``/docs`` (Swagger UI) and ``/redoc`` with their scripts and styles
  from the service itself (the files the ``fastapi-offline`` package ships), so the pages work
  without internet; FastAPI's defaults load them from a CDN.
* :func:`document_api` post-processes the generated document: the OAuth2 client-credentials,
  bearer JWT and organisation API-key (``sk_…``, the same header) security schemes, each operation's scopes as its routes require
  them, the ``Idempotency-Key`` header on every POST that honours it, and an example of every
  problem type an error response can carry.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from sosai_shared.auth.jwt import public
from sosai_shared.errors import PROBLEM_BASE, PROBLEM_JSON
from sosai_shared.uow import MAX_KEY_LENGTH, unit_of_work

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
#: Where the pages' scripts and styles are served (under /docs, so one prefix holds the pages).
ASSETS_URL = "/docs/assets"
#: The token endpoint when the settings name none: relative, so it points at whatever host serves
#: the issuer in front of the services (the issuer's discovery document says where it really is).
DEFAULT_TOKEN_URL = "/oauth2/token"

OAUTH2 = "oauth2"
BEARER = "bearer"
API_KEY = "apiKey"
#: every way to present a credential; a secured operation accepts any of them with its scopes
SCHEMES = (OAUTH2, BEARER, API_KEY)

#: The problem types the platform itself answers with, whatever the route (errors.py, uow.py,
#: pagination.py, inputs.py); a route adds its own with ``problem_responses(types=...)``.
PLATFORM_TYPES: dict[str, tuple[str, ...]] = {
    "400": ("malformed-body", "malformed-request"),
    "401": ("missing-token", "invalid-token", "token-expired", "invalid-api-key"),
    "403": ("insufficient-scope",),
    "404": ("not-found",),
    "413": ("payload-too-large",),
    "415": ("unsupported-media-type",),
    "422": ("validation-error", "invalid-characters"),
    "429": ("rate-limited",),
    "500": ("internal-error",),
    "503": ("database-unavailable", "api-keys-unavailable"),
}
#: What a POST that honours ``Idempotency-Key`` can answer besides (uow.py).
IDEMPOTENCY_TYPES: dict[str, tuple[str, ...]] = {
    "409": ("idempotency-in-flight",),
    "422": ("invalid-idempotency-key", "idempotency-key-reused"),
}
IDEMPOTENCY_HEADER: dict[str, Any] = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Makes a retry safe: the same key with the same body answers the stored response; the same "
        "key with another body is a 422 (idempotency-key-reused); while the first request is still "
        "running, a 409 (idempotency-in-flight). Keys belong to the caller (organisation and subject)."
    ),
    # no pattern: the server also takes printable non-ASCII, and a pattern would call those invalid
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    "example": "5f0c2a8e-retire-2026-001",
}


def install_docs(app: FastAPI) -> None:
    """``/docs`` and ``/redoc`` with their assets served by the service (call with
    ``docs_url=None, redoc_url=None`` on the app, so FastAPI's CDN pages are not added)."""
    assets = files("fastapi_offline") / "static"
    app.mount(ASSETS_URL, StaticFiles(directory=str(assets)), name="docs-assets")
    pages = APIRouter(include_in_schema=False, dependencies=[public])

    @pages.get(DOCS_URL)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=f"{root}{OAUTH2_REDIRECT_URL}",
            swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )

    @pages.get(OAUTH2_REDIRECT_URL)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @pages.get(REDOC_URL)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            with_google_fonts=False,  # fonts from Google are a CDN too
        )

    app.include_router(pages)


@dataclass(frozen=True)
class _Operation:
    path: str
    method: str
    scopes: tuple[str, ...]  #: what the route's ``require(...)`` names
    any_of: bool
    idempotent: bool  #: a POST whose unit of work reads ``Idempotency-Key``


def document_api(app: FastAPI, schema: dict[str, Any], *, token_url: str = DEFAULT_TOKEN_URL) -> None:
    """Add security, scopes, ``Idempotency-Key`` and problem examples to ``schema`` (in place;
    run after :func:`sosai_shared.errors.document_problems`, which declares the error statuses)."""
    paths = schema.get("paths", {})
    all_scopes: set[str] = set()
    for found in _operations(app):
        op = paths.get(found.path, {}).get(found.method)
        if op is None:
            continue
        all_scopes.update(found.scopes)
        if found.scopes:
            op["security"] = _requirements(found.scopes, found.any_of)
            op["x-required-scopes"] = {"anyOf" if found.any_of else "allOf": list(found.scopes)}
        elif op.get("security"):
            op["security"] = [{scheme: []} for scheme in SCHEMES]
        types = {status: list(names) for status, names in PLATFORM_TYPES.items()}
        if any(p.get("in") == "query" and p.get("name") == "cursor" for p in op.get("parameters", [])):
            types["422"].append("invalid-cursor")
        if found.idempotent:
            params = op.setdefault("parameters", [])
            if not any(
                p.get("in") == "header" and p.get("name", "").lower() == "idempotency-key" for p in params
            ):
                params.append(dict(IDEMPOTENCY_HEADER))
            responses = op.setdefault("responses", {})
            for status, names in IDEMPOTENCY_TYPES.items():
                responses.setdefault(status, {"description": "idempotency: see the problem type"})
                types[status] = [*types.get(status, []), *names]
        _problem_examples(op.get("responses", {}), types)
    components = schema.setdefault("components", {})
    # the platform's schemes replace the bearer scheme FastAPI infers from the auth dependency
    components.pop("securitySchemes", None)
    if any(op.get("security") for item in paths.values() for op in item.values() if isinstance(op, dict)):
        components["securitySchemes"] = _schemes(sorted(all_scopes), token_url)


def _requirements(scopes: tuple[str, ...], any_of: bool) -> list[dict[str, list[str]]]:
    """OpenAPI requirements: alternatives are separate objects, so ``any_of`` is one per scope."""
    sets = [[s] for s in scopes] if any_of else [list(scopes)]
    return [{scheme: held} for held in sets for scheme in SCHEMES]


def _schemes(scopes: list[str], token_url: str) -> dict[str, Any]:
    return {
        OAUTH2: {
            "type": "oauth2",
            "description": "OAuth2 client credentials (RFC 6749 §4.4): an access token for this service's "
            "audience, carrying the caller's organisation and scopes.",
            "flows": {
                "clientCredentials": {"tokenUrl": token_url, "scopes": {s: _scope_text(s) for s in scopes}}
            },
        },
        BEARER: {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An access token obtained from the issuer, presented as `Authorization: Bearer …`.",
        },
        API_KEY: {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "sk_ API key",
            "description": "An organisation API key, for systems that cannot do OAuth2: created by the "
            "organisation's admin at the registry (`POST /v1/api-keys`, scope `org:keys`), shown once, "
            "presented as `Authorization: Bearer sk_…` to any service, with the scopes it was given. "
            "A revoked key is refused (401) at once.",
        },
    }


def _scope_text(scope: str) -> str:
    if scope == "org:keys":
        return "create, list and revoke the organisation's API keys"
    service, _, action = scope.partition(":")
    return f"{action} on the {service} service" if action else scope


def _problem_examples(responses: dict[str, Any], platform: dict[str, list[str]]) -> None:
    """Every error response as ``application/problem+json`` with one example per problem type it
    can carry: the platform's own and those the route declared (``x-problem-types``)."""
    for status, response in responses.items():
        if status[:1] not in ("4", "5"):
            continue
        names = [*response.get("x-problem-types", []), *platform.get(status, [])]
        unique = list(dict.fromkeys(names))
        media: dict[str, Any] = {"schema": {"$ref": "#/components/schemas/Problem"}}
        if unique:
            media["examples"] = {
                name: {"value": {"type": PROBLEM_BASE + name, "title": _title(name), "status": int(status)}}
                for name in unique
            }
        # a fresh object per response: document_problems shares one between all of them
        response["content"] = {PROBLEM_JSON: media}


def _title(name: str) -> str:
    return name.replace("-", " ").capitalize()


def _operations(app: FastAPI) -> Iterator[_Operation]:
    """Each documented method of each API route, with what its dependencies ask for."""
    for route in _routes(app):
        if not getattr(route, "include_in_schema", True):
            continue
        scopes: list[str] = []
        any_of = False
        uses_uow = False
        for call in _calls(route.dependant):
            named = getattr(call, "__sosai_scopes__", None)
            if named:
                scopes.extend(named)
                any_of = any_of or _is_any_of(call)
            uses_uow = uses_uow or call is unit_of_work
        for method in sorted(route.methods or ()):
            yield _Operation(
                route.path,
                method.lower(),
                tuple(dict.fromkeys(scopes)),
                any_of,
                method == "POST" and uses_uow,
            )


def _is_any_of(call: Any) -> bool:
    """Whether ``require(..., any_of=True)`` made this dependency: an attribute if the auth package
    sets one, else the closure ``require`` built it with (read, never changed)."""
    flag = getattr(call, "__sosai_any_of__", None)
    if flag is None:
        flag = inspect.getclosurevars(call).nonlocals.get("any_of", False)
    return bool(flag)


def _routes(app: FastAPI) -> Iterator[Any]:
    # FastAPI >= 0.16x keeps included routers as branches; their routes come as contexts
    for route in app.routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "effective_route_contexts"):
            yield from (c for c in route.effective_route_contexts() if hasattr(c, "dependant"))


def _calls(dependant: Any) -> Iterator[Any]:
    for dep in getattr(dependant, "dependencies", ()):
        yield dep.call
        yield from _calls(dep)
