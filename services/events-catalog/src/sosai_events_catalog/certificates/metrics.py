"""Counter of certificate events refused by the catalog (dashboards and alerts use the name)."""

from __future__ import annotations

from prometheus_client import Counter

CERTIFICATES_REFUSED = Counter(
    "sosai_catalog_certificates_refused_total",
    "Certificate events naming a session the applicant does not organise (or an unknown session)",
    ["reason"],
)
