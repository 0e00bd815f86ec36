"""Factor sets: loading (admin uploads and the shipped files), reading, and resolving a factor.

Takes the session, never commits. A set is identified by fiscal year, regime and revision;
the same content loaded twice is the same set, new content is the next revision, and new
calculations use the newest revision of a year (old results keep their snapshots).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict
from importlib import resources

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sosai_calculator import calculation as calc
from sosai_calculator.factors import repository as repo
from sosai_calculator.factors import rules
from sosai_calculator.factors.rules import Choice
from sosai_calculator.factors.schemas import FactorOut, FactorSetOut
from sosai_calculator.models import Factor, FactorSet
from sosai_shared.db import utcnow
from sosai_shared.errors import NotFound, Unprocessable
from sosai_shared.pagination import Page, PageParams

SHIPPED = ("factors_FY2009_A.csv", "factors_FY2009_B.csv", "factors_FY2010_A.csv", "factors_FY2010_B.csv")


async def load_factor_set(
    session: AsyncSession, text: str, *, loaded_by: str, source: str
) -> tuple[FactorSet, bool]:
    """Idempotent by content: the same file again returns the existing set; new content is a new revision."""
    parsed = rules.parse_factor_csv(text)
    fy, regime = parsed.fiscal_year, parsed.regime
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = await repo.set_by_hash(session, fy, regime, sha)
    if existing is not None:
        return existing, False
    revision = await repo.max_revision(session, fy, regime) + 1
    fs = FactorSet(
        id=f"FY{fy}-{regime}-r{revision}",
        fiscal_year=fy,
        regime=regime,
        revision=revision,
        source=source[:300],
        content_sha256=sha,
        factor_count=len(parsed.rows),
        loaded_by=loaded_by[:200],
        loaded_at=utcnow(),
    )
    session.add(fs)
    await session.flush()
    for r in parsed.rows:
        session.add(
            Factor(id=f"{fs.id}.{r.activity}.{r.region}", set_id=fs.id, revision=revision, **asdict(r))
        )
    await session.flush()
    return fs, True


def shipped_files() -> Iterator[tuple[str, str]]:
    base = resources.files("sosai_calculator").joinpath("data")
    for name in SHIPPED:
        yield name, base.joinpath(name).read_text(encoding="utf-8")


async def load_shipped_sets(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Start-up: load the package's factor files once (a replica that loses the race finds them loaded)."""
    for name, text in shipped_files():
        try:
            async with sessionmaker() as session, session.begin():
                await load_factor_set(session, text, loaded_by="shipped", source=f"package data {name}")
        except IntegrityError:
            pass


# ------------------------------------------------------------------ reads


async def set_out(session: AsyncSession, fs: FactorSet) -> FactorSetOut:
    current = await repo.current_set(session, fs.fiscal_year, fs.regime)
    return FactorSetOut(**fs.model_dump(), current=current is not None and current.id == fs.id)


async def page_sets(session: AsyncSession, page: PageParams) -> Page[FactorSetOut]:
    rows = await repo.page_sets(session, page)
    current = await repo.current_revisions(session)
    return rows.map(
        lambda r: FactorSetOut(**r.model_dump(), current=current.get((r.fiscal_year, r.regime)) == r.revision)
    )


async def factor_set_for(session: AsyncSession, set_id: str) -> FactorSetOut:
    fs = await repo.get_set(session, set_id)
    if fs is None:
        raise NotFound(f"No factor set {set_id}.", type="factor-set-not-found")
    return await set_out(session, fs)


async def search(
    session: AsyncSession,
    page: PageParams,
    *,
    filters: dict[str, str | int | None],
    set_id: str | None,
    all_revisions: bool,
) -> Page[FactorOut]:
    set_ids = None
    if not all_revisions and set_id is None:
        current = await repo.current_revisions(session)
        set_ids = [f"FY{fy}-{rg}-r{rev}" for (fy, rg), rev in current.items()]
    rows = await repo.search_factors(
        session, filters={**filters, "set_id": set_id}, set_ids=set_ids, paging=page
    )
    return rows.map(lambda r: FactorOut(**r.model_dump()))


async def factor_for(session: AsyncSession, factor_id: str) -> FactorOut:
    f = await repo.get_factor(session, factor_id)
    if f is None:
        raise NotFound(f"No factor {factor_id}.", type="factor-not-found")
    return FactorOut(**f.model_dump())


# ------------------------------------------------------------------ resolution


def snapshot(f: Factor) -> calc.FactorSnapshot:
    return calc.FactorSnapshot(
        id=f.id,
        set_id=f.set_id,
        set_fiscal_year=f.fiscal_year,
        set_revision=f.revision,
        regime=f.regime,
        activity=f.activity,
        region=f.region,
        scope=f.scope,
        unit=f.unit,
        method=f.method,
        calorific_value=f.calorific_value,
        carbon_factor=f.carbon_factor,
        value=f.value,
        value_unit=f.value_unit,
        t_co2_per_unit=f.t_co2_per_unit,
        published_t_co2_per_unit=f.published_t_co2_per_unit,
        data_year=f.data_year,
        source=f.source,
    )


class FactorResolver:
    """Picks the factor for (activity, region, fiscal year, regime), caching per request or upload.

    Which set year applies is :func:`rules.wanted_set` (the N−1 rule) and
    :func:`rules.set_years_to_try` (the latest available set for a year no set covers yet);
    this class only asks the database which sets exist and what they hold.
    """

    def __init__(self, session: AsyncSession, regime: str) -> None:
        self.session, self.regime = session, regime
        self._years: list[int] | None = None
        self._sets: dict[int, FactorSet | None] = {}
        self._choices: dict[tuple[str, str, int], Choice] = {}

    async def _set(self, fy: int) -> FactorSet | None:
        if fy not in self._sets:
            self._sets[fy] = await repo.current_set(self.session, fy, self.regime)
        return self._sets[fy]

    async def _match(self, wanted: rules.Wanted, fs: FactorSet) -> Factor:
        candidates = await repo.factors_of_set_activity(self.session, fs.id, wanted.activity)
        rules.check_known(wanted.activity, wanted.region, fs.id, (f.region for f in candidates))
        return next(f for f in candidates if f.region == wanted.region)

    async def choose(self, activity: str, region: str | None, fiscal_year: int) -> Choice:
        wanted = rules.wanted_set(activity, region, fiscal_year)
        key = (wanted.activity, wanted.region, fiscal_year)
        if key in self._choices:
            return self._choices[key]
        if self._years is None:
            self._years = await repo.loaded_years(self.session, self.regime)
        years = rules.set_years_to_try(wanted, self._years)
        if not years:
            raise rules.no_factor_set(wanted.set_fiscal_year, self.regime)
        first_error: Unprocessable | None = None
        for fy in years:
            fs = await self._set(fy)
            if fs is None:  # pragma: no cover - a year listed as loaded has a set
                continue
            try:
                factor = await self._match(wanted, fs)
            except Unprocessable as exc:
                first_error = first_error or exc
                continue
            if fy != wanted.set_fiscal_year:
                wanted = rules.latest_available(wanted, fs.id, fy)
            choice = Choice(snapshot(factor), wanted.rule, wanted.explanation, fiscal_year)
            self._choices[key] = choice
            return choice
        assert first_error is not None
        raise first_error
