"""Claim documents: a service's signed statement of facts it owns, and their offline verification.

A claim document is JSON ``{"claim": {...}, "jws": "<compact JWS of the claim>", "jwks_url": ...}``
plus, where a claim rests on another service's facts, ``"evidence"``: that service's claim
documents, verified the same way. ``python -m sosai_shared.claims verify FILE|URL`` checks it.
"""

from __future__ import annotations

from typing import Any

from sosai_shared.signing import Signer

CLAIM_DOC = "sosai.claim-document.v1"


def document(
    signer: Signer, claim: dict[str, Any], jwks_url: str, evidence: list[Any] | None = None
) -> dict[str, Any]:
    """Wrap ``claim`` with its signature; the JWS carries the claim itself, so it verifies alone."""
    doc: dict[str, Any] = {"type": CLAIM_DOC, "claim": claim, "jws": signer.sign(claim), "jwks_url": jwks_url}
    if evidence:
        doc["evidence"] = evidence
    return doc


def qr_svg(url: str) -> str:
    """An inline SVG QR code linking to ``url`` (for printed notices and certificates)."""
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=3, title=url))
