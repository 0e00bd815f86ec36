"""A Hypothesis state machine over issue / transfer (partial ranges) / retire / cancel, through the service
layer on the real test database, checking I1-I4 after every step against a simple model (sets of serials)."""

from __future__ import annotations

import asyncio
import itertools
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from sosai_registry import service as svc
from sosai_registry.models import (
    CANCELLATION_ACCOUNT,
    RETIREMENT_ACCOUNT,
    Base,
    Block,
    Issuance,
    TransactionBlock,
)
from sosai_shared.auth import Principal
from sosai_shared.db import Database
from sosai_shared.errors import DomainError
from sosai_shared.migrations import upgrade

ADMIN1 = Principal(sub="a1", org="registry", scopes=frozenset({"registry:admin"}))
ADMIN2 = Principal(sub="a2", org="registry", scopes=frozenset({"registry:admin"}))
HOLDER = Principal(sub="h", org="org-sm", scopes=frozenset({"registry:write"}))
_day = itertools.count()


class Env:
    """One database and one event loop shared by every example (each example uses its own accounts)."""

    def __init__(self, url: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.db = Database(url, Base.metadata)

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    async def tx(self, principal: Principal, fn: Any, *args: Any) -> Any:
        async with self.db.sessionmaker() as s, s.begin():
            return await fn(svc.Ctx(s, principal, "/sosai/registry-test"), *args)


ENV: Env | None = None


class Ledger(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        assert ENV is not None
        self.env = ENV
        self.model: dict[str, set[int]] = {}
        self.retired: set[int] = set()
        self.cancelled: set[int] = set()
        self.completed: dict[str, list[tuple[int, int]]] = {}

    @initialize()
    def setup(self) -> None:
        async def go(ctx: svc.Ctx) -> str:
            code = f"SM{next(_day)}-{id(self)}"
            await svc.create_methodology(
                ctx,
                SimpleNamespace(
                    code=code, name="m", category="emission_reduction", version="1", credit_type=None
                ),
            )
            return code

        code = self.env.run(self.env.tx(ADMIN1, go))
        body = SimpleNamespace(
            name="p",
            methodology_code=code,
            prefecture="kochi",
            programme="national",
            crediting_start=date(2008, 4, 1),
            crediting_end=date(2030, 3, 31),
        )
        p = self.env.run(self.env.tx(HOLDER, svc.apply_project, body))
        for to in ("validated", "registered"):
            self.env.run(self.env.tx(ADMIN1, svc.transition_project, p.id, to, None, None))
        self.project = p.id
        for name in ("a", "b", "c"):
            acc = self.env.run(self.env.tx(HOLDER, svc.open_account, name))
            self.model[acc.id] = set()

    def _held(self) -> list[str]:
        return [a for a, s in self.model.items() if s]

    @rule(quantity=st.integers(1, 40), who=st.integers(0, 2))
    def issue(self, quantity: int, who: int) -> None:
        acc = list(self.model)[who]
        d = date(2009, 4, 1) + timedelta(days=next(_day))
        cert = self.env.run(
            self.env.tx(
                ADMIN1,
                svc.certify,
                self.project,
                SimpleNamespace(
                    period_start=d,
                    period_end=d,
                    monitoring_report="m",
                    verifier="v",
                    quantity=quantity,
                    effective_date=None,
                ),
            )
        )
        tx = self.env.run(
            self.env.tx(
                ADMIN1,
                svc.propose_issuance,
                cert.id,
                SimpleNamespace(quantity=quantity, account_id=acc, validity_end=date(2021, 3, 31)),
            )
        )
        _, views, _ = self.env.run(self.env.tx(ADMIN2, svc.approve, tx.id, None))
        for v in views:
            self.model[acc].update(range(v["start"], v["end"] + 1))
        self.completed[tx.id] = [(v["start"], v["end"]) for v in views]

    @precondition(lambda self: bool(self._held()))
    @rule(data=st.data(), by_range=st.booleans())
    def transfer(self, data: st.DataObject, by_range: bool) -> None:
        src = data.draw(st.sampled_from(self._held()))
        dst = data.draw(st.sampled_from([a for a in self.model if a != src]))
        serials = sorted(self.model[src])
        if by_range:  # a partial range inside the holdings: any contiguous run
            i = data.draw(st.integers(0, len(serials) - 1))
            j = i
            while j + 1 < len(serials) and serials[j + 1] == serials[j] + 1 and data.draw(st.booleans()):
                j += 1
            body = SimpleNamespace(
                from_account_id=src,
                to_account_id=dst,
                quantity=None,
                ranges=[SimpleNamespace(start=serials[i], end=serials[j])],
            )
        else:
            body = SimpleNamespace(
                from_account_id=src,
                to_account_id=dst,
                ranges=None,
                quantity=data.draw(st.integers(1, len(serials))),
            )
        tx, views = self.env.run(self.env.tx(HOLDER, svc.transfer, body))
        moved = {n for v in views for n in range(v["start"], v["end"] + 1)}
        assert moved <= self.model[src] and len(moved) == tx.quantity
        self.model[src] -= moved
        self.model[dst] |= moved
        self.completed[tx.id] = sorted((v["start"], v["end"]) for v in views)

    @precondition(lambda self: bool(self._held()))
    @rule(data=st.data())
    def retire(self, data: st.DataObject) -> None:
        src = data.draw(st.sampled_from(self._held()))
        q = data.draw(st.integers(1, len(self.model[src])))
        body = SimpleNamespace(
            account_id=src,
            quantity=q,
            ranges=None,
            use="own_activity",
            purpose="p",
            beneficiary="b",
            beneficiary_org=None,
            footprint_id=None,
            session_id=None,
            application_id=None,
        )
        tx, views = self.env.run(self.env.tx(HOLDER, svc.retire, body))
        moved = {n for v in views for n in range(v["start"], v["end"] + 1)}
        # whole blocks go lowest serial first (one vintage here); a partial last block keeps its low range
        assert moved <= self.model[src] and len(moved) == q
        self.model[src] -= moved
        self.retired |= moved
        self.completed[tx.id] = sorted((v["start"], v["end"]) for v in views)

    @precondition(lambda self: bool(self._held()))
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        src = data.draw(st.sampled_from(self._held()))
        q = data.draw(st.integers(1, len(self.model[src])))
        body = SimpleNamespace(account_id=src, quantity=q, ranges=None, reason="audit")
        tx = self.env.run(self.env.tx(ADMIN1, svc.propose_cancellation, body))
        _, views, _ = self.env.run(self.env.tx(ADMIN2, svc.approve, tx.id, None))
        moved = {n for v in views for n in range(v["start"], v["end"] + 1)}
        assert len(moved) == q and moved <= self.model[src]
        self.model[src] -= moved
        self.cancelled |= moved

    @precondition(lambda self: bool(self._held()))
    @rule(data=st.data())
    def overdraw_is_refused(self, data: st.DataObject) -> None:
        src = data.draw(st.sampled_from(self._held()))
        body = SimpleNamespace(
            account_id=src,
            quantity=len(self.model[src]) + 1,
            ranges=None,
            use="own_activity",
            purpose="p",
            beneficiary="b",
            beneficiary_org=None,
            footprint_id=None,
            session_id=None,
            application_id=None,
        )
        try:
            self.env.run(self.env.tx(HOLDER, svc.retire, body))
        except DomainError as exc:
            assert exc.type == "insufficient-balance"
        else:
            raise AssertionError("overdraft accepted")

    @invariant()
    def ledger_matches_model(self) -> None:
        if not hasattr(self, "project"):
            return
        self.env.run(self._check())

    async def _check(self) -> None:
        async with self.env.db.sessionmaker() as s:
            blocks = (await s.execute(select(Block).order_by(Block.start))).scalars().all()
            # I2: no empty or inverted blocks; I3: disjoint ranges
            assert all(b.start <= b.end for b in blocks)
            assert all(x.end < y.start for x, y in itertools.pairwise(blocks))
            # the model: every account of this example holds exactly its serials
            for acc, serials in self.model.items():
                held = {n for b in blocks if b.account_id == acc for n in range(b.start, b.end + 1)}
                assert held == serials, acc
            ret = {n for b in blocks if b.account_id == RETIREMENT_ACCOUNT for n in range(b.start, b.end + 1)}
            can = {
                n for b in blocks if b.account_id == CANCELLATION_ACCOUNT for n in range(b.start, b.end + 1)
            }
            assert self.retired <= ret and self.cancelled <= can  # I4: retired/cancelled units stay put
            # I1: per project and vintage, held + retired + cancelled + buffer = issued
            issued = dict(
                (
                    await s.execute(
                        select(Issuance.project_id, func.sum(Issuance.quantity)).group_by(Issuance.project_id)
                    )
                ).all()
            )
            in_blocks = dict(
                (
                    await s.execute(
                        select(Block.project_id, func.sum(Block.end - Block.start + 1)).group_by(
                            Block.project_id
                        )
                    )
                ).all()
            )
            assert issued == in_blocks
            # I4: completed transactions keep the ranges they moved
            for tx_id, ranges in self.completed.items():
                rows = (
                    await s.execute(
                        select(TransactionBlock.start, TransactionBlock.end).where(
                            TransactionBlock.transaction_id == tx_id
                        )
                    )
                ).all()
                assert sorted((r[0], r[1]) for r in rows) == sorted(ranges)


def _run(url: str) -> None:
    global ENV
    ENV = Env(url)
    try:
        ENV.run(upgrade("sosai_registry", url))
        run_state_machine_as_test(
            Ledger,
            settings=settings(
                max_examples=8, stateful_step_count=10, deadline=None, suppress_health_check=list(HealthCheck)
            ),
        )
    finally:
        ENV.run(ENV.db.dispose())
        ENV.loop.close()
        ENV = None


async def test_ledger_state_machine_keeps_invariants(database_url: str) -> None:
    await asyncio.to_thread(_run, database_url)
