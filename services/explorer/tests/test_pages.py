"""Every page of the seeded programme in both languages, and friendly 404/422 pages for bad input."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from explorer_helpers import SERIAL_P1, at, block, feed_all, methodology, programme
from fastapi import FastAPI

from sosai_shared.contracts import CreditsIssuedV1, CreditsRetiredV1, ProjectRegisteredV1

PAGES = [
    ("/", {"ja": "カーボン・オフセット制度の現況", "en": "The carbon offset programme at a glance"}),
    ("/projects", {"ja": "Forest thinning, Umaji village", "en": "Wood biomass boiler, Shimokawa"}),
    ("/projects?prefecture=kochi", {"ja": "高知県", "en": "Kochi"}),
    ("/projects/prj-1", {"ja": "バッファーへの拠出", "en": "Buffer contributions"}),
    (f"/serials?q={SERIAL_P1}", {"ja": "このシリアル番号の履歴", "en": "The life of this serial"}),
    ("/retirements", {"ja": "EXPO organisers", "en": "Hokkaido Dairy"}),
    ("/retirements/ret-1", {"ja": "無効化通知", "en": "Retirement notice"}),
    ("/certificates", {"ja": "CO-2010-001", "en": "CO-2010-001"}),
    ("/certificates/CO-2010-001", {"ja": "検証できました", "en": "Verified"}),
    ("/verify/CO-2010-001", {"ja": "検証できました", "en": "Verified"}),
    ("/verify/ret-1", {"ja": "CO-2010-001", "en": "CO-2010-001"}),
    ("/verify", {"ja": "認証番号または無効化ID", "en": "Certificate number or retirement id"}),
    ("/providers", {"ja": "Green Offsets KK", "en": "Green Offsets KK"}),
    ("/calendar", {"ja": "中止", "en": "Cancelled"}),
    ("/regions", {"ja": "地域への還流", "en": "Regional flows"}),
    (
        "/columns",
        {"ja": "J-VERを買うと地域にお金が戻る", "en": "Buying J-VER sends money back to the regions"},
    ),
    ("/columns/regional-credits", {"ja": "間伐", "en": "thinning"}),
    ("/about", {"ja": "気候変動対策認証センター（4CJ）", "en": "Carbon Offset Network (CO-Net)"}),
    ("/data", {"ja": "datapackage.json", "en": "datapackage.json"}),
]


def lang_attr(html: str) -> str:
    m = re.search(r'<html lang="(\w+)">', html)
    assert m, html[:200]
    return m.group(1)


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_page_renders_in_both_languages(
    app: FastAPI, client: httpx.AsyncClient, lang: str
) -> None:
    await feed_all(app, programme())
    for path, expected in PAGES:
        sep = "&" if "?" in path else "?"
        r = await client.get(f"{path}{sep}lang={lang}")
        assert r.status_code == 200, (path, r.status_code, r.text[:500])
        assert lang_attr(r.text) == lang, path
        assert expected[lang] in r.text, (path, lang)
        assert "http://" not in r.text.replace('xmlns="http://www.w3.org', ""), (
            path
        )  # nothing loaded from elsewhere


async def test_language_follows_the_browser_and_the_switch_keeps_the_page(client: httpx.AsyncClient) -> None:
    r = await client.get("/projects?prefecture=kochi", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert lang_attr(r.text) == "en"
    assert 'href="/projects?prefecture=kochi&amp;lang=ja"' in r.text
    assert lang_attr((await client.get("/", headers={"Accept-Language": "fr"})).text) == "ja"


async def test_home_figures_and_charts(app: FastAPI, client: httpx.AsyncClient) -> None:
    await feed_all(app, programme())
    html = (await client.get("/?lang=en")).text
    figures = set(re.findall(r"<li><strong>([\d,—]+)</strong>(?:<a [^>]+>)?([^<]+)", html))
    expected = {
        ("4", "Methodologies"),  # E001, E002, E003, R001 active; E004 withdrawn
        ("3", "Registered projects"),
        ("300", "Credits certified (t-CO2)"),
        ("280", "Credits issued (t-CO2)"),
        ("43", "Credits retired (t-CO2)"),
        ("1", "Certified offset initiatives"),
        ("1", "Anshin providers"),
        ("3", "Outreach sessions"),
    }
    assert expected <= figures, figures
    assert html.count("<svg") >= 4 and 'role="img"' in html


def fy_rows(html: str) -> dict[str, tuple[str, str]]:
    return {
        fy: (issued, retired)
        for fy, issued, retired in re.findall(
            r'<tr><td>FY(\d{4})</td><td class="n">([\d,]+)</td><td class="n">([\d,]+)</td></tr>', html
        )
    }


async def test_methodologies_follow_the_registry_and_its_withdrawals(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """The figure counts the approved methodologies from their own events, whatever the order they come
    in, and a project's code that no methodology event describes (an older registry) still counts."""
    events = programme()
    await feed_all(app, list(reversed(events)))  # the withdrawal of E004 arrives before its creation
    figure = re.compile(r"<li><strong>([\d,]+)</strong>Methodologies")
    assert figure.findall((await client.get("/?lang=en")).text) == ["4"]
    await feed_all(
        app,
        [
            methodology("E004", "active", days=-1),  # approved again, later
            ProjectRegisteredV1(
                project_id="prj-9",
                project_code="P0009",
                name="Small hydro, Gifu",
                proponent_org="org-gifu",
                methodology_code="E099",  # no event describes E099
                category="emission_reduction",
                prefecture="gifu",
                programme="national",
                registered_at=at(3),
            ),
        ],
    )
    assert figure.findall((await client.get("/?lang=en")).text) == ["6"]


async def test_the_fiscal_year_chart_follows_the_credits_vintage_not_the_event_time(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """A programme loaded today (issued_at and retired_at are today) still shows its credits in the
    fiscal years of their reductions: the vintage every serial block carries."""
    now = datetime.now(UTC)
    await feed_all(
        app,
        [
            *programme(),
            CreditsIssuedV1(
                issuance_id="iss-today",
                certification_id="cc-3",
                project_id="prj-3",
                account_id="acc-tky",
                holder_org="org-tky",
                quantity=10,
                blocks=[block("prj-3", "P0003", 301, 310, 2010, "ER")],
                issued_at=now,
            ),
            CreditsRetiredV1(
                retirement_id="ret-today",
                account_id="acc-tky",
                holder_org="org-tky",
                quantity=4,
                blocks=[
                    block("prj-3", "P0003", 301, 302, 2010, "ER"),
                    block("prj-2", "P0002", 216, 217, 2009, "ER"),
                ],
                use="own_activity",
                purpose="Office emissions",
                beneficiary="Tokyo Offices",
                retired_at=now,
            ),
        ],
    )
    for lang in ("en", "ja"):
        html = (await client.get(f"/?lang={lang}")).text
        # FY2010: 180 (iss-1) + 10 issued, 13 (ret-1) + 2 retired; FY2009: 100 issued, 30 (ret-2) + 2 retired
        assert fy_rows(html) == {"2009": ("100", "32"), "2010": ("190", "15")}, lang
    assert "by vintage" in (await client.get("/?lang=en")).text


async def test_project_filters_and_project_page_figures(app: FastAPI, client: httpx.AsyncClient) -> None:
    await feed_all(app, programme())
    html = (await client.get("/projects?lang=en&category=emission_reduction&status=registered")).text
    assert "Heat pumps in Tokyo offices" in html and "Shimokawa" not in html
    html = (await client.get("/projects?lang=en&vintage=2009")).text
    assert "Shimokawa" in html and "Umaji" not in html
    html = (await client.get("/projects?lang=en&q=umaji")).text
    assert "Umaji" in html and "Shimokawa" not in html
    page = (await client.get("/projects/prj-1?lang=en")).text
    totals = re.findall(r"<li><strong>([\d,]+)</strong>(\w+)", page)
    assert totals[:3] == [("180", "Issued"), ("20", "Buffer"), ("13", "Retired")]
    assert "Forest fire" in page


async def test_serial_life_from_issuance_to_retirement(app: FastAPI, client: httpx.AsyncClient) -> None:
    await feed_all(app, programme())
    for q in (SERIAL_P1, "135", "JP-FM-KOCHI-P0001-2010-000135"):
        html = (await client.get("/serials", params={"q": q, "lang": "en"})).text
        steps = re.findall(r"<td>(?:<a [^>]+>)?(Issued|Transferred|Retired|Cancelled)", html)
        assert steps == ["Issued", "Transferred", "Retired"], (q, steps)
        assert 'href="/retirements/ret-1?lang=en"' in html


async def test_retirements_by_beneficiary_project_and_period(app: FastAPI, client: httpx.AsyncClient) -> None:
    await feed_all(app, programme())
    html = (await client.get("/retirements", params={"beneficiary": "dairy", "lang": "en"})).text
    assert "Hokkaido Dairy" in html and "EXPO organisers" not in html
    html = (await client.get("/retirements", params={"project": "prj-1", "lang": "en"})).text
    assert "EXPO organisers" in html and "Hokkaido Dairy" not in html
    html = (
        await client.get("/retirements", params={"from": "2011-02-09", "to": "2011-02-09", "lang": "en"})
    ).text
    assert "Hokkaido Dairy" in html and "EXPO organisers" not in html


BAD = [
    ("/serials?q=JP-XX-nonsense", 422),
    ("/serials?q=999999999", 404),
    ("/serials?q=%00abc", 422),
    ("/projects?page=99999999999", 422),
    ("/projects?page=500", 404),
    ("/projects?page=abc", 422),
    ("/projects?vintage=20x", 422),
    ("/projects?q=%00", 422),
    ("/projects/nope", 404),
    ("/projects/%00", 422),
    ("/retirements/nope", 404),
    ("/retirements?from=2011-13-45", 422),
    ("/retirements?to=9999-12-31", 422),
    ("/certificates/CO-9999-999", 404),
    ("/certificates?page=0", 422),
    ("/verify/nothing-here", 404),
    ("/calendar?page=-1", 422),
    ("/columns/no-such-column", 404),
    ("/data/nope.csv", 404),
    ("/no/such/page", 404),
]


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_bad_input_gives_a_friendly_page_never_a_500(
    app: FastAPI, client: httpx.AsyncClient, lang: str
) -> None:
    await feed_all(app, programme())
    for path, status in BAD:
        sep = "&" if "?" in path else "?"
        r = await client.get(f"{path}{sep}lang={lang}")
        assert r.status_code == status, (path, r.status_code, r.text[:300])
        assert r.headers["content-type"].startswith("text/html"), path
        assert lang_attr(r.text) == lang
        assert (
            ("ページが見つかりません" if status == 404 else "入力を確認してください") in r.text
            if lang == "ja"
            else ("Page not found" if status == 404 else "Please check what you entered") in r.text
        ), path
