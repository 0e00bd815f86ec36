"""Fiscal years (April to March) and their quarters, as the white paper counts them."""

from __future__ import annotations

from datetime import date

# the programme runs on Japan's calendar: one definition for every service
from sosai_shared.fiscal import JST, fiscal_quarter, fiscal_year, today_jst

__all__ = ["JST", "OWN_ACTIVITY_SPLIT", "add_years", "fiscal_quarter", "fiscal_year", "today_jst"]

#: The white paper splits own-activity cases reported before and from this day.
OWN_ACTIVITY_SPLIT = date(2010, 4, 1)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)
