"""The signed claim of a retirement: ``GET /v1/public/retirements/{id}/claim`` (public)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request

from sosai_registry.ledger import repository as repo
from sosai_registry.ledger.service import moved_views
from sosai_registry.models import Transaction
from sosai_shared.auth import public
from sosai_shared.claims import document
from sosai_shared.errors import NotFound
from sosai_shared.signing import signer_of
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", dependencies=[public], tags=["public ledger"])
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
BLOCK_FIELDS = (
    "serial",
    "start",
    "end",
    "quantity",
    "project_id",
    "project_code",
    "vintage",
    "credit_type",
    "scheme",
    "programme",
)


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def retirement_claim(uow: UoW, request: Request, retirement_id: str) -> dict[str, Any]:
    tx = await repo.get(uow.session, Transaction, retirement_id)
    if tx is None or tx.kind != "retirement" or tx.status != "completed" or tx.completed_at is None:
        raise NotFound(
            f"No retirement {retirement_id}.", type="retirement-not-found", title="Retirement not found"
        )
    views = [b.model_dump() for b in (await moved_views(uow.session, [tx.id]))[tx.id]]
    base = base_url(request)
    claim = {
        "kind": "retirement",
        "issuer": "registry",
        "id": tx.id,
        "url": f"{base}/v1/public/retirements/{tx.id}",
        "retired_at": tx.completed_at.isoformat(),
        "quantity": tx.quantity,
        "holder_org": tx.from_org,
        "beneficiary": tx.beneficiary,
        "beneficiary_org": tx.beneficiary_org,
        "use": tx.use,
        "purpose": tx.purpose,
        "footprint_id": tx.footprint_id,
        "session_id": tx.session_id,
        "application_id": tx.application_id,
        "blocks": [{k: v[k] for k in BLOCK_FIELDS} for v in views],
    }
    return document(signer_of(request), claim, f"{base}/.well-known/jwks.json")


@router.get(
    "/public/retirements/{retirement_id}/claim",
    summary="The retirement as a claim document signed by the registry (JWS, EdDSA; keys at /.well-known/jwks.json)",
    responses={404: {"description": "retirement-not-found"}, 422: {"description": "validation-error"}},
)
async def claim(
    request: Request, uow: UoW, retirement_id: str = Path(pattern=UUID, max_length=36)
) -> dict[str, Any]:
    return await retirement_claim(uow, request, retirement_id)
