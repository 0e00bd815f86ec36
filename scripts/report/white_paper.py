"""`make report`: the programme's figures as one self-contained HTML page, like the white paper's.

    .venv/bin/python scripts/report/white_paper.py [--registry-url URL] [--certification-url URL]
        [--calculator-url URL] [--catalog-url URL] [--fiscal-year 2010] [--out PATH]

Reads only the four services' public statistics endpoints (no token needed) and writes
var/report/white-paper.html (or --out): a headline table and bar charts drawn as inline
SVG in Python, with inline CSS; no JavaScript, nothing loaded from elsewhere, so the
page opens on a closed network and prints as it shows.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from charts import PALETTE, Series, bar_chart

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "var" / "report" / "white-paper.html"

#: the Carbon Offset Certification scheme's offset types, in the white paper's order
OFFSET_TYPES = {
    "product_service": "商品・サービス / Products & services",
    "meeting_event": "会議・イベント / Meetings & events",
    "own_activity": "自己活動 / Own activity",
    "own_activity_support": "自己活動支援 / Own-activity support",
    "closed_specific_parties": "特定者間完結型 / Closed between parties",
}
TYPE_COLORS = dict(zip(OFFSET_TYPES, PALETTE, strict=False))


@dataclass
class Urls:
    registry: str = "http://127.0.0.1:8001"
    certification: str = "http://127.0.0.1:8002"
    calculator: str = "http://127.0.0.1:8003"
    catalog: str = "http://127.0.0.1:8004"


class ReportError(RuntimeError):
    pass


def collect(urls: Urls, fiscal_year: int) -> dict[str, Any]:
    """One GET per public statistics endpoint; a service that does not answer stops the report."""
    wanted = {
        "registry": (urls.registry, {}),
        "certification": (urls.certification, {}),
        "calculator": (urls.calculator, {}),
        "catalog": (urls.catalog, {"fiscal_year": fiscal_year}),
    }
    out: dict[str, Any] = {}
    with httpx.Client(timeout=30) as client:
        for name, (base, params) in wanted.items():
            url = f"{base.rstrip('/')}/v1/statistics"
            try:
                r = client.get(url, params=params)
            except httpx.TransportError as exc:
                raise ReportError(f"{name} does not answer at {url}: {exc!r}") from exc
            if r.status_code != 200:
                raise ReportError(f"{name}: GET {url} → {r.status_code}: {r.text[:300]}")
            out[name] = r.json()
    return out


def _n(v: int | float) -> str:
    return f"{v:,}"


def headline(stats: dict[str, Any], fy: int) -> list[tuple[str, str, str, str]]:
    """(figure, this programme, the white paper, where it comes from)."""
    reg, cert, cat = stats["registry"], stats["certification"], stats["catalog"]
    meth = reg["methodologies_by_category"]
    before = sum(f["projects_registered"] for f in reg["by_fiscal_year"] if f["fiscal_year"] < fy)
    during = sum(f["projects_registered"] for f in reg["by_fiscal_year"] if f["fiscal_year"] == fy)
    progs = {p["programme_code"]: p for p in cat["programmes"]}

    def places(code: str) -> str:
        p = progs.get(code)
        if p is None:
            return "0"
        return f"{p['places']} places" + (
            f", {p['sessions']} sessions" if p["sessions"] != p["places"] else ""
        )

    return [
        (
            "方法論 / Methodologies (emission reduction + forest absorption)",
            f"{meth.get('emission_reduction', 0)} + {meth.get('forest_absorption', 0)}",
            "25 + 3",
            "registry /v1/statistics",
        ),
        (
            "登録プロジェクト / Registered projects",
            f"{_n(reg['projects_registered'])} ({_n(before)} before FY{fy}, {_n(during)} in FY{fy})",
            "86 (60 more than a year before)",
            "registry /v1/statistics",
        ),
        (
            "認証量 / Credits certified (t-CO2)",
            _n(reg["tonnes_certified"]),
            "41,732",
            "registry /v1/statistics",
        ),
        ("発行量 / Credits issued (t-CO2)", _n(reg["tonnes_issued"]), "40,240", "registry /v1/statistics"),
        ("無効化量 / Credits retired (t-CO2)", _n(reg["tonnes_retired"]), "—", "registry /v1/statistics"),
        (
            "認証取組 / Certified offset initiatives",
            _n(cert["certified_initiatives"]["total"]),
            "56",
            "certification /v1/statistics",
        ),
        (
            "あんしんプロバイダー / Anshin providers",
            _n(cert["providers"]["registered"]),
            "11 (Dec 2010)",
            "certification /v1/statistics",
        ),
        (
            "報告された取組 / Reported offset cases",
            _n(cert["reported_cases"]["total"]),
            "about 1,000 (Dec 2010)",
            "certification /v1/statistics",
        ),
        (
            f"リーダー研修 / Leader training (FY{fy})",
            places("leader_training"),
            "5 places",
            "events-catalog /v1/statistics",
        ),
        (
            f"J-VER説明会 / J-VER briefings (FY{fy})",
            places("jver_briefing"),
            "10 places",
            "events-catalog /v1/statistics",
        ),
        (f"EXPO (FY{fy})", places("expo"), "3 places, 4 sessions", "events-catalog /v1/statistics"),
    ]


def chart_reported_cases(cert: dict[str, Any]) -> str:
    rows = cert["reported_cases"]["by_quarter"]
    periods = sorted({r["period"] for r in rows})
    counts = {(r["period"], r["offset_type"]): r["count"] for r in rows}
    series = [
        Series(label, [counts.get((p, t), 0) for p in periods], TYPE_COLORS[t])
        for t, label in OFFSET_TYPES.items()
        if any(counts.get((p, t)) for p in periods)
    ]
    return bar_chart(
        "Reported offset cases by type and fiscal quarter",
        periods,
        series,
        stacked=True,
        y_label="cases / 件",
    )


def chart_credits(reg: dict[str, Any]) -> str:
    tonnes = ("tonnes_certified", "tonnes_issued", "tonnes_retired", "tonnes_to_buffer")
    years = [f for f in reg["by_fiscal_year"] if any(f[k] for k in tonnes)]  # e.g. registrations only
    cats = [f"FY{f['fiscal_year']}" for f in years]
    series = [
        Series("認証 / Certified", [f["tonnes_certified"] for f in years], PALETTE[0]),
        Series("発行 / Issued", [f["tonnes_issued"] for f in years], PALETTE[1]),
        Series("無効化 / Retired", [f["tonnes_retired"] for f in years], PALETTE[2]),
        Series("バッファー / To buffer", [f["tonnes_to_buffer"] for f in years], PALETTE[4]),
    ]
    return bar_chart(
        "J-VER credits certified, issued and retired by fiscal year (t-CO2)", cats, series, y_label="t-CO2"
    )


def chart_projects(reg: dict[str, Any]) -> str:
    years = [f for f in reg["by_fiscal_year"] if f["projects_registered"]]
    cats = [f"FY{f['fiscal_year']}" for f in years]
    cumulative, total = [], 0
    for f in years:
        total += f["projects_registered"]
        cumulative.append(total)
    series = [
        Series(
            "その年度の登録 / Registered in the year", [f["projects_registered"] for f in years], PALETTE[4]
        ),
        Series("累計 / Cumulative", cumulative, PALETTE[5]),
    ]
    return bar_chart("Projects registered by fiscal year", cats, series, y_label="projects", height=320)


def chart_certified(cert: dict[str, Any]) -> str:
    rows = cert["certified_initiatives"]["by_fiscal_year"]
    years = sorted({r["period"] for r in rows})
    counts = {(r["period"], r["offset_type"]): r["count"] for r in rows}
    types = [t for t in OFFSET_TYPES if any(counts.get((y, t)) for y in years)]
    series = [
        Series(y, [counts.get((y, t), 0) for t in types], PALETTE[(i * 2) % len(PALETTE)])
        for i, y in enumerate(years)
    ]
    return bar_chart(
        "Certified offset initiatives by type (stacked by fiscal year of certification)",
        [OFFSET_TYPES[t] for t in types],
        series,
        stacked=True,
        y_label="initiatives / 件",
    )


def chart_events(cat: dict[str, Any], fy: int) -> str:
    progs = cat["programmes"]
    cats = [p["name_en"] for p in progs]
    series = [
        Series("開催地 / Places", [p["places"] for p in progs], PALETTE[0]),
        Series("回数 / Sessions", [p["sessions"] for p in progs], PALETTE[2]),
    ]
    return bar_chart(f"Outreach events by programme, FY{fy}", cats, series, y_label="count", height=320)


CSS = """
body{font-family:'Noto Sans CJK JP','Hiragino Sans','Yu Gothic','Meiryo','IPAPGothic',sans-serif;color:#1d2b24;
max-width:1160px;margin:24px auto;padding:0 20px;line-height:1.5;background:#fbfcfa}
h1{font-size:26px;margin:0 0 4px;color:#2f6f4e}h1 small{display:block;font-size:17px;color:#4a5d53}
h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid #2f6f4e;padding-bottom:4px}
.meta{color:#5b6b63;font-size:13px}table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #cfd8d3;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#eaf2ed}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:12px 0 4px;background:#fff;border:1px solid #cfd8d3;padding:8px}
figcaption{font-size:13px;color:#4a5d53;margin-top:4px}.note{font-size:13px;color:#4a5d53}
svg{max-width:100%;height:auto}figure+table,p.note+table{margin-top:8px}@media print{body{background:#fff}figure{break-inside:avoid}}
"""


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render(stats: dict[str, Any], urls: Urls, fy: int, generated: datetime) -> str:
    reg, cert, calc, cat = stats["registry"], stats["certification"], stats["calculator"], stats["catalog"]
    split = cert["reported_cases"]["own_activity_split"]
    later = [f["fiscal_year"] for f in reg["by_fiscal_year"] if f["fiscal_year"] > fy]
    retire_note = (
        f" Retirements are dated when they were made, so those recorded by the seeding show in "
        f"{', '.join(f'FY{y}' for y in later)}."
        if later
        else ""
    )
    fig = [
        (
            "図1 報告された取組（種類別・四半期別） / Fig. 1 Reported offset cases by type over time",
            chart_reported_cases(cert),
            "Cases reported to the programme without certification, by the fiscal quarter of the report "
            "(Q1 = April–June).",
        ),
        (
            "図2 クレジットの認証・発行・無効化 / Fig. 2 Credits certified, issued and retired",
            chart_credits(reg),
            "By the effective date of each certification, issuance and retirement; forest issuances put a share "
            "into the buffer account." + retire_note,
        ),
        (
            "図3 プロジェクト登録 / Fig. 3 Projects registered",
            chart_projects(reg),
            "By the date of registration (fiscal years run April to March).",
        ),
        (
            "図4 認証取組（種類別） / Fig. 4 Certified offset initiatives by type",
            chart_certified(cert),
            "Every certificate ever issued, by the fiscal year of its certification date.",
        ),
        (
            f"図5 普及啓発イベント / Fig. 5 Events by programme (FY{fy})",
            chart_events(cat, fy),
            "A place is a distinct prefecture and city; cancelled sessions are not counted.",
        ),
    ]
    events_rows = [
        [
            p["name_ja"] + " / " + p["name_en"],
            _n(p["places"]),
            _n(p["sessions"]),
            _n(p["registrations"]),
            _n(p["attendance"]),
        ]
        for p in cat["programmes"]
    ]
    own_rows = [
        [
            "before 2010-04-01",
            _n(split["before_2010_04"]["market_distribution"]),
            _n(split["before_2010_04"]["other"]),
            _n(split["before_2010_04"]["total"]),
        ],
        [
            "from 2010-04-01",
            _n(split["from_2010_04"]["market_distribution"]),
            _n(split["from_2010_04"]["other"]),
            _n(split["from_2010_04"]["total"]),
        ],
    ]
    parts = [
        "<!doctype html>",
        '<html lang="ja"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>カーボン・オフセット白書 — 数値で見る制度 / Carbon Offset White Paper in figures</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>カーボン・オフセット白書（平成22年度） 数値で見る制度"
        "<small>Carbon Offset White Paper FY2010 — the programme in figures</small></h1>",
        f'<p class="meta">Generated {escape(generated.strftime("%Y-%m-%d %H:%M UTC"))} from the public statistics '
        f"of the registry ({escape(urls.registry)}), certification ({escape(urls.certification)}), calculator "
        f"({escape(urls.calculator)}) and events catalog ({escape(urls.catalog)}).</p>",
        "<h2>主要指標 / Headline figures</h2>",
        _table(
            ["指標 / Figure", "この制度 / This programme", "白書 / White paper", "出典 / Source"],
            [list(r) for r in headline(stats, fy)],
        ),
    ]
    for caption, svg, note in fig:
        parts += [
            f"<h2>{escape(caption)}</h2>",
            f"<figure>{svg}<figcaption>{escape(note)}</figcaption></figure>",
        ]
        if caption.startswith("図1"):
            parts += [
                '<p class="note">自己活動オフセット（市場流通型の内訳） / Own-activity cases, '
                "market-distribution split:</p>",
                _table(["reported", "market distribution", "other", "total"], own_rows, numeric={1, 2, 3}),
            ]
        if caption.startswith("図5"):
            parts.append(
                _table(
                    ["Programme", "places", "sessions", "registrations", "attendance"],
                    events_rows,
                    numeric={1, 2, 3, 4},
                )
            )
    parts += [
        "<h2>算定 / Footprints in the calculator</h2>",
        _table(
            ["footprints", "t-CO2 calculated", "credits needed", "credits retired against them"],
            [
                [
                    _n(calc["footprints"]),
                    f"{float(calc['total_t_co2']):,.1f}",
                    _n(calc["credits_needed"]),
                    _n(calc["credits_retired"]),
                ]
            ],
            numeric={0, 1, 2, 3},
        ),
        "</body></html>",
    ]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    d = Urls()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--registry-url", default=d.registry)
    ap.add_argument("--certification-url", default=d.certification)
    ap.add_argument("--calculator-url", default=d.calculator)
    ap.add_argument("--catalog-url", default=d.catalog, help="the events-catalog service")
    ap.add_argument("--fiscal-year", type=int, default=2010, help="the white paper's year (default 2010)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    urls = Urls(args.registry_url, args.certification_url, args.calculator_url, args.catalog_url)
    try:
        stats = collect(urls, args.fiscal_year)
    except ReportError as exc:
        print(f"report failed: {exc}", file=sys.stderr)
        return 1
    html = render(stats, urls, args.fiscal_year, datetime.now(UTC))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
