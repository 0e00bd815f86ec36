"""What a reader may type into the serial lookup, parsed without I/O.

The registry prints a block as ``{scheme}-{type}-{programme}-{project}-{vintage}-{start}-{end}``
(``JP-ER-NAT-P0001-2010-000001-000013``) and allocates numbers from one registry-wide
counter, so a number alone names a tonne. Accepted: a printed block, the same with a single
number (``...-2010-000005``), a bare number, or a bare range ``5-13``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK = re.compile(
    r"^(?:[A-Z]{2}-[A-Z]{2,3}-[A-Z0-9]{2,20}-P\d{4,}-\d{4}-)?(?P<start>\d{1,12})(?:-(?P<end>\d{1,12}))?$"
)
#: a lookup may not span more than this many serials (a whole-registry range is not a lookup)
MAX_SPAN = 1_000_000


@dataclass(frozen=True)
class SerialQuery:
    start: int
    end: int
    text: str


def parse(text: str) -> SerialQuery:
    cleaned = text.strip().upper().replace(" ", "")
    m = _BLOCK.match(cleaned)
    if m is None:
        raise ValueError(f"not a serial: {text!r}")
    start = int(m["start"])
    end = int(m["end"]) if m["end"] else start
    if start < 1 or end < start or end - start >= MAX_SPAN:
        raise ValueError(f"not a serial range: {text!r}")
    return SerialQuery(start, end, cleaned)
