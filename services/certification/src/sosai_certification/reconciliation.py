"""Certification's side of the reconciliation (sosai_shared.reconciliation): retired tonnes per application.

It keeps every retirement the registry announces (an application may name any of them later), so
every public retirement concerns it. A retirement counts for the application that used it in a
certification, else the one that names it, else the application the retirement itself references.
The checklist sums them when it is read: there is no stored total to recount, and a repair is the
replay of a missing retirement through the consumer's own handler.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification import repository as repo
from sosai_certification.handlers import on_credits_retired
from sosai_shared.reconciliation import Fact, LocalView, Reconciler

#: the consumer's name in main.py: a replay is recorded in the inbox under it
CONSUMER = "facts"


async def local_view(session: AsyncSession) -> LocalView:
    attached = await repo.retirement_attachments(session)
    facts = [
        Fact(rid, attached.get(rid) or app or "", n) for rid, app, n in await repo.retirements_held(session)
    ]
    return LocalView(facts, attached=attached)


RECONCILER = Reconciler(
    scope="application",
    consumer=CONSUMER,
    handler=on_credits_retired,
    local_view=local_view,
    keep_unscoped=True,
)
