"""The catalog's side of the reconciliation (sosai_shared.reconciliation): retired tonnes per session.

Its view is the retirements it counted (``retirements_seen``) and what each carbon card shows
(``carbon_records.credits_retired``); a repair replays a missing retirement through the consumer's
own handler and recounts the session.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_events_catalog.carbon import repository as repo
from sosai_events_catalog.carbon.service import recount_retired
from sosai_events_catalog.handlers import SOURCE, on_credits_retired
from sosai_shared.reconciliation import Fact, LocalView, Reconciler

#: the consumer's name in main.py: a replay is recorded in the inbox under it
CONSUMER = "carbon"


async def local_view(session: AsyncSession) -> LocalView:
    facts = [Fact(rid, sid, n) for rid, sid, n in await repo.retirements_held(session)]
    return LocalView(facts, shown=await repo.credits_shown(session))


async def recount(session: AsyncSession, session_id: str) -> None:
    await recount_retired(session, session_id, SOURCE)


RECONCILER = Reconciler(
    scope="session", consumer=CONSUMER, handler=on_credits_retired, local_view=local_view, recount=recount
)
