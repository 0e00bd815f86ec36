"""Business counters of the events catalog (names are used by dashboards and alerts: keep them).

Counters of changes move only after the transaction commits (``sosai_shared.committed.after_commit``), so a
rolled-back request never counts.
"""

from __future__ import annotations

from prometheus_client import Counter

REGISTRATIONS = Counter(
    "sosai_catalog_registrations_total",
    "Registrations entering a state (confirmed, waitlisted, cancelled, attended)",
    ["state"],
)
SESSIONS_SCHEDULED = Counter("sosai_catalog_sessions_scheduled_total", "Sessions scheduled")
WAITLIST_PROMOTIONS = Counter(
    "sosai_catalog_waitlist_promotions_total", "Waiting-list registrations promoted to confirmed"
)
SESSIONS_CANCELLED = Counter("sosai_catalog_sessions_cancelled_total", "Sessions cancelled")
CALCULATOR_CALLS = Counter(
    "sosai_catalog_calculator_calls_total", "Estimate requests to the calculator by outcome", ["result"]
)
