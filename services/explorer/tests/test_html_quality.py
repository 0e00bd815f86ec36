"""The main pages pass the Nu HTML Checker (vnu.jar, from PyPI's ``vnujar``) and axe-core's
accessibility rules (from ``axe-playwright-python``) in Debian's chromium, in both languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
from axe_playwright_python.async_playwright import Axe
from explorer_helpers import SERIAL_P1, feed_all, html_problems, programme
from fastapi import FastAPI
from playwright.async_api import async_playwright

MAIN_PAGES = [
    "/",
    "/projects",
    "/projects/prj-1",
    f"/serials?q={SERIAL_P1}",
    "/retirements",
    "/retirements/ret-1",
    "/certificates",
    "/verify/CO-2010-001",
    "/calendar",
    "/regions",
    "/about",
    "/serials?q=999999999",  # the friendly 404 page
]


async def _render(app: FastAPI, client: httpx.AsyncClient) -> dict[str, str]:
    """Every main page in both languages (one checker run for all: the checkers are slow to start)."""
    await feed_all(app, programme())
    pages = {}
    for lang in ("ja", "en"):
        for path in MAIN_PAGES:
            url = f"{path}{'&' if '?' in path else '?'}lang={lang}"
            r = await client.get(url)
            assert r.status_code in (200, 404), url
            pages[url] = r.text
    return pages


async def test_main_pages_are_valid_html(app: FastAPI, client: httpx.AsyncClient, tmp_path: Path) -> None:
    pages = await _render(app, client)
    problems = await html_problems(pages, tmp_path)
    assert problems == [], problems


async def test_main_pages_pass_axe_accessibility_rules(app: FastAPI, client: httpx.AsyncClient) -> None:
    pages = await _render(app, client)
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed: apt-get install -y chromium"
    axe = Axe()
    found = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = await browser.new_page()
            # nothing may leave the page while it is checked (the content is set, not fetched)
            await page.route("**/*", lambda route: route.abort())
            for path, html in pages.items():
                await page.set_content(html)
                results = await axe.run(page)
                if results.violations_count:
                    found[path] = results.generate_report()
        finally:
            await browser.close()
    assert found == {}, "\n".join(f"{p}:\n{r}" for p, r in found.items())
