"""The programme of the end-to-end tests: one per test session (see e2e_support)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_support import Programme, _drop, start_programme
from fy2010_programme import seeded

__all__ = ["programme", "seeded"]


@pytest.fixture(scope="session")
def programme(bootstrap_servers: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Programme]:
    tmp = tmp_path_factory.mktemp("programme")
    prog, created = start_programme(tmp, bootstrap_servers)
    try:
        yield prog
    finally:
        for c in prog.clients.values():
            c.close()
        for p in prog.processes.values():
            p.stop()
        _drop(created)
