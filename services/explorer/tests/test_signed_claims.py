"""The verification page and the registry's real signed claim.

A real registry (in-process app, its own database, the same broker) retires credits; the explorer
learns the retirement from the event, its background fetcher copies the registry's signed claim
and keys into the explorer's store, and the page says the claim verifies, with the registry's key.
Then the registry stops and the page still renders the same; then one byte of the stored JWS is
changed and the page says the signature does not verify; a read model that disagrees with a
valid claim is shown as differing.
"""

from __future__ import annotations

import json
import os
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
from explorer_helpers import feed_all, html_problems, programme, registry_retirement
from fastapi import FastAPI
from sqlalchemy import select

from sosai_explorer.claims.fetcher import ClaimFetcher
from sosai_explorer.config import Settings
from sosai_explorer.main import create_app
from sosai_explorer.models import ClaimDocument, LedgerEntry
from sosai_registry.config import Settings as RegistrySettings
from sosai_registry.main import create_app as create_registry
from sosai_shared.claims.__main__ import main as verify_cli
from sosai_shared.testing import wait_until


def _flip(token: str) -> str:
    """The JWS with one byte of its signature changed (a middle character: all six bits count)."""
    head, payload, sig = token.split(".")
    i = len(sig) // 2
    return ".".join((head, payload, sig[:i] + ("A" if sig[i] != "A" else "B") + sig[i + 1 :]))


async def _store(app: FastAPI, kind: str, ref: str) -> ClaimDocument | None:
    async with app.state.runtime.db.sessionmaker() as s:
        return await s.get(ClaimDocument, (kind, ref))


async def test_a_real_registry_claim_verifies_survives_the_registry_and_fails_when_altered(
    database_factory: Any, bootstrap_servers: str, topic_prefix: str, tmp_path: Path
) -> None:
    async with AsyncExitStack() as stack:
        registry = create_registry(
            RegistrySettings(
                database_url=await database_factory.new("registry"),
                kafka_bootstrap_servers=bootstrap_servers,
                kafka_topic_prefix=topic_prefix,
                kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
                migrate_on_startup=True,
                run_consumers=False,
            )
        )
        registry_life = AsyncExitStack()
        await registry_life.enter_async_context(registry.router.lifespan_context(registry))
        stack.push_async_callback(registry_life.aclose)
        rc = await stack.enter_async_context(
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=registry), base_url="http://registry", timeout=60
            )
        )
        ret, kid = await registry_retirement(rc, "org-a")

        settings = Settings(
            database_url=await database_factory.new("explorer"),
            kafka_bootstrap_servers=bootstrap_servers,
            kafka_topic_prefix=topic_prefix,
            kafka_enable_idempotence=os.environ.get("KAFKA_ENABLE_IDEMPOTENCE") == "true",
            migrate_on_startup=True,
            consumer_group=f"{topic_prefix}explorer.claims",
            registry_url="http://registry",
            claim_fetch_seconds=0.2,
        )
        explorer = create_app(settings, claim_transport=httpx.ASGITransport(app=registry))
        await stack.enter_async_context(explorer.router.lifespan_context(explorer))
        ec = await stack.enter_async_context(
            httpx.AsyncClient(transport=httpx.ASGITransport(app=explorer), base_url="http://explorer")
        )
        page_url = f"/verify/{ret['id']}?lang=en"

        async def page(text: str) -> str | None:
            body = (await ec.get(page_url)).text
            return body if text in body else None

        seen = await wait_until(lambda: page("Signed claim verified with key"), timeout=120)
        assert f"Signed claim verified with key {kid} of the registry." in seen
        ja = (await ec.get(f"/verify/{ret['id']}?lang=ja")).text
        assert f"登録簿の鍵 {kid} で署名を検証しました。" in ja

        bad_html = await html_problems({"en": seen, "ja": ja}, tmp_path)
        assert bad_html == [], bad_html

        # what the page offers verifies offline with the documented command, no network
        doc = await ec.get(f"/verify/{ret['id']}/claim.json")
        keys = await ec.get("/keys/registry.json")
        jws = await ec.get(f"/verify/{ret['id']}/claim.jws")
        assert doc.status_code == keys.status_code == jws.status_code == 200
        assert jws.text == doc.json()["jws"] and doc.json()["claim"]["id"] == ret["id"]
        (tmp_path / "claim.json").write_bytes(doc.content)
        (tmp_path / "registry-jwks.json").write_bytes(keys.content)
        cli = [str(tmp_path / "claim.json"), "--jwks", str(tmp_path / "registry-jwks.json")]
        assert verify_cli(["verify", *cli]) == 0

        # the registry goes away: the page renders from the explorer's own store, unchanged
        await registry_life.aclose()
        down = await ec.get(page_url)
        assert down.status_code == 200
        assert f"Signed claim verified with key {kid} of the registry." in down.text

        # one byte of the stored JWS changed: the page says so, and so does the verifier
        stored = await _store(explorer, "retirement", ret["id"])
        assert stored is not None and stored.document is not None
        original = stored.document
        async with explorer.state.runtime.db.sessionmaker() as s:
            row = await s.get(ClaimDocument, ("retirement", ret["id"]))
            assert row is not None
            row.document = {**original, "jws": _flip(original["jws"])}
            await s.commit()
        bad = (await ec.get(page_url)).text
        assert "The signature does not verify." in bad and "Signed claim verified" not in bad
        (tmp_path / "claim.json").write_bytes((await ec.get(f"/verify/{ret['id']}/claim.json")).content)
        assert verify_cli(["verify", *cli]) == 1

        # a valid claim that the read model contradicts is shown as differing, never as verified
        async with explorer.state.runtime.db.sessionmaker() as s:
            row = await s.get(ClaimDocument, ("retirement", ret["id"]))
            entry = await s.get(LedgerEntry, ret["id"])
            assert row is not None and entry is not None
            row.document = original
            entry.beneficiary = "Someone else"
            await s.commit()
        differs = (await ec.get(page_url)).text
        assert "The signed claim differs from the events: beneficiary." in differs
        assert json.loads((await ec.get(f"/verify/{ret['id']}/claim.json")).content) == original


async def test_claim_downloads_of_unknown_things_are_friendly_404s(client: httpx.AsyncClient) -> None:
    for path in ("/verify/no-such-thing/claim.json", "/verify/CO-2010-999/claim.jws", "/keys/registry.json"):
        r = await client.get(path)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], path
    assert (await client.get("/keys/someone.json")).status_code == 422


async def test_with_the_issuers_down_the_fetcher_records_the_failure_and_pages_still_render(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await feed_all(app, programme())
    nowhere = (
        f"http://127.0.0.1:{int(os.environ.get('SOSAI_E2E_PORT_BASE', '18700')) + 99}"  # nothing listens
    )
    settings = app.state.runtime.settings.model_copy(
        update={"registry_url": nowhere, "certification_url": nowhere}
    )
    fetcher = ClaimFetcher(settings, app.state.runtime.db.sessionmaker)
    assert await fetcher.run_once() == 0
    async with app.state.runtime.db.sessionmaker() as s:
        rows = {(r.kind, r.ref): r for r in (await s.execute(select(ClaimDocument))).scalars()}
    assert {("retirement", "ret-1"), ("retirement", "ret-2"), ("certificate", "CO-2010-001")} <= set(rows)
    assert all(
        r.document is None and r.attempts == 1 and r.last_error and r.next_attempt_at for r in rows.values()
    )
    # the next round waits for the retry time instead of hammering an issuer that is down
    assert await fetcher.run_once() == 0
    async with app.state.runtime.db.sessionmaker() as s:
        assert {r.attempts for r in (await s.execute(select(ClaimDocument))).scalars()} == {1}
    page = await client.get("/verify/CO-2010-001?lang=en")
    assert page.status_code == 200 and "Signed claim not yet fetched" in page.text
    assert "✓ Every stored signed claim" not in page.text and "✗ Every stored signed claim" not in page.text
