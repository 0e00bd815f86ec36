"""The registry killed between its commit and its answer: the client's retry with the same
Idempotency-Key gets the stored response, and the ledger shows one move.

The crash is deterministic: the registry runs with the test-only fault point
``SOSAI_FAULT_POINT=after-commit`` limited to ``/v1/transfers``, so it sets up its data
normally and kills itself (SIGKILL) right after the transfer's transaction commits.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from e2e_support import E2E_PORT_BASE, Programme
from journey_support import company, issue, ok, unique

from sosai_shared.processes import SERVICES, ServiceProcess

REGISTRY = next(s for s in SERVICES if s.name == "registry")


def registry_process(database_url: str, servers: str, tmp: Path, prefix: str, **extra: str) -> ServiceProcess:
    env = {
        **os.environ,
        "SOSAI_VAR_DIR": str(tmp),
        "KAFKA_BOOTSTRAP_SERVERS": servers,
        "KAFKA_TOPIC_PREFIX": prefix,
        "REGISTRY_DATABASE_URL": database_url,
        **extra,
    }
    proc = ServiceProcess(REGISTRY, env, tmp / "log", port=E2E_PORT_BASE + 31)
    proc.start()
    proc.wait_ready(timeout=120)
    return proc


def balance(p: Programme, account: str, headers: dict[str, str]) -> Any:
    return ok(p.registry.get(f"/v1/accounts/{account}/balance", headers=headers))


@pytest.fixture
async def registry_db(database_factory: Any) -> str:
    return str(await database_factory.new("registry"))


def test_killed_after_commit_the_retry_returns_the_stored_response_and_moves_once(
    registry_db: str, bootstrap_servers: str, tmp_path: Path
) -> None:
    prefix = f"crash{uuid.uuid4().hex[:6]}."
    proc = registry_process(
        registry_db,
        bootstrap_servers,
        tmp_path,
        prefix,
        SOSAI_FAULT_POINT="after-commit",
        SOSAI_FAULT_PATH="/v1/transfers",
    )
    p = Programme({"registry": proc}, prefix, {"registry": registry_db})
    try:
        proponent = company(unique("proponent"))
        buyer = company(unique("buyer"))
        minted = issue(p, proponent, quantity=100)
        to = ok(p.registry.post("/v1/accounts", json={"name": "offsets"}, headers=buyer), 201)["id"]
        move = {"from_account_id": minted.account_id, "to_account_id": to, "quantity": 30}
        headers = {**proponent, "Idempotency-Key": unique("transfer")}

        with pytest.raises(httpx.TransportError):  # committed, then killed before answering
            p.registry.post("/v1/transfers", json=move, headers=headers)
        assert proc.proc is not None and proc.proc.wait(timeout=10) == -9
        p.registry.close()
        p.clients.clear()

        p.processes["registry"] = proc = registry_process(registry_db, bootstrap_servers, tmp_path, prefix)
        retry = p.registry.post("/v1/transfers", json=move, headers=headers)
        assert retry.status_code == 201, retry.text
        assert retry.headers.get("idempotent-replayed") == "true"  # the stored response, not a new move

        assert balance(p, to, buyer)["total"] == 30
        assert balance(p, minted.account_id, proponent)["total"] == minted.issued - 30
        again = p.registry.post("/v1/transfers", json=move, headers=headers)
        assert again.json() == retry.json()
        assert balance(p, to, buyer)["total"] == 30  # one move, however often the client retries
    finally:
        for c in p.clients.values():
            c.close()
        proc.stop()
