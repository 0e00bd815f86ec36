"""A development OAuth2 issuer: client-credentials tokens (RFC 6749 §4.4), JWKS and discovery.

``python -m sosai_shared.auth.dev_issuer --port 8010`` (``make run`` starts it). Clients and their
DEVELOPMENT-ONLY secrets come from ``dev_clients.json``, or from the JSON document in
``SOSAI_DEV_ISSUER_CLIENTS`` (docker-compose passes secrets generated at deployment that way). The
signing key is the development key, a key generated at start and never written (``--generate-key``,
docker-compose), or a JSON list of private JWKs in the file named by ``SOSAI_DEV_ISSUER_KEYS``
(re-read on every request so that a test can rotate keys: the first key signs, all are published). joserfc does the
JOSE and FastAPI's ``HTTPBasic`` reads ``client_secret_basic``; the form is parsed by the standard
library. Production uses a real OpenID Connect provider (Keycloak, ...), never this.

Its issuer identifier (``iss``) is ``https://auth.sosai.local`` wherever it listens, the issuer
development tokens have always named: a token it grants and one signed locally with the development
key (tests, ``make token`` while it is down, the seed) are interchangeable in development.
"""

from __future__ import annotations

import argparse
import hmac
import json
import os
import time
import uuid
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from joserfc.jwk import OKPKey

from sosai_shared.auth.keys import (
    DEV_ISSUER,
    DEV_ISSUER_PORT,
    DEV_PRIVATE_JWK,
    audiences_for,
    public_jwks,
    sign,
)

CLIENTS_FILE = Path(__file__).with_name("dev_clients.json")
TOKEN_TTL_SECONDS = 3600

_basic = HTTPBasic(auto_error=False)


def dev_clients(path: Path = CLIENTS_FILE) -> dict[str, dict[str, Any]]:
    """The development clients: id → secret, organisation, subject and the scopes it may ask for."""
    clients: dict[str, dict[str, Any]] = json.loads(path.read_text())["clients"]
    return clients


def _configured_clients(clients_file: Path) -> dict[str, dict[str, Any]]:
    inline = os.environ.get("SOSAI_DEV_ISSUER_CLIENTS")
    if inline:
        clients: dict[str, dict[str, Any]] = json.loads(inline)["clients"]
        return clients
    return dev_clients(clients_file)


def _private_keys() -> list[dict[str, Any]]:
    path = os.environ.get("SOSAI_DEV_ISSUER_KEYS")
    return json.loads(Path(path).read_text()) if path else [DEV_PRIVATE_JWK]


def generated_key() -> dict[str, Any]:
    """A fresh Ed25519 signing key, kept in memory only (tokens die with the process)."""
    key = OKPKey.generate_key("Ed25519", parameters={"kid": f"gen-{uuid.uuid4().hex[:8]}", "alg": "EdDSA"})
    return dict(key.as_dict(private=True))


def _oauth_error(status: int, error: str, description: str, **headers: str) -> JSONResponse:
    # RFC 6749 §5.2 error body; token responses are never cached
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status,
        headers={"Cache-Control": "no-store", **headers},
    )


def create_app(
    base_url: str,
    issuer: str = DEV_ISSUER,
    clients_file: Path = CLIENTS_FILE,
    signing_keys: list[dict[str, Any]] | None = None,
) -> FastAPI:
    """The issuer's app: ``base_url`` is where it is reached, ``issuer`` what its tokens name."""
    base_url = base_url.rstrip("/")
    clients = _configured_clients(clients_file)

    def keys() -> list[dict[str, Any]]:
        return signing_keys or _private_keys()

    app = FastAPI(title="Sōsai development issuer", docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        return {
            "issuer": issuer,
            "token_endpoint": base_url + "/token",
            "jwks_uri": base_url + "/jwks.json",
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "id_token_signing_alg_values_supported": ["EdDSA"],
            "response_types_supported": ["token"],
            "subject_types_supported": ["public"],
            "scopes_supported": sorted({s for c in clients.values() for s in c["scopes"]}),
        }

    @app.get("/jwks.json")
    async def jwks() -> dict[str, Any]:
        return public_jwks(*keys())

    @app.post("/token")
    async def token(
        request: Request, basic: Annotated[HTTPBasicCredentials | None, Depends(_basic)]
    ) -> JSONResponse:
        # application/x-www-form-urlencoded (RFC 6749 §4.4.2)
        form = dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
        if basic is not None:
            client_id, secret = basic.username, basic.password
        else:  # client_secret_post
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        client = clients.get(client_id)
        if client is None or not hmac.compare_digest(secret.encode(), str(client["secret"]).encode()):
            return _oauth_error(
                401, "invalid_client", "unknown client or wrong secret", **{"WWW-Authenticate": "Basic"}
            )
        if form.get("grant_type") != "client_credentials":
            return _oauth_error(400, "unsupported_grant_type", "only client_credentials is supported")
        allowed = list(client["scopes"])
        requested = form.get("scope", "").split() or allowed
        if not set(requested) <= set(allowed):
            refused = sorted(set(requested) - set(allowed))
            return _oauth_error(400, "invalid_scope", f"not allowed for this client: {refused}")
        now = int(time.time())
        claims = {
            "iss": issuer,
            # only the services the granted scopes are for: least privilege for service clients too
            "aud": audiences_for(requested),
            "sub": client["sub"],
            "client_id": client_id,
            "org": client["org"],
            "scope": " ".join(requested),
            "iat": now,
            "nbf": now,
            "exp": now + TOKEN_TTL_SECONDS,
            "jti": str(uuid.uuid4()),
        }
        body = {
            "access_token": sign(claims, keys()[0]),
            "token_type": "Bearer",
            "expires_in": TOKEN_TTL_SECONDS,
            "scope": claims["scope"],
        }
        return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": "dev-issuer"}

    return app


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    p = argparse.ArgumentParser(description="Development OAuth2 issuer (client credentials).")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEV_ISSUER_PORT)
    p.add_argument("--base-url", default=None, help="where clients reach it (default http://HOST:PORT)")
    p.add_argument("--issuer", default=DEV_ISSUER, help=f"the 'iss' of its tokens (default {DEV_ISSUER})")
    p.add_argument(
        "--generate-key", action="store_true", help="sign with a key generated now, not the dev key"
    )
    args = p.parse_args(argv)
    base_url = args.base_url or f"http://{args.host}:{args.port}"
    app = create_app(base_url, args.issuer, signing_keys=[generated_key()] if args.generate_key else None)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
