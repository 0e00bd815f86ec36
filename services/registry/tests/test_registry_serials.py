"""Serial format and range arithmetic, property-tested: every serial is conserved by every split."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sosai_registry.ledger.rules import carve, split_low
from sosai_registry.ledger.serials import Serial, fiscal_year, format_serial, parse_serial

serials = st.builds(
    lambda scheme, t, prog, code, vintage, start, n: Serial(
        scheme, t, prog, f"P{code:04d}", vintage, start, start + n
    ),
    st.sampled_from(["JP"]),
    st.sampled_from(["ER", "FM"]),
    st.sampled_from(["national", "kochi", "hokkaido"]),
    st.integers(1, 99999),
    st.integers(2008, 2030),
    st.integers(1, 10**12),
    st.integers(0, 10**6),
)


@given(serials)
def test_print_then_parse_is_identity(s: Serial) -> None:
    text = format_serial(s)
    assert parse_serial(text) == s
    assert text.count("-") == 6


def test_documented_example() -> None:
    s = parse_serial("JP-ER-NAT-P0012-2010-000001-000500")
    assert (s.programme, s.project_code, s.vintage, s.start, s.end, s.quantity) == (
        "national",
        "P0012",
        2010,
        1,
        500,
        500,
    )
    for bad in ("JP-ER-NAT-P0012-2010-000500-000001", "JP-ER-NAT-0012-2010-000001-000500", "garbage"):
        with pytest.raises(ValueError):
            parse_serial(bad)


@given(st.integers(1, 10**12), st.integers(1, 10**6), st.data())
def test_split_low_conserves_every_serial(start: int, n: int, data: st.DataObject) -> None:
    end = start + n
    keep = data.draw(st.integers(1, n))
    (a, b), (c, d) = split_low(start, end, keep)
    assert (a, d) == (start, end) and c == b + 1 and b - a + 1 == keep and d - c + 1 == n + 1 - keep


@given(st.integers(1, 10**9), st.integers(0, 1000), st.data())
def test_carve_conserves_every_serial(start: int, n: int, data: st.DataObject) -> None:
    end = start + n
    a = data.draw(st.integers(start, end))
    b = data.draw(st.integers(a, end))
    rest, carved = carve(start, end, a, b)
    pieces = sorted([*rest, carved])
    assert pieces[0][0] == start and pieces[-1][1] == end
    assert all(p[1] + 1 == q[0] for p, q in itertools.pairwise(pieces))
    assert sum(e - s + 1 for s, e in pieces) == n + 1


def test_fiscal_year_runs_april_to_march() -> None:
    assert fiscal_year(date(2011, 3, 31)) == 2010 and fiscal_year(date(2011, 4, 1)) == 2011
