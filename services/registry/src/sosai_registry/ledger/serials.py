"""Serial numbers and fiscal years: pure functions, property-tested (range arithmetic is in rules.py).

Printable serial format (one block)::

    {scheme}-{credit type}-{programme}-{project code}-{vintage FY}-{start}-{end}
    JP-ER-NAT-P0012-2010-000001-000500

* scheme: ``JP``; credit type: ``ER`` (emission reduction) or ``FM`` (forest management);
* programme: ``NAT`` for the national J-VER programme, otherwise the prefecture's
  programme name in upper case without separators (``KOCHI``);
* project code ``P`` + at least four digits; vintage: the fiscal year (April-March);
* start and end: the inclusive range, zero-padded to at least six digits.

Serials are allocated from one registry-wide counter, so a number alone identifies a
tonne; the other segments make a printed range self-describing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the programme runs on Japan's calendar: one definition for every service (re-exported here)
from sosai_shared.fiscal import JST as JST
from sosai_shared.fiscal import fiscal_year as fiscal_year
from sosai_shared.fiscal import fiscal_year_bounds as fiscal_year_bounds
from sosai_shared.fiscal import today_jst as today_jst

_SERIAL = re.compile(
    r"^(?P<scheme>[A-Z]{2})-(?P<type>[A-Z]{2,3})-(?P<prog>[A-Z0-9]{2,20})-(?P<code>P\d{4,})-"
    r"(?P<vintage>\d{4})-(?P<start>\d{6,})-(?P<end>\d{6,})$"
)


@dataclass(frozen=True)
class Serial:
    scheme: str
    credit_type: str
    programme: str
    project_code: str
    vintage: int
    start: int
    end: int

    @property
    def quantity(self) -> int:
        return self.end - self.start + 1


def programme_segment(programme: str) -> str:
    return "NAT" if programme == "national" else re.sub(r"[^A-Z0-9]", "", programme.upper())


def programme_from_segment(segment: str) -> str:
    return "national" if segment == "NAT" else segment.lower()


def format_serial(s: Serial) -> str:
    if s.start < 1 or s.end < s.start:
        raise ValueError(f"invalid range {s.start}-{s.end}")
    return (
        f"{s.scheme}-{s.credit_type}-{programme_segment(s.programme)}-{s.project_code}-"
        f"{s.vintage:04d}-{s.start:06d}-{s.end:06d}"
    )


def parse_serial(text: str) -> Serial:
    m = _SERIAL.match(text.strip())
    if m is None:
        raise ValueError(f"not a serial range: {text!r}")
    start, end = int(m["start"]), int(m["end"])
    if start < 1 or end < start:
        raise ValueError(f"invalid range in {text!r}")
    return Serial(
        m["scheme"], m["type"], programme_from_segment(m["prog"]), m["code"], int(m["vintage"]), start, end
    )
