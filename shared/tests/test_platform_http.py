"""Errors, auth, idempotency and operations endpoints of the shared platform, through a real app."""

from __future__ import annotations

import asyncio
import time

import httpx
import jwt as pyjwt
import pytest
from fastapi import APIRouter, FastAPI
from sqlalchemy import func, select
from toyapp import Note

from sosai_shared.auth import guard_routes, mint_token
from sosai_shared.auth.keys import sign
from sosai_shared.settings import ServiceSettings
from sosai_shared.testing import auth

#: What every service trusted before access tokens became asymmetric: now refused outright.
OLD_HS256_SECRET = "sosai-development-secret-do-not-use-in-production-0123456789"

W = auth("org-a", "notes:write", "notes:read")
PROBLEM = "application/problem+json"


async def count_notes(client: httpx.AsyncClient) -> int:
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as s:
        return int(await s.scalar(select(func.count()).select_from(Note)) or 0)


async def test_create_and_read_with_scopes(toy: httpx.AsyncClient) -> None:
    r = await toy.post("/v1/notes", json={"key": "k", "text": "hello"}, headers=W)
    assert r.status_code == 201, r.text
    nid = r.json()["id"]
    assert (await toy.get(f"/v1/notes/{nid}", headers=W)).json()["text"] == "hello"
    other = await toy.get(f"/v1/notes/{nid}", headers=auth("org-b", "notes:read"))
    assert other.status_code == 404 and other.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    "case",
    [
        "none",
        "garbage",
        "expired",
        "wrong_aud",
        "wrong_iss",
        "alg_none",
        "missing_scope",
        "no_org",
        "wrong_key",
        "hs256",
    ],
)
async def test_jwt_negative_cases_are_problem_json_never_500(toy: httpx.AsyncClient, case: str) -> None:
    now = int(time.time())
    base = {
        "iss": "https://auth.sosai.local",
        "aud": "sosai-toy",
        "sub": "u",
        "org": "org-a",
        "scope": "notes:write",
        "iat": now,
        "exp": now + 600,
    }
    headers: dict[str, str] = {}
    if case == "garbage":
        headers = {"Authorization": "Bearer not.a.jwt"}
    elif case == "expired":
        headers = {"Authorization": "Bearer " + sign({**base, "exp": now - 3600, "iat": now - 7200})}
    elif case == "wrong_aud":
        headers = {"Authorization": "Bearer " + sign({**base, "aud": "other"})}
    elif case == "wrong_iss":
        headers = {"Authorization": "Bearer " + sign({**base, "iss": "https://evil"})}
    elif case == "alg_none":
        headers = {"Authorization": "Bearer " + pyjwt.encode(base, None, "none")}
    elif case == "missing_scope":
        headers = {"Authorization": "Bearer " + sign({**base, "scope": "notes:read"})}
    elif case == "no_org":
        claims = dict(base)
        del claims["org"]
        headers = {"Authorization": "Bearer " + sign(claims)}
    elif case == "wrong_key":
        headers = {"Authorization": "Bearer " + pyjwt.encode(base, "x" * 64, "HS256")}
    elif case == "hs256":
        headers = {"Authorization": "Bearer " + pyjwt.encode(base, OLD_HS256_SECRET, "HS256")}
    before = await count_notes(toy)
    r = await toy.post("/v1/notes", json={"key": "k", "text": "x"}, headers=headers)
    assert r.status_code == (403 if case == "missing_scope" else 401), r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == r.status_code and body["type"].startswith("https://sosai.jp/problems/")
    assert await count_notes(toy) == before


async def test_validation_404_405_and_unexpected_errors(toy: httpx.AsyncClient) -> None:
    r = await toy.post("/v1/notes", json={"key": "k", "text": "x", "internal": 1}, headers=W)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert any(e["loc"][-1] == "internal" for e in r.json()["errors"])
    r = await toy.get("/v1/nowhere")
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM
    r = await toy.delete("/v1/public/ping")
    assert r.status_code == 405 and r.headers["content-type"] == PROBLEM
    r = await toy.get("/v1/boom")
    assert r.status_code == 500 and r.headers["content-type"] == PROBLEM
    assert "secret internals" not in r.text and "Traceback" not in r.text
    assert r.json()["request_id"] == r.headers["x-request-id"]
    r = await toy.post("/v1/notes", json={"key": "k", "text": "reject"}, headers=W)
    assert r.status_code == 409 and r.json()["type"] == "https://sosai.jp/problems/toy-rejected"


async def test_oversized_body_is_refused(toy: httpx.AsyncClient) -> None:
    r = await toy.post(
        "/v1/notes", content=b"{" + b" " * 2_000_000 + b"}", headers={**W, "content-type": "application/json"}
    )
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM


async def test_idempotency_same_key_same_body_replays(toy: httpx.AsyncClient) -> None:
    h = {**W, "Idempotency-Key": "abc-1"}
    before = await count_notes(toy)
    r1 = await toy.post("/v1/notes", json={"key": "k", "text": "once"}, headers=h)
    r2 = await toy.post("/v1/notes", json={"key": "k", "text": "once"}, headers=h)
    assert r1.status_code == r2.status_code == 201
    assert r1.json() == r2.json() and r2.headers.get("idempotent-replayed") == "true"
    assert await count_notes(toy) == before + 1
    # the key is scoped to the caller: another organisation's identical key is its own
    r3 = await toy.post(
        "/v1/notes",
        json={"key": "k", "text": "once"},
        headers={**auth("org-b", "notes:write"), "Idempotency-Key": "abc-1"},
    )
    assert r3.status_code == 201 and r3.json()["id"] != r1.json()["id"]


async def test_the_same_json_in_another_field_order_replays(toy: httpx.AsyncClient) -> None:
    h = {**W, "Idempotency-Key": "abc-order", "Content-Type": "application/json"}
    first = await toy.post("/v1/notes", content=b'{"key": "k-order", "text": "one"}', headers=h)
    assert first.status_code == 201, first.text
    again = await toy.post("/v1/notes", content=b'{"text":"one","key":"k-order"}', headers=h)
    assert again.status_code == 201 and again.json() == first.json(), again.text
    assert again.headers.get("idempotent-replayed") == "true"
    other = await toy.post("/v1/notes", content=b'{"text":"two","key":"k-order"}', headers=h)
    assert other.status_code == 422 and other.json()["type"].endswith("idempotency-key-reused")


async def test_idempotency_key_reused_with_other_body_is_422(toy: httpx.AsyncClient) -> None:
    h = {**W, "Idempotency-Key": "abc-2"}
    assert (await toy.post("/v1/notes", json={"key": "k", "text": "one"}, headers=h)).status_code == 201
    before = await count_notes(toy)
    r = await toy.post("/v1/notes", json={"key": "k", "text": "two"}, headers=h)
    assert r.status_code == 422 and r.json()["type"].endswith("idempotency-key-reused")
    assert await count_notes(toy) == before


async def test_idempotency_in_flight_is_409_and_failures_release_the_key(toy: httpx.AsyncClient) -> None:
    app: FastAPI = toy.app  # type: ignore[attr-defined]
    app.state.gate, app.state.entered = asyncio.Event(), asyncio.Event()
    h = {**W, "Idempotency-Key": "slow-1"}
    first = asyncio.create_task(toy.post("/v1/notes", json={"key": "k", "text": "slow"}, headers=h))
    await asyncio.wait_for(app.state.entered.wait(), 30)  # the first request is now in flight
    second = await toy.post("/v1/notes", json={"key": "k", "text": "slow"}, headers=h)
    assert second.status_code == 409 and second.json()["type"].endswith("idempotency-in-flight")
    app.state.gate.set()
    assert (await first).status_code == 201
    # a rejected request stores nothing: the same key may be retried and is rejected again, not replayed
    h2 = {**W, "Idempotency-Key": "rej-1"}
    assert (await toy.post("/v1/notes", json={"key": "k", "text": "reject"}, headers=h2)).status_code == 409
    again = await toy.post("/v1/notes", json={"key": "k", "text": "reject"}, headers=h2)
    assert again.status_code == 409 and again.json()["type"].endswith("toy-rejected")


async def test_operations_endpoints(toy: httpx.AsyncClient) -> None:
    assert (await toy.get("/healthz")).json()["status"] == "ok"
    ready = await toy.get("/readyz")
    assert ready.status_code == 200, ready.text
    await toy.post("/v1/notes", json={"key": "k", "text": "m"}, headers=W)
    metrics = (await toy.get("/metrics")).text
    assert 'sosai_http_requests_total{method="POST",route="/v1/notes",service="toy",status="201"}' in metrics
    assert "sosai_http_request_duration_seconds_bucket" in metrics
    spec = (await toy.get("/openapi.json")).json()
    assert "/v1/notes" in spec["paths"]


async def test_readyz_stays_ready_when_the_broker_is_unreachable(database_url: str) -> None:
    """Readiness is the database (and its schema), never the broker: the outbox keeps writes going."""
    from toyapp import ToySettings, make_app

    app = make_app(
        ToySettings(
            database_url=database_url,
            kafka_bootstrap_servers="127.0.0.1:1",
            migrate_on_startup=False,
            kafka_request_timeout_ms=1000,
        )
    )
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            r = await c.get("/readyz")
            assert r.status_code == 200, r.text
            assert "broker" not in r.json()["checks"]
            # writes still succeed while the broker is away: the event waits in the outbox
            assert (await c.post("/v1/notes", json={"key": "k", "text": "x"}, headers=W)).status_code == 201
            assert await app.state.runtime.relay.backlog() == 1
            # the broker's absence is a metric (alert SosaiBrokerDown), and the backlog is counted at scrape
            metrics = (await c.get("/metrics")).text
            assert 'sosai_broker_up{service="toy"} 0.0' in metrics
            assert 'sosai_outbox_backlog{service="toy"} 1.0' in metrics
            age = next(
                float(line.rsplit(" ", 1)[1])
                for line in metrics.splitlines()
                if line.startswith('sosai_outbox_oldest_age_seconds{service="toy"}')
            )
            assert age > 0


def test_unguarded_routes_refuse_to_start() -> None:
    app = FastAPI()
    r = APIRouter()

    @r.get("/v1/open")
    async def open_route() -> dict[str, str]:
        return {}

    app.include_router(r)
    with pytest.raises(RuntimeError, match="without an auth decision"):
        guard_routes(app)


def test_settings_prefix_fallbacks_and_production_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError
    from pydantic_settings import SettingsConfigDict

    class S(ServiceSettings):
        model_config = SettingsConfigDict(env_prefix="XSVC_", extra="ignore")
        service_name: str = "xsvc"

    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u@h/db")
    monkeypatch.setenv("XSVC_KAFKA_BOOTSTRAP_SERVERS", "k:1")
    s = S()
    assert s.database_url == "postgresql+asyncpg://u@h/db" and s.kafka_bootstrap_servers == "k:1"
    assert s.migrate_on_startup is True
    monkeypatch.setenv("XSVC_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="without an OIDC issuer"):
        S()
    monkeypatch.setenv("XSVC_OIDC_ISSUER_URL", "https://sso.example.jp/realms/sosai/")
    prod = S()
    assert prod.migrate_on_startup is False
    assert prod.jwt_issuer == "https://sso.example.jp/realms/sosai" and prod.jwt_audience == "sosai-xsvc"
    assert prod.static_jwks() is None  # discovered from the issuer, never the development key
    monkeypatch.setenv("XSVC_JWT_ALGORITHMS", '["RS256", "HS256"]')
    with pytest.raises(ValidationError, match="never allowed"):
        S()


def test_token_cli_mints_verifiable_tokens(capsys: pytest.CaptureFixture[str]) -> None:
    from sosai_shared.auth.cli import main
    from sosai_shared.auth.jwks import JwksSource
    from sosai_shared.auth.jwt import TokenVerifier
    from sosai_shared.auth.keys import dev_jwks

    main(["--org", "org-z", "--scope", "a:b", "--scope", "c:d", "--local"])
    tok = capsys.readouterr().out.strip()
    for audience in ("sosai-a", "sosai-c"):  # a token goes to the services its scopes are for
        p = TokenVerifier(
            keys=JwksSource(static_jwks=dev_jwks()), issuer="https://auth.sosai.local", audience=audience
        ).verify(tok)
        assert p.org == "org-z" and p.scopes == {"a:b", "c:d"}
    assert mint_token(org="o", scopes=[], audience="sosai-a") != tok


async def test_text_the_database_cannot_store_is_a_422_not_a_500(toy: httpx.AsyncClient) -> None:
    """Found by Schemathesis on PostgreSQL: NUL characters and unpaired surrogates in any text field."""
    before = await count_notes(toy)
    r = await toy.post(
        "/v1/notes",
        content=b'{"key": "k", "text": "bad \\ud83d surrogate"}',
        headers={**W, "content-type": "application/json"},
    )
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
    r = await toy.post("/v1/notes", json={"key": "k", "text": "nul \x00 inside"}, headers=W)
    # SQLite would store NUL in TEXT, PostgreSQL cannot: the platform refuses it on both tiers alike
    assert r.status_code == 422 and r.json()["type"].endswith("/invalid-characters"), r.text
    assert await count_notes(toy) == before


def test_schema_state_against_the_code_head() -> None:
    """Pure: where a database's Alembic revisions stand against the registry's migration scripts."""
    from sosai_shared.migrations import _revisions, schema_state

    revisions = _revisions("sosai_registry")
    assert revisions is not None
    heads, known = revisions
    older = next(iter(known - heads))
    assert schema_state("sosai_registry", set()) == "empty"
    assert schema_state("sosai_registry", set(heads)) == "at-head"
    assert schema_state("sosai_registry", {older}) == "behind"
    assert schema_state("sosai_registry", {"f00dfeedbeef"}) == "ahead"  # a newer release migrated
    assert schema_state("tests", set()) == "at-head"  # no migrations folder: nothing to wait for


def test_sasl_settings_need_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from sosai_shared.events.kafka import client_options
    from sosai_shared.settings import ServiceSettings

    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    with pytest.raises(ValidationError, match="SASL username or password"):
        ServiceSettings()
    monkeypatch.setenv("KAFKA_SASL_USERNAME", "sosai-registry")
    monkeypatch.setenv("KAFKA_SASL_PASSWORD", "s3cret")
    options = client_options(ServiceSettings())
    assert options["security_protocol"] == "SASL_SSL" and options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "sosai-registry" and options["ssl_context"] is not None
    plain = client_options(ServiceSettings(kafka_security_protocol="PLAINTEXT"))
    assert (
        set(plain) == {"security_protocol", "bootstrap_servers"} and plain["security_protocol"] == "PLAINTEXT"
    )
