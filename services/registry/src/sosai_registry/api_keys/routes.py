"""HTTP API of organisation API keys under /v1/api-keys."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from sosai_registry.api_keys import repository as repo
from sosai_registry.api_keys import service as svc
from sosai_registry.api_keys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyOut, ApiKeySelf
from sosai_registry.deps import KeyAdmin
from sosai_shared.auth.api_keys import Resolver, invalid_key, is_api_key
from sosai_shared.auth.jwt import public
from sosai_shared.errors import Unauthorized
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1/api-keys", tags=["api keys"])
NOT_FOUND = {404: "api-key-not-found"}


@router.post(
    "",
    status_code=201,
    response_model=ApiKeyCreated,
    summary="Create an API key for the caller's organisation (the key is in this response only)",
    responses={**AUTH, **problem_responses(types={422: "invalid-key-scopes"})},
)
async def create_key(body: ApiKeyIn, uow: UoW, principal: KeyAdmin) -> JSONResponse:
    row, key = await svc.create(uow.session, principal, body)
    shown = svc.view(row).model_dump()
    # a retry with the same Idempotency-Key gets the key's record but not the key: it is never stored
    return await uow.respond(ApiKeyCreated(**shown, key=key), 201, replay=ApiKeyCreated(**shown, key=None))


@router.get(
    "",
    response_model=Page[ApiKeyOut],
    summary="The caller's organisation's API keys, revoked ones included (never the keys themselves)",
    responses={**AUTH, **problem_responses(422)},
)
async def list_keys(uow: UoW, principal: KeyAdmin, paging: Paging) -> Page[ApiKeyOut]:
    page = await repo.keys_page(uow.session, paging, principal.org)
    return page.map(svc.view)


@router.get(
    "/self",
    response_model=ApiKeySelf,
    dependencies=[public],
    # the platform's own plumbing, like /metrics: the documents' rule is that every secured operation
    # names its scopes, and this one takes an API key and needs none
    include_in_schema=False,
)
async def key_self(request: Request) -> ApiKeySelf:
    """Who the presented key is (how every service checks a key): send the key itself as
    ``Authorization: Bearer sk_…``, holding it is the authority to ask. Unknown and revoked keys
    are 401; each call counts as a use of the key."""
    scheme, _, credential = request.headers.get("authorization", "").partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer" or not credential:
        raise Unauthorized("An API key is required (Authorization: Bearer sk_…).", type="missing-token")
    if not is_api_key(credential):
        raise invalid_key()
    resolver: Resolver = request.app.state.api_key_resolver
    principal = await resolver(credential)
    assert principal.token_id is not None
    return ApiKeySelf(id=principal.token_id, org=principal.org, scopes=sorted(principal.scopes))


@router.delete(
    "/{key_id}",
    response_model=ApiKeyOut,
    summary="Revoke an API key of the caller's organisation (refused everywhere at once)",
    responses={**AUTH, **problem_responses(types=NOT_FOUND)},
)
async def revoke_key(key_id: str, uow: UoW, principal: KeyAdmin) -> ApiKeyOut:
    return svc.view(await svc.revoke(uow.session, principal, key_id))
