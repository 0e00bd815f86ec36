"""Business counters of the notifications service (names used by dashboards and alerts).

They move only after the attempt's or the mail's transaction committed.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

DELIVERY_ATTEMPTS = Counter(
    "sosai_notifications_delivery_attempts_total",
    "Webhook delivery attempts by outcome (succeeded, failed, gone, timeout, error)",
    ["outcome"],
)
DELIVERY_LATENCY = Histogram(
    "sosai_notifications_delivery_seconds",
    "Time of one webhook delivery attempt, request to answer",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
MAILS_SENT = Counter("sosai_notifications_mails_sent_total", "E-mails handed to the SMTP relay", ["kind"])
