"""Business counters of the registry (names used by dashboards and alerts: do not rename)."""

from __future__ import annotations

from prometheus_client import Counter

TONNES_ISSUED = Counter("sosai_registry_tonnes_issued", "Tonnes issued (including buffer contributions)")
TONNES_RETIRED = Counter("sosai_registry_tonnes_retired", "Tonnes retired (including buffer reversals)")
TONNES_TRANSFERRED = Counter(
    "sosai_registry_tonnes_transferred", "Tonnes transferred between holding accounts"
)
TONNES_CANCELLED = Counter("sosai_registry_tonnes_cancelled", "Tonnes cancelled by administrators")
TRANSACTIONS = Counter(
    "sosai_registry_transactions", "Registry transactions by kind and status", ["kind", "status"]
)
