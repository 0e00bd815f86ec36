"""Answers of the public ledger: no caller, no balances, no holding-account ids beyond a retirement's own.

Views of lists are built with a fixed number of queries per page, whatever its length.
"""

from __future__ import annotations

from datetime import date

from sosai_registry.context import Ctx
from sosai_registry.ledger import repository as ledger
from sosai_registry.ledger.serials import fiscal_year, parse_serial
from sosai_registry.ledger.service import moved_views, serial_of
from sosai_registry.models import (
    BUFFER_ACCOUNT,
    CANCELLATION_ACCOUNT,
    RETIREMENT_ACCOUNT,
    Issuance,
    Transaction,
)
from sosai_registry.public import repository as repo
from sosai_registry.public.schemas import (
    FiscalYearFigures,
    IssuanceOut,
    LifecycleStep,
    SerialLifecycleOut,
    SerialStatus,
    StatisticsOut,
)
from sosai_registry.schemas import MAX_SERIAL
from sosai_registry.transactions.schemas import RetirementOut
from sosai_registry.transactions.service import retirement_view
from sosai_shared.errors import NotFound, Unprocessable

_KIND_OF_ACCOUNT = {
    RETIREMENT_ACCOUNT: "retirement",
    BUFFER_ACCOUNT: "buffer",
    CANCELLATION_ACCOUNT: "cancellation",
}
_STATUS_OF_KIND: dict[str, SerialStatus] = {
    "retirement": "retired",
    "cancellation": "cancelled",
    "buffer": "buffer",
}


def issuance_view(i: Issuance) -> IssuanceOut:
    return IssuanceOut(
        id=i.id,
        transaction_id=i.transaction_id,
        certification_id=i.certification_id,
        project_id=i.project_id,
        project_code=i.project_code,
        holder_org=i.holder_org,
        quantity=i.quantity,
        buffer_quantity=i.buffer_quantity,
        serial=serial_of(i),
        vintage=i.vintage,
        credit_type=i.credit_type,
        programme=i.programme,
        validity_end=i.validity_end,
        issued_on=i.issued_on,
    )


async def retirement(ctx: Ctx, base_url: str, retirement_id: str) -> RetirementOut:
    tx = await ledger.get(ctx.session, Transaction, retirement_id)
    if tx is None or tx.kind != "retirement" or tx.status != "completed":
        raise NotFound(
            f"No retirement {retirement_id}.", type="retirement-not-found", title="Retirement not found"
        )
    return retirement_view(base_url, tx, (await moved_views(ctx.session, [tx.id]))[tx.id])


def serial_number(text: str) -> int:
    """A serial number (``1234``) or a printed range (its start), within what a serial column holds."""
    try:
        number = int(text) if text.isdigit() else parse_serial(text).start
    except ValueError as exc:
        raise Unprocessable(str(exc), type="invalid-serial") from exc
    if not 1 <= number <= MAX_SERIAL:
        raise Unprocessable(f"Serial numbers run from 1 to {MAX_SERIAL}.", type="invalid-serial")
    return number


def _kind(account_id: str) -> str:
    return _KIND_OF_ACCOUNT.get(account_id, "issuance" if account_id.startswith("SYS-") else "holding")


async def serial_lifecycle(ctx: Ctx, text: str) -> SerialLifecycleOut:
    number = serial_number(text)
    iss = await ledger.issuance_containing(ctx.session, number)
    block = await ledger.block_containing(ctx.session, number)
    if iss is None or block is None:
        raise NotFound(
            f"Serial {number} was never issued.", type="serial-not-found", title="Serial not found"
        )
    history = []
    retirement_id = None
    for tb, tx in await ledger.moves_of_serial(ctx.session, number):
        history.append(
            LifecycleStep(
                transaction_id=tx.id,
                kind=tx.kind,
                at=tb.at,
                effective_on=tx.effective_on,
                from_kind=_kind(tb.from_account_id),
                to_kind=_kind(tb.to_account_id),
                range=serial_of(iss, tb.start, tb.end),
            )
        )
        if tx.kind == "retirement":
            retirement_id = tx.id
    return SerialLifecycleOut(
        serial_number=number,
        issuance=issuance_view(iss),
        status=_STATUS_OF_KIND.get(_KIND_OF_ACCOUNT.get(block.account_id, "held"), "held"),
        current_block=serial_of(block),
        retirement_id=retirement_id,
        history=history,
    )


async def statistics(ctx: Ctx, as_of: int | None) -> StatisticsOut:
    """The white paper's registry table: cumulative totals up to ``as_of`` and figures per fiscal year."""
    s = ctx.session
    by_fy: dict[int, FiscalYearFigures] = {}

    def add(rows: list[tuple[date, int]], field: str) -> int:
        total = 0
        for d, q in rows:
            fy = fiscal_year(d)
            if as_of is not None and fy > as_of:
                continue
            fig = by_fy.setdefault(fy, FiscalYearFigures(fiscal_year=fy))
            setattr(fig, field, getattr(fig, field) + q)
            total += q
        return total

    n_registered = add(await repo.registrations_by_date(s), "projects_registered")
    t_cert = add(await repo.certified_by_date(s), "tonnes_certified")
    t_iss = add(await repo.completed_by_date(s, "issuance"), "tonnes_issued")
    t_ret = add(await repo.completed_by_date(s, "retirement"), "tonnes_retired")
    t_can = add(await repo.completed_by_date(s, "cancellation"), "tonnes_cancelled")
    t_buf = add(await repo.completed_by_date(s, "buffer_contribution"), "tonnes_to_buffer") - add(
        await repo.completed_by_date(s, "buffer_reversal"), "tonnes_buffer_reversed"
    )
    return StatisticsOut(
        as_of_fiscal_year=as_of,
        methodologies_by_category=await repo.active_methodologies_by_category(s),
        projects_by_status=await repo.projects_by_status(s),
        projects_registered=n_registered,
        tonnes_certified=t_cert,
        tonnes_issued=t_iss,
        tonnes_retired=t_ret,
        tonnes_cancelled=t_can,
        tonnes_in_buffer=t_buf,
        by_fiscal_year=[by_fy[k] for k in sorted(by_fy)],
    )
