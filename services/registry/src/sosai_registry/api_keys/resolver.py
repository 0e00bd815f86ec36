"""The registry's own resolution of ``sk_`` keys: a lookup in its database, not a call to itself.

Its own transaction, committed before the route's unit of work begins: the use is recorded
(``last_used_at``) whatever the route then does with the request, and on SQLite this short write
never overlaps the route's own.
"""

from __future__ import annotations

from fastapi import FastAPI

from sosai_registry.api_keys import service as svc
from sosai_shared.auth.api_keys import Resolver
from sosai_shared.auth.jwt import Principal


def local_resolver(app: FastAPI) -> Resolver:
    async def resolve(key: str) -> Principal:
        db = app.state.runtime.db
        async with db.sessionmaker() as session, session.begin():
            return await svc.resolve(session, key)

    return resolve
