"""The filters of the project list (query parameters, validated: bad input is a 422 page)."""

from __future__ import annotations

from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Row

from sosai_explorer.deps import TEXT, Pager
from sosai_explorer.models import CreditCertification, LedgerEntry, Project

STATUSES = ("registered", "issuing")


class ProjectFilters(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    q: str | None = Field(default=None, max_length=100, pattern=TEXT)
    category: str | None = Field(default=None, max_length=40, pattern=r"^[a-z_]*$")
    prefecture: str | None = Field(default=None, max_length=40, pattern=r"^[a-z]*$")
    status: Literal["", "registered", "issuing"] | None = None
    vintage: int | None = Field(default=None, ge=1990, le=2100)


#: a project with the credits issued from it and retired (``row.Project``, ``row.issued``, ``row.retired``)
ProjectRow = Row[Project, int, int]


class FilterOptions(TypedDict):
    categories: list[str]
    prefectures: list[str]
    vintages: list[int]


class ProjectList(TypedDict):
    """What the project list page shows."""

    pager: Pager
    rows: list[ProjectRow]
    options: FilterOptions


class Totals(TypedDict):
    issued: int
    buffer: int
    retired: int


class ProjectPage(TypedDict):
    """What one project's page shows."""

    project: Project
    certifications: list[CreditCertification]
    issuances: list[LedgerEntry]
    buffer: list[LedgerEntry]
    reversals: list[LedgerEntry]
    retirements: list[tuple[LedgerEntry, int]]
    totals: Totals
