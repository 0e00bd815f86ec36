"""Renders a mail from its jinja2 template in the recipient's language (ja or en).

A template's first line is ``Subject: ...``; the rest is the plain-text body. Dates,
times and numbers are formatted with babel for the recipient's locale, times in Japan's
time zone (the programme's).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, StrictUndefined

LANGUAGES = ("ja", "en")
JST = ZoneInfo("Asia/Tokyo")


def _env(lang: str) -> Environment:
    env = Environment(
        loader=PackageLoader("sosai_notifications.mail", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text mail
        keep_trailing_newline=True,
    )
    env.filters["date"] = lambda d: format_date(d, format="long", locale=lang)
    env.filters["datetime"] = lambda d: format_datetime(d, format="long", tzinfo=JST, locale=lang)
    env.filters["number"] = lambda n: format_decimal(n, locale=lang)
    return env


def render(kind: str, lang: str, **context: Any) -> tuple[str, str]:
    """(subject, body) of template ``<kind>.<lang>.txt``."""
    lang = lang if lang in LANGUAGES else "en"
    text = _env(lang).get_template(f"{kind}.{lang}.txt").render(**context)
    first, _, body = text.partition("\n")
    assert first.startswith("Subject: "), f"template {kind}.{lang} lacks its Subject line"
    return first.removeprefix("Subject: ").strip(), body.lstrip("\n")


__all__ = ["Decimal", "date", "datetime", "render"]
