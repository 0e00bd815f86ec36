"""Japan's fiscal year (April to March), read on Japan's calendar.

Every service counts by fiscal year (the white paper's tables do), and a moment is
placed in one by its date in Japan: 2011-04-01 00:30 JST is FY2011 although UTC still
says 31 March.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

#: Japan has no daylight saving time: a fixed offset is exact.
JST = timezone(timedelta(hours=9), "JST")


def fiscal_year(d: date | datetime) -> int:
    """FY of a date, or of a timezone-aware moment read in JST: 2011-03-31 is FY2010, 2011-04-01 FY2011."""
    if isinstance(d, datetime):
        d = d.astimezone(JST).date()
    return d.year if d.month >= 4 else d.year - 1


def fiscal_quarter(d: date | datetime) -> int:
    """Q1 = April-June ... Q4 = January-March."""
    if isinstance(d, datetime):
        d = d.astimezone(JST).date()
    return ((d.month - 4) % 12) // 3 + 1


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of a fiscal year."""
    return date(fy, 4, 1), date(fy + 1, 3, 31)


def today_jst() -> date:
    return datetime.now(UTC).astimezone(JST).date()
