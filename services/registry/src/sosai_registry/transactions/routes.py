"""HTTP API of registry transactions under /v1: four-eyes proposals and decisions, transfers, retirements."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from sosai_registry.deps import Admin, Reader, Writer, ctx_of
from sosai_registry.transactions import moves
from sosai_registry.transactions import repository as repo
from sosai_registry.transactions import service as svc
from sosai_registry.transactions.schemas import (
    ApproveIn,
    BufferReversalIn,
    CancellationIn,
    IssuanceProposalIn,
    RejectIn,
    RetirementIn,
    RetirementOut,
    TransactionOut,
    TransferIn,
)
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", tags=["transactions"])


@router.post(
    "/certifications/{certification_id}/issuances",
    status_code=201,
    response_model=TransactionOut,
    summary="Propose an issuance (four eyes: another administrator approves)",
    responses={
        **AUTH,
        **problem_responses(
            types={
                404: "certification-not-found, account-not-found",
                409: "certification-already-issued, issuance-exceeds-certified, account-not-open",
                422: "invalid-quantity",
            }
        ),
    },
)
async def propose_issuance(
    certification_id: str, body: IssuanceProposalIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    tx = await svc.propose_issuance(ctx, certification_id, body)
    return await uow.respond(await svc.transaction_view(ctx, tx), 201)


@router.post(
    "/cancellations",
    status_code=201,
    response_model=TransactionOut,
    summary="Propose a cancellation (取消) with a mandatory reason (four eyes)",
    responses={
        **AUTH,
        **problem_responses(
            types={
                404: "account-not-found",
                409: "insufficient-balance, units-retired",
                422: "invalid-quantity, overlapping-serials",
            }
        ),
    },
)
async def propose_cancellation(
    body: CancellationIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    tx = await svc.propose_cancellation(ctx, body)
    return await uow.respond(await svc.transaction_view(ctx, tx), 201)


@router.post(
    "/buffer-reversals",
    status_code=201,
    response_model=TransactionOut,
    summary="Propose a buffer reversal for lost removals, with a mandatory reason (four eyes)",
    responses={
        **AUTH,
        **problem_responses(
            types={404: "project-not-found", 409: "insufficient-balance", 422: "invalid-quantity"}
        ),
    },
)
async def propose_buffer_reversal(
    body: BufferReversalIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    tx = await svc.propose_buffer_reversal(ctx, body)
    return await uow.respond(await svc.transaction_view(ctx, tx), 201)


@router.post(
    "/transactions/{transaction_id}/approve",
    response_model=TransactionOut,
    summary="Approve a proposed issuance, cancellation or buffer reversal (not its proposer)",
    description="Runs every check again under locks and completes the transaction "
    "(proposed → checked → completed). `effective_date` backdates it for historical seeding.",
    responses={
        **AUTH,
        **problem_responses(
            422,
            types={
                403: "four-eyes, insufficient-scope",
                404: "transaction-not-found",
                409: "transaction-not-pending, certification-already-issued, "
                "issuance-exceeds-certified, insufficient-balance, blocks-not-held, "
                "units-retired, account-not-open, overlapping-serials, project-not-registered",
            },
        ),
    },
)
async def approve(
    transaction_id: str, body: ApproveIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    done = await svc.approve(ctx, transaction_id, body.effective_date)
    return await uow.respond(await svc.transaction_view(ctx, done.tx, done.buffer_tx), 200)


@router.post(
    "/transactions/{transaction_id}/reject",
    response_model=TransactionOut,
    summary="Reject a proposal (another administrator) or withdraw it (its proposer: cancelled)",
    responses={
        **AUTH,
        **problem_responses(422, types={404: "transaction-not-found", 409: "transaction-not-pending"}),
    },
)
async def reject(
    transaction_id: str, body: RejectIn, uow: UoW, principal: Admin, request: Request
) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    tx = await svc.decide_against(ctx, transaction_id, body.reason)
    return await uow.respond(await svc.transaction_view(ctx, tx), 200)


@router.get(
    "/transactions",
    response_model=Page[TransactionOut],
    summary="Transactions (administrators; e.g. ?status=proposed is the approval queue)",
    responses={**AUTH, **problem_responses(422)},
)
async def list_transactions(
    uow: UoW,
    principal: Admin,
    paging: Paging,
    request: Request,
    status: str | None = Query(default=None, max_length=20),
    kind: str | None = Query(default=None, max_length=30),
) -> Page[TransactionOut]:
    ctx = ctx_of(uow, principal, request)
    page = await repo.transactions_page(uow.session, paging, status=status, kind=kind)
    return Page[TransactionOut](
        items=await svc.transaction_views(ctx, page.items), next_cursor=page.next_cursor
    )


@router.get(
    "/transactions/{transaction_id}",
    response_model=TransactionOut,
    summary="One transaction and the blocks it moved",
    responses={**AUTH, **problem_responses(422, types={404: "transaction-not-found"})},
)
async def get_transaction(
    transaction_id: str, uow: UoW, principal: Reader, request: Request
) -> TransactionOut:
    ctx = ctx_of(uow, principal, request)
    return await svc.transaction_view(ctx, await svc.transaction_for(ctx, transaction_id))


@router.post(
    "/transfers",
    status_code=201,
    response_model=TransactionOut,
    summary="Transfer credits between holding accounts",
    description="By `quantity` (the registry picks serials: oldest vintage first, then lowest serial; a "
    "block split keeps the low range with the sender) or by explicit `ranges`.",
    responses={
        **AUTH,
        **problem_responses(
            types={
                404: "account-not-found",
                409: "account-not-open, insufficient-balance, blocks-not-held, units-retired",
                422: "invalid-quantity, overlapping-serials, same-account",
            }
        ),
    },
)
async def transfer(body: TransferIn, uow: UoW, principal: Writer, request: Request) -> JSONResponse:
    ctx = ctx_of(uow, principal, request)
    done = await moves.transfer(ctx, body)
    return await uow.respond(svc.view_of(done.tx, done.blocks), 201)


@router.post(
    "/retirements",
    status_code=201,
    response_model=RetirementOut,
    summary="Retire (無効化) credits for an offset, naming use, purpose and beneficiary",
    description="Immutable once submitted. Offset providers retire on behalf of customers: the "
    "beneficiary need not be the holder. By quantity (oldest vintage first, then lowest "
    "serial) or explicit ranges.",
    responses={
        **AUTH,
        **problem_responses(
            types={
                404: "account-not-found",
                409: "account-not-open, insufficient-balance, blocks-not-held, units-retired",
                403: "insufficient-scope, beneficiary-org-not-allowed",
                422: "invalid-quantity, overlapping-serials",
            }
        ),
    },
)
async def retire(body: RetirementIn, uow: UoW, principal: Writer, request: Request) -> JSONResponse:
    done = await moves.retire(ctx_of(uow, principal, request), body)
    return await uow.respond(svc.retirement_view(str(request.base_url), done.tx, done.blocks), 201)
