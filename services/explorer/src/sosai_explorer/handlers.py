"""Consumers of every service's events: each one folds a fact into the read model.

Events of different topics arrive in no guaranteed order, so each handler is written to be
commutative with the others: rows are keyed by the fact's own id, partial rows are filled
in by whichever event comes later, and a status that changes over time keeps the value of
the newest event by its own timestamp. The inbox (in ``EventConsumer``) makes redelivery
harmless; together they make a replay from the earliest offset rebuild the same model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from sosai_explorer.models import (
    Certificate,
    CreditCertification,
    Footprint,
    LedgerBlock,
    LedgerEntry,
    Methodology,
    OutreachSession,
    Project,
    Provider,
)
from sosai_explorer.prefectures import normalise
from sosai_shared.contracts import (
    BufferReversedV1,
    CertificateRevokedV1,
    CreditsCancelledV1,
    CreditsCertifiedV1,
    CreditsIssuedV1,
    CreditsRetiredV1,
    CreditsTransferredV1,
    FootprintCalculatedV1,
    FootprintCoverageChangedV1,
    MethodologyRegisteredV1,
    OffsetCertifiedV1,
    ProjectRegisteredV1,
    ProviderRegisteredV1,
    SerialBlockV1,
    SessionCancelledV1,
    SessionOffsetV1,
    SessionScheduledV1,
)
from sosai_shared.events.envelope import CloudEvent


def _unknown_fields(payload: BaseModel, event: CloudEvent) -> dict[str, Any]:
    """Fields the publisher sent that the contract this service knows does not name
    (e.g. an optional field added later): kept so the pages can show them."""
    data = event.data if isinstance(event.data, dict) else {}
    return {k: v for k, v in data.items() if k not in type(payload).model_fields}


M = TypeVar("M", bound=SQLModel)


async def _get_or_new(session: AsyncSession, model: type[M], key: str, **defaults: object) -> M:
    row = await session.get(model, key)
    if row is None:
        row = model(**defaults)
        session.add(row)
    return row


async def _record_entry(session: AsyncSession, entry: LedgerEntry, blocks: Iterable[SerialBlockV1]) -> None:
    """Ledger transactions are immutable: the first delivery wins, a replay adds nothing."""
    if await session.get(LedgerEntry, entry.entry_id) is not None:
        return
    session.add(entry)
    for b in blocks:
        session.add(
            LedgerBlock(
                entry_id=entry.entry_id,
                start=b.start,
                end=b.end,
                kind=entry.kind,
                serial=b.serial,
                quantity=b.quantity,
                project_id=b.project_id,
                vintage=b.vintage,
                credit_type=b.credit_type,
                programme=b.programme,
                at=entry.at,
            )
        )


async def on_methodology_registered(
    session: AsyncSession, p: MethodologyRegisteredV1, event: CloudEvent
) -> None:
    row = await session.get(Methodology, p.methodology_id)
    if row is None:
        session.add(Methodology(**p.model_dump()))
    elif (p.status_at, p.status) >= (row.status_at, row.status):
        # re-published when its status changes: the newest status wins, whatever the arrival order
        for name, value in p.model_dump().items():
            setattr(row, name, value)


async def on_project_registered(session: AsyncSession, p: ProjectRegisteredV1, event: CloudEvent) -> None:
    row = await _get_or_new(session, Project, p.project_id, project_id=p.project_id)
    row.project_code, row.name, row.proponent_org = p.project_code, p.name, p.proponent_org
    row.methodology_code, row.category, row.programme = p.methodology_code, p.category, p.programme
    row.prefecture, row.registered_at = normalise(p.prefecture), p.registered_at


async def on_credits_certified(session: AsyncSession, p: CreditsCertifiedV1, event: CloudEvent) -> None:
    if await session.get(CreditCertification, p.certification_id) is None:
        session.add(CreditCertification(**p.model_dump(include=set(CreditCertification.model_fields))))


async def on_credits_issued(session: AsyncSession, p: CreditsIssuedV1, event: CloudEvent) -> None:
    entry = LedgerEntry(
        entry_id=p.issuance_id,
        kind="issued",
        project_id=p.project_id,
        quantity=p.quantity,
        buffer_quantity=p.buffer_quantity,
        to_org=p.holder_org,
        reason=p.certification_id,
        at=p.issued_at,
        extra=_unknown_fields(p, event),
    )
    await _record_entry(session, entry, p.blocks)


async def on_credits_transferred(session: AsyncSession, p: CreditsTransferredV1, event: CloudEvent) -> None:
    entry = LedgerEntry(
        entry_id=p.transfer_id,
        kind="transferred",
        quantity=p.quantity,
        from_org=p.from_org,
        to_org=p.to_org,
        at=p.transferred_at,
        extra=_unknown_fields(p, event),
    )
    await _record_entry(session, entry, p.blocks)


async def on_credits_retired(session: AsyncSession, p: CreditsRetiredV1, event: CloudEvent) -> None:
    projects = {b.project_id for b in p.blocks}
    entry = LedgerEntry(
        entry_id=p.retirement_id,
        kind="retired",
        project_id=projects.pop() if len(projects) == 1 else None,
        quantity=p.quantity,
        from_org=p.holder_org,
        use=p.use,
        purpose=p.purpose,
        beneficiary=p.beneficiary,
        footprint_id=p.footprint_id,
        session_id=p.session_id,
        application_id=p.application_id,
        at=p.retired_at,
        extra=_unknown_fields(p, event),
    )
    await _record_entry(session, entry, p.blocks)


async def on_credits_cancelled(session: AsyncSession, p: CreditsCancelledV1, event: CloudEvent) -> None:
    entry = LedgerEntry(
        entry_id=p.cancellation_id,
        kind="cancelled",
        quantity=p.quantity,
        from_org=p.holder_org,
        reason=p.reason,
        at=p.cancelled_at,
        extra=_unknown_fields(p, event),
    )
    await _record_entry(session, entry, p.blocks)


async def on_buffer_reversed(session: AsyncSession, p: BufferReversedV1, event: CloudEvent) -> None:
    entry = LedgerEntry(
        entry_id=p.reversal_id,
        kind="buffer_reversed",
        project_id=p.project_id,
        quantity=p.quantity,
        reason=p.reason,
        at=p.reversed_at,
        extra=_unknown_fields(p, event),
    )
    await _record_entry(session, entry, p.blocks)


async def on_offset_certified(session: AsyncSession, p: OffsetCertifiedV1, event: CloudEvent) -> None:
    row = await _get_or_new(
        session,
        Certificate,
        p.certificate_number,
        number=p.certificate_number,
        application_id=p.application_id,
    )
    for name in (
        "applicant_org",
        "offset_type",
        "subject_name",
        "footprint_id",
        "session_id",
        "credits_retired",
        "valid_from",
        "valid_until",
        "certified_at",
    ):
        setattr(row, name, getattr(p, name))
    row.retirement_ids = list(p.retirement_ids)


async def on_certificate_revoked(session: AsyncSession, p: CertificateRevokedV1, event: CloudEvent) -> None:
    row = await _get_or_new(
        session,
        Certificate,
        p.certificate_number,
        number=p.certificate_number,
        application_id=p.application_id,
    )
    if row.revoked_at is None or p.revoked_at < row.revoked_at:
        row.revoked_at, row.revocation_reason = p.revoked_at, p.reason


async def on_provider_registered(session: AsyncSession, p: ProviderRegisteredV1, event: CloudEvent) -> None:
    row = await session.get(Provider, p.provider_id)
    if row is None:
        session.add(
            Provider(
                provider_id=p.provider_id,
                org=p.org,
                name=p.name,
                status=p.status,
                registered_at=p.registered_at,
                status_at=event.time,
            )
        )
    elif (event.time, p.status) >= (row.status_at, row.status):
        # re-published on suspension and reinstatement: the newest event says the status now
        row.org, row.name, row.status, row.status_at = p.org, p.name, p.status, event.time
        row.registered_at = min(row.registered_at, p.registered_at)


async def on_footprint_calculated(session: AsyncSession, p: FootprintCalculatedV1, event: CloudEvent) -> None:
    row = await _get_or_new(session, Footprint, p.footprint_id, footprint_id=p.footprint_id, org=p.org)
    if p.version < row.version:
        return  # a late older version never replaces a newer one
    for name in (
        "version",
        "org",
        "kind",
        "name",
        "fiscal_year",
        "session_id",
        "total_t_co2",
        "planned_reduction_t_co2",
        "residual_t_co2",
        "offset_share",
        "credits_needed",
        "offset_type",
        "calculated_at",
    ):
        setattr(row, name, getattr(p, name))


async def on_coverage_changed(
    session: AsyncSession, p: FootprintCoverageChangedV1, event: CloudEvent
) -> None:
    row = await _get_or_new(session, Footprint, p.footprint_id, footprint_id=p.footprint_id, org=p.org)
    if row.coverage_at is None or (p.changed_at, p.credits_retired) >= (
        row.coverage_at,
        row.coverage_retired or 0,
    ):
        row.coverage, row.coverage_retired, row.coverage_at = p.coverage, p.credits_retired, p.changed_at
        if row.credits_needed is None:
            row.credits_needed = p.credits_needed


async def on_session_scheduled(session: AsyncSession, p: SessionScheduledV1, event: CloudEvent) -> None:
    row = await _get_or_new(session, OutreachSession, p.session_id, session_id=p.session_id)
    row.programme_code, row.title, row.prefecture = p.programme_code, p.title, normalise(p.prefecture)
    row.starts_at, row.ends_at, row.capacity = p.starts_at, p.ends_at, p.capacity


async def on_session_cancelled(session: AsyncSession, p: SessionCancelledV1, event: CloudEvent) -> None:
    row = await _get_or_new(session, OutreachSession, p.session_id, session_id=p.session_id)
    row.cancelled_at, row.cancel_reason = p.cancelled_at, p.reason


async def on_session_offset(session: AsyncSession, p: SessionOffsetV1, event: CloudEvent) -> None:
    row = await _get_or_new(session, OutreachSession, p.session_id, session_id=p.session_id)
    if row.offset_at is None or (p.offset_at, p.credits_retired) >= (row.offset_at, row.credits_retired or 0):
        row.credits_retired, row.offset_at = p.credits_retired, p.offset_at
        row.certificate_number = p.certificate_number


HANDLERS: dict[type[Any], Any] = {
    MethodologyRegisteredV1: on_methodology_registered,
    ProjectRegisteredV1: on_project_registered,
    CreditsCertifiedV1: on_credits_certified,
    CreditsIssuedV1: on_credits_issued,
    CreditsTransferredV1: on_credits_transferred,
    CreditsRetiredV1: on_credits_retired,
    CreditsCancelledV1: on_credits_cancelled,
    BufferReversedV1: on_buffer_reversed,
    OffsetCertifiedV1: on_offset_certified,
    CertificateRevokedV1: on_certificate_revoked,
    ProviderRegisteredV1: on_provider_registered,
    FootprintCalculatedV1: on_footprint_calculated,
    FootprintCoverageChangedV1: on_coverage_changed,
    SessionScheduledV1: on_session_scheduled,
    SessionCancelledV1: on_session_cancelled,
    SessionOffsetV1: on_session_offset,
}
