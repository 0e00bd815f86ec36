"""Bar charts as inline SVG strings: no JavaScript, no fonts or files from elsewhere.

Every string that reaches the SVG is XML-escaped, so each chart is a well-formed XML
document on its own (the report test parses them with xml.etree).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

PALETTE = ("#2f6f4e", "#7fb069", "#e6aa68", "#ca3c25", "#3d5a80", "#98c1d9", "#8d6a9f")
FONT = "'Noto Sans CJK JP','Hiragino Sans','Yu Gothic','Meiryo','IPAPGothic',sans-serif"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]
    color: str


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × 10^k) up to at least ``top``."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = math.ceil(top / step)
    return [round(i * step, 6) for i in range(n + 1)]


def text_width(text: str, size: int = 13) -> float:
    """Rough rendered width: CJK characters are square, Latin ones a little over half as wide."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.58 for ch in text)


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def bar_chart(
    title: str,
    categories: list[str],
    series: list[Series],
    *,
    stacked: bool = False,
    y_label: str = "",
    width: int = 1100,
    height: int = 380,
    show_values: bool = True,
) -> str:
    """Grouped (or stacked) vertical bars, one group per category, a legend on top."""
    # legend items laid out left to right, wrapping to a new row when the next one would not fit
    legend: list[tuple[float, float, Series]] = []
    lx, row = 78.0, 0
    for s in series:
        w = 30 + text_width(s.name)
        if lx + w > width - 20 and lx > 78:
            lx, row = 78.0, row + 1
        legend.append((lx, 14 + 22 * row, s))
        lx += w + 18
    two_line = any(" / " in c for c in categories) and len(categories) <= 8
    left, right = 78, 20
    top = 50 + 22 * row
    bottom = 92 if len(categories) > 8 else (66 if two_line else 48)
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = (
        [sum(s.values[i] for s in series) for i in range(len(categories))]
        if stacked
        else [max((s.values[i] for s in series), default=0) for i in range(len(categories))]
    )
    ticks = nice_ticks(max(totals, default=0))
    y_max = ticks[-1]

    def y(v: float) -> float:
        return top + plot_h - (v / y_max) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(title)} '
        f'font-family="{FONT}" font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for lx_, ly_, s in legend:
        out.append(f'<rect x="{lx_:.0f}" y="{ly_}" width="14" height="14" fill="{s.color}"/>')
        out.append(f'<text x="{lx_ + 20:.0f}" y="{ly_ + 12}">{escape(s.name)}</text>')
    # grid and y axis
    for t in ticks:
        ty = y(t)
        out.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{left - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="#444">{_fmt(t)}</text>')
    if y_label:
        out.append(
            f'<text x="16" y="{top + plot_h / 2:.1f}" transform="rotate(-90 16 {top + plot_h / 2:.1f})" '
            f'text-anchor="middle" fill="#444">{escape(y_label)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#333333"/>'
    )
    # bars
    n = max(len(categories), 1)
    group_w = plot_w / n
    inner = group_w * 0.72
    bar_w = inner if stacked else inner / max(len(series), 1)
    rotate = len(categories) > 8
    for i, cat in enumerate(categories):
        gx = left + i * group_w + (group_w - inner) / 2
        base = 0.0
        for k, s in enumerate(series):
            v = s.values[i]
            if stacked:
                x, y0, y1 = gx, y(base + v), y(base)
                base += v
            else:
                x, y0, y1 = gx + k * bar_w, y(v), y(0)
            if v > 0:
                out.append(
                    f'<rect x="{x:.1f}" y="{y0:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{y1 - y0:.1f}" '
                    f'fill="{s.color}"><title>{escape(f"{cat} — {s.name}: {_fmt(v)}")}</title></rect>'
                )
                if show_values and not stacked and bar_w >= 26:
                    out.append(
                        f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y0 - 4:.1f}" text-anchor="middle" '
                        f'font-size="11" fill="#222">{_fmt(v)}</text>'
                    )
        if stacked and show_values and base > 0:
            out.append(
                f'<text x="{gx + inner / 2:.1f}" y="{y(base) - 5:.1f}" text-anchor="middle" font-size="11" '
                f'font-weight="bold" fill="#222">{_fmt(base)}</text>'
            )
        cx = left + i * group_w + group_w / 2
        ly = top + plot_h + 18
        if rotate:
            out.append(
                f'<text x="{cx:.1f}" y="{ly:.1f}" text-anchor="end" transform="rotate(-40 {cx:.1f} {ly:.1f})" '
                f'fill="#333">{escape(cat)}</text>'
            )
        elif two_line:  # "日本語 / English" labels: one language per line, so neighbours never overlap
            lines = cat.split(" / ", 1)
            spans = "".join(
                f'<tspan x="{cx:.1f}" dy="{0 if k == 0 else 17}">{escape(t)}</tspan>'
                for k, t in enumerate(lines)
            )
            out.append(f'<text x="{cx:.1f}" y="{ly:.1f}" text-anchor="middle" fill="#333">{spans}</text>')
        else:
            out.append(
                f'<text x="{cx:.1f}" y="{ly:.1f}" text-anchor="middle" fill="#333">{escape(cat)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)
