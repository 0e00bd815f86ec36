"""keyset_page on the tier's real database: every row exactly once, in order, both directions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import col
from toyapp import Note, ToyBase

from sosai_shared.db import Database, utcnow
from sosai_shared.errors import DomainError
from sosai_shared.pagination import PageParams, decode_cursor, keyset_page


@pytest.mark.parametrize("descending", [False, True])
async def test_pages_visit_every_row_once_in_key_order(database_url: str, descending: bool) -> None:
    db = Database(database_url, ToyBase.metadata, source="/sosai/toy")
    try:
        async with db.engine.begin() as conn:
            await conn.run_sync(ToyBase.metadata.create_all)
        start = utcnow()
        async with db.sessionmaker() as s, s.begin():
            # two notes share each timestamp: the id breaks the tie
            s.add_all(
                Note(
                    id=f"n{i:02d}",
                    org="o",
                    key="k",
                    seq=i,
                    text="x",
                    created_at=start + timedelta(seconds=i // 2),
                )
                for i in range(7)
            )
        keys = (col(Note.created_at), col(Note.id))
        expected = [f"n{i:02d}" for i in range(7)]
        seen: list[str] = []
        cursor = None
        async with db.sessionmaker() as s:
            while True:
                page = await keyset_page(
                    s,
                    select(Note),
                    keys,
                    PageParams(3, decode_cursor(cursor) if cursor else None),
                    descending=descending,
                )
                seen += [n.id for n in page.items]
                cursor = page.next_cursor
                if cursor is None:
                    break
            assert seen == (expected[::-1] if descending else expected)
            with pytest.raises(DomainError) as bad:  # a cursor of another list's shape
                await keyset_page(s, select(Note), keys, PageParams(3, [1, 2]))
            assert bad.value.type == "invalid-cursor"
    finally:
        await db.dispose()
