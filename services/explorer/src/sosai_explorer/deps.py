"""Dependency aliases of the public pages: a read-only session, the page number, the runtime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_explorer.config import Settings
from sosai_explorer.web import PageError

#: Highest page number any list accepts (a bigger one is malformed input, 422).
MAX_PAGE = 10_000
#: Free-text inputs refuse control characters: a database cannot store a NUL, and no name has one.
TEXT = r"^[^\x00-\x1f\x7f]*$"


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    # read-only: nothing is ever committed from a page, so no unit of work is needed
    async with request.app.state.runtime.db.sessionmaker() as session:
        yield session


def _settings(request: Request) -> Settings:
    settings = request.app.state.runtime.settings
    assert isinstance(settings, Settings)
    return settings


ReadSession = Annotated[AsyncSession, Depends(_session)]
AppSettings = Annotated[Settings, Depends(_settings)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")]


@dataclass(frozen=True)
class Pager:
    page: int
    size: int
    total: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.size))

    def check(self) -> Pager:
        """A page past the last one is a 404 page, not an empty list (page 1 of nothing is fine)."""
        if self.page > self.last:
            raise PageError(404, "error.unknown_page")
        return self
