"""Business counters of the certification service (names used by dashboards and alerts).

Counters move only after the transaction commits, so a rolled-back request never counts.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import Counter
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

APPLICATIONS = Counter(
    "sosai_certification_applications_total", "Applications submitted for certification", ["offset_type"]
)
CERTIFIED = Counter("sosai_certification_certified_total", "Offset initiatives certified", ["offset_type"])
REVOKED = Counter("sosai_certification_revoked_total", "Certificates revoked")
PROVIDERS_REGISTERED = Counter(
    "sosai_certification_providers_registered_total", "Anshin providers registered"
)
REPORTED_CASES = Counter(
    "sosai_certification_reported_cases_total",
    "Reported (uncertified) offset cases recorded",
    ["offset_type"],
)


def after_commit(session: AsyncSession, action: Callable[[], None]) -> None:
    """Run ``action`` once the session's current transaction has committed."""
    event.listen(session.sync_session, "after_commit", lambda _s: action(), once=True)
