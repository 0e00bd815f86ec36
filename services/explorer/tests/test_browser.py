"""A real headless Chromium (Debian's ``chromium``, driven by Playwright; no browser download)
against the explorer running as its own process and fed over the real broker.

It does what a visitor does (home page, serial search, a project, a verification page, the
language switch) and checks what the visitor sees: the text, no console errors, and no
request leaving the site.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from explorer_helpers import SERIAL_P1, envelope, programme, publish
from playwright.async_api import Browser, Page, async_playwright

from sosai_shared.processes import SERVICES, ServiceProcess

SPEC = next(s for s in SERVICES if s.name == "explorer")
PORT = int(os.environ.get("SOSAI_E2E_PORT_BASE", "18700")) + 56


@pytest.fixture
async def explorer_url(
    database_url: str, bootstrap_servers: str, topic_prefix: str, tmp_path: Path
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


async def test_a_visitor_browses_the_programme_in_chromium(explorer_url: str, browser: Browser) -> None:
    page = await browser.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(explorer_url) else elsewhere.append(r.url))

    await _wait_for_text(page, f"{explorer_url}/verify/CO-2010-001?lang=ja", "検証できました")
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
    assert await label.evaluate("img => img.complete && img.naturalWidth > 0")

    # switch language: the same page, in English, with lang="en"
    await page.get_by_role("link", name="English").click()
    assert await page.get_attribute("html", "lang") == "en"
    assert await page.inner_text("h1") == "Verification CO-2010-001"
    assert "Verified: every step is confirmed by the events." in await page.inner_text("main")

    # keyboard: the first Tab reaches the skip link, which leads to the content
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Skip to content"

    assert errors == []
    assert elsewhere == []
