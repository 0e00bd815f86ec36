"""What the outreach calendar shows: a page of sessions, each with its carbon card."""

from __future__ import annotations

from typing import TypedDict

from sosai_explorer.deps import Pager
from sosai_explorer.models import Footprint, OutreachSession


class CarbonCard(TypedDict):
    session: OutreachSession
    footprint: Footprint | None
    #: credits retired for the session (the catalog's figure, else the registry's retirements)
    retired: int | None
    certificate: str | None
    status: str | None


class Calendar(TypedDict):
    pager: Pager
    cards: list[CarbonCard]
