"""Fiscal years run April to March on Japan's calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sosai_shared.fiscal import fiscal_quarter, fiscal_year, fiscal_year_bounds


def test_fiscal_year_boundaries_are_read_in_japan() -> None:
    assert fiscal_year(date(2011, 3, 31)) == 2010 and fiscal_year(date(2011, 4, 1)) == 2011
    # 2011-03-31 15:30 UTC is already 1 April 00:30 in Japan: the new fiscal year
    assert fiscal_year(datetime(2011, 3, 31, 15, 30, tzinfo=UTC)) == 2011
    assert fiscal_year(datetime(2011, 3, 31, 14, 59, tzinfo=UTC)) == 2010
    assert fiscal_year_bounds(2010) == (date(2010, 4, 1), date(2011, 3, 31))
    assert [fiscal_quarter(date(2010, m, 1)) for m in (4, 7, 10, 1)] == [1, 2, 3, 4]
