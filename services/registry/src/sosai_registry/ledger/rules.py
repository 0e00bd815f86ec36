"""The move planner and the range arithmetic of the ledger: pure functions over inclusive serial spans.

A move names either a quantity (the registry picks: the sending account's blocks in picking
order, oldest vintage first then lowest serial, whole blocks first, and a partial last block
keeps its low range with the sender, the UNDP rule) or explicit ranges. Planning decides which
pieces of which held blocks move; applying the plan (``service.move``) only writes it down, so
everything that can be off by one is here and tested without a database.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from sosai_shared.errors import Conflict, Unprocessable

Span = tuple[int, int]


@dataclass(frozen=True)
class Piece:
    """``[start, end]`` of the held block at ``index`` (in the order the blocks were given) moves."""

    index: int
    start: int
    end: int


def _invalid(detail: str) -> Unprocessable:
    return Unprocessable(detail, type="invalid-quantity", title="Invalid quantity")


def split_low(start: int, end: int, keep: int) -> tuple[Span, Span]:
    """Split ``[start, end]`` so the first part (the sender's) holds the ``keep`` lowest serials
    and the second (the receiver's) the rest: the UNDP rule, sender keeps the low range."""
    if not 0 < keep < end - start + 1:
        raise ValueError(f"cannot keep {keep} of {start}-{end}")
    return (start, start + keep - 1), (start + keep, end)


def carve(start: int, end: int, a: int, b: int) -> tuple[list[Span], Span]:
    """Remove ``[a, b]`` from ``[start, end]``: (what remains, in order; the carved range)."""
    if not start <= a <= b <= end:
        raise ValueError(f"{a}-{b} is not inside {start}-{end}")
    rest = []
    if a > start:
        rest.append((start, a - 1))
    if b < end:
        rest.append((b + 1, end))
    return rest, (a, b)


def remainder(span: Span, taken: Sequence[Span]) -> list[Span]:
    """What is left of ``span`` once the disjoint ``taken`` spans (all inside it) are carved out, in order."""
    start, end = span
    rest: list[Span] = []
    cursor = start
    for a, b in sorted(taken):
        if not cursor <= a <= b <= end:
            raise ValueError(f"{a}-{b} is not a disjoint part of {start}-{end}")
        if a > cursor:
            rest.append((cursor, a - 1))
        cursor = b + 1
    if cursor <= end:
        rest.append((cursor, end))
    return rest


def coalesce(spans: Sequence[Span]) -> list[Span]:
    """Adjacent spans joined: ``[(1, 5), (6, 9), (12, 12)]`` → ``[(1, 9), (12, 12)]`` (spans disjoint)."""
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and out[-1][1] + 1 == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def check_quantity(quantity: int | None, ranges: Sequence[Span] | None) -> None:
    """A move names a positive quantity or non-empty, well-formed, mutually disjoint ranges: not both."""
    if (quantity is None) == (ranges is None):
        raise _invalid("Give either a quantity or explicit serial ranges, not both.")
    if quantity is not None and (isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1):
        raise _invalid("The quantity must be a positive whole number of tonnes.")
    if ranges is not None:
        if not ranges:
            raise _invalid("At least one serial range is needed.")
        ordered = sorted(ranges)
        for a, b in ordered:
            if b < a:
                raise _invalid(f"Range {a}-{b} ends before it starts.")
        for (_, e1), (s2, _) in itertools.pairwise(ordered):
            if s2 <= e1:
                raise Unprocessable(
                    "The requested serial ranges overlap each other.",
                    type="overlapping-serials",
                    title="Overlapping serials",
                )


def quantity_of(quantity: int | None, ranges: Sequence[Span] | None) -> int:
    return quantity if quantity is not None else sum(b - a + 1 for a, b in ranges or [])


def plan_by_quantity(held: Sequence[Span], quantity: int) -> list[Piece]:
    """Pieces of ``held`` (in picking order) that make up ``quantity``; 409 when the account holds less."""
    available = sum(b - a + 1 for a, b in held)
    if quantity > available:
        raise Conflict(
            f"The account holds {available} t available; {quantity} t requested.",
            type="insufficient-balance",
            title="Insufficient balance",
            available=available,
        )
    pieces: list[Piece] = []
    remaining = quantity
    for i, (a, b) in enumerate(held):
        if remaining == 0:
            break
        size = b - a + 1
        if size <= remaining:
            pieces.append(Piece(i, a, b))
            remaining -= size
        else:
            _, (hi_start, hi_end) = split_low(a, b, size - remaining)
            pieces.append(Piece(i, hi_start, hi_end))
            remaining = 0
    return pieces


def plan_by_ranges(held: Sequence[Span], ranges: Sequence[Span]) -> tuple[list[Piece], Span | None]:
    """Pieces of ``held`` that make up the requested ``ranges``, and the first requested range
    that the held blocks do not cover entirely (``None`` when all are held)."""
    pieces: list[Piece] = []
    for a, z in sorted(ranges):
        overlapping = [(i, s, e) for i, (s, e) in enumerate(held) if s <= z and e >= a]
        covered = sum(min(e, z) - max(s, a) + 1 for _, s, e in overlapping)
        if covered != z - a + 1:
            return [], (a, z)
        pieces.extend(Piece(i, max(s, a), min(e, z)) for i, s, e in overlapping)
    return pieces, None
