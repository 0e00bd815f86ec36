"""The public log: ``GET /v1/public/log?after=N`` pages it, ``GET /v1/public/log/head`` is signed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import select
from sqlmodel import col

from sosai_registry.audit_log.append import entry_of, moves_of
from sosai_registry.audit_log.models import GENESIS, LogEntry, LogHead
from sosai_registry.models import Transaction
from sosai_shared.auth import public
from sosai_shared.claims import document
from sosai_shared.db import utcnow
from sosai_shared.errors import NotFound
from sosai_shared.signing import signer_of
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1/public", dependencies=[public], tags=["public ledger"])


@router.get(
    "/log",
    summary="The transaction log after sequence N: each entry's canonical content and its chained hash",
    responses={404: {"description": "log-position-not-found"}, 422: {"description": "validation-error"}},
)
async def log_page(
    uow: UoW,
    after: int = Query(
        default=0, ge=0, le=2**62, description="last sequence already read (0: from the start)"
    ),
    limit: int = Query(default=100, ge=1, le=1000),
) -> dict[str, Any]:
    head = await uow.session.get(LogHead, 1)
    assert head is not None  # created by the migration
    if after > head.seq:
        raise NotFound(f"The log has {head.seq} entries; none after {after}.", type="log-position-not-found")
    rows = list(
        (
            await uow.session.execute(
                select(LogEntry).where(LogEntry.seq > after).order_by(LogEntry.seq).limit(limit)  # type: ignore[arg-type]
            )
        ).scalars()
    )
    ids = [r.transaction_id for r in rows]
    txs = {
        t.id: t
        for t in (
            await uow.session.execute(select(Transaction).where(col(Transaction.id).in_(ids)))
        ).scalars()
    }
    moves = await uow.session.run_sync(lambda s: moves_of(s, ids))
    entries = []
    for r in rows:
        tx = txs.get(r.transaction_id)
        # served from the live ledger: whatever changed there since the append shows as a broken hash
        e = entry_of(tx, moves[r.transaction_id], r.seq, r.prev_hash) if tx is not None else {"seq": r.seq}
        entries.append({**e, "hash": r.hash})
    last = rows[-1].seq if rows else after
    return {
        "genesis": GENESIS,
        "head_seq": head.seq,
        "entries": entries,
        "next_after": last if last < head.seq else None,
    }


@router.get("/log/head", summary="The log's head (sequence and hash), signed by the registry (JWS, EdDSA)")
async def log_head(uow: UoW, request: Request) -> dict[str, Any]:
    head = await uow.session.get(LogHead, 1)
    assert head is not None
    base = str(request.base_url).rstrip("/")
    claim = {
        "kind": "log-head",
        "issuer": "registry",
        "id": str(head.seq),
        "seq": head.seq,
        "hash": head.hash,
        "algorithm": "sha256 over canonical JSON, see sosai_registry.audit_log.chain",
        "as_of": utcnow().isoformat(),
    }
    return document(signer_of(request), claim, f"{base}/.well-known/jwks.json")
