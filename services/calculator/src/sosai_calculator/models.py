"""Tables the calculator service owns (its own database; no other service reads them).

Emissions are stored as decimal *strings* (:class:`DecimalText`): SQLite has no exact
numeric type and an auditor must get back exactly the digits we computed.
Factor sets and footprint versions are append-only; only the footprint header
(current version, plan, coverage) is ever updated.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Column, Index, String, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from sosai_shared.db import BigInt, UTCDateTime, make_base

if TYPE_CHECKING:  # make_base builds the class at run time; the type checker sees what it is
    Base = SQLModel
else:
    Base = make_base("Calculator")


class DecimalText(TypeDecorator[Decimal]):
    """Exact decimals on every dialect: stored as their canonical string."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError("DecimalText stores Decimal values only (never floats)")
        return format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def _dec(nullable: bool = False) -> Any:
    return Field(sa_column=Column(DecimalText, nullable=nullable))


class FactorSet(Base, table=True):
    __tablename__ = "factor_sets"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "regime", "revision", name="uq_factor_sets_fy_regime_revision"),
        UniqueConstraint("fiscal_year", "regime", "content_sha256", name="uq_factor_sets_fy_regime_sha"),
    )

    id: str = Field(primary_key=True, max_length=40)
    fiscal_year: int = Field(index=True)
    regime: str = Field(max_length=8)
    revision: int
    source: str = Field(max_length=300)
    content_sha256: str = Field(max_length=64)
    factor_count: int
    loaded_by: str = Field(max_length=200)
    loaded_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class Factor(Base, table=True):
    __tablename__ = "factors"
    __table_args__ = (Index("ix_factors_lookup", "set_id", "activity", "region"),)

    id: str = Field(primary_key=True, max_length=120)
    set_id: str = Field(foreign_key="factor_sets.id", max_length=40)
    fiscal_year: int = Field(index=True)
    regime: str = Field(max_length=8)
    revision: int
    activity: str = Field(max_length=60, index=True)
    region: str = Field(max_length=40)
    scope: int
    unit: str = Field(max_length=30)
    method: str = Field(max_length=20)  # "calorific" (GJ x tC x 44/12) or "direct"
    calorific_value: Decimal | None = _dec(True)
    carbon_factor: Decimal | None = _dec(True)
    value: Decimal | None = _dec(True)
    value_unit: str | None = Field(default=None, max_length=40)
    t_co2_per_unit: Decimal = _dec()
    published_t_co2_per_unit: Decimal | None = _dec(True)
    data_year: int
    source: str = Field(max_length=300)
    valid_from: date | None = None
    valid_until: date | None = None
    notes: str = Field(default="", max_length=300)


class Footprint(Base, table=True):
    __tablename__ = "footprints"
    __table_args__ = (Index("ix_footprints_org_created", "org", "created_at", "id"),)

    id: str = Field(primary_key=True, max_length=36)
    org: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=300)
    fiscal_year: int
    regime: str = Field(max_length=8)
    session_id: str | None = Field(default=None, max_length=100)
    offset_type: str | None = Field(default=None, max_length=40)
    units: int | None = None
    version: int
    total_t_co2: Decimal = _dec()
    planned_reduction_t_co2: Decimal = _dec()
    offset_share: Decimal = _dec()
    credits_needed: int
    credits_retired: int = 0
    coverage: str = Field(max_length=10)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class FootprintVersion(Base, table=True):
    __tablename__ = "footprint_versions"

    footprint_id: str = Field(primary_key=True, foreign_key="footprints.id", max_length=36)
    version: int = Field(primary_key=True)
    reason: str = Field(max_length=20)
    total_t_co2: Decimal = _dec()
    scope1_t_co2: Decimal = _dec()
    scope2_t_co2: Decimal = _dec()
    scope3_t_co2: Decimal = _dec()
    factor_set_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    input_summary: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    calculated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class FootprintLine(Base, table=True):
    """One source of one version, with the snapshot of the factor it used (never re-read)."""

    __tablename__ = "footprint_lines"
    __table_args__ = (Index("ix_footprint_lines_version", "footprint_id", "version", "position"),)

    id: int | None = Field(default=None, sa_column=Column(BigInt, primary_key=True, autoincrement=True))
    footprint_id: str = Field(foreign_key="footprints.id", max_length=36)
    version: int
    position: int
    source: str = Field(max_length=300)
    activity: str = Field(max_length=60)
    region: str = Field(max_length=40)
    scope: int
    amount: Decimal = _dec()
    unit: str = Field(max_length=30)
    t_co2: Decimal = _dec()
    rule: str = Field(max_length=40)
    factor: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class Retirement(Base, table=True):
    """A registry retirement that names a footprint (stored even before the footprint is known)."""

    __tablename__ = "retirements"

    retirement_id: str = Field(primary_key=True, max_length=100)
    footprint_id: str = Field(index=True, max_length=100)
    quantity: int
    holder_org: str = Field(max_length=200)
    beneficiary: str = Field(max_length=300)
    retired_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    received_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
