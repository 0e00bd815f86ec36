"""The public ledger (no authentication): methodologies, projects, issuances, retirements with their
stable URLs and printable notices, per-serial lifecycle, price indications and statistics.

Holding-account ids and balances never appear here: balances are shown only to their owners.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape
from sqlalchemy import literal_column, select

from sosai_registry import repository as repo
from sosai_registry import service as svc
from sosai_registry.models import (
    BUFFER_ACCOUNT,
    CANCELLATION_ACCOUNT,
    RETIREMENT_ACCOUNT,
    Certification,
    Issuance,
    Methodology,
    PriceIndication,
    Project,
    Transaction,
    TransactionBlock,
)
from sosai_registry.routes import Paging, ProjectOut, errors, project_out, retirement_out
from sosai_registry.schemas import (
    FiscalYearFigures,
    IssuanceOut,
    LifecycleStep,
    MethodologyOut,
    PriceOut,
    RetirementOut,
    SerialLifecycleOut,
    StatisticsOut,
)
from sosai_registry.serials import fiscal_year, fiscal_year_bounds, parse_serial
from sosai_shared.auth import public
from sosai_shared.claims import qr_svg
from sosai_shared.errors import NotFound, Unprocessable
from sosai_shared.pagination import Page, build_page
from sosai_shared.uow import UoW

router = APIRouter(prefix="/v1", dependencies=[public], tags=["public ledger"])
PUBLIC_PROJECT_STATUSES = ("registered", "suspended", "terminated")


@router.get(
    "/public/methodologies", response_model=Page[MethodologyOut], summary="Methodologies", responses=errors()
)
async def methodologies(
    uow: UoW, paging: Paging, category: str | None = Query(default=None, max_length=30)
) -> Any:
    stmt = select(Methodology)
    if category:
        stmt = stmt.where(Methodology.category == category)
    rows = await repo.page(uow.session, stmt, Methodology.created_at, Methodology.id, paging)
    page = build_page(rows, paging.limit, lambda o: [o.created_at.isoformat(), o.id])
    return Page[MethodologyOut](
        items=[MethodologyOut.model_validate(m, from_attributes=True) for m in page.items],
        next_cursor=page.next_cursor,
    )


@router.get(
    "/public/projects",
    response_model=Page[ProjectOut],
    summary="Registered projects (public ledger)",
    responses=errors(),
)
async def projects(
    uow: UoW,
    paging: Paging,
    prefecture: str | None = Query(default=None, max_length=40),
    status: str | None = Query(default=None, max_length=20),
) -> Any:
    stmt = select(Project).where(Project.status.in_(PUBLIC_PROJECT_STATUSES))  # type: ignore[attr-defined]
    if prefecture:
        stmt = stmt.where(Project.prefecture == prefecture)
    if status:
        stmt = stmt.where(Project.status == status)
    rows = await repo.page(uow.session, stmt, Project.applied_at, Project.id, paging)
    page = build_page(rows, paging.limit, lambda o: [o.applied_at.isoformat(), o.id])
    return Page[ProjectOut](
        items=[await project_out(uow.session, p, False) for p in page.items], next_cursor=page.next_cursor
    )


@router.get(
    "/public/projects/{project_id}",
    response_model=ProjectOut,
    summary="One registered project",
    responses=errors(e404="project-not-found"),
)
async def project(project_id: str, uow: UoW) -> Any:
    p = await repo.get(uow.session, Project, project_id)
    if p is None or p.status not in PUBLIC_PROJECT_STATUSES:
        raise NotFound(f"No registered project {project_id}.", type="project-not-found")
    return await project_out(uow.session, p)


def issuance_out(i: Issuance) -> IssuanceOut:
    return IssuanceOut(
        id=i.id,
        transaction_id=i.transaction_id,
        certification_id=i.certification_id,
        project_id=i.project_id,
        project_code=i.project_code,
        holder_org=i.holder_org,
        quantity=i.quantity,
        buffer_quantity=i.buffer_quantity,
        serial=svc.serial_of(i),
        vintage=i.vintage,
        credit_type=i.credit_type,
        programme=i.programme,
        validity_end=i.validity_end,
        issued_on=i.issued_on,
    )


@router.get(
    "/public/issuances",
    response_model=Page[IssuanceOut],
    summary="Issuances (public ledger)",
    responses=errors(),
)
async def issuances(
    uow: UoW,
    paging: Paging,
    project_id: str | None = Query(default=None, max_length=36),
    fiscal_year: int | None = Query(default=None, ge=2000, le=2100),
) -> Any:
    stmt = select(Issuance)
    if project_id:
        stmt = stmt.where(Issuance.project_id == project_id)
    if fiscal_year:
        lo, hi = fiscal_year_bounds(fiscal_year)
        stmt = stmt.where(Issuance.issued_on >= lo, Issuance.issued_on <= hi)
    rows = await repo.page(uow.session, stmt, Issuance.issued_at, Issuance.id, paging)
    page = build_page(rows, paging.limit, lambda o: [o.issued_at.isoformat(), o.id])
    return Page[IssuanceOut](items=[issuance_out(i) for i in page.items], next_cursor=page.next_cursor)


@router.get(
    "/public/retirements",
    response_model=Page[RetirementOut],
    summary="Retirements, filterable by beneficiary, project and period",
    responses=errors(),
)
async def retirements(
    request: Request,
    uow: UoW,
    paging: Paging,
    beneficiary: str | None = Query(default=None, max_length=300),
    project_id: str | None = Query(default=None, max_length=36),
    from_date: date | None = None,
    to_date: date | None = None,
) -> Any:
    stmt = select(Transaction).where(Transaction.kind == "retirement", Transaction.status == "completed")
    if beneficiary:
        stmt = stmt.where(Transaction.beneficiary == beneficiary)
    if from_date:
        stmt = stmt.where(Transaction.effective_on >= from_date)
    if to_date:
        stmt = stmt.where(Transaction.effective_on <= to_date)
    if project_id:
        stmt = stmt.where(
            Transaction.id.in_(  # type: ignore[attr-defined]
                select(TransactionBlock.transaction_id)
                .join(Issuance, Issuance.id == TransactionBlock.issuance_id)
                .where(Issuance.project_id == project_id)
            )
        )
    rows = await repo.page(uow.session, stmt, Transaction.created_at, Transaction.id, paging)
    page = build_page(rows, paging.limit, lambda o: [o.created_at.isoformat(), o.id])
    items = [retirement_out(request, t, await svc.moved_views(uow.session, t.id)) for t in page.items]
    return Page[RetirementOut](items=items, next_cursor=page.next_cursor)


async def _retirement(uow: Any, retirement_id: str) -> Transaction:
    tx = await repo.get(uow.session, Transaction, retirement_id)
    if tx is None or tx.kind != "retirement" or tx.status != "completed":
        raise NotFound(
            f"No retirement {retirement_id}.", type="retirement-not-found", title="Retirement not found"
        )
    return tx


@router.get(
    "/public/retirements/{retirement_id}",
    response_model=RetirementOut,
    summary="One retirement: its stable public URL (a shareable proof of offset)",
    responses=errors(e404="retirement-not-found"),
)
async def retirement(retirement_id: str, request: Request, uow: UoW) -> Any:
    tx = await _retirement(uow, retirement_id)
    return retirement_out(request, tx, await svc.moved_views(uow.session, tx.id))


_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
NOTICE = _env.from_string("""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>無効化通知 / Retirement notice {{ r.id }}</title>
<style>body{font-family:sans-serif;max-width:48em;margin:2em auto}table{border-collapse:collapse}
td,th{border:1px solid #999;padding:.3em .6em;text-align:left}@media print{a{color:inherit}}</style></head>
<body><h1>オフセット・クレジット(J-VER) 無効化通知<br><small>Retirement notice</small></h1>
<table>
<tr><th>Retirement id</th><td>{{ r.id }}</td></tr>
<tr><th>Date (無効化日)</th><td>{{ r.retired_on }}</td></tr>
<tr><th>Quantity (t-CO2)</th><td>{{ r.quantity }}</td></tr>
<tr><th>Use (用途)</th><td>{{ r.use }}</td></tr>
<tr><th>Purpose (目的詳細)</th><td>{{ r.purpose }}</td></tr>
<tr><th>Beneficiary (クレジット利用者名)</th><td>{{ r.beneficiary }}</td></tr>
<tr><th>Account holder</th><td>{{ r.holder_org }}</td></tr>
</table>
<h2>Serial numbers</h2><ul>{% for b in r.blocks %}<li><code>{{ b.serial }}</code> ({{ b.quantity }} t)</li>
{% endfor %}</ul>
<p>Stable URL: <a href="{{ r.url }}">{{ r.url }}</a></p>
{% if qr %}<figure>{{ qr|safe }}<figcaption>Signed claim (verify it): <a href="{{ r.url }}/claim">{{ r.url }}/claim</a>
</figcaption></figure>{% endif %}</body></html>""")


@router.get(
    "/public/retirements/{retirement_id}/notice",
    response_class=HTMLResponse,
    summary="Printable retirement notice (HTML)",
    responses=errors(e404="retirement-not-found"),
)
async def retirement_notice(retirement_id: str, request: Request, uow: UoW) -> HTMLResponse:
    tx = await _retirement(uow, retirement_id)
    r = retirement_out(request, tx, await svc.moved_views(uow.session, tx.id))
    return HTMLResponse(NOTICE.render(r=r, qr=qr_svg(f"{r.url}/claim")))  # trust hook: QR to the signed claim


_KIND_OF_ACCOUNT = {
    RETIREMENT_ACCOUNT: "retirement",
    BUFFER_ACCOUNT: "buffer",
    CANCELLATION_ACCOUNT: "cancellation",
}


@router.get(
    "/public/serials/{serial}",
    response_model=SerialLifecycleOut,
    summary="Lifecycle of one serial: where it came from and where it is now",
    description="`serial` is a serial number (`1234`) or a printed range (its start is looked up).",
    responses=errors(e404="serial-not-found", e422="invalid-serial"),
)
async def serial_lifecycle(serial: str, uow: UoW) -> Any:
    try:
        number = int(serial) if serial.isdigit() else parse_serial(serial).start
    except ValueError as exc:
        raise Unprocessable(str(exc), type="invalid-serial") from exc
    iss = await repo.issuance_containing(uow.session, number)
    block = await repo.block_containing(uow.session, number)
    if iss is None or block is None:
        raise NotFound(
            f"Serial {number} was never issued.", type="serial-not-found", title="Serial not found"
        )
    where = _KIND_OF_ACCOUNT.get(block.account_id, "held")
    status = {"retirement": "retired", "cancellation": "cancelled", "buffer": "buffer"}.get(where, "held")
    history = []
    retirement_id = None
    for tb, tx in await repo.moves_of_serial(uow.session, number):
        history.append(
            LifecycleStep(
                transaction_id=tx.id,
                kind=tx.kind,
                at=tb.at,
                effective_on=tx.effective_on,
                from_kind=_kind(tb.from_account_id),
                to_kind=_kind(tb.to_account_id),
                range=svc.serial_of(iss, tb.start, tb.end),
            )
        )
        if tx.kind == "retirement":
            retirement_id = tx.id
    return SerialLifecycleOut(
        serial_number=number,
        issuance=issuance_out(iss),
        status=status,  # type: ignore[arg-type]
        current_block=svc.serial_of(block),
        retirement_id=retirement_id,
        history=history,
    )


def _kind(account_id: str) -> str:
    return _KIND_OF_ACCOUNT.get(account_id, "issuance" if account_id.startswith("SYS-") else "holding")


@router.get(
    "/public/prices/latest",
    response_model=list[PriceOut],
    summary="Latest indicative price of each provider per credit type",
    responses=errors(),
)
async def latest_prices(uow: UoW) -> Any:
    return [PriceOut.model_validate(p, from_attributes=True) for p in await repo.latest_prices(uow.session)]


@router.get(
    "/public/prices/history",
    response_model=Page[PriceOut],
    summary="Price indication history",
    responses=errors(),
)
async def price_history(
    uow: UoW, paging: Paging, credit_type: str | None = Query(default=None, max_length=4)
) -> Any:
    stmt = select(PriceIndication)
    if credit_type:
        stmt = stmt.where(PriceIndication.credit_type == credit_type)
    rows = await repo.page(uow.session, stmt, PriceIndication.posted_at, PriceIndication.id, paging)
    page = build_page(rows, paging.limit, lambda o: [o.posted_at.isoformat(), o.id])
    return Page[PriceOut](
        items=[PriceOut.model_validate(p, from_attributes=True) for p in page.items],
        next_cursor=page.next_cursor,
    )


@router.get(
    "/statistics",
    response_model=StatisticsOut,
    summary="Registry statistics by fiscal year (the white paper's registry table)",
    description="Totals are cumulative up to the end of `fiscal_year` (default: all time). Fiscal years "
    "run April-March and follow each record's effective date.",
    responses=errors(),
)
async def statistics(
    uow: UoW, fiscal_year_: int | None = Query(default=None, alias="fiscal_year", ge=2000, le=2100)
) -> Any:
    s = uow.session
    by_fy: dict[int, FiscalYearFigures] = {}

    def add(rows: list[tuple[date, int]], field: str) -> int:
        total = 0
        for d, q in rows:
            fy = fiscal_year(d)
            if fiscal_year_ is not None and fy > fiscal_year_:
                continue
            fig = by_fy.setdefault(fy, FiscalYearFigures(fiscal_year=fy))
            setattr(fig, field, getattr(fig, field) + q)
            total += q
        return total

    done = Transaction.status == "completed"
    registered = await repo.sums_by_date(
        s, Project.registered_on, literal_column("1"), Project.registered_on.is_not(None)
    )  # type: ignore[union-attr]
    certified = await repo.sums_by_date(s, Certification.certified_on, Certification.quantity)
    issued = await repo.sums_by_date(
        s, Transaction.effective_on, Transaction.quantity, done, Transaction.kind == "issuance"
    )
    retired = await repo.sums_by_date(
        s, Transaction.effective_on, Transaction.quantity, done, Transaction.kind == "retirement"
    )
    cancelled = await repo.sums_by_date(
        s, Transaction.effective_on, Transaction.quantity, done, Transaction.kind == "cancellation"
    )
    to_buffer = await repo.sums_by_date(
        s, Transaction.effective_on, Transaction.quantity, done, Transaction.kind == "buffer_contribution"
    )
    reversed_ = await repo.sums_by_date(
        s, Transaction.effective_on, Transaction.quantity, done, Transaction.kind == "buffer_reversal"
    )
    n_registered = add(registered, "projects_registered")
    t_cert = add(certified, "tonnes_certified")
    t_iss = add(issued, "tonnes_issued")
    t_ret = add(retired, "tonnes_retired")
    t_can = add(cancelled, "tonnes_cancelled")
    t_buf = add(to_buffer, "tonnes_to_buffer") - add(reversed_, "tonnes_buffer_reversed")
    meth = await repo.counts_by(s, Methodology.category, Methodology.status == "active")
    statuses = await repo.counts_by(s, Project.status)
    return StatisticsOut(
        as_of_fiscal_year=fiscal_year_,
        methodologies_by_category=meth,
        projects_by_status=statuses,
        projects_registered=n_registered,
        tonnes_certified=t_cert,
        tonnes_issued=t_iss,
        tonnes_retired=t_ret,
        tonnes_cancelled=t_can,
        tonnes_in_buffer=t_buf,
        by_fiscal_year=[by_fy[k] for k in sorted(by_fy)],
    )
