"""What every fault run checks afterwards: the ledger invariants and a reconciliation
of the other services' views against the registry's.
"""

from __future__ import annotations

import itertools
from typing import Any

import httpx
from e2e_support import Programme
from journey_support import ADMIN, ok

from sosai_shared.processes import SERVICES


def metric_sum(client: httpx.Client, name: str) -> float:
    total = 0.0
    for line in client.get("/metrics").text.splitlines():
        head = line.split(" ")[0]
        if head == name or head.startswith(name + "{"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def all_pages(
    client: httpx.Client,
    path: str,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        q = {**(params or {}), "limit": 200, **({"cursor": cursor} if cursor else {})}
        page = ok(client.get(path, headers=headers, params=q))
        items.extend(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return items


def check_ledger(p: Programme) -> dict[str, int]:
    """I1 (in aggregate), I2 and I3 over every account of the registry, from its own API."""
    stats = ok(p.registry.get("/v1/statistics"))
    ranges: list[tuple[int, int]] = []
    held = 0
    for account in all_pages(p.registry, "/v1/accounts", headers=ADMIN):
        balance = ok(p.registry.get(f"/v1/accounts/{account['id']}/balance", headers=ADMIN))
        for b in balance["blocks"]:
            assert b["quantity"] == b["end"] - b["start"] + 1 > 0, b  # I2: no negative or empty holdings
            ranges.append((b["start"], b["end"]))
        held += balance["total"]
    ranges.sort()
    for (s1, e1), (s2, _) in itertools.pairwise(ranges):
        assert e1 < s2, f"I3: serial ranges overlap: {s1}-{e1} and {s2}-"
    # every issued tonne sits in exactly one account (holding, buffer, retirement or cancellation)
    assert held == stats["tonnes_issued"], (held, stats)
    return {"issued": stats["tonnes_issued"], "retired": stats["tonnes_retired"], "blocks": len(ranges)}


def reconcile(
    p: Programme, company_headers: dict[str, str], footprints: dict[str, int], sessions: dict[str, int]
) -> None:
    """The calculator's coverage and the catalog's carbon cards equal the registry's retirements."""
    retirements = all_pages(p.registry, "/v1/public/retirements")
    by_footprint: dict[str, int] = {}
    by_session: dict[str, int] = {}
    for r in retirements:
        if r.get("footprint_id"):
            by_footprint[r["footprint_id"]] = by_footprint.get(r["footprint_id"], 0) + r["quantity"]
        if r.get("session_id"):
            by_session[r["session_id"]] = by_session.get(r["session_id"], 0) + r["quantity"]
    for fid, expected in footprints.items():
        assert by_footprint.get(fid, 0) == expected, f"registry lost or doubled a retirement of {fid}"
        fp = ok(p.calculator.get(f"/v1/footprints/{fid}", headers=company_headers))
        assert fp["coverage"]["credits_retired"] == expected, (fid, fp["coverage"])
    for sid, expected in sessions.items():
        assert by_session.get(sid, 0) == expected
        card = ok(p.catalog.get(f"/v1/sessions/{sid}/carbon-card"))
        assert card["credits_retired"] == expected, (sid, card)


def views_converged(
    p: Programme, company_headers: dict[str, str], footprints: dict[str, int], sessions: dict[str, int]
) -> bool:
    try:
        reconcile(p, company_headers, footprints, sessions)
    except AssertionError:
        return False
    return True


def outboxes_drained(p: Programme) -> bool:
    return all(metric_sum(p.client(n), "sosai_outbox_backlog") == 0 for n in (spec.name for spec in SERVICES))
