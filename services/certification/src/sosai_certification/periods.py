"""Fiscal years (April to March) and their quarters, as the white paper counts them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

#: The white paper splits own-activity cases reported before and from this day.
OWN_ACTIVITY_SPLIT = date(2010, 4, 1)


def fiscal_year(d: date | datetime) -> int:
    return d.year if d.month >= 4 else d.year - 1


def fiscal_quarter(d: date | datetime) -> int:
    """Q1 = April-June ... Q4 = January-March."""
    return ((d.month - 4) % 12) // 3 + 1


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def today_jst() -> date:
    """The programme runs on Japan's calendar: a certification on 1 April 00:30 JST is in the new FY."""
    return datetime.now(JST).date()


JST = timezone(timedelta(hours=9))
