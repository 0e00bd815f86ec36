"""HTTP API of holding accounts, balances and price indications under /v1."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from sosai_registry.accounts import repository as repo
from sosai_registry.accounts import service as svc
from sosai_registry.accounts.schemas import AccountIn, AccountOut, BalanceOut, PriceIn, PriceOut
from sosai_registry.deps import Reader, Writer, ctx_of
from sosai_registry.transactions import repository as transactions
from sosai_registry.transactions.schemas import TransactionOut
from sosai_registry.transactions.service import transaction_views
from sosai_shared.pagination import Page, Paging
from sosai_shared.problems import AUTH, problem_responses
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")


@router.post(
    "/accounts",
    status_code=201,
    response_model=AccountOut,
    tags=["accounts"],
    summary="Open a holding account for the caller's organisation",
    responses={**AUTH, **problem_responses(422)},
)
async def open_account(body: AccountIn, uow: UoW, principal: Writer, request: Request) -> JSONResponse:
    acc = await svc.open_account(ctx_of(uow, principal, request), body.name)
    return await uow.respond(AccountOut.model_validate(acc, from_attributes=True), 201)


@router.get(
    "/accounts",
    response_model=Page[AccountOut],
    tags=["accounts"],
    summary="Accounts of the caller's organisation (administrators: all, incl. system accounts)",
    responses={**AUTH, **problem_responses(422)},
)
async def list_accounts(uow: UoW, principal: Reader, paging: Paging, request: Request) -> Page[AccountOut]:
    ctx = ctx_of(uow, principal, request)
    page = await repo.accounts_page(uow.session, paging, None if ctx.is_admin else ctx.org)
    return page.map(lambda a: AccountOut.model_validate(a, from_attributes=True))


@router.get(
    "/accounts/{account_id}",
    response_model=AccountOut,
    tags=["accounts"],
    summary="One account",
    responses={**AUTH, **problem_responses(422, types={404: "account-not-found"})},
)
async def get_account(account_id: str, uow: UoW, principal: Reader, request: Request) -> AccountOut:
    acc = await svc.account_for(ctx_of(uow, principal, request), account_id)
    return AccountOut.model_validate(acc, from_attributes=True)


@router.get(
    "/accounts/{account_id}/balance",
    response_model=BalanceOut,
    tags=["accounts"],
    summary="Balance and blocks held (owners and administrators only)",
    responses={**AUTH, **problem_responses(422, types={404: "account-not-found"})},
)
async def get_balance(account_id: str, uow: UoW, principal: Reader, request: Request) -> BalanceOut:
    return await svc.balance(ctx_of(uow, principal, request), account_id)


@router.get(
    "/accounts/{account_id}/transactions",
    response_model=Page[TransactionOut],
    tags=["accounts"],
    summary="Transactions into or out of an account",
    responses={**AUTH, **problem_responses(422, types={404: "account-not-found"})},
)
async def account_transactions(
    account_id: str, uow: UoW, principal: Reader, paging: Paging, request: Request
) -> Page[TransactionOut]:
    ctx = ctx_of(uow, principal, request)
    acc = await svc.account_for(ctx, account_id)
    page = await transactions.transactions_page(uow.session, paging, account_id=acc.id)
    return Page[TransactionOut](items=await transaction_views(ctx, page.items), next_cursor=page.next_cursor)


@router.post(
    "/accounts/{account_id}/{action}",
    response_model=AccountOut,
    tags=["accounts"],
    summary="Suspend or reopen (administrators) or close (owner; empty accounts only) an account",
    responses={
        **AUTH,
        **problem_responses(
            422,
            types={
                404: "account-not-found",
                409: "invalid-account-status, account-not-empty, system-account",
            },
        ),
    },
)
async def account_action(
    account_id: str,
    action: Literal["suspend", "reopen", "close"],
    uow: UoW,
    principal: Writer,
    request: Request,
) -> JSONResponse:
    acc = await svc.set_account_status(ctx_of(uow, principal, request), account_id, action)
    return await uow.respond(AccountOut.model_validate(acc, from_attributes=True), 200)


@router.post(
    "/prices",
    status_code=201,
    response_model=PriceOut,
    tags=["prices"],
    summary="Post an indicative bid/offer (yen per t-CO2) for a credit type",
    responses={**AUTH, **problem_responses(types={422: "invalid-price"})},
)
async def post_price(body: PriceIn, uow: UoW, principal: Writer, request: Request) -> JSONResponse:
    p = await svc.post_price(ctx_of(uow, principal, request), body)
    return await uow.respond(PriceOut.model_validate(p, from_attributes=True), 201)
