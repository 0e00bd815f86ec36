"""Statistics across the service's records: what the white paper charts."""

from __future__ import annotations

from collections import Counter

from sqlalchemy.ext.asyncio import AsyncSession

from sosai_certification import repository
from sosai_certification.cases import repository as cases_repo
from sosai_certification.periods import OWN_ACTIVITY_SPLIT, fiscal_quarter, fiscal_year, today_jst
from sosai_certification.schemas import (
    CertifiedStats,
    CountByType,
    OwnActivitySplit,
    PeriodCount,
    ProviderStats,
    ReportedCaseStats,
    StatisticsOut,
)


def _by_type(counter: Counter[str]) -> list[CountByType]:
    return [CountByType(offset_type=t, count=n) for t, n in sorted(counter.items())]


def _by_period(counter: Counter[tuple[str, str]]) -> list[PeriodCount]:
    return [PeriodCount(period=p, offset_type=t, count=n) for (p, t), n in sorted(counter.items())]


async def statistics(session: AsyncSession) -> StatisticsOut:
    today = today_jst()
    certs = await repository.certificates_with_status(session)
    cert_types: Counter[str] = Counter(t for t, *_ in certs)
    cert_years: Counter[tuple[str, str]] = Counter((f"FY{fy}", t) for t, fy, *_ in certs)
    valid = sum(1 for _t, _fy, vf, vu, status in certs if status == "certified" and vf <= today <= vu)

    statuses = await repository.providers_by_status(session)

    rows = await cases_repo.counts_by_day(session)
    types: Counter[str] = Counter()
    years: Counter[tuple[str, str]] = Counter()
    quarters: Counter[tuple[str, str]] = Counter()
    split = {"before": Counter[str](), "from": Counter[str]()}
    for offset_type, on, market, n in rows:
        fy = fiscal_year(on)
        types[offset_type] += n
        years[(f"FY{fy}", offset_type)] += n
        quarters[(f"FY{fy}-Q{fiscal_quarter(on)}", offset_type)] += n
        if offset_type == "own_activity":
            side = split["before" if on < OWN_ACTIVITY_SPLIT else "from"]
            side["market_distribution" if market else "other"] += n
            side["total"] += n

    def sides(c: Counter[str]) -> dict[str, int]:
        return {k: c.get(k, 0) for k in ("market_distribution", "other", "total")}

    return StatisticsOut(
        certified_initiatives=CertifiedStats(
            total=len(certs),
            currently_valid=valid,
            by_type=_by_type(cert_types),
            by_fiscal_year=_by_period(cert_years),
        ),
        providers=ProviderStats(
            registered=int(statuses.get("registered", 0)),
            suspended=int(statuses.get("suspended", 0)),
            pending=int(statuses.get("applied", 0)),
        ),
        reported_cases=ReportedCaseStats(
            total=sum(types.values()),
            by_type=_by_type(types),
            by_fiscal_year=_by_period(years),
            by_quarter=_by_period(quarters),
            own_activity_split=OwnActivitySplit(
                before_2010_04=sides(split["before"]), from_2010_04=sides(split["from"])
            ),
        ),
    )
