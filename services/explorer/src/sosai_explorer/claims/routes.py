"""Downloads of stored signed claims and issuers' keys, so anyone can verify them offline.

``python -m sosai_shared.claims verify claim.json --jwks certification-jwks.json --jwks registry-jwks.json``
checks a downloaded document against downloaded keys without any network (docs/verifying-claims.md).
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Path
from fastapi.responses import Response

from sosai_explorer.claims import service
from sosai_explorer.deps import ReadSession
from sosai_shared.auth import public

router = APIRouter(dependencies=[public], include_in_schema=False)
REF = r"^[A-Za-z0-9._:-]+$"


def _attachment(body: str, media_type: str, filename: str) -> Response:
    return Response(
        body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.get("/verify/{ref}/claim.json")
async def claim_document(session: ReadSession, ref: str = Path(max_length=100, pattern=REF)) -> Response:
    _, doc = await service.stored_document(session, ref)
    return _attachment(json.dumps(doc, ensure_ascii=False, indent=2), "application/json", f"claim-{ref}.json")


@router.get("/verify/{ref}/claim.jws")
async def compact_jws(session: ReadSession, ref: str = Path(max_length=100, pattern=REF)) -> Response:
    _, doc = await service.stored_document(session, ref)
    return _attachment(str(doc.get("jws", "")), "application/jose", f"claim-{ref}.jws")


@router.get("/keys/{issuer}.json")
async def issuer_keys(
    session: ReadSession, issuer: str = Path(pattern=r"^(registry|certification)$")
) -> Response:
    jwks = await service.stored_keys(session, issuer)
    return _attachment(json.dumps(jwks, indent=2), "application/jwk-set+json", f"{issuer}-jwks.json")
