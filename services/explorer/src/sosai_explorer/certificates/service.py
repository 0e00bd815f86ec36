"""Certified offsets: the list, one certificate, its live label and its verification chain."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_explorer.certificates import repository as repo
from sosai_explorer.certificates import rules
from sosai_explorer.certificates.schemas import CertificateList, Chain, Label
from sosai_explorer.claims import service as signed_claims
from sosai_explorer.deps import Pager
from sosai_explorer.ledger import repository as ledger_repo
from sosai_explorer.models import Certificate, Provider
from sosai_explorer.web import PageError
from sosai_shared.fiscal import today_jst


async def list_certificates(
    session: AsyncSession, offset_type: str | None, page: int, size: int
) -> CertificateList:
    stmt = repo.certificates_query(offset_type)
    pager = Pager(page, size, await repo.count(session, stmt)).check()
    today = today_jst()
    rows = await repo.page(session, stmt, pager.offset, pager.size)
    return {"pager": pager, "rows": [(c, rules.status(c, today)) for c in rows]}


async def certificate_for(session: AsyncSession, number: str) -> Certificate:
    cert = await repo.certificate(session, number)
    if cert is None or cert.certified_at is None:
        raise PageError(404, "error.not_found")
    return cert


async def label(session: AsyncSession, number: str) -> Label | None:
    """What a label shows now; None for a number nobody certified."""
    cert = await repo.certificate(session, number)
    if cert is None or cert.certified_at is None:
        return None
    footprint = await repo.footprint(session, cert.footprint_id)
    return {
        "cert": cert,
        "status": rules.status(cert, today_jst()),
        "coverage": rules.coverage(cert, footprint),
        "footprint": footprint,
    }


async def chain(session: AsyncSession, cert: Certificate, focus: str | None = None) -> Chain:
    footprint = await repo.footprint(session, cert.footprint_id)
    retirements = await repo.retirements_for(session, cert)
    others = await repo.retirements_claimed_by_others(session, cert.number)
    today = today_jst()
    ordered = sorted(retirements.values(), key=lambda e: (e.at, e.entry_id))
    signed = await signed_claims.checks(session, cert, ordered)
    verdict = rules.with_claims(rules.verify(cert, today, footprint, retirements, others), signed)
    return {
        "cert": cert,
        "status": rules.status(cert, today),
        "coverage": rules.coverage(cert, footprint),
        "footprint": footprint,
        "retirements": ordered,
        "missing": [r for r in cert.retirement_ids if r not in retirements],
        "verdict": verdict,
        "focus": focus,
        "claims": signed,
    }


async def verification(session: AsyncSession, ref: str) -> Chain:
    """``ref`` is a certificate number (``CO-2010-001``) or a retirement id."""
    cert = await repo.certificate(session, ref)
    if cert is not None and cert.certified_at is not None:
        return await chain(session, cert)
    entry = await repo.retirement(session, ref)
    if entry is None:
        raise PageError(404, "error.not_found", ref)
    claims = await ledger_repo.certificates_claiming(session, entry)
    if claims:
        return await chain(session, claims[0], focus=entry.entry_id)
    footprint = await repo.footprint(session, entry.footprint_id)
    return {
        "cert": None,
        "status": None,
        "coverage": None,
        "footprint": footprint,
        "retirements": [entry],
        "missing": [],
        "verdict": rules.Verdict(),
        "focus": entry.entry_id,
        "claims": await signed_claims.checks(session, None, [entry]),
    }


async def providers(session: AsyncSession) -> list[Provider]:
    return await repo.providers(session)
