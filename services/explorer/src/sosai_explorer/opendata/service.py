"""CSV files and the whole-dataset archive, streamed row by row from the read model.

Nothing is built in memory first: rows come from a server-side cursor
(``session.stream``) and leave as CSV chunks; the ZIP archive is written through
:mod:`zipfile` into a sink that hands out its bytes as they are produced (zipfile writes
data descriptors when it cannot seek, so no temporary file is needed either).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sosai_explorer.opendata.datasets import DATASETS, Dataset, descriptor

CHUNK_ROWS = 500


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def _rows(session: AsyncSession, d: Dataset) -> AsyncIterator[list[list[object]]]:
    cols = [getattr(d.model, n) for n, _ in d.fields]
    stmt = select(*cols).where(*(getattr(d.model, k) == v for k, v in d.where))
    stmt = stmt.order_by(*(getattr(d.model, k) for k in d.primary_key))
    result = await session.stream(stmt.execution_options(yield_per=CHUNK_ROWS))
    async for part in result.partitions(CHUNK_ROWS):
        yield [[_cell(v) for v in row] for row in part]


def _csv(rows: list[list[object]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


async def csv_stream(sessionmaker: async_sessionmaker[AsyncSession], d: Dataset) -> AsyncIterator[bytes]:
    # a BOM so that spreadsheet programs read the Japanese text as UTF-8
    yield ("\ufeff" + _csv([[n for n, _ in d.fields]])).encode("utf-8")
    async with sessionmaker() as session:
        async for rows in _rows(session, d):
            yield _csv(rows).encode("utf-8")


class _Sink(io.RawIOBase):
    """A write-only stream whose bytes are taken out as they come (no seek, no tell)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.parts.append(bytes(b))
        return len(b)

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


async def archive_stream(
    sessionmaker: async_sessionmaker[AsyncSession], base_url: str
) -> AsyncIterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("datapackage.json", json.dumps(descriptor(base_url), ensure_ascii=False, indent=2))
        yield sink.take()
        async with sessionmaker() as session:
            for d in DATASETS:
                with zf.open(d.path, "w", force_zip64=True) as member:
                    member.write(_csv([[n for n, _ in d.fields]]).encode("utf-8"))
                    async for rows in _rows(session, d):
                        member.write(_csv(rows).encode("utf-8"))
                        yield sink.take()
                yield sink.take()
    yield sink.take()
