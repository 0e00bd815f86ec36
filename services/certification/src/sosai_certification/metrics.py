"""Business counters of the certification service (names used by dashboards and alerts).

Services move them with ``sosai_shared.committed.after_commit``, so a rolled-back request
never counts.
"""

from __future__ import annotations

from prometheus_client import Counter

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
