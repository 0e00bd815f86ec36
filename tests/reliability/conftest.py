"""A programme of its own for the fault runs (they stop the broker and kill services)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_support import E2E_PORT_BASE, Programme, _drop, start_programme
from webhook_restart_support import notifications_db, receiver  # noqa: F401  (the restart tests' fixtures)


@pytest.fixture(scope="module")
def faulty(bootstrap_servers: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Programme]:
    tmp = tmp_path_factory.mktemp("faulty")
    prog, created = start_programme(tmp, bootstrap_servers, port_base=E2E_PORT_BASE + 20)
    try:
        yield prog
    finally:
        for c in prog.clients.values():
            c.close()
        for proc in prog.processes.values():
            proc.stop()
        _drop(created)
