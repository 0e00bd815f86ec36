"""`make report`: one self-contained HTML page with the programme's figures and SVG charts.

The report is run, as `make report` runs it, against a programme loaded by `make seed`
(the session's FY2010 programme, shared with the dataset test), and its output is read back: the headline figures,
the charts parsed as XML, the bars adding up to the statistics they draw, and nothing
loaded from elsewhere.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from e2e_support import Programme
from fy2010_programme import url_args

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "scripts" / "report" / "white_paper.py"
# the seeded programme is the one the dataset test loads (shared per session); if this test runs
# alone, it pays for seeding it
pytestmark = pytest.mark.timeout(900)
SVG = "{http://www.w3.org/2000/svg}"


def _bar_values(svg: ET.Element) -> dict[str, float]:
    """Sum of the bars per series, read from each bar's tooltip ("category — series: value")."""
    out: dict[str, float] = {}
    for rect in svg.iter(f"{SVG}rect"):
        title = rect.find(f"{SVG}title")
        if title is None or title.text is None:
            continue
        series, value = title.text.split(" — ", 1)[1].rsplit(": ", 1)
        out[series] = out.get(series, 0) + float(value.replace(",", ""))
    return out


def test_report_shows_the_white_papers_figures_in_one_self_contained_page(
    seeded: Programme, tmp_path: Path
) -> None:
    out = tmp_path / "white-paper.html"
    done = subprocess.run(
        [sys.executable, str(REPORT), *url_args(seeded), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out.resolve())
    html = out.read_text(encoding="utf-8")

    # the headline table: this programme's column reproduces the white paper's figures
    head = html.split("</table>", 1)[0]
    rows = dict(re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td>", head))
    assert rows["方法論 / Methodologies (emission reduction + forest absorption)"] == "25 + 3"
    assert rows["登録プロジェクト / Registered projects"] == "86 (26 before FY2010, 60 in FY2010)"
    assert rows["認証量 / Credits certified (t-CO2)"] == "41,732"
    assert rows["発行量 / Credits issued (t-CO2)"] == "40,240"
    assert rows["認証取組 / Certified offset initiatives"] == "56"
    assert rows["あんしんプロバイダー / Anshin providers"] == "11"
    assert rows["報告された取組 / Reported offset cases"] == "1,000"
    assert rows["リーダー研修 / Leader training (FY2010)"] == "5 places"
    assert rows["J-VER説明会 / J-VER briefings (FY2010)"] == "10 places"
    assert rows["EXPO (FY2010)"] == "3 places, 4 sessions"

    # self-contained: no script, and nothing fetched from anywhere (no src, no stylesheet link)
    assert "<script" not in html.lower()
    assert not re.search(r"""\s(src|href)\s*=""", html)
    assert "<link" not in html.lower()

    svgs = [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]
    assert len(svgs) == 5
    titles = []
    for svg in svgs:
        assert svg.tag == f"{SVG}svg" and svg.get("viewBox")
        titles.append(svg.findtext(f"{SVG}title"))
        assert list(svg.iter(f"{SVG}rect")), titles[-1]
    by_title = dict(zip(titles, svgs, strict=True))

    stats_cert = seeded.certification.get("/v1/statistics").json()
    stats_reg = seeded.registry.get("/v1/statistics").json()
    # every chart draws the statistics it names: the bars add up to the services' totals
    cases = _bar_values(by_title["Reported offset cases by type and fiscal quarter"])
    assert sum(cases.values()) == stats_cert["reported_cases"]["total"] == 1_000
    credits = _bar_values(by_title["J-VER credits certified, issued and retired by fiscal year (t-CO2)"])
    assert credits["認証 / Certified"] == 41_732 and credits["発行 / Issued"] == 40_240
    assert credits["無効化 / Retired"] == stats_reg["tonnes_retired"]
    certified = _bar_values(
        by_title["Certified offset initiatives by type (stacked by fiscal year of certification)"]
    )
    assert certified == {"FY2009": 20, "FY2010": 36}
    projects = _bar_values(by_title["Projects registered by fiscal year"])
    assert projects["その年度の登録 / Registered in the year"] == 86
    events = _bar_values(by_title["Outreach events by programme, FY2010"])
    assert events == {"開催地 / Places": 18, "回数 / Sessions": 19}


def test_report_fails_clearly_when_a_service_does_not_answer(tmp_path: Path) -> None:
    out = tmp_path / "white-paper.html"
    closed = "http://127.0.0.1:9"  # discard port: nothing listens there
    done = subprocess.run(
        [sys.executable, str(REPORT), "--registry-url", closed, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "registry does not answer" in done.stderr
    assert not out.exists()
