"""The filters of the project list (query parameters, validated: bad input is a 422 page)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sosai_explorer.deps import TEXT

STATUSES = ("registered", "issuing")


class ProjectFilters(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    q: str | None = Field(default=None, max_length=100, pattern=TEXT)
    category: str | None = Field(default=None, max_length=40, pattern=r"^[a-z_]*$")
    prefecture: str | None = Field(default=None, max_length=40, pattern=r"^[a-z]*$")
    status: Literal["", "registered", "issuing"] | None = None
    vintage: int | None = Field(default=None, ge=1990, le=2100)
