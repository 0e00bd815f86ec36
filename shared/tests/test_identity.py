"""Access tokens verified against an issuer's JWKS, with the development issuer running as a process."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Annotated, Any

import httpx
import jwt as pyjwt
import pytest
from fastapi import Depends, FastAPI
from issuer_support import (  # noqa: F401  (the fixtures)
    Issuer,
    _development_issuer,
    _rotatable_issuer,
    dev_issuer_fixture,
    issuer_fixture,
    new_key,
)
from joserfc import jwt
from joserfc.jwk import RSAKey

from sosai_shared.auth import Principal, require
from sosai_shared.auth.jwt import verifier_for
from sosai_shared.auth.keys import DEV_ISSUER, mint_token, sign
from sosai_shared.errors import install_error_handlers
from sosai_shared.settings import ServiceSettings

PROBLEM = "application/problem+json"
Estimator = Annotated[Principal, Depends(require("calculator:estimate"))]
DEMO = ("demo-org", "dev-only-demo-org")
CATALOG = ("events-catalog", "dev-only-events-catalog")


def service(name: str = "registry", **settings: Any) -> httpx.AsyncClient:
    """A service with its own audience (``sosai-<name>``), one ``<name>:read`` route and the
    calculator's estimate route."""
    app = FastAPI()
    install_error_handlers(app)
    app.state.token_verifier = verifier_for(ServiceSettings(service_name=name, **settings))

    # the scope is only known here: a default value is evaluated now, a (string) annotation is not
    reader = Depends(require(f"{name}:read"))

    @app.get("/v1/read")
    async def read(p: Principal = reader) -> dict[str, str]:
        return {"org": p.org, "sub": p.sub}

    @app.post("/v1/estimates/event")
    async def estimate(p: Estimator) -> dict[str, str]:
        return {"org": p.org}

    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc")


def unpublished(issuer: Issuer, key: dict[str, Any]) -> str:
    """A token naming the issuer, signed with a key it does not publish."""
    claims = {
        "iss": issuer.url,
        "aud": "sosai-registry",
        "sub": "x",
        "org": "o",
        "exp": int(time.time()) + 60,
    }
    return sign(claims, key)


def hs256_by_hand(claims: dict[str, Any], secret: bytes) -> str:
    """An HS256 token keyed with whatever bytes an attacker likes (libraries refuse to make this one)."""

    def b64(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    signing_input = (
        b64(b'{"alg":"HS256","typ":"JWT","kid":"kc-rsa-1"}') + b"." + b64(json.dumps(claims).encode())
    )
    return (signing_input + b"." + b64(hmac.new(secret, signing_input, hashlib.sha256).digest())).decode()


def bearer(tok: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tok}"}


def assert_401(r: httpx.Response) -> None:
    assert r.status_code == 401 and r.headers["content-type"] == PROBLEM, r.text
    assert r.headers["www-authenticate"].startswith("Bearer") and r.json()["status"] == 401


async def test_client_credentials_flow_end_to_end(issuer: Issuer) -> None:
    doc = issuer.discovery()
    assert doc["issuer"] == issuer.url and doc["token_endpoint"] == issuer.url + "/token"
    assert doc["grant_types_supported"] == ["client_credentials"]
    assert set(doc["token_endpoint_auth_methods_supported"]) == {"client_secret_basic", "client_secret_post"}
    jwks = issuer.jwks()
    assert [k["kid"] for k in jwks["keys"]] == ["key-a"] and all("d" not in k for k in jwks["keys"])
    basic = issuer.token(*DEMO, "registry:read")
    post = issuer.token(*DEMO, "registry:read", basic=False)
    for r in (basic, post):
        body = r.json()
        assert r.status_code == 200 and body["token_type"] == "Bearer" and body["scope"] == "registry:read"
        assert body["expires_in"] > 0 and r.headers["cache-control"] == "no-store"
    claims = pyjwt.decode(basic.json()["access_token"], options={"verify_signature": False})
    assert claims["aud"] == ["sosai-registry"], "only the service the scope is for"
    assert (claims["iss"], claims["org"], claims["client_id"]) == (issuer.url, "demo-org", "demo-org")
    wrong = issuer.token(DEMO[0], "wrong")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    bad_scope = issuer.token(*DEMO, "registry:admin")
    assert bad_scope.status_code == 400 and bad_scope.json()["error"] == "invalid_scope"
    grant = issuer.token(*DEMO, grant_type="password")
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    async with service(oidc_issuer_url=issuer.url) as svc:
        r = await svc.get("/v1/read", headers=bearer(basic.json()["access_token"]))
        assert r.status_code == 200 and r.json() == {"org": "demo-org", "sub": "user@demo-org"}
        # a development-key token naming another issuer is refused by a service trusting this one
        other = mint_token(org="demo-org", scopes=["registry:read"], audience="sosai-registry")
        assert_401(await svc.get("/v1/read", headers=bearer(other)))


async def test_the_catalogs_identity_is_refused_everywhere_but_the_estimate(issuer: Issuer) -> None:
    r = issuer.token(*CATALOG)
    assert r.json()["scope"] == "calculator:estimate"
    assert issuer.token(*CATALOG, "registry:read").json()["error"] == "invalid_scope"
    assert issuer.token(*CATALOG, "calculator:read").json()["error"] == "invalid_scope"
    tok = bearer(r.json()["access_token"])
    async with service("calculator", oidc_issuer_url=issuer.url) as calculator:
        assert (await calculator.post("/v1/estimates/event", headers=tok)).json() == {"org": "sosai-catalog"}
        refused = await calculator.get("/v1/read", headers=tok)
        assert refused.status_code == 403 and "calculator:read" in refused.json()["detail"]
    for other in ("registry", "certification", "catalog", "notifications", "explorer"):
        async with service(other, oidc_issuer_url=issuer.url) as svc:
            assert_401(await svc.post("/v1/estimates/event", headers=tok))  # not its audience


async def test_key_rotation(issuer: Issuer) -> None:
    assert issuer.keys_file is not None
    key_a, key_b, key_c = json.loads(issuer.keys_file.read_text())[0], new_key("key-b"), new_key("key-c")
    old = issuer.access_token(*DEMO, "registry:read")
    async with service(oidc_issuer_url=issuer.url, jwks_min_refresh_seconds=0) as svc:
        assert (await svc.get("/v1/read", headers=bearer(old))).status_code == 200
        issuer.publish(key_b, key_a)  # the new key signs; the old one is still published
        new = issuer.access_token(*DEMO, "registry:read")
        assert pyjwt.get_unverified_header(new)["kid"] == "key-b"
        assert (await svc.get("/v1/read", headers=bearer(new))).status_code == 200  # unknown kid: a refresh
        assert (await svc.get("/v1/read", headers=bearer(old))).status_code == 200  # valid until it expires
        issuer.publish(key_b)  # the old key is removed
        assert_401(await svc.get("/v1/read", headers=bearer(unpublished(issuer, key_c))))  # looks again
        assert_401(await svc.get("/v1/read", headers=bearer(old)))  # remembered once, refused now
        assert (await svc.get("/v1/read", headers=bearer(new))).status_code == 200


async def test_issuer_down_never_hangs_and_cached_keys_keep_working(issuer: Issuer) -> None:
    tok = issuer.access_token(*DEMO, "registry:read")
    fast = {"oidc_issuer_url": issuer.url, "jwks_timeout_seconds": 1, "jwks_min_refresh_seconds": 0}
    async with service(**fast) as svc:
        assert (await svc.get("/v1/read", headers=bearer(tok))).status_code == 200
        issuer.proc.terminate()
        issuer.proc.wait(10)
        assert (await svc.get("/v1/read", headers=bearer(tok))).status_code == 200
        assert_401(await svc.get("/v1/read", headers=bearer(unpublished(issuer, new_key("key-z")))))
    async with service(**fast) as cold:  # never saw the keys: refused, not hung, not a 500
        assert_401(await cold.get("/v1/read", headers=bearer(tok)))


@pytest.mark.parametrize(
    "case", ["unknown_issuer", "unknown_kid", "wrong_aud", "expired", "not_yet_valid", "hs256", "alg_none"]
)
async def test_bad_tokens_are_401_problems(case: str) -> None:
    now = int(time.time())
    claims = {"iss": DEV_ISSUER, "aud": "sosai-registry", "sub": "u", "org": "o", "scope": "registry:read"}
    claims |= {"iat": now, "exp": now + 600}
    tok = {
        "unknown_issuer": lambda: sign({**claims, "iss": "https://evil.example"}),
        "unknown_kid": lambda: sign(claims, new_key("stranger")),
        "wrong_aud": lambda: sign({**claims, "aud": "sosai-calculator"}),
        "expired": lambda: sign({**claims, "exp": now - 120, "iat": now - 3600}),
        "not_yet_valid": lambda: sign({**claims, "nbf": now + 600}),
        "hs256": lambda: pyjwt.encode(claims, "s" * 64, "HS256"),
        "alg_none": lambda: pyjwt.encode(claims, None, "none"),
    }[case]()
    async with service() as svc:
        assert (await svc.get("/v1/read", headers=bearer(sign(claims)))).status_code == 200
        assert_401(await svc.get("/v1/read", headers=bearer(tok)))


async def test_a_small_clock_skew_is_tolerated() -> None:
    now = int(time.time())
    claims = {"iss": DEV_ISSUER, "aud": "sosai-registry", "sub": "u", "org": "o", "scope": "registry:read"}
    async with service() as svc:
        for skewed in ({"exp": now - 5, "iat": now - 600}, {"nbf": now + 5, "iat": now, "exp": now + 600}):
            assert (await svc.get("/v1/read", headers=bearer(sign({**claims, **skewed})))).status_code == 200


async def test_missing_scope_is_403_naming_it() -> None:
    tok = mint_token(org="o", scopes=["calculator:estimate"], audience="sosai-registry")
    async with service() as svc:
        r = await svc.get("/v1/read", headers=bearer(tok))
    assert (
        r.status_code == 403
        and r.headers["content-type"] == PROBLEM
        and "registry:read" in r.json()["detail"]
    )


async def test_a_keycloak_shaped_rs256_token() -> None:
    """What Keycloak issues for a client-credentials grant: RS256, the realm URL as ``iss``, several
    audiences, ``azp``, ``typ: Bearer``, default scopes beside ours, ``org`` from a claim mapper."""
    realm = "https://sso.example.jp/realms/sosai"
    key = RSAKey.generate_key(
        2048, parameters={"kid": "kc-rsa-1", "alg": "RS256", "use": "sig"}, private=True
    )
    jwks = json.dumps({"keys": [key.as_dict(private=False)]})
    now = int(time.time())
    claims = {
        "exp": now + 300,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "iss": realm,
        "aud": ["sosai-registry", "account"],
        "sub": str(uuid.uuid4()),
        "typ": "Bearer",
        "azp": "acme-erp",
        "scope": "profile email registry:read",
        "clientHost": "10.0.0.7",
        "preferred_username": "service-account-acme-erp",
        "org": "acme",
    }
    tok = jwt.encode({"alg": "RS256", "typ": "JWT", "kid": "kc-rsa-1"}, claims, key, algorithms=["RS256"])
    async with service(jwks=jwks, jwt_issuer=realm) as svc:
        r = await svc.get("/v1/read", headers=bearer(tok))
        assert r.status_code == 200 and r.json() == {"org": "acme", "sub": claims["sub"]}
        # the same token signed with HS256 and the public key's bytes as secret: the classic confusion
        forged = hs256_by_hand(claims, key.as_bytes(private=False))
        assert_401(await svc.get("/v1/read", headers=bearer(forged)))


def test_static_jwks_from_inline_json_or_file(tmp_path: Path) -> None:
    key = new_key("file-key")
    public = {"keys": [{k: v for k, v in key.items() if k != "d"}]}
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(public))
    for value in (json.dumps(public), str(path)):
        verifier = verifier_for(ServiceSettings(service_name="registry", jwks=value))
        tok = mint_token(org="o", scopes=["a"], audience="sosai-registry", private_jwk=key)
        assert verifier.verify(tok).org == "o"


def cli(issuer_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "sosai_shared.auth.cli", "--issuer-url", issuer_url, *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True)


def test_make_token_asks_the_running_issuer(issuer: Issuer) -> None:
    out = cli(
        issuer.url, "--org", "moe-jver-registry", "--sub", "registry-officer-2", "--scope", "registry:admin"
    )
    assert "from the development issuer" in out.stderr
    claims = pyjwt.decode(out.stdout.strip(), options={"verify_signature": False})
    assert (claims["iss"], claims["sub"], claims["client_id"]) == (
        issuer.url,
        "registry-officer-2",
        "registry-officer-2",
    )
    assert claims["scope"] == "registry:admin" and claims["aud"] == ["sosai-registry"]
    # no development client for this organisation: signed locally with the development key
    out = cli(issuer.url, "--org", "acme-unknown", "--scope", "registry:read")
    assert "signed locally" in out.stderr
    assert pyjwt.decode(out.stdout.strip(), options={"verify_signature": False})["iss"] == DEV_ISSUER


async def test_the_issuer_make_run_starts_and_local_tokens_are_interchangeable(dev_issuer: Issuer) -> None:
    """``make run`` points the services at the issuer, which names itself like local development tokens
    and signs with the same key: a service takes both, whichever way the token came."""
    settings = {"oidc_issuer_url": dev_issuer.url, "jwt_issuer": DEV_ISSUER}
    from_issuer = dev_issuer.access_token(*DEMO, "registry:read")
    local = mint_token(org="acme", scopes=["registry:read"], audience="sosai-registry")
    async with service(**settings) as svc, service() as without_issuer:
        for client in (svc, without_issuer):
            assert (await client.get("/v1/read", headers=bearer(from_issuer))).json()["org"] == "demo-org"
            assert (await client.get("/v1/read", headers=bearer(local))).json()["org"] == "acme"
