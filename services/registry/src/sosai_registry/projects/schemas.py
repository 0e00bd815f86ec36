"""Requests and views of methodologies, projects and certifications of reductions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from sosai_registry.schemas import In, Tonnes
from sosai_shared.dates import IsoDate

Category = Literal["emission_reduction", "forest_absorption"]
ProjectStatus = Literal["validated", "registered", "suspended", "terminated", "rejected", "applied"]


# ---- methodologies ----
class MethodologyIn(In):
    code: str = Field(min_length=1, max_length=40, examples=["E001"])
    name: str = Field(min_length=1, max_length=300, examples=["Boiler fuel switch to woody biomass"])
    category: Category
    version: str = Field(default="1.0", min_length=1, max_length=20)
    credit_type: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2,3}$",
        description="defaults to ER (emission reduction) or FM (forest)",
    )


class MethodologyStatusIn(In):
    status: Literal["active", "withdrawn"]


class MethodologyOut(BaseModel):
    id: str
    code: str
    name: str
    category: str
    credit_type: str
    version: str
    status: str
    created_at: datetime


# ---- projects ----
class ProjectIn(In):
    name: str = Field(min_length=1, max_length=300)
    methodology_code: str = Field(min_length=1, max_length=40)
    prefecture: str = Field(min_length=1, max_length=40, examples=["kochi"])
    programme: str = Field(
        default="national",
        pattern=r"^[a-z][a-z0-9]{1,19}$",
        description="'national' or the prefecture's J-VER programme, e.g. 'kochi'",
    )
    crediting_start: IsoDate
    crediting_end: IsoDate


class TransitionIn(In):
    to: ProjectStatus
    reason: str | None = Field(default=None, max_length=2000)
    effective_date: IsoDate | None = Field(
        default=None,
        description="admin backdating of the transition (historical seeding); default today (JST)",
    )


class TransitionOut(BaseModel):
    from_status: str | None
    to_status: str
    actor_sub: str
    actor_org: str
    reason: str | None
    effective_on: date
    at: datetime


class ProjectOut(BaseModel):
    id: str
    code: str
    name: str
    proponent_org: str
    methodology_code: str
    category: str
    prefecture: str
    programme: str
    crediting_start: IsoDate
    crediting_end: IsoDate
    status: str
    applied_at: datetime
    registered_on: date | None
    transitions: list[TransitionOut] = []


# ---- certifications ----
class CertificationIn(In):
    period_start: IsoDate
    period_end: IsoDate
    monitoring_report: str = Field(min_length=1, max_length=300, description="monitoring report reference")
    verifier: str = Field(min_length=1, max_length=300, description="verification body")
    quantity: Tonnes = Field(description="certified whole tonnes")
    effective_date: IsoDate | None = Field(
        default=None, description="admin backdating of the certification date"
    )


class CertificationOut(BaseModel):
    id: str
    project_id: str
    period_start: IsoDate
    period_end: IsoDate
    vintage: int
    monitoring_report: str
    verifier: str
    quantity: int
    issued_quantity: int
    certified_on: date
