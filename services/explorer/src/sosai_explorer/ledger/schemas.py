"""What the serial lookup and the retirement pages show."""

from __future__ import annotations

from typing import TypedDict

from sqlalchemy import Row

from sosai_explorer.deps import Pager
from sosai_explorer.ledger.rules import SerialQuery
from sosai_explorer.models import Certificate, LedgerBlock, LedgerEntry, Project


class SerialLife(TypedDict):
    query: SerialQuery
    #: every block that overlaps the query, with its transaction, in the order of the serials' life
    steps: list[Row[LedgerBlock, LedgerEntry]]
    projects: dict[str, Project]


class RetirementList(TypedDict):
    pager: Pager
    rows: list[LedgerEntry]


class Retirement(TypedDict):
    entry: LedgerEntry
    blocks: list[tuple[LedgerBlock, Project | None]]
    claims: list[Certificate]
