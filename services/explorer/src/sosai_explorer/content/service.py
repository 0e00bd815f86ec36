"""Columns, news and the about page: Markdown files kept in the repository, one per language.

A column is ``content/columns/<YYYY-MM-DD>-<slug>.<ja|en>.md`` whose first line is its
``# title``; the about page is ``content/about.<ja|en>.md``. Markdown is rendered with
markdown-it-py's CommonMark preset with raw HTML disabled, so a file cannot inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent
_NAME = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9-]+)\.(?P<lang>ja|en)\.md$")
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@dataclass(frozen=True)
class Article:
    slug: str
    day: date
    lang: str
    title: str
    html: Markup


def _parse(path: Path, slug: str, day: date, lang: str) -> Article:
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    title = first.lstrip("#").strip()
    return Article(slug, day, lang, title, Markup(_MD.render(rest)))


@lru_cache(maxsize=1)
def _columns() -> tuple[Article, ...]:
    found = []
    for path in sorted((ROOT / "columns").glob("*.md")):
        m = _NAME.match(path.name)
        if m:
            found.append(_parse(path, m["slug"], date.fromisoformat(m["day"]), m["lang"]))
    return tuple(sorted(found, key=lambda a: (a.day, a.slug), reverse=True))


def columns(lang: str) -> list[Article]:
    return [a for a in _columns() if a.lang == lang]


def column(slug: str, lang: str) -> Article | None:
    return next((a for a in _columns() if a.slug == slug and a.lang == lang), None)


def about(lang: str) -> Article:
    return _parse(ROOT / f"about.{lang}.md", "about", date(2011, 3, 1), lang)
