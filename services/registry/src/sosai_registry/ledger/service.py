"""The move engine: applies a plan of ``rules`` to the blocks, logs every moved range, keeps I1-I3.

Callers lock the account rows first; ``move`` then locks the sending account's blocks (always in
that order, so two movers never deadlock). The sender keeps what remains of a block, lowest range
first; ranges of one issuance arriving next to a block of the same issuance in the receiving
account join it, so an account is never fragmented without bound (the per-serial history stays in
``transaction_blocks``). Nothing here commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_registry.audit_log import append as audit_log
from sosai_registry.context import Ctx
from sosai_registry.ledger import repository as repo
from sosai_registry.ledger.repository import Held
from sosai_registry.ledger.rules import (
    Piece,
    Span,
    check_quantity,
    coalesce,
    plan_by_quantity,
    plan_by_ranges,
    remainder,
)
from sosai_registry.ledger.schemas import BlockOut
from sosai_registry.ledger.serials import Serial, format_serial
from sosai_registry.models import (
    CANCELLATION_ACCOUNT,
    RETIREMENT_ACCOUNT,
    Block,
    Issuance,
    Transaction,
)
from sosai_shared.contracts import SerialBlockV1
from sosai_shared.db import utcnow
from sosai_shared.errors import Conflict

UNMOVABLE = {RETIREMENT_ACCOUNT: "retired", CANCELLATION_ACCOUNT: "cancelled"}


def serial_of(b: Block | Issuance | Held, start: int | None = None, end: int | None = None) -> str:
    s = start if start is not None else (b.serial_start if isinstance(b, Issuance) else b.start)
    e = end if end is not None else (b.serial_end if isinstance(b, Issuance) else b.end)
    return format_serial(Serial(b.scheme, b.credit_type, b.programme, b.project_code, b.vintage, s, e))


def block_view(b: Block | Issuance | Held, start: int, end: int) -> BlockOut:
    return BlockOut(
        serial=serial_of(b, start, end),
        start=start,
        end=end,
        quantity=end - start + 1,
        project_id=b.project_id,
        project_code=b.project_code,
        vintage=b.vintage,
        credit_type=b.credit_type,
        scheme=b.scheme,
        programme=b.programme,
        validity_end=b.validity_end,
    )


def event_block(view: BlockOut) -> SerialBlockV1:
    return SerialBlockV1(**view.model_dump(exclude={"project_code", "validity_end"}))


def new_block(source: Block | Issuance, account_id: str, start: int, end: int) -> Block:
    """A block of ``source``'s issuance (a block or the issuance itself) held by ``account_id``."""
    return Block(
        account_id=account_id,
        issuance_id=source.issuance_id if isinstance(source, Block) else source.id,
        project_id=source.project_id,
        start=start,
        end=end,
        vintage=source.vintage,
        scheme=source.scheme,
        credit_type=source.credit_type,
        programme=source.programme,
        project_code=source.project_code,
        validity_end=source.validity_end,
    )


async def move(
    ctx: Ctx,
    tx: Transaction,
    from_account: str,
    to_account: str,
    *,
    quantity: int | None = None,
    ranges: Sequence[Span] | None = None,
    project_id: str | None = None,
) -> list[BlockOut]:
    """Move a quantity (oldest vintage first, then lowest serial) or explicit ranges; returns moved ranges.

    Written with Core statements (``repo.held_blocks`` and the writes beside it), never through ORM
    objects: the rows are locked, read once and written back in a fixed handful of statements.
    ``tx`` must already be in the database (the move log refers to it).
    """
    check_quantity(quantity, ranges)
    blocks = await repo.held_blocks(ctx.session, from_account, project_id=project_id)
    held = [(b.start, b.end) for b in blocks]
    if quantity is not None:
        pieces = plan_by_quantity(held, quantity)
    else:
        assert ranges is not None
        pieces, missing = plan_by_ranges(held, ranges)
        if missing is not None:
            await _not_held(ctx, *missing)
    views = await _log(ctx, tx, blocks, pieces, to_account)
    spare = await _shrink_senders(ctx, blocks, pieces)
    await _land(ctx, blocks, pieces, to_account, spare)
    return views


async def _log(
    ctx: Ctx, tx: Transaction, blocks: list[Held], pieces: list[Piece], to_account: str
) -> list[BlockOut]:
    now = utcnow()
    views, rows = [], []
    moved_from = [(blocks[p.index], p) for p in pieces]
    for b, p in moved_from:
        whole = (p.start, p.end) == (b.start, b.end)
        rows.append(
            {
                "transaction_id": tx.id,
                "issuance_id": b.issuance_id,
                "from_account_id": b.account_id,
                "to_account_id": to_account,
                "start": p.start,
                "end": p.end,
                "split_from_start": None if whole else b.start,
                "split_from_end": None if whole else b.end,
                "at": now,
            }
        )
        views.append(block_view(b, p.start, p.end))
    await repo.insert_moves(ctx.session, rows)
    audit_log.moved(ctx.session, tx.id, [(b.account_id, to_account, p.start, p.end) for b, p in moved_from])
    return views


def block_row(source: Held, account_id: str, start: int, end: int) -> dict[str, object]:
    """The values of a new block of ``source``'s issuance held by ``account_id``."""
    return {
        "account_id": account_id,
        "issuance_id": source.issuance_id,
        "project_id": source.project_id,
        "start": start,
        "end": end,
        "vintage": source.vintage,
        "scheme": source.scheme,
        "credit_type": source.credit_type,
        "programme": source.programme,
        "project_code": source.project_code,
        "validity_end": source.validity_end,
    }


async def _shrink_senders(ctx: Ctx, blocks: list[Held], pieces: list[Piece]) -> list[Held]:
    """Leave each touched block with what the sender keeps; returns the blocks left empty (reusable rows)."""
    taken: dict[int, list[Span]] = defaultdict(list)
    for p in pieces:
        taken[p.index].append((p.start, p.end))
    spare: list[Held] = []
    rows: list[dict[str, object]] = []
    for index, spans in taken.items():
        b = blocks[index]
        rest = remainder((b.start, b.end), spans)
        if not rest:
            spare.append(b)
            continue
        b.start, b.end = rest[0]
        await repo.set_block(ctx.session, b.id, start=b.start, end=b.end)
        rows.extend(block_row(b, b.account_id, r_start, r_end) for r_start, r_end in rest[1:])
    await repo.insert_blocks(ctx.session, rows)
    return spare


async def _land(
    ctx: Ctx, blocks: list[Held], pieces: list[Piece], to_account: str, spare: list[Held]
) -> None:
    """Write the arriving ranges into ``to_account``, joined with adjacent blocks of the same issuance."""
    arriving: dict[str, list[Span]] = defaultdict(list)
    source: dict[str, Held] = {}
    for p in pieces:
        b = blocks[p.index]
        arriving[b.issuance_id].append((p.start, p.end))
        source.setdefault(b.issuance_id, b)
    gone: list[int] = []
    rows: list[dict[str, object]] = []
    s = ctx.session
    for issuance_id, spans in arriving.items():
        for a, z in coalesce(spans):
            near = await repo.adjacent_held(s, to_account, issuance_id, source[issuance_id].vintage, a, z)
            below = next((n for n in near if n.end == a - 1), None)
            above = next((n for n in near if n.start == z + 1), None)
            if below is not None and above is not None:
                gone.append(above.id)
                await repo.set_block(s, below.id, end=above.end)
            elif below is not None:
                await repo.set_block(s, below.id, end=z)
            elif above is not None:
                await repo.set_block(s, above.id, start=a)
            else:
                row = next((x for x in spare if x.issuance_id == issuance_id), None)
                if row is None:
                    rows.append(block_row(source[issuance_id], to_account, a, z))
                else:
                    spare.remove(row)
                    await repo.set_block(s, row.id, account_id=to_account, start=a, end=z)
    await repo.insert_blocks(s, rows)
    await repo.delete_blocks(s, gone + [row.id for row in spare])


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


async def moved_views(session: AsyncSession, tx_ids: Sequence[str]) -> dict[str, list[BlockOut]]:
    """The ranges each transaction moved, for any number of transactions in two queries."""
    rows = await repo.tx_blocks(session, tx_ids)
    issuances = await repo.issuances_by_id(session, {r.issuance_id for r in rows})
    out: dict[str, list[BlockOut]] = {t: [] for t in tx_ids}
    for r in rows:
        out[r.transaction_id].append(block_view(issuances[r.issuance_id], r.start, r.end))
    return out
