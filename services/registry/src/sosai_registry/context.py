"""What every registry rule needs besides its inputs: the session, the caller, the event source.

Also the one way to count a metric: only once the transaction commits, so rolled-back work
never shows on a dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_registry import metrics
from sosai_shared.auth import Principal
from sosai_shared.committed import after_commit

ADMIN = "registry:admin"


@dataclass
class Ctx:
    """The caller (``None`` for consumers and public reads), the event source and the buffer share."""

    session: AsyncSession
    principal: Principal | None
    source: str
    buffer_share: Decimal = Decimal("0.10")

    @property
    def is_admin(self) -> bool:
        return self.principal is not None and self.principal.has(ADMIN)

    @property
    def org(self) -> str:
        assert self.principal is not None
        return self.principal.org

    @property
    def sub(self) -> str:
        assert self.principal is not None
        return self.principal.sub


def count_tx(session: AsyncSession, kind: str, status: str, tonnes: Callable[[], None] | None = None) -> None:
    def bump() -> None:
        metrics.TRANSACTIONS.labels(kind, status).inc()
        if tonnes is not None:
            tonnes()

    after_commit(session, bump)
