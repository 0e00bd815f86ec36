"""What the verification page shows of signed claims, read from the explorer's own store only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_explorer.claims import repository as repo
from sosai_explorer.claims import rules
from sosai_explorer.claims.rules import ClaimCheck
from sosai_explorer.models import Certificate, LedgerEntry
from sosai_explorer.web import PageError

KINDS = ("retirement", "certificate")


async def checks(
    session: AsyncSession, cert: Certificate | None, retirements: list[LedgerEntry]
) -> list[ClaimCheck]:
    """The certificate's claim (if any) first, then each retirement's, each verified now."""
    keys = {issuer: k.jwks for issuer, k in (await repo.keys(session)).items()}
    out: list[ClaimCheck] = []
    if cert is not None:
        stored = await repo.claim(session, "certificate", cert.number)
        out.append(
            rules.assess(
                "certificate",
                cert.number,
                stored.document if stored else None,
                keys,
                rules.certificate_facts_from_events(cert),
                stored.fetched_at if stored else None,
            )
        )
    ids = [e.entry_id for e in retirements]
    stored_ret = await repo.claims(session, "retirement", ids)
    blocks = await repo.blocks_of(session, ids)
    for e in retirements:
        row = stored_ret.get(e.entry_id)
        out.append(
            rules.assess(
                "retirement",
                e.entry_id,
                row.document if row else None,
                keys,
                rules.retirement_facts_from_events(e, blocks[e.entry_id]),
                row.fetched_at if row else None,
            )
        )
    return out


async def stored_document(session: AsyncSession, ref: str) -> tuple[str, dict[str, Any]]:
    """The stored claim document of a certificate number or retirement id: (kind, document)."""
    for kind in KINDS:
        row = await repo.claim(session, kind, ref)
        if row is not None and row.document is not None:
            return kind, row.document
    raise PageError(404, "error.not_found", ref)


async def stored_keys(session: AsyncSession, issuer: str) -> dict[str, Any]:
    row = await repo.issuer_keys(session, issuer)
    if row is None:
        raise PageError(404, "error.not_found", issuer)
    return row.jwks
