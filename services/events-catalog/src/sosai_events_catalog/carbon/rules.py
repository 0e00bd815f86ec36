"""Pure rules of a session's carbon: what to ask the calculator, credits, the offset status, the card."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_CEILING, Decimal
from typing import Any, Literal

from sosai_events_catalog.carbon.schemas import (
    Basis,
    CarbonCardOut,
    FootprintView,
    OffsetStatus,
    RecordedFootprint,
)
from sosai_events_catalog.models import CarbonRecord, EventSession, Registration

CertificateStatus = Literal["none", "certified", "revoked"]


def credits_for(t_co2: Decimal) -> int:
    """Offsets are whole tonnes, rounded up (42.46 t → 43)."""
    return max(0, int(t_co2.to_integral_value(rounding=ROUND_CEILING)))


def estimate_request(s: EventSession, regs: list[Registration]) -> tuple[dict[str, Any], int, int]:
    """The calculator request for these registrants; registrants without mode and distance are
    not guessed (no silent defaults) but counted, so the card can say how complete the data is."""
    groups: dict[tuple[str, str, Decimal], int] = defaultdict(int)
    missing = 0
    for r in regs:
        if r.travel_mode is None or r.distance_km is None:
            missing += 1
            continue
        origin = " ".join(x for x in (r.origin_prefecture, r.origin_city) if x) or "unknown"
        groups[(origin, r.travel_mode, Decimal(r.distance_km))] += 1
    attendees = [
        {"origin": o, "mode": m, "distance_km": str(d), "count": n} for (o, m, d), n in sorted(groups.items())
    ]
    body: dict[str, Any] = {
        "fiscal_year": s.fiscal_year,
        "attendees": attendees,
        "venue_kwh": str(s.venue_kwh or Decimal(0)),
        "accommodation_nights": s.accommodation_nights,
        "meals": s.meals,
    }
    if s.utility:
        body["utility"] = s.utility
    return body, sum(groups.values()), missing


def offset_status(rec: CarbonRecord | None) -> OffsetStatus:
    if rec is None:
        return "not_offset"
    if rec.certificate_number and not rec.certificate_revoked:
        return "certified"
    if rec.credits_retired <= 0:
        return "not_offset"
    if rec.footprint_t_co2 is not None and rec.credits_retired >= credits_for(rec.footprint_t_co2):
        return "offset"
    # without a recorded footprint the catalog cannot claim full coverage
    return "partly_offset"


def recorded_out(rec: CarbonRecord | None) -> RecordedFootprint | None:
    if rec is None or rec.footprint_t_co2 is None or rec.footprint_recorded_at is None:
        return None
    basis: Basis = "actual" if rec.footprint_basis == "actual" else "estimate"
    return RecordedFootprint(
        t_co2=str(rec.footprint_t_co2),
        basis=basis,
        credits_needed=credits_for(rec.footprint_t_co2),
        recorded_at=rec.footprint_recorded_at,
    )


def carbon_card(
    session_id: str, rec: CarbonRecord | None, estimate: FootprintView, actual: FootprintView
) -> CarbonCardOut:
    cert_status: CertificateStatus = "none"
    if rec is not None and rec.certificate_number:
        cert_status = "revoked" if rec.certificate_revoked else "certified"
    return CarbonCardOut(
        session_id=session_id,
        estimate=estimate,
        actual=actual,
        recorded_footprint=recorded_out(rec),
        credits_retired=rec.credits_retired if rec else 0,
        certificate_number=rec.certificate_number if rec else None,
        certificate_status=cert_status,
        status=offset_status(rec),
    )
