"""Pure rule: who may name another organisation as a retirement's beneficiary (no I/O)."""

from __future__ import annotations

from sosai_registry.models import Account
from sosai_shared.errors import Forbidden


def check_beneficiary_org(account: Account, beneficiary_org: str | None) -> None:
    """An account may retire for its own organisation; only an Anshin provider's account for another.

    Offset providers retire on behalf of customers (individuals and small firms hold no
    accounts), so naming another organisation is how a provider hands over the right to
    claim; any other holder naming one would hand a tonne to someone who never paid for it.
    """
    if beneficiary_org is None or beneficiary_org == account.org:
        return
    if not account.anshin_provider:
        raise Forbidden(
            "Only an Anshin provider's account may retire credits for another organisation "
            f"(beneficiary_org {beneficiary_org!r}); retire for your own organisation or leave it out.",
            type="beneficiary-org-not-allowed",
            title="Beneficiary organisation not allowed",
        )
