"""HTTP API of the registry service under /v1 (authenticated routes; the public ledger is in public.py)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import or_, select

from sosai_registry import repository as repo
from sosai_registry import service as svc
from sosai_registry.deps import Admin, Reader, Writer
from sosai_registry.models import Account, Certification, Methodology, Project, Transaction
from sosai_registry.schemas import (
    AccountIn,
    AccountOut,
    ApproveIn,
    BalanceOut,
    BlockOut,
    BufferReversalIn,
    CancellationIn,
    CertificationIn,
    CertificationOut,
    IssuanceProposalIn,
    MethodologyIn,
    MethodologyOut,
    MethodologyStatusIn,
    PriceIn,
    PriceOut,
    ProjectIn,
    ProjectOut,
    RejectIn,
    RetirementIn,
    RetirementOut,
    TransactionOut,
    TransferIn,
    TransitionIn,
    TransitionOut,
)
from sosai_shared.auth import Principal
from sosai_shared.pagination import Page, PageParams, build_page, page_params
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1")
Paging = Annotated[PageParams, Depends(page_params)]


class Problem(BaseModel):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str | None = None


def errors(**codes: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI error responses: ``errors(e404="account-not-found", ...)``."""
    out: dict[int | str, dict[str, Any]] = {
        401: {"model": Problem, "description": "missing-token, invalid-token, token-expired"},
        403: {"model": Problem, "description": "insufficient-scope"},
    }
    for key, types in codes.items():
        out[int(key[1:])] = {
            "model": Problem,
            "description": types,
            "content": {"application/problem+json": {}},
        }
    out.setdefault(422, {"model": Problem, "description": "validation-error"})
    return out


def ctx_of(uow: UoW, principal: Principal | None, request: Request) -> svc.Ctx:
    rt = request.app.state.runtime
    return svc.Ctx(uow.session, principal, rt.source, rt.settings.forest_buffer_share)


def _ts_key(ts_attr: str, id_attr: str = "id") -> Any:
    return lambda o: [getattr(o, ts_attr).isoformat(), getattr(o, id_attr)]


# ------------------------------------------------------------ methodologies
@router.post(
    "/methodologies",
    status_code=201,
    response_model=MethodologyOut,
    tags=["methodologies"],
    summary="Add a methodology (administrators)",
    responses=errors(e409="methodology-exists"),
)
async def create_methodology(body: MethodologyIn, uow: UoW, principal: Admin, request: Request) -> Any:
    m = await svc.create_methodology(ctx_of(uow, principal, request), body)
    return await uow.respond(MethodologyOut.model_validate(m, from_attributes=True), 201)


@router.post(
    "/methodologies/{methodology_id}/status",
    response_model=MethodologyOut,
    tags=["methodologies"],
    summary="Activate or withdraw a methodology",
    responses=errors(e404="methodology-not-found"),
)
async def methodology_status(
    methodology_id: str, body: MethodologyStatusIn, uow: UoW, principal: Admin, request: Request
) -> Any:
    m = await svc.methodology(ctx_of(uow, principal, request), methodology_id)
    m.status = body.status
    await uow.session.flush()
    return await uow.respond(MethodologyOut.model_validate(m, from_attributes=True), 200)


# ------------------------------------------------------------ projects
async def project_out(session: Any, p: Project, with_transitions: bool = True) -> ProjectOut:
    m = await session.get(Methodology, p.methodology_id)
    trs = (
        [TransitionOut.model_validate(t, from_attributes=True) for t in await repo.transitions(session, p.id)]
        if with_transitions
        else []
    )
    return ProjectOut(
        id=p.id,
        code=p.code,
        name=p.name,
        proponent_org=p.proponent_org,
        methodology_code=m.code,
        category=m.category,
        prefecture=p.prefecture,
        programme=p.programme,
        crediting_start=p.crediting_start,
        crediting_end=p.crediting_end,
        status=p.status,
        applied_at=p.applied_at,
        registered_on=p.registered_on,
        transitions=trs,
    )


@router.post(
    "/projects",
    status_code=201,
    response_model=ProjectOut,
    tags=["projects"],
    summary="Apply for project registration (proponent organisation)",
    responses=errors(
        e404="methodology-not-found", e409="methodology-withdrawn", e422="invalid-period, validation-error"
    ),
)
async def apply_project(body: ProjectIn, uow: UoW, principal: Writer, request: Request) -> Any:
    p = await svc.apply_project(ctx_of(uow, principal, request), body)
    return await uow.respond(await project_out(uow.session, p), 201)


@router.get(
    "/projects",
    response_model=Page[ProjectOut],
    tags=["projects"],
    summary="Projects of the caller's organisation (administrators: all)",
    responses=errors(),
)
async def list_projects(
    uow: UoW,
    principal: Reader,
    paging: Paging,
    request: Request,
    status: str | None = Query(default=None, max_length=20),
) -> Any:
    stmt = select(Project)
    if not ctx_of(uow, principal, request).is_admin:
        stmt = stmt.where(Project.proponent_org == principal.org)
    if status:
        stmt = stmt.where(Project.status == status)
    rows = await repo.page(uow.session, stmt, Project.applied_at, Project.id, paging)
    page = build_page(rows, paging.limit, _ts_key("applied_at"))
    return Page[ProjectOut](
        items=[await project_out(uow.session, p, False) for p in page.items], next_cursor=page.next_cursor
    )


@router.get(
    "/projects/{project_id}",
    response_model=ProjectOut,
    tags=["projects"],
    summary="One project with its transitions",
    responses=errors(e404="project-not-found"),
)
async def get_project(project_id: str, uow: UoW, principal: Reader, request: Request) -> Any:
    return await project_out(uow.session, await svc.project_for(ctx_of(uow, principal, request), project_id))


@router.post(
    "/projects/{project_id}/transitions",
    response_model=ProjectOut,
    tags=["projects"],
    summary="Validate, register, suspend, terminate or reject a project (administrators)",
    description="Recorded with who and when. `effective_date` backdates the transition (historical "
    "seeding of the white paper's figures); events carry the real time.",
    responses=errors(e404="project-not-found", e409="invalid-transition", e422="reason-required"),
)
async def transition(
    project_id: str, body: TransitionIn, uow: UoW, principal: Admin, request: Request
) -> Any:
    p = await svc.transition_project(
        ctx_of(uow, principal, request), project_id, body.to, body.reason, body.effective_date
    )
    return await uow.respond(await project_out(uow.session, p), 200)


@router.post(
    "/projects/{project_id}/certifications",
    status_code=201,
    response_model=CertificationOut,
    tags=["certifications"],
    summary="Record a verified monitoring report and its certified quantity",
    responses=errors(
        e404="project-not-found",
        e409="project-not-registered, certification-period-overlap",
        e422="invalid-quantity, invalid-period",
    ),
)
async def certify(
    project_id: str, body: CertificationIn, uow: UoW, principal: Admin, request: Request
) -> Any:
    c = await svc.certify(ctx_of(uow, principal, request), project_id, body)
    return await uow.respond(CertificationOut.model_validate(c, from_attributes=True), 201)


@router.get(
    "/projects/{project_id}/certifications",
    response_model=list[CertificationOut],
    tags=["certifications"],
    summary="Certifications of a project",
    responses=errors(e404="project-not-found"),
)
async def certifications(project_id: str, uow: UoW, principal: Reader, request: Request) -> Any:
    p = await svc.project_for(ctx_of(uow, principal, request), project_id)
    rows = (
        (
            await uow.session.execute(
                select(Certification)
                .where(Certification.project_id == p.id)
                .order_by(Certification.period_start)
            )
        )
        .scalars()
        .all()
    )
    return [CertificationOut.model_validate(c, from_attributes=True) for c in rows]


# ------------------------------------------------------------ four-eyes transactions
async def tx_out(session: Any, tx: Transaction, buffer_tx: Transaction | None = None) -> TransactionOut:
    out = TransactionOut.model_validate(tx, from_attributes=True)
    out.blocks = [BlockOut(**v) for v in await svc.moved_views(session, tx.id)]
    out.buffer_transaction_id = buffer_tx.id if buffer_tx else None
    return out


@router.post(
    "/certifications/{certification_id}/issuances",
    status_code=201,
    response_model=TransactionOut,
    tags=["transactions"],
    summary="Propose an issuance (four eyes: another administrator approves)",
    responses=errors(
        e404="certification-not-found, account-not-found",
        e409="certification-already-issued, issuance-exceeds-certified, account-not-open",
        e422="invalid-quantity",
    ),
)
async def propose_issuance(
    certification_id: str, body: IssuanceProposalIn, uow: UoW, principal: Admin, request: Request
) -> Any:
    tx = await svc.propose_issuance(ctx_of(uow, principal, request), certification_id, body)
    return await uow.respond(await tx_out(uow.session, tx), 201)


@router.post(
    "/cancellations",
    status_code=201,
    response_model=TransactionOut,
    tags=["transactions"],
    summary="Propose a cancellation (取消) with a mandatory reason (four eyes)",
    responses=errors(
        e404="account-not-found",
        e409="insufficient-balance, units-retired",
        e422="invalid-quantity, overlapping-serials",
    ),
)
async def propose_cancellation(body: CancellationIn, uow: UoW, principal: Admin, request: Request) -> Any:
    tx = await svc.propose_cancellation(ctx_of(uow, principal, request), body)
    return await uow.respond(await tx_out(uow.session, tx), 201)


@router.post(
    "/buffer-reversals",
    status_code=201,
    response_model=TransactionOut,
    tags=["transactions"],
    summary="Propose a buffer reversal for lost removals, with a mandatory reason (four eyes)",
    responses=errors(e404="project-not-found", e409="insufficient-balance", e422="invalid-quantity"),
)
async def propose_buffer_reversal(
    body: BufferReversalIn, uow: UoW, principal: Admin, request: Request
) -> Any:
    tx = await svc.propose_buffer_reversal(ctx_of(uow, principal, request), body)
    return await uow.respond(await tx_out(uow.session, tx), 201)


@router.post(
    "/transactions/{transaction_id}/approve",
    response_model=TransactionOut,
    tags=["transactions"],
    summary="Approve a proposed issuance, cancellation or buffer reversal (not its proposer)",
    description="Runs every check again under locks and completes the transaction "
    "(proposed → checked → completed). `effective_date` backdates it for historical seeding.",
    responses=errors(
        e403="four-eyes, insufficient-scope",
        e404="transaction-not-found",
        e409="transaction-not-pending, certification-already-issued, "
        "issuance-exceeds-certified, insufficient-balance, blocks-not-held, "
        "units-retired, account-not-open, overlapping-serials, project-not-registered",
    ),
)
async def approve(transaction_id: str, body: ApproveIn, uow: UoW, principal: Admin, request: Request) -> Any:
    tx, _, buffer_tx = await svc.approve(ctx_of(uow, principal, request), transaction_id, body.effective_date)
    return await uow.respond(await tx_out(uow.session, tx, buffer_tx), 200)


@router.post(
    "/transactions/{transaction_id}/reject",
    response_model=TransactionOut,
    tags=["transactions"],
    summary="Reject a proposal (another administrator) or withdraw it (its proposer: cancelled)",
    responses=errors(e404="transaction-not-found", e409="transaction-not-pending"),
)
async def reject(transaction_id: str, body: RejectIn, uow: UoW, principal: Admin, request: Request) -> Any:
    tx = await svc.decide_against(ctx_of(uow, principal, request), transaction_id, body.reason)
    return await uow.respond(await tx_out(uow.session, tx), 200)


@router.get(
    "/transactions",
    response_model=Page[TransactionOut],
    tags=["transactions"],
    summary="Transactions (administrators; e.g. ?status=proposed is the approval queue)",
    responses=errors(),
)
async def list_transactions(
    uow: UoW,
    principal: Admin,
    paging: Paging,
    status: str | None = Query(default=None, max_length=20),
    kind: str | None = Query(default=None, max_length=30),
) -> Any:
    stmt = select(Transaction)
    if status:
        stmt = stmt.where(Transaction.status == status)
    if kind:
        stmt = stmt.where(Transaction.kind == kind)
    rows = await repo.page(uow.session, stmt, Transaction.created_at, Transaction.id, paging)
    page = build_page(rows, paging.limit, _ts_key("created_at"))
    return Page[TransactionOut](
        items=[await tx_out(uow.session, t) for t in page.items], next_cursor=page.next_cursor
    )


@router.get(
    "/transactions/{transaction_id}",
    response_model=TransactionOut,
    tags=["transactions"],
    summary="One transaction and the blocks it moved",
    responses=errors(e404="transaction-not-found"),
)
async def get_transaction(transaction_id: str, uow: UoW, principal: Reader, request: Request) -> Any:
    return await tx_out(
        uow.session, await svc.transaction_for(ctx_of(uow, principal, request), transaction_id)
    )


# ------------------------------------------------------------ holder moves
@router.post(
    "/transfers",
    status_code=201,
    response_model=TransactionOut,
    tags=["transactions"],
    summary="Transfer credits between holding accounts",
    description="By `quantity` (the registry picks serials: oldest vintage first, then lowest serial; a "
    "block split keeps the low range with the sender) or by explicit `ranges`.",
    responses=errors(
        e404="account-not-found",
        e409="account-not-open, insufficient-balance, blocks-not-held, units-retired",
        e422="invalid-quantity, overlapping-serials, same-account",
    ),
)
async def transfer(body: TransferIn, uow: UoW, principal: Writer, request: Request) -> Any:
    tx, _ = await svc.transfer(ctx_of(uow, principal, request), body)
    return await uow.respond(await tx_out(uow.session, tx), 201)


def retirement_out(request: Request, tx: Transaction, views: list[dict[str, Any]]) -> RetirementOut:
    base = str(request.base_url).rstrip("/")
    assert tx.completed_at is not None
    return RetirementOut(
        id=tx.id,
        status=tx.status,
        quantity=tx.quantity,
        account_id=tx.from_account_id or "",
        holder_org=tx.from_org or "",
        use=tx.use or "",
        purpose=tx.purpose or "",
        beneficiary=tx.beneficiary or "",
        beneficiary_org=tx.beneficiary_org,  # trust hook
        footprint_id=tx.footprint_id,
        session_id=tx.session_id,
        application_id=tx.application_id,
        retired_at=tx.completed_at,
        retired_on=tx.effective_on,
        blocks=[BlockOut(**v) for v in views],
        url=f"{base}/v1/public/retirements/{tx.id}",
        notice_url=f"{base}/v1/public/retirements/{tx.id}/notice",
    )


@router.post(
    "/retirements",
    status_code=201,
    response_model=RetirementOut,
    tags=["transactions"],
    summary="Retire (無効化) credits for an offset, naming use, purpose and beneficiary",
    description="Immutable once submitted. Offset providers retire on behalf of customers: the "
    "beneficiary need not be the holder. By quantity (oldest vintage first, then lowest "
    "serial) or explicit ranges.",
    responses=errors(
        e404="account-not-found",
        e409="account-not-open, insufficient-balance, blocks-not-held, units-retired",
        e403="insufficient-scope, beneficiary-org-not-allowed",
        e422="invalid-quantity, overlapping-serials",
    ),
)
async def retire(body: RetirementIn, uow: UoW, principal: Writer, request: Request) -> Any:
    tx, views = await svc.retire(ctx_of(uow, principal, request), body)
    return await uow.respond(retirement_out(request, tx, views), 201)


# ------------------------------------------------------------ accounts
@router.post(
    "/accounts",
    status_code=201,
    response_model=AccountOut,
    tags=["accounts"],
    summary="Open a holding account for the caller's organisation",
    responses=errors(),
)
async def open_account(body: AccountIn, uow: UoW, principal: Writer, request: Request) -> Any:
    acc = await svc.open_account(ctx_of(uow, principal, request), body.name)
    return await uow.respond(AccountOut.model_validate(acc, from_attributes=True), 201)


@router.get(
    "/accounts",
    response_model=Page[AccountOut],
    tags=["accounts"],
    summary="Accounts of the caller's organisation (administrators: all, incl. system accounts)",
    responses=errors(),
)
async def list_accounts(uow: UoW, principal: Reader, paging: Paging, request: Request) -> Any:
    stmt = select(Account)
    if not ctx_of(uow, principal, request).is_admin:
        stmt = stmt.where(Account.org == principal.org)
    rows = await repo.page(uow.session, stmt, Account.created_at, Account.id, paging)
    page = build_page(rows, paging.limit, _ts_key("created_at"))
    return Page[AccountOut](
        items=[AccountOut.model_validate(a, from_attributes=True) for a in page.items],
        next_cursor=page.next_cursor,
    )


@router.get(
    "/accounts/{account_id}",
    response_model=AccountOut,
    tags=["accounts"],
    summary="One account",
    responses=errors(e404="account-not-found"),
)
async def get_account(account_id: str, uow: UoW, principal: Reader, request: Request) -> Any:
    acc = await svc.account_for(ctx_of(uow, principal, request), account_id)
    return AccountOut.model_validate(acc, from_attributes=True)


@router.get(
    "/accounts/{account_id}/balance",
    response_model=BalanceOut,
    tags=["accounts"],
    summary="Balance and blocks held (owners and administrators only)",
    responses=errors(e404="account-not-found"),
)
async def get_balance(account_id: str, uow: UoW, principal: Reader, request: Request) -> Any:
    acc = await svc.account_for(ctx_of(uow, principal, request), account_id)
    blocks = await repo.blocks_of(uow.session, acc.id)
    return BalanceOut(
        account_id=acc.id,
        total=sum(b.quantity for b in blocks),
        blocks=[BlockOut(**svc.block_view(b, b.start, b.end)) for b in blocks],
    )


@router.get(
    "/accounts/{account_id}/transactions",
    response_model=Page[TransactionOut],
    tags=["accounts"],
    summary="Transactions into or out of an account",
    responses=errors(e404="account-not-found"),
)
async def account_transactions(
    account_id: str, uow: UoW, principal: Reader, paging: Paging, request: Request
) -> Any:
    acc = await svc.account_for(ctx_of(uow, principal, request), account_id)
    stmt = select(Transaction).where(
        or_(Transaction.from_account_id == acc.id, Transaction.to_account_id == acc.id)
    )
    rows = await repo.page(uow.session, stmt, Transaction.created_at, Transaction.id, paging)
    page = build_page(rows, paging.limit, _ts_key("created_at"))
    return Page[TransactionOut](
        items=[await tx_out(uow.session, t) for t in page.items], next_cursor=page.next_cursor
    )


@router.post(
    "/accounts/{account_id}/{action}",
    response_model=AccountOut,
    tags=["accounts"],
    summary="Suspend or reopen (administrators) or close (owner; empty accounts only) an account",
    responses=errors(
        e404="account-not-found", e409="invalid-account-status, account-not-empty, system-account"
    ),
)
async def account_action(
    account_id: str,
    action: Literal["suspend", "reopen", "close"],
    uow: UoW,
    principal: Writer,
    request: Request,
) -> Any:
    acc = await svc.set_account_status(ctx_of(uow, principal, request), account_id, action)
    return await uow.respond(AccountOut.model_validate(acc, from_attributes=True), 200)


# ------------------------------------------------------------ prices
@router.post(
    "/prices",
    status_code=201,
    response_model=PriceOut,
    tags=["prices"],
    summary="Post an indicative bid/offer (yen per t-CO2) for a credit type",
    responses=errors(e422="invalid-price"),
)
async def post_price(body: PriceIn, uow: UoW, principal: Writer, request: Request) -> Any:
    p = await svc.post_price(ctx_of(uow, principal, request), body)
    return await uow.respond(PriceOut.model_validate(p, from_attributes=True), 201)
