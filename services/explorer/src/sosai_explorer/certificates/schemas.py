"""What the certificate pages show: the list, a live label, and a verification chain."""

from __future__ import annotations

from typing import TypedDict

from sosai_explorer.certificates.rules import Verdict
from sosai_explorer.claims.rules import ClaimCheck
from sosai_explorer.deps import Pager
from sosai_explorer.models import Certificate, Footprint, LedgerEntry


class CertificateList(TypedDict):
    pager: Pager
    #: each certificate with its status today
    rows: list[tuple[Certificate, str]]


class Label(TypedDict):
    cert: Certificate
    status: str
    coverage: str | None
    footprint: Footprint | None


class Chain(TypedDict):
    """A certificate and the retirements behind it; ``cert`` is None for a retirement no certificate claims."""

    cert: Certificate | None
    status: str | None
    coverage: str | None
    footprint: Footprint | None
    retirements: list[LedgerEntry]
    missing: list[str]
    verdict: Verdict
    focus: str | None
    #: the signed claims of the certificate and of each retirement, as stored and verified now
    claims: list[ClaimCheck]
