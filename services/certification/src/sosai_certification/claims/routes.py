"""``GET /v1/public/claims/{number}``: a certificate's claim document, signed by certification.

The claim chains footprint (the version decided on) → offset plan → retirements (serial ranges,
project, vintage, and why each may back this applicant) → certificate. The retirements are the
registry's facts: with ``CERTIFICATION_REGISTRY_PUBLIC_URL`` set, the registry's own signed
claim of each is embedded as evidence, so the whole chain verifies offline.
"""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter, Path, Request

from sosai_certification.applications import repository as repo
from sosai_certification.applications import views
from sosai_shared.auth import public
from sosai_shared.claims import document
from sosai_shared.errors import NotFound
from sosai_shared.outbound import tls_context
from sosai_shared.signing import signer_of
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1/public", tags=["public"], dependencies=[public])
NUMBER = r"^CO-\d{4}-\d{3,6}$"


async def _evidence(registry: str | None, retirement_ids: list[str]) -> tuple[list[Any], list[str]]:
    if not registry or not retirement_ids:
        return [], retirement_ids
    found: list[Any] = []
    missing: list[str] = []
    async with httpx.AsyncClient(base_url=registry.rstrip("/"), timeout=5, verify=tls_context()) as client:
        for rid in retirement_ids:
            try:
                r = await client.get(f"/v1/public/retirements/{rid}/claim")
                r.raise_for_status()
                found.append(r.json())
            except (httpx.HTTPError, ValueError):
                missing.append(rid)
    return found, missing


async def certificate_claim(uow: UoW, request: Request, number: str) -> dict[str, Any]:
    cert = await repo.certificate_by_number(uow.session, number)
    app = (
        (await repo.applications_by_id(uow.session, [cert.application_id])).get(cert.application_id)
        if cert
        else None
    )
    if cert is None or app is None:
        raise NotFound(f"No certificate {number}.", type="certificate-not-found")
    out = views.certificate_out(cert, app)
    base = str(request.base_url).rstrip("/")
    claim: dict[str, Any] = {
        "kind": "certificate",
        "issuer": "certification",
        "id": cert.number,
        "url": f"{base}/v1/public/certificates/{cert.number}",
        "certificate": {
            "number": cert.number,
            "status": app.status,
            "valid": out.valid,
            "offset_type": cert.offset_type,
            "applicant_org": cert.applicant_org,
            "subject_name": cert.subject_name,
            "label_text": cert.label_text,
            "valid_from": cert.valid_from.isoformat(),
            "valid_until": cert.valid_until.isoformat(),
            "certified_at": cert.certified_at.isoformat(),
        },
        "footprint": cert.footprint,
        "plan": {
            "carbon_neutral": app.carbon_neutral,
            "quantity": app.quantity,
            "credits_required": cert.credits_required,
            "credits_retired": cert.credits_retired,
        },
        "retirements": [
            {
                "retirement_id": r["retirement_id"],
                "quantity": r["quantity"],
                "retired_at": r["retired_at"],
                "beneficiary": r["beneficiary"],
                "holder_org": r.get("holder_org"),
                "beneficiary_org": r.get("beneficiary_org"),
                "basis": r.get("basis"),
                "serial_ranges": [
                    {k: b.get(k) for k in ("serial", "start", "end", "quantity", "project_id", "vintage")}
                    for b in r["serial_ranges"]
                ],
            }
            for r in cert.retirements
        ],
    }
    settings = request.app.state.runtime.settings
    evidence, missing = await _evidence(
        settings.registry_public_url, [r["retirement_id"] for r in cert.retirements]
    )
    if missing:
        claim["retirement_claims_not_embedded"] = missing
    return document(signer_of(request), claim, f"{base}/.well-known/jwks.json", evidence)


@router.get(
    "/claims/{number}",
    summary="A certificate's claim document: footprint → plan → retirements → certificate, signed (JWS, EdDSA)",
    responses={404: {"description": "certificate-not-found"}, 422: {"description": "validation-error"}},
)
async def claim(
    request: Request, uow: UoW, number: str = Path(pattern=NUMBER, max_length=20)
) -> dict[str, Any]:
    return await certificate_claim(uow, request, number)
