"""Fixtures of the platform tests: the toy service (defined in toyapp).

toyapp is imported inside the fixture, so the fast tier (shared/tests/unit) never loads the
service stack it does not use.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest


@pytest.fixture
async def toy(database_url: str, bootstrap_servers: str) -> AsyncIterator[httpx.AsyncClient]:
    from toyapp import toy_client

    async with toy_client(database_url, bootstrap_servers) as client:
        yield client
