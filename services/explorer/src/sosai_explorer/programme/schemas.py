"""What the programme overview and the regional page show."""

from __future__ import annotations

from typing import TypedDict


class Flow(TypedDict):
    """Tonnes retired from one origin prefecture by one holder for one beneficiary and place of use."""

    origin: str
    holder: str | None
    beneficiary: str | None
    used_at: str | None
    tonnes: int


class Overview(TypedDict):
    figures: dict[str, int]
    #: (vintage: the fiscal year of the reduction, {"issued": tonnes, "retired": tonnes}), oldest first
    by_fy: list[tuple[int, dict[str, int]]]
    by_category: dict[str, int]
    by_type: dict[str, int]
    by_programme: dict[str, int]
    projects_by_prefecture: dict[str, int]


class RegionRow(TypedDict):
    prefecture: str
    issued: int
    retired: int
    orgs: int


class Regions(TypedDict):
    issued: dict[str, int]
    rows: list[RegionRow]
    flows: list[Flow]
