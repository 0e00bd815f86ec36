"""Business rules of the registry: the checks of domain.md §1, applied inside one transaction.

Nothing here commits: a rule that says no raises a :class:`DomainError` with its own
problem type, and the request's unit of work rolls everything back, so a refused
transaction changes nothing. Movements lock the sending account row and then its
blocks (always in that order, so two movers never deadlock) before checking balances.
"""

from __future__ import annotations

import itertools
import json
import math
import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncSession

from sosai_registry import metrics
from sosai_registry import repository as repo
from sosai_registry.audit_log import append as audit_log  # trust hook
from sosai_registry.claims.rules import check_beneficiary_org  # trust hook
from sosai_registry.models import (
    BUFFER_ACCOUNT,
    CANCELLATION_ACCOUNT,
    ISSUANCE_ACCOUNT,
    RETIREMENT_ACCOUNT,
    Account,
    Block,
    Certification,
    Issuance,
    Methodology,
    PriceIndication,
    Project,
    ProjectTransition,
    ProviderOrg,
    Transaction,
    TransactionBlock,
)
from sosai_registry.serials import Serial, carve, fiscal_year, format_serial, split_low, today_jst
from sosai_shared.auth import Principal
from sosai_shared.contracts import (
    BufferReversedV1,
    CreditsCancelledV1,
    CreditsCertifiedV1,
    CreditsIssuedV1,
    CreditsRetiredV1,
    CreditsTransferredV1,
    ProjectRegisteredV1,
    SerialBlockV1,
)
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict, DomainError, Forbidden, NotFound, Unprocessable
from sosai_shared.events.outbox import record

ADMIN = "registry:admin"
FOREST = "forest_absorption"
FOUR_EYES_KINDS = {"issuance", "cancellation", "buffer_reversal"}
UNMOVABLE = {RETIREMENT_ACCOUNT: "retired", CANCELLATION_ACCOUNT: "cancelled"}

PROJECT_TRANSITIONS = {
    "applied": {"validated", "rejected"},
    "validated": {"registered", "rejected"},
    "registered": {"suspended", "terminated"},
    "suspended": {"registered", "terminated"},
    "rejected": set(),
    "terminated": set(),
}


class Ctx:
    """What a rule needs besides the session: the caller, the event source, the settings."""

    def __init__(
        self,
        session: AsyncSession,
        principal: Principal | None,
        source: str,
        buffer_share: Decimal = Decimal("0.10"),
    ) -> None:
        self.session, self.principal, self.source, self.buffer_share = (
            session,
            principal,
            source,
            buffer_share,
        )

    @property
    def is_admin(self) -> bool:
        return self.principal is not None and self.principal.has(ADMIN)

    @property
    def org(self) -> str:
        assert self.principal is not None
        return self.principal.org

    @property
    def sub(self) -> str:
        assert self.principal is not None
        return self.principal.sub


def after_commit(session: AsyncSession, fn: Callable[[], None]) -> None:
    """Run ``fn`` only if this transaction commits (metrics must not count rolled-back work)."""
    sa_event.listen(session.sync_session, "after_commit", lambda _s: fn(), once=True)


def _count_tx(
    session: AsyncSession, kind: str, status: str, tonnes: Callable[[], None] | None = None
) -> None:
    def bump() -> None:
        metrics.TRANSACTIONS.labels(kind, status).inc()
        if tonnes is not None:
            tonnes()

    after_commit(session, bump)


# ---------------------------------------------------------------- blocks & serials
def serial_of(b: Block | Issuance, start: int | None = None, end: int | None = None) -> str:
    s = start if start is not None else (b.start if isinstance(b, Block) else b.serial_start)
    e = end if end is not None else (b.end if isinstance(b, Block) else b.serial_end)
    return format_serial(Serial(b.scheme, b.credit_type, b.programme, b.project_code, b.vintage, s, e))


def block_view(b: Block | Issuance, start: int, end: int) -> dict[str, Any]:
    return {
        "serial": serial_of(b, start, end),
        "start": start,
        "end": end,
        "quantity": end - start + 1,
        "project_id": b.project_id,
        "project_code": b.project_code,
        "vintage": b.vintage,
        "credit_type": b.credit_type,
        "scheme": b.scheme,
        "programme": b.programme,
        "validity_end": b.validity_end,
    }


def event_block(view: dict[str, Any]) -> SerialBlockV1:
    return SerialBlockV1(
        **{
            k: view[k]
            for k in (
                "serial",
                "start",
                "end",
                "quantity",
                "project_id",
                "vintage",
                "credit_type",
                "scheme",
                "programme",
            )
        }
    )


async def _move_piece(
    ctx: Ctx, tx: Transaction, block: Block, a: int, b: int, to_account: str
) -> dict[str, Any]:
    """Move ``[a, b]`` (inside ``block``) to ``to_account``; the sender keeps what remains, lowest first."""
    s = ctx.session
    now = utcnow()
    split_from = (block.start, block.end)
    from_account = block.account_id
    if a == block.start and b == block.end:
        block.account_id = to_account
        split = None
    else:
        rest, _ = carve(block.start, block.end, a, b)
        block.start, block.end = rest[0]
        for r_start, r_end in rest[1:]:
            s.add(_clone(block, block.account_id, r_start, r_end))
        s.add(_clone(block, to_account, a, b))
        split = split_from
    s.add(
        TransactionBlock(
            transaction_id=tx.id,
            issuance_id=block.issuance_id,
            from_account_id=from_account,
            to_account_id=to_account,
            start=a,
            end=b,
            split_from_start=split[0] if split else None,
            split_from_end=split[1] if split else None,
            at=now,
        )
    )
    return block_view(block, a, b)


def _clone(b: Block, account_id: str, start: int, end: int) -> Block:
    return Block(
        account_id=account_id,
        issuance_id=b.issuance_id,
        project_id=b.project_id,
        start=start,
        end=end,
        vintage=b.vintage,
        scheme=b.scheme,
        credit_type=b.credit_type,
        programme=b.programme,
        project_code=b.project_code,
        validity_end=b.validity_end,
    )


def _check_quantity(quantity: int | None, ranges: list[tuple[int, int]] | None) -> None:
    if (quantity is None) == (ranges is None):
        raise Unprocessable(
            "Give either a quantity or explicit serial ranges, not both.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
    if quantity is not None and (not isinstance(quantity, int) or quantity < 1):
        raise Unprocessable(
            "The quantity must be a positive whole number of tonnes.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
    if ranges is not None:
        if not ranges:
            raise Unprocessable(
                "At least one serial range is needed.", type="invalid-quantity", title="Invalid quantity"
            )
        ordered = sorted(ranges)
        for a, b in ordered:
            if b < a:
                raise Unprocessable(
                    f"Range {a}-{b} ends before it starts.", type="invalid-quantity", title="Invalid quantity"
                )
        for (_, e1), (s2, _) in itertools.pairwise(ordered):
            if s2 <= e1:
                raise Unprocessable(
                    "The requested serial ranges overlap each other.",
                    type="overlapping-serials",
                    title="Overlapping serials",
                )


async def move(
    ctx: Ctx,
    tx: Transaction,
    from_account: str,
    to_account: str,
    *,
    quantity: int | None = None,
    ranges: list[tuple[int, int]] | None = None,
    project_id: str | None = None,
) -> list[dict[str, Any]]:
    """Move a quantity (oldest vintage first, then lowest serial) or explicit ranges; returns moved ranges."""
    _check_quantity(quantity, ranges)
    blocks = await repo.blocks_of(ctx.session, from_account, project_id=project_id, lock=True)
    moved: list[dict[str, Any]] = []
    if quantity is not None:
        available = sum(b.quantity for b in blocks)
        if quantity > available:
            raise Conflict(
                f"The account holds {available} t available; {quantity} t requested.",
                type="insufficient-balance",
                title="Insufficient balance",
                available=available,
            )
        remaining = quantity
        for b in blocks:
            if remaining == 0:
                break
            if b.quantity <= remaining:
                remaining -= b.quantity
                moved.append(await _move_piece(ctx, tx, b, b.start, b.end, to_account))
            else:
                _, (hi_start, hi_end) = split_low(b.start, b.end, b.quantity - remaining)
                moved.append(await _move_piece(ctx, tx, b, hi_start, hi_end, to_account))
                remaining = 0
    else:
        assert ranges is not None
        for a, z in sorted(ranges):
            overlapping = [b for b in blocks if b.start <= z and b.end >= a]
            covered = sum(min(b.end, z) - max(b.start, a) + 1 for b in overlapping)
            if covered != z - a + 1:
                await _not_held(ctx, a, z)
            for b in overlapping:
                moved.append(await _move_piece(ctx, tx, b, max(b.start, a), min(b.end, z), to_account))
    await ctx.session.flush()
    return moved


async def _not_held(ctx: Ctx, a: int, z: int) -> None:
    for b in await repo.blocks_overlapping(ctx.session, a, z):
        if b.account_id in UNMOVABLE:
            raise Conflict(
                f"Serials in {a}-{z} are {UNMOVABLE[b.account_id]} and can never move again.",
                type="units-retired",
                title="Units retired or cancelled",
            )
    raise Conflict(
        f"Serials {a}-{z} are not all held by the sending account.",
        type="blocks-not-held",
        title="Blocks not held",
    )


def _ranges(body_ranges: Any) -> list[tuple[int, int]] | None:
    if body_ranges is None:
        return None
    return [(r.start, r.end) for r in body_ranges]


# ---------------------------------------------------------------- accounts
async def account_for(ctx: Ctx, account_id: str, *, lock: bool = False, own: bool = True) -> Account:
    """The account if it exists and (unless admin) belongs to the caller; otherwise 404 account-not-found."""
    acc = await repo.get(ctx.session, Account, account_id, lock=lock)
    if acc is None or (own and not ctx.is_admin and acc.org != ctx.org):
        raise NotFound(f"No account {account_id}.", type="account-not-found", title="Account not found")
    return acc


def _require_open(acc: Account) -> None:
    if acc.status != "open":
        raise Conflict(
            f"Account {acc.id} is {acc.status}.", type="account-not-open", title="Account not open"
        )


async def open_account(ctx: Ctx, name: str) -> Account:
    acc = Account(
        id=str(uuid.uuid4()),
        org=ctx.org,
        name=name,
        kind="holding",
        status="open",
        anshin_provider=await repo.is_provider_org(ctx.session, ctx.org),
        created_at=utcnow(),
    )
    ctx.session.add(acc)
    await ctx.session.flush()
    return acc


async def set_account_status(ctx: Ctx, account_id: str, action: str) -> Account:
    acc = await account_for(ctx, account_id, lock=True)
    if acc.kind != "holding":
        raise Conflict("System accounts cannot change status.", type="system-account", title="System account")
    if action in {"suspend", "reopen"} and not ctx.is_admin:
        raise Forbidden("Only administrators suspend or reopen accounts.", type="insufficient-scope")
    target = {"suspend": "suspended", "reopen": "open", "close": "closed"}[action]
    allowed = {"suspend": {"open"}, "reopen": {"suspended"}, "close": {"open", "suspended"}}[action]
    if acc.status not in allowed:
        raise Conflict(
            f"Account {acc.id} is {acc.status}; cannot {action}.",
            type="invalid-account-status",
            title="Invalid account status",
        )
    if action == "close" and await repo.balance(ctx.session, acc.id) > 0:
        raise Conflict(
            "Only an empty account can be closed; transfer or retire its credits first.",
            type="account-not-empty",
            title="Account not empty",
        )
    acc.status = target
    await ctx.session.flush()
    return acc


async def register_provider(session: AsyncSession, org: str, provider_id: str, name: str) -> None:
    """Remember the org as an Anshin provider and mark its accounts (now and those opened later)."""
    if await session.get(ProviderOrg, org) is None:
        session.add(ProviderOrg(org=org, provider_id=provider_id, name=name, registered_at=utcnow()))
        await session.flush()
    await repo.mark_provider_accounts(session, org)


# ---------------------------------------------------------------- methodologies & projects
async def create_methodology(ctx: Ctx, body: Any) -> Methodology:
    if await repo.methodology_by_code(ctx.session, body.code) is not None:
        raise Conflict(
            f"Methodology {body.code} exists.", type="methodology-exists", title="Methodology exists"
        )
    m = Methodology(
        id=str(uuid.uuid4()),
        code=body.code,
        name=body.name,
        category=body.category,
        credit_type=body.credit_type or ("FM" if body.category == FOREST else "ER"),
        version=body.version,
        status="active",
        created_at=utcnow(),
    )
    ctx.session.add(m)
    await ctx.session.flush()
    return m


async def methodology(ctx: Ctx, methodology_id: str) -> Methodology:
    m = await repo.get(ctx.session, Methodology, methodology_id)
    if m is None:
        raise NotFound(f"No methodology {methodology_id}.", type="methodology-not-found")
    return m


async def apply_project(ctx: Ctx, body: Any) -> Project:
    m = await repo.methodology_by_code(ctx.session, body.methodology_code)
    if m is None:
        raise NotFound(
            f"No methodology {body.methodology_code}.",
            type="methodology-not-found",
            title="Methodology not found",
        )
    if m.status != "active":
        raise Conflict(
            f"Methodology {m.code} is {m.status}.",
            type="methodology-withdrawn",
            title="Methodology withdrawn",
        )
    if body.crediting_end < body.crediting_start:
        raise Unprocessable("The crediting period ends before it starts.", type="invalid-period")
    seq = await repo.next_counter(ctx.session, "project", 1)
    now = utcnow()
    p = Project(
        id=str(uuid.uuid4()),
        code=f"P{seq:04d}",
        name=body.name,
        proponent_org=ctx.org,
        methodology_id=m.id,
        prefecture=body.prefecture,
        programme=body.programme,
        crediting_start=body.crediting_start,
        crediting_end=body.crediting_end,
        status="applied",
        applied_at=now,
    )
    ctx.session.add(p)
    ctx.session.add(
        ProjectTransition(
            project_id=p.id,
            from_status=None,
            to_status="applied",
            actor_sub=ctx.sub,
            actor_org=ctx.org,
            effective_on=today_jst(),
            at=now,
        )
    )
    await ctx.session.flush()
    return p


async def project_for(ctx: Ctx, project_id: str, *, lock: bool = False) -> Project:
    p = await repo.get(ctx.session, Project, project_id, lock=lock)
    if p is None or (not ctx.is_admin and p.proponent_org != ctx.org):
        raise NotFound(f"No project {project_id}.", type="project-not-found", title="Project not found")
    return p


async def transition_project(
    ctx: Ctx, project_id: str, to: str, reason: str | None, effective: date | None
) -> Project:
    p = await project_for(ctx, project_id, lock=True)
    if to not in PROJECT_TRANSITIONS[p.status]:
        raise Conflict(
            f"A project that is {p.status} cannot become {to}.",
            type="invalid-transition",
            title="Invalid transition",
            allowed=sorted(PROJECT_TRANSITIONS[p.status]),
        )
    if to in {"rejected", "suspended", "terminated"} and not reason:
        raise Unprocessable(f"A reason is required to make a project {to}.", type="reason-required")
    on = effective or today_jst()
    now = utcnow()
    ctx.session.add(
        ProjectTransition(
            project_id=p.id,
            from_status=p.status,
            to_status=to,
            actor_sub=ctx.sub,
            actor_org=ctx.org,
            reason=reason,
            effective_on=on,
            at=now,
        )
    )
    first_registration = to == "registered" and p.registered_on is None
    p.status = to
    if first_registration:
        p.registered_on = on
        m = await methodology(ctx, p.methodology_id)
        await record(
            ctx.session,
            ProjectRegisteredV1(
                project_id=p.id,
                project_code=p.code,
                name=p.name,
                proponent_org=p.proponent_org,
                methodology_code=m.code,
                category=m.category,
                prefecture=p.prefecture,
                programme=p.programme,
                registered_at=now,
            ),
            source=ctx.source,
        )
    await ctx.session.flush()
    return p


async def certify(ctx: Ctx, project_id: str, body: Any) -> Certification:
    p = await project_for(ctx, project_id, lock=True)
    if p.status != "registered":
        raise Conflict(
            f"Project {p.code} is {p.status}; only registered projects are certified.",
            type="project-not-registered",
            title="Project not registered",
        )
    if not isinstance(body.quantity, int) or body.quantity < 1:
        raise Unprocessable(
            "The certified quantity must be a positive whole number of tonnes.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
    if body.period_end < body.period_start:
        raise Unprocessable("The monitoring period ends before it starts.", type="invalid-period")
    if await repo.overlapping_certification(ctx.session, p.id, body.period_start, body.period_end):
        raise Conflict(
            "A certification of this project already covers part of this period.",
            type="certification-period-overlap",
            title="Period already certified",
        )
    now = utcnow()
    c = Certification(
        id=str(uuid.uuid4()),
        project_id=p.id,
        period_start=body.period_start,
        period_end=body.period_end,
        vintage=fiscal_year(body.period_end),
        monitoring_report=body.monitoring_report,
        verifier=body.verifier,
        quantity=body.quantity,
        issued_quantity=0,
        certified_on=body.effective_date or today_jst(),
        certified_by=ctx.sub,
        created_at=now,
    )
    ctx.session.add(c)
    await ctx.session.flush()
    await record(
        ctx.session,
        CreditsCertifiedV1(
            certification_id=c.id,
            project_id=p.id,
            quantity=c.quantity,
            period_start=c.period_start,
            period_end=c.period_end,
            vintage=c.vintage,
            certified_at=now,
        ),
        source=ctx.source,
    )
    return c


async def certification_for(ctx: Ctx, certification_id: str, *, lock: bool = False) -> Certification:
    c = await repo.get(ctx.session, Certification, certification_id, lock=lock)
    if c is None:
        raise NotFound(f"No certification {certification_id}.", type="certification-not-found")
    if not ctx.is_admin:
        await project_for(ctx, c.project_id)
    return c


# ---------------------------------------------------------------- transactions
def _new_tx(ctx: Ctx, kind: str, quantity: int, **fields: Any) -> Transaction:
    return Transaction(
        id=str(uuid.uuid4()),
        kind=kind,
        status="proposed",
        quantity=quantity,
        proposer_sub=ctx.sub,
        proposer_org=ctx.org,
        effective_on=today_jst(),
        created_at=utcnow(),
        **fields,
    )


def _complete(ctx: Ctx, tx: Transaction, effective: date | None = None) -> None:
    now = utcnow()
    tx.status, tx.checked_at, tx.completed_at = "completed", now, now
    if effective is not None:
        tx.effective_on = effective
    audit_log.completed(ctx.session, tx)  # trust hook: chained into the log when this transaction commits


async def _issuance_checks(ctx: Ctx, cert: Certification, quantity: int) -> None:
    if not isinstance(quantity, int) or quantity < 1:
        raise Unprocessable(
            "The quantity must be a positive whole number of tonnes.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
    if cert.issued_quantity > 0 or await repo.issuance_for_certification(ctx.session, cert.id) is not None:
        raise Conflict(
            "This certification has already been issued; it is issued at most once.",
            type="certification-already-issued",
            title="Certification already issued",
        )
    if quantity > cert.quantity - cert.issued_quantity:
        raise Conflict(
            f"{quantity} t exceeds the {cert.quantity - cert.issued_quantity} t certified and not issued.",
            type="issuance-exceeds-certified",
            title="Issuance exceeds certified quantity",
        )


async def propose_issuance(ctx: Ctx, certification_id: str, body: Any) -> Transaction:
    cert = await certification_for(ctx, certification_id)
    await _issuance_checks(ctx, cert, body.quantity)
    acc = await account_for(ctx, body.account_id, own=False)
    if acc.kind != "holding":
        raise NotFound(f"No holding account {acc.id}.", type="account-not-found", title="Account not found")
    _require_open(acc)
    tx = _new_tx(
        ctx,
        "issuance",
        body.quantity,
        to_account_id=acc.id,
        to_org=acc.org,
        certification_id=cert.id,
        project_id=cert.project_id,
        validity_end=body.validity_end,
    )
    ctx.session.add(tx)
    await ctx.session.flush()
    _count_tx(ctx.session, "issuance", "proposed")
    return tx


async def propose_cancellation(ctx: Ctx, body: Any) -> Transaction:
    ranges = _ranges(body.ranges)
    _check_quantity(body.quantity, ranges)
    if body.account_id in UNMOVABLE:
        raise Conflict(
            f"Units in {body.account_id} are {UNMOVABLE[body.account_id]} and never move again.",
            type="units-retired",
            title="Units retired or cancelled",
        )
    acc = await account_for(ctx, body.account_id, own=False)
    qty = body.quantity if body.quantity is not None else sum(b - a + 1 for a, b in ranges or [])
    held = await repo.balance(ctx.session, acc.id)
    if qty > held:
        raise Conflict(
            f"The account holds {held} t; {qty} t requested.",
            type="insufficient-balance",
            title="Insufficient balance",
            available=held,
        )
    tx = _new_tx(
        ctx,
        "cancellation",
        qty,
        from_account_id=acc.id,
        from_org=acc.org,
        to_account_id=CANCELLATION_ACCOUNT,
        reason=body.reason,
        requested_ranges=json.dumps(ranges) if ranges is not None else None,
    )
    ctx.session.add(tx)
    await ctx.session.flush()
    _count_tx(ctx.session, "cancellation", "proposed")
    return tx


async def propose_buffer_reversal(ctx: Ctx, body: Any) -> Transaction:
    if not isinstance(body.quantity, int) or body.quantity < 1:
        raise Unprocessable(
            "The quantity must be a positive whole number of tonnes.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
    p = await project_for(ctx, body.project_id)
    held = sum(b.quantity for b in await repo.blocks_of(ctx.session, BUFFER_ACCOUNT, project_id=p.id))
    if body.quantity > held:
        raise Conflict(
            f"The buffer holds {held} t of project {p.code}.",
            type="insufficient-balance",
            title="Insufficient balance",
            available=held,
        )
    tx = _new_tx(
        ctx,
        "buffer_reversal",
        body.quantity,
        from_account_id=BUFFER_ACCOUNT,
        from_org="registry",
        to_account_id=RETIREMENT_ACCOUNT,
        project_id=p.id,
        reason=body.reason,
    )
    ctx.session.add(tx)
    await ctx.session.flush()
    _count_tx(ctx.session, "buffer_reversal", "proposed")
    return tx


async def transaction_for(ctx: Ctx, tx_id: str, *, lock: bool = False) -> Transaction:
    tx = await repo.get(ctx.session, Transaction, tx_id, lock=lock)
    if tx is None or (not ctx.is_admin and ctx.org not in {tx.from_org, tx.to_org}):
        raise NotFound(
            f"No transaction {tx_id}.", type="transaction-not-found", title="Transaction not found"
        )
    return tx


async def _pending_for_decision(ctx: Ctx, tx_id: str) -> Transaction:
    tx = await transaction_for(ctx, tx_id, lock=True)
    if tx.kind not in FOUR_EYES_KINDS:
        raise Conflict(
            "Only issuance, cancellation and buffer reversal await approval.",
            type="transaction-not-pending",
            title="Not pending",
        )
    if tx.status != "proposed":
        raise Conflict(
            f"Transaction {tx.id} is {tx.status}.", type="transaction-not-pending", title="Not pending"
        )
    return tx


async def approve(
    ctx: Ctx, tx_id: str, effective: date | None
) -> tuple[Transaction, list[dict[str, Any]], Transaction | None]:
    tx = await _pending_for_decision(ctx, tx_id)
    if tx.proposer_sub == ctx.sub:
        raise Forbidden(
            "You cannot approve a task you initiated (four eyes).", type="four-eyes", title="Four eyes"
        )
    tx.approver_sub = tx.approver_sub or ctx.sub
    if tx.kind == "issuance":
        return await _complete_issuance(ctx, tx, effective)
    if tx.kind == "cancellation":
        moved = await _complete_cancellation(ctx, tx, effective)
    else:
        moved = await _complete_buffer_reversal(ctx, tx, effective)
    return tx, moved, None


async def decide_against(ctx: Ctx, tx_id: str, reason: str) -> Transaction:
    """Another admin rejects; the proposer withdraws (cancels) their own proposal."""
    tx = await _pending_for_decision(ctx, tx_id)
    tx.status = "cancelled" if tx.proposer_sub == ctx.sub else "rejected"
    tx.approver_sub = ctx.sub
    tx.reason = f"{tx.reason}; {tx.status}: {reason}" if tx.reason else f"{tx.status}: {reason}"
    tx.completed_at = utcnow()
    await ctx.session.flush()
    _count_tx(ctx.session, tx.kind, tx.status)
    return tx


async def _complete_issuance(
    ctx: Ctx, tx: Transaction, effective: date | None
) -> tuple[Transaction, list[dict[str, Any]], Transaction | None]:
    s = ctx.session
    assert tx.certification_id and tx.to_account_id and tx.validity_end
    cert = await repo.get(s, Certification, tx.certification_id, lock=True)
    assert cert is not None
    await _issuance_checks(ctx, cert, tx.quantity)
    acc = await account_for(ctx, tx.to_account_id, own=False)
    _require_open(acc)
    project = await repo.get(s, Project, cert.project_id)
    assert project is not None
    if project.status != "registered":
        raise Conflict(
            f"Project {project.code} is {project.status}.",
            type="project-not-registered",
            title="Project not registered",
        )
    meth = await methodology(ctx, project.methodology_id)
    q = tx.quantity
    buffer_q = math.ceil(Decimal(q) * ctx.buffer_share) if meth.category == FOREST else 0
    if q - buffer_q < 1:
        raise Unprocessable(
            f"{q} t leaves nothing for the holder after the {buffer_q} t buffer share.",
            type="invalid-quantity",
            title="Invalid quantity",
        )
    start = await repo.next_counter(s, "serial", q)
    end = start + q - 1
    on = effective or today_jst()
    now = utcnow()
    iss = Issuance(
        id=str(uuid.uuid4()),
        transaction_id=tx.id,
        certification_id=cert.id,
        project_id=project.id,
        holder_account_id=acc.id,
        holder_org=acc.org,
        serial_start=start,
        serial_end=end,
        quantity=q,
        buffer_quantity=buffer_q,
        scheme="JP",
        credit_type=meth.credit_type,
        programme=project.programme,
        project_code=project.code,
        vintage=cert.vintage,
        validity_end=tx.validity_end,
        issued_on=on,
        issued_at=now,
    )
    await repo.insert_issuance(s, iss)
    cert.issued_quantity = q
    holder_end = end - buffer_q
    views = []
    holder_block = Block(
        account_id=acc.id,
        issuance_id=iss.id,
        project_id=project.id,
        start=start,
        end=holder_end,
        vintage=iss.vintage,
        scheme=iss.scheme,
        credit_type=iss.credit_type,
        programme=iss.programme,
        project_code=iss.project_code,
        validity_end=iss.validity_end,
    )
    s.add(holder_block)
    s.add(
        TransactionBlock(
            transaction_id=tx.id,
            issuance_id=iss.id,
            from_account_id=ISSUANCE_ACCOUNT,
            to_account_id=acc.id,
            start=start,
            end=holder_end,
            at=now,
        )
    )
    views.append(block_view(iss, start, holder_end))
    buffer_tx = None
    if buffer_q:
        buffer_tx = Transaction(
            id=str(uuid.uuid4()),
            kind="buffer_contribution",
            status="proposed",
            quantity=buffer_q,
            from_account_id=ISSUANCE_ACCOUNT,
            from_org="registry",
            to_account_id=BUFFER_ACCOUNT,
            to_org="registry",
            proposer_sub=tx.proposer_sub,
            proposer_org=tx.proposer_org,
            approver_sub=ctx.sub,
            certification_id=cert.id,
            project_id=project.id,
            parent_id=tx.id,
            effective_on=on,
            created_at=now,
        )
        _complete(ctx, buffer_tx)
        s.add(buffer_tx)
        await s.flush()
        s.add(
            Block(
                account_id=BUFFER_ACCOUNT,
                issuance_id=iss.id,
                project_id=project.id,
                start=holder_end + 1,
                end=end,
                vintage=iss.vintage,
                scheme=iss.scheme,
                credit_type=iss.credit_type,
                programme=iss.programme,
                project_code=iss.project_code,
                validity_end=iss.validity_end,
            )
        )
        s.add(
            TransactionBlock(
                transaction_id=buffer_tx.id,
                issuance_id=iss.id,
                from_account_id=ISSUANCE_ACCOUNT,
                to_account_id=BUFFER_ACCOUNT,
                start=holder_end + 1,
                end=end,
                at=now,
            )
        )
        views.append(block_view(iss, holder_end + 1, end))
        _count_tx(s, "buffer_contribution", "completed")
    _complete(ctx, tx, on)
    await s.flush()
    await record(
        s,
        CreditsIssuedV1(
            issuance_id=iss.id,
            certification_id=cert.id,
            project_id=project.id,
            account_id=acc.id,
            holder_org=acc.org,
            quantity=q,
            buffer_quantity=buffer_q,
            blocks=[event_block(v) for v in views],
            issued_at=now,
        ),
        source=ctx.source,
    )
    _count_tx(s, "issuance", "completed", lambda: metrics.TONNES_ISSUED.inc(q))
    return tx, views, buffer_tx


async def _complete_cancellation(ctx: Ctx, tx: Transaction, effective: date | None) -> list[dict[str, Any]]:
    assert tx.from_account_id
    acc = await account_for(ctx, tx.from_account_id, lock=True, own=False)
    ranges = [tuple(r) for r in json.loads(tx.requested_ranges)] if tx.requested_ranges else None
    moved = await move(
        ctx, tx, acc.id, CANCELLATION_ACCOUNT, quantity=None if ranges else tx.quantity, ranges=ranges
    )  # type: ignore[arg-type]
    _complete(ctx, tx, effective)
    now = utcnow()
    await record(
        ctx.session,
        CreditsCancelledV1(
            cancellation_id=tx.id,
            account_id=acc.id,
            holder_org=acc.org,
            quantity=tx.quantity,
            blocks=[event_block(v) for v in moved],
            reason=tx.reason or "",
            cancelled_at=now,
        ),
        source=ctx.source,
    )
    q = tx.quantity
    _count_tx(ctx.session, "cancellation", "completed", lambda: metrics.TONNES_CANCELLED.inc(q))
    return moved


async def _complete_buffer_reversal(
    ctx: Ctx, tx: Transaction, effective: date | None
) -> list[dict[str, Any]]:
    assert tx.project_id
    await account_for(ctx, BUFFER_ACCOUNT, lock=True, own=False)
    moved = await move(
        ctx, tx, BUFFER_ACCOUNT, RETIREMENT_ACCOUNT, quantity=tx.quantity, project_id=tx.project_id
    )
    _complete(ctx, tx, effective)
    await record(
        ctx.session,
        BufferReversedV1(
            reversal_id=tx.id,
            project_id=tx.project_id,
            quantity=tx.quantity,
            blocks=[event_block(v) for v in moved],
            reason=tx.reason or "",
            reversed_at=utcnow(),
        ),
        source=ctx.source,
    )
    q = tx.quantity
    _count_tx(ctx.session, "buffer_reversal", "completed", lambda: metrics.TONNES_RETIRED.inc(q))
    return moved


async def transfer(ctx: Ctx, body: Any) -> tuple[Transaction, list[dict[str, Any]]]:
    ranges = _ranges(body.ranges)
    _check_quantity(body.quantity, ranges)
    src = await account_for(ctx, body.from_account_id, lock=True)
    dst = await account_for(ctx, body.to_account_id, own=False)
    if src.kind != "holding" or dst.kind != "holding":
        if src.id in UNMOVABLE:
            raise Conflict(
                "Retired or cancelled units never move again.",
                type="units-retired",
                title="Units retired or cancelled",
            )
        raise NotFound(
            "Transfers go between holding accounts.", type="account-not-found", title="Account not found"
        )
    if src.id == dst.id:
        raise Unprocessable("The sending and acquiring accounts are the same.", type="same-account")
    _require_open(src)
    _require_open(dst)
    qty = body.quantity if body.quantity is not None else sum(b - a + 1 for a, b in ranges or [])
    tx = _new_tx(
        ctx, "transfer", qty, from_account_id=src.id, from_org=src.org, to_account_id=dst.id, to_org=dst.org
    )
    ctx.session.add(tx)
    await ctx.session.flush()
    moved = await move(ctx, tx, src.id, dst.id, quantity=body.quantity, ranges=ranges)
    _complete(ctx, tx)
    await ctx.session.flush()
    await record(
        ctx.session,
        CreditsTransferredV1(
            transfer_id=tx.id,
            from_account_id=src.id,
            to_account_id=dst.id,
            from_org=src.org,
            to_org=dst.org,
            quantity=qty,
            blocks=[event_block(v) for v in moved],
            transferred_at=tx.completed_at or utcnow(),
        ),
        source=ctx.source,
    )
    _count_tx(ctx.session, "transfer", "completed", lambda: metrics.TONNES_TRANSFERRED.inc(qty))
    return tx, moved


async def retire(ctx: Ctx, body: Any) -> tuple[Transaction, list[dict[str, Any]]]:
    ranges = _ranges(body.ranges)
    _check_quantity(body.quantity, ranges)
    if body.account_id in UNMOVABLE:
        raise Conflict(
            "Retired or cancelled units never move again.",
            type="units-retired",
            title="Units retired or cancelled",
        )
    src = await account_for(ctx, body.account_id, lock=True)
    if src.kind != "holding":
        raise NotFound(f"No holding account {src.id}.", type="account-not-found", title="Account not found")
    _require_open(src)
    check_beneficiary_org(src, body.beneficiary_org)  # trust hook: only providers retire for others
    qty = body.quantity if body.quantity is not None else sum(b - a + 1 for a, b in ranges or [])
    tx = _new_tx(
        ctx,
        "retirement",
        qty,
        from_account_id=src.id,
        from_org=src.org,
        to_account_id=RETIREMENT_ACCOUNT,
        to_org="registry",
        use=body.use,
        purpose=body.purpose,
        beneficiary=body.beneficiary,
        beneficiary_org=body.beneficiary_org,  # trust hook
        footprint_id=body.footprint_id,
        session_id=body.session_id,
        application_id=body.application_id,
    )
    ctx.session.add(tx)
    await ctx.session.flush()
    moved = await move(ctx, tx, src.id, RETIREMENT_ACCOUNT, quantity=body.quantity, ranges=ranges)
    _complete(ctx, tx)
    await ctx.session.flush()
    await record(
        ctx.session,
        CreditsRetiredV1(
            retirement_id=tx.id,
            account_id=src.id,
            holder_org=src.org,
            quantity=qty,
            blocks=[event_block(v) for v in moved],
            use=body.use,
            purpose=body.purpose,
            beneficiary=body.beneficiary,
            beneficiary_org=body.beneficiary_org,  # trust hook
            footprint_id=body.footprint_id,
            session_id=body.session_id,
            application_id=body.application_id,
            retired_at=tx.completed_at or utcnow(),
        ),
        source=ctx.source,
    )
    _count_tx(ctx.session, "retirement", "completed", lambda: metrics.TONNES_RETIRED.inc(qty))
    return tx, moved


async def moved_views(session: AsyncSession, tx_id: str) -> list[dict[str, Any]]:
    rows = await repo.tx_blocks(session, tx_id)
    issuances = await repo.issuances_by_id(session, {r.issuance_id for r in rows})
    return [block_view(issuances[r.issuance_id], r.start, r.end) for r in rows]


async def post_price(ctx: Ctx, body: Any) -> PriceIndication:
    if body.bid_yen is None and body.offer_yen is None:
        raise Unprocessable("Give a bid, an offer or both.", type="invalid-price")
    if body.bid_yen is not None and body.offer_yen is not None and body.bid_yen > body.offer_yen:
        raise Unprocessable("The bid is above the offer.", type="invalid-price")
    p = PriceIndication(
        org=ctx.org,
        credit_type=body.credit_type,
        bid_yen=body.bid_yen,
        offer_yen=body.offer_yen,
        posted_at=utcnow(),
    )
    ctx.session.add(p)
    await ctx.session.flush()
    return p


__all__ = ["Ctx", "DomainError"]
