"""Business counters of the calculator (names are used by dashboards and alerts: keep them).

Counters of stored changes move only after the transaction commits (``sosai_shared.committed.after_commit``), so a
rolled-back request never counts; estimates are reads and count when answered.
"""

from __future__ import annotations

from prometheus_client import Counter

FOOTPRINTS = Counter("sosai_calculator_footprints_total", "Footprints created, by kind", ["kind"])
ESTIMATES = Counter(
    "sosai_calculator_estimates_total", "Estimate items answered, by result (ok|error)", ["result"]
)
#: A float is fine here (a metric, not a record); the stored figures are Decimal.
T_CO2_CALCULATED = Counter("sosai_calculator_t_co2_calculated", "Tonnes of CO2 in stored footprint versions")
RETIREMENTS_APPLIED = Counter(
    "sosai_calculator_retirements_applied_total",
    "Retirements counted against footprints, by whether the footprint is known",
    ["footprint_known"],
)
