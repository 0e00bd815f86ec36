"""The ledger's range arithmetic and move planner, without a database: every serial is conserved,
the sender keeps the low range, and whatever is named is exactly what moves."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sosai_registry.ledger.rules import (
    Piece,
    carve,
    check_quantity,
    coalesce,
    plan_by_quantity,
    plan_by_ranges,
    quantity_of,
    remainder,
    split_low,
)
from sosai_shared.errors import Conflict, Unprocessable


def serials(spans: list[tuple[int, int]]) -> set[int]:
    return {n for a, b in spans for n in range(a, b + 1)}


@st.composite
def holdings(draw: st.DrawFn) -> list[tuple[int, int]]:
    """Disjoint, non-adjacent blocks in picking order (one vintage: ascending serials)."""
    spans, cursor = [], draw(st.integers(1, 50))
    for _ in range(draw(st.integers(1, 6))):
        size = draw(st.integers(1, 30))
        spans.append((cursor, cursor + size - 1))
        cursor += size + draw(st.integers(1, 10))
    return spans


@given(holdings(), st.data())
def test_plan_by_quantity_takes_exactly_the_quantity_from_the_front(
    held: list[tuple[int, int]], data: st.DataObject
) -> None:
    total = sum(b - a + 1 for a, b in held)
    q = data.draw(st.integers(1, total))
    pieces = plan_by_quantity(held, q)
    moved = serials([(p.start, p.end) for p in pieces])
    assert len(moved) == q and moved <= serials(held)
    # whole blocks in picking order, then the high part of one block: the sender keeps its low range
    for p in pieces[:-1]:
        assert (p.start, p.end) == held[p.index]
    last = pieces[-1]
    assert last.end == held[last.index][1]
    assert [p.index for p in pieces] == list(range(len(pieces)))


@given(holdings())
def test_plan_by_quantity_refuses_more_than_held(held: list[tuple[int, int]]) -> None:
    total = sum(b - a + 1 for a, b in held)
    with pytest.raises(Conflict) as info:
        plan_by_quantity(held, total + 1)
    assert info.value.type == "insufficient-balance"


@given(holdings(), st.data())
def test_plan_by_ranges_moves_exactly_the_named_serials(
    held: list[tuple[int, int]], data: st.DataObject
) -> None:
    owned = sorted(serials(held))
    picks = sorted(set(data.draw(st.lists(st.sampled_from(owned), min_size=1, max_size=20))))
    ranges = coalesce([(n, n) for n in picks])
    pieces, missing = plan_by_ranges(held, ranges)
    assert missing is None
    assert serials([(p.start, p.end) for p in pieces]) == set(picks)
    for p in pieces:
        a, b = held[p.index]
        assert a <= p.start <= p.end <= b


@given(holdings(), st.data())
def test_plan_by_ranges_names_the_first_range_not_held(
    held: list[tuple[int, int]], data: st.DataObject
) -> None:
    a = data.draw(st.integers(1, held[-1][1] + 5))
    z = data.draw(st.integers(a, a + 40))
    pieces, missing = plan_by_ranges(held, [(a, z)])
    if set(range(a, z + 1)) <= serials(held):
        assert missing is None and len(serials([(p.start, p.end) for p in pieces])) == z - a + 1
    else:
        assert missing == (a, z) and pieces == []


def test_two_ranges_inside_one_block_are_planned_together() -> None:
    """Carving the first range must not hide the second from the planner (both lie in block 0)."""
    pieces, missing = plan_by_ranges([(1, 100)], [(10, 12), (20, 22)])
    assert missing is None
    assert pieces == [Piece(0, 10, 12), Piece(0, 20, 22)]
    assert remainder((1, 100), [(10, 12), (20, 22)]) == [(1, 9), (13, 19), (23, 100)]


@given(st.integers(1, 10**6), st.integers(0, 500), st.data())
def test_remainder_and_the_carved_pieces_conserve_every_serial(
    start: int, extra: int, data: st.DataObject
) -> None:
    end = start + extra
    picks = sorted(set(data.draw(st.lists(st.integers(start, end), max_size=12))))
    taken = coalesce([(n, n) for n in picks])
    rest = remainder((start, end), taken)
    assert serials(rest) | serials(taken) == set(range(start, end + 1))
    assert not serials(rest) & serials(taken)
    assert rest == coalesce(rest)  # never two adjacent leftovers


def test_remainder_refuses_pieces_outside_or_overlapping() -> None:
    with pytest.raises(ValueError):
        remainder((1, 10), [(9, 11)])
    with pytest.raises(ValueError):
        remainder((1, 10), [(2, 5), (4, 6)])


@given(st.lists(st.integers(1, 200), unique=True, max_size=50))
def test_coalesce_joins_only_adjacent_spans(numbers: list[int]) -> None:
    joined = coalesce([(n, n) for n in numbers])
    assert serials(joined) == set(numbers)
    assert all(b1 + 1 < a2 for (_, b1), (a2, _) in itertools.pairwise(joined))


@given(st.integers(1, 10**12), st.integers(0, 10**6), st.data())
def test_split_low_and_carve_at_the_edges(start: int, extra: int, data: st.DataObject) -> None:
    end = start + extra
    if extra:
        keep = data.draw(st.integers(1, extra))
        (a, b), (c, d) = split_low(start, end, keep)
        assert (a, b - a + 1, c, d) == (start, keep, b + 1, end)
    a = data.draw(st.integers(start, end))
    b = data.draw(st.integers(a, end))
    rest, carved = carve(start, end, a, b)
    assert carved == (a, b)
    assert sum(y - x + 1 for x, y in rest) + b - a + 1 == end - start + 1


@pytest.mark.parametrize(
    ("quantity", "ranges", "type_"),
    [
        (None, None, "invalid-quantity"),
        (5, [(1, 2)], "invalid-quantity"),
        (0, None, "invalid-quantity"),
        (-1, None, "invalid-quantity"),
        (True, None, "invalid-quantity"),
        (None, [], "invalid-quantity"),
        (None, [(5, 4)], "invalid-quantity"),
        (None, [(1, 5), (5, 9)], "overlapping-serials"),
    ],
)
def test_check_quantity_refuses(
    quantity: int | None, ranges: list[tuple[int, int]] | None, type_: str
) -> None:
    with pytest.raises(Unprocessable) as info:
        check_quantity(quantity, ranges)
    assert info.value.type == type_


def test_quantity_of_ranges_counts_inclusive_ends() -> None:
    check_quantity(None, [(1, 1), (3, 7)])
    assert quantity_of(None, [(1, 1), (3, 7)]) == 6
    assert quantity_of(4, None) == 4
