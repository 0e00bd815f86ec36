"""Inline SVG charts the service draws itself: bar charts and the prefecture tile map.

Pure functions from numbers to markup (no I/O, tested directly). Every chart has a
``<title>`` and ``role="img"`` with an ``aria-label``, and each bar or tile its own
``<title>``, so a screen reader gets the figures; the same numbers are always also in a
table on the page. Colours pass WCAG AA contrast against the text drawn on them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

from markupsafe import Markup

from sosai_explorer.prefectures import PREFECTURES

BAR_COLOURS = ("#1b5e20", "#0d47a1", "#6a1b9a")
#: light to dark; text is dark on the first three and white on the rest
SCALE = ("#eef5ee", "#c8e6c9", "#81c784", "#388e3c", "#1b5e20")


def _fmt(v: int) -> str:
    return f"{v:,}"


def bar_chart(
    title: str, rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[str], width: int = 560
) -> Markup:
    """Horizontal grouped bars: one group per row label, one bar per series."""
    bar_h, gap, label_w = 14, 10, 150
    top = 24
    peak = max([v for _, vals in rows for v in vals] + [1])
    group_h = bar_h * len(series) + gap
    height = top + group_h * max(len(rows), 1) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for i, name in enumerate(series):
        parts.append(
            f'<rect x="{label_w + i * 110}" y="4" width="10" height="10" fill="{BAR_COLOURS[i % 3]}"/>'
            f'<text x="{label_w + 14 + i * 110}" y="13" font-size="11" fill="#222">{escape(name)}</text>'
        )
    span = width - label_w - 70
    for r, (label, vals) in enumerate(rows):
        y0 = top + r * group_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y0 + bar_h * len(series) / 2 + 4:.0f}" font-size="12" '
            f'text-anchor="end" fill="#222">{escape(label)}</text>'
        )
        for i, v in enumerate(vals):
            w = round(span * v / peak) if v else 0
            y = y0 + i * bar_h
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h - 2}" '
                f'fill="{BAR_COLOURS[i % 3]}"><title>{escape(label)} {escape(series[i])}: {_fmt(v)}</title></rect>'
                f'<text x="{label_w + w + 4}" y="{y + bar_h - 4}" font-size="11" fill="#222">{_fmt(v)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def shade(value: int, peak: int) -> int:
    """Index into :data:`SCALE`: 0 for nothing, then four equal steps up to the peak."""
    if value <= 0 or peak <= 0:
        return 0
    return min(4, 1 + (4 * value - 1) // peak) if peak >= 1 else 0


def tile_map(
    title: str,
    values: Mapping[str, int],
    name_of: Callable[[str], str],
    link_of: Callable[[str], str] | None = None,
    size: int = 40,
) -> Markup:
    """The 47 prefectures as a tile grid, shaded by value, each tile linking to its filter."""
    cols = max(p.col for p in PREFECTURES) + 1
    rows = max(p.row for p in PREFECTURES) + 1
    peak = max([*values.values(), 0])
    # a picture that holds links keeps svg's own role (graphics-document): as an image it would hide them
    role = ' role="img"' if link_of is None else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {cols * size} {rows * size}" width="100%" '
        f'{role} aria-label="{escape(title)}" class="map"><title>{escape(title)}</title>'
    ]
    for p in PREFECTURES:
        v = values.get(p.key, 0)
        step = shade(v, peak)
        fill, ink = SCALE[step], ("#111" if step < 3 else "#fff")
        x, y = p.col * size, p.row * size
        name = name_of(p.key)
        tile = (
            f'<rect x="{x + 1}" y="{y + 1}" width="{size - 2}" height="{size - 2}" fill="{fill}" '
            f'stroke="#555" stroke-width="0.5"><title>{escape(name)}: {_fmt(v)}</title></rect>'
            f'<text x="{x + size / 2:.0f}" y="{y + size / 2 - 2:.0f}" font-size="8" text-anchor="middle" '
            f'fill="{ink}">{escape(name[:4])}</text>'
            f'<text x="{x + size / 2:.0f}" y="{y + size / 2 + 9:.0f}" font-size="8" text-anchor="middle" '
            f'fill="{ink}">{_fmt(v)}</text>'
        )
        if link_of is not None:
            tile = f'<a href="{escape(link_of(p.key))}" aria-label="{escape(name)}: {_fmt(v)}">{tile}</a>'
        parts.append(tile)
    parts.append("</svg>")
    return Markup("".join(parts))
