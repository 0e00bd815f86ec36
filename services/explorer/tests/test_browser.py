"""A real headless Chromium (Debian's ``chromium``, driven by Playwright; no browser download)
against the explorer running as its own process and fed over the real broker.

It does what a visitor does (home page, serial search, a project, a verification page, the
language switch) and checks what the visitor sees: the text, no console errors, and no
request leaving the site. A real registry runs beside it as its own process: a retirement made
there reaches the explorer as an event, the explorer's background fetcher copies the registry's
signed claim and keys, and the visitor looks the retirement up and sees the claim verify.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from explorer_helpers import SERIAL_P1, envelope, programme, publish, registry_retirement
from playwright.async_api import Browser, Page, async_playwright

from sosai_shared.processes import SERVICES, ServiceProcess

SPEC = next(s for s in SERVICES if s.name == "explorer")
REGISTRY = next(s for s in SERVICES if s.name == "registry")
PORT = int(os.environ.get("SOSAI_E2E_PORT_BASE", "18700")) + 56


@pytest.fixture
async def registry_url(
    database_factory: Any, bootstrap_servers: str, topic_prefix: str, tmp_path: Path
) -> AsyncIterator[str]:
    """The real registry as its own process, publishing on the explorer's topics."""
    env = dict(os.environ)
    env.update(
        {
            "REGISTRY_DATABASE_URL": await database_factory.new("registry"),
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
            "KAFKA_TOPIC_PREFIX": topic_prefix,
            "SOSAI_VAR_DIR": str(tmp_path / "registry"),
        }
    )
    proc = ServiceProcess(REGISTRY, env, tmp_path / "log", port=PORT + 1)
    proc.start()
    try:
        proc.wait_ready()
        yield proc.url
    finally:
        proc.stop()


@pytest.fixture
async def explorer_url(
    database_url: str, bootstrap_servers: str, topic_prefix: str, registry_url: str, tmp_path: Path
) -> AsyncIterator[str]:
    base = f"http://127.0.0.1:{PORT}"
    env = dict(os.environ)
    env.update(
        {
            "EXPLORER_DATABASE_URL": database_url,
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
            "KAFKA_TOPIC_PREFIX": topic_prefix,
            "EXPLORER_CONSUMER_GROUP": f"{topic_prefix}explorer.browser.{uuid.uuid4().hex[:6]}",
            "EXPLORER_PUBLIC_URL": base,
            # the claim fetcher copies the registry's signed claims in the background
            "EXPLORER_REGISTRY_URL": registry_url,
            "EXPLORER_CLAIM_FETCH_SECONDS": "0.5",
            "SOSAI_VAR_DIR": str(tmp_path),
        }
    )
    proc = ServiceProcess(SPEC, env, tmp_path / "log", port=PORT)
    proc.start()
    try:
        proc.wait_ready()
        await publish(bootstrap_servers, topic_prefix, [(p, envelope(p)) for p in programme()])
        yield base
    finally:
        proc.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed: apt-get install -y chromium"
    async with async_playwright() as pw:
        b = await pw.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-background-networking"]
        )
        try:
            yield b
        finally:
            await b.close()


async def _wait_for_text(page: Page, url: str, text: str, tries: int = 240) -> None:
    """The consumer is catching up: reload until the text is there (bounded)."""
    for _ in range(tries):
        await page.goto(url)
        if text in await page.inner_text("main"):
            return
        await page.wait_for_timeout(500)
    raise AssertionError(f"{text!r} never appeared at {url}")


async def test_a_visitor_browses_the_programme_in_chromium(
    explorer_url: str, registry_url: str, browser: Browser, tmp_path: Path
) -> None:
    async with httpx.AsyncClient(base_url=registry_url, timeout=60) as rc:
        ret, kid = await registry_retirement(rc, "org-browser")
    ret_id = str(ret["id"])
    page = await browser.new_page(accept_downloads=True)
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(explorer_url) else elsewhere.append(r.url))

    await _wait_for_text(page, f"{explorer_url}/verify/CO-2010-001?lang=ja", "検証できました")
    # the retirement's event has arrived and the fetcher has copied the registry's claim and keys
    await _wait_for_text(
        page, f"{explorer_url}/verify/{ret_id}?lang=ja", f"登録簿の鍵 {kid} で署名を検証しました"
    )
    errors.clear()  # the 404 pages seen while the consumer caught up are expected

    # the home page, in Japanese
    await page.goto(f"{explorer_url}/?lang=ja")
    assert await page.get_attribute("html", "lang") == "ja"
    assert await page.inner_text("h1") == "カーボン・オフセット制度の現況"
    assert "登録プロジェクト" in await page.inner_text("main")

    # search a serial from the home page's form, as typed
    await page.get_by_label("シリアル番号").fill(SERIAL_P1)
    await page.get_by_role("button", name="検索").click()
    await page.wait_for_url("**/serials?**")
    main = await page.inner_text("main")
    assert "このシリアル番号の履歴" in main
    assert [line.split("\t")[1] for line in main.splitlines() if line.startswith("2011-")] == [
        "発行",
        "移転",
        "無効化",
    ]

    # open the project from the serial's life
    await page.get_by_role("link", name="Forest thinning, Umaji village").first.click()
    assert await page.inner_text("h1") == "Forest thinning, Umaji village"
    assert "バッファーへの拠出" in await page.inner_text("main")

    # the certified offsets, then the verification page of one
    await page.get_by_role("navigation").get_by_role("link", name="認証", exact=True).click()
    await page.get_by_role("link", name="CO-2010-001").click()
    assert "検証できました" in await page.inner_text("main")
    label = page.get_by_role("img", name="認証 CO-2010-001: 有効")
    # a click returns once the new page's document is there, not its images: wait for them
    await page.wait_for_load_state("load")
    assert await label.evaluate("img => img.complete && img.naturalWidth > 0")

    # switch language: the same page, in English, with lang="en"
    await page.get_by_role("link", name="English").click()
    assert await page.get_attribute("html", "lang") == "en"
    assert await page.inner_text("h1") == "Verification CO-2010-001"
    assert "Verified: every step is confirmed by the events." in await page.inner_text("main")

    # keyboard: the first Tab reaches the skip link, which leads to the content
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Skip to content"

    # a retirement the registry signed: the visitor types its id into the verification form
    await page.goto(f"{explorer_url}/verify?lang=ja")
    await page.get_by_label("認証番号または無効化ID").fill(ret_id)
    await page.get_by_role("button", name="検証する").click()
    await page.wait_for_url(f"**/verify/{ret_id}?lang=ja")
    assert ret_id in await page.inner_text("main table")  # the retirement, from the events
    claim = page.locator("ul.claims li")
    assert await claim.count() == 1
    seen = await claim.inner_text()
    assert f"無効化 {ret_id}" in seen and "✓" in seen and "✗" not in seen
    assert f"登録簿の鍵 {kid} で署名を検証しました。" in seen
    # what the page offers for offline checking is the registry's signed document for this retirement
    async with page.expect_download() as download:
        await claim.get_by_role("link", name="証明書類（JSON）").click()
    saved = tmp_path / "claim.json"
    await (await download.value).save_as(saved)
    assert f'"{ret_id}"' in saved.read_text(encoding="utf-8") and '"jws"' in saved.read_text(encoding="utf-8")

    # and in English, the same verdict
    await page.get_by_role("link", name="English").click()
    assert await page.get_attribute("html", "lang") == "en"
    seen = await page.locator("ul.claims li").inner_text()
    assert f"Signed claim verified with key {kid} of the registry." in seen and "✗" not in seen

    assert errors == []
    assert elsewhere == []
