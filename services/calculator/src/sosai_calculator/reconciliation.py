"""The calculator's side of the reconciliation (sosai_shared.reconciliation): retired tonnes per footprint.

Its view is the retirements it counted (``retirements``) and the tonnes each footprint shows
(``footprints.credits_retired``, its coverage); a repair replays a missing retirement through the
consumer's own handler and recounts the footprint.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_calculator.footprints import repository as repo
from sosai_calculator.footprints.service import recount_coverage
from sosai_calculator.handlers import SOURCE, on_credits_retired
from sosai_shared.reconciliation import Fact, LocalView, Reconciler

#: the consumer's name in main.py: a replay is recorded in the inbox under it
CONSUMER = "coverage"


async def local_view(session: AsyncSession) -> LocalView:
    facts = [Fact(rid, fid, n) for rid, fid, n in await repo.retirements_held(session)]
    return LocalView(facts, shown=await repo.credits_shown(session))


async def recount(session: AsyncSession, footprint_id: str) -> None:
    await recount_coverage(session, footprint_id, SOURCE)


RECONCILER = Reconciler(
    scope="footprint", consumer=CONSUMER, handler=on_credits_retired, local_view=local_view, recount=recount
)
