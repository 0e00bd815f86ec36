"""Request and response models of applications and certificates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sosai_shared.dates import IsoDate

OffsetType = Literal[
    "product_service", "meeting_event", "own_activity", "own_activity_support", "closed_specific_parties"
]
SubjectKind = Literal["product", "service", "event", "activity"]
Id = Field(min_length=1, max_length=100)


class _Content(BaseModel):
    """Fields an applicant writes; a draft may leave the long ones empty until submission."""

    model_config = ConfigDict(extra="forbid")

    scope: str = Field("", max_length=5000, description="the defined boundary of the calculation")
    emission_sources: list[str] = Field(
        default_factory=list, max_length=50, description="main emission sources within the scope"
    )
    footprint_id: str | None = Field(
        None, min_length=1, max_length=100, description="the calculator footprint this offset covers"
    )
    session_id: str | None = Field(None, min_length=1, max_length=100, description="events-catalog session")
    reduction_efforts: str = Field("", max_length=10000)
    quantity: int | None = Field(
        None, ge=1, le=100_000_000, description="whole credits to offset; omit when carbon_neutral"
    )
    carbon_neutral: bool = Field(False, description="offset all of the footprint (its plan's credits_needed)")
    validity_years: int = Field(1, ge=1, le=3, description="1; up to 3 only for carbon neutral")
    retirement_ids: list[str] = Field(default_factory=list, max_length=100)
    disclosure: str = Field("", max_length=10000, description="consumer-facing disclosure text")
    renews: str | None = Field(None, pattern=r"^CO-\d{4}-\d{3,}$", description="certificate this renews")


class ApplicationIn(_Content):
    offset_type: OffsetType
    subject_name: str = Field(min_length=1, max_length=300)
    subject_kind: SubjectKind

    @model_validator(mode="after")
    def _consistent(self) -> ApplicationIn:
        if self.carbon_neutral and self.quantity is not None:
            raise ValueError("give either quantity or carbon_neutral=true, not both")
        if self.validity_years > 1 and not self.carbon_neutral:
            raise ValueError("validity_years above 1 is only for carbon neutral offsets")
        if any(not s.strip() or len(s) > 300 for s in self.emission_sources):
            raise ValueError("emission_sources must be non-blank strings of at most 300 characters")
        if any(not r.strip() or len(r) > 100 for r in self.retirement_ids):
            raise ValueError("retirement_ids must be non-blank strings of at most 100 characters")
        if len(set(self.retirement_ids)) != len(self.retirement_ids):
            raise ValueError("retirement_ids must not repeat")
        return self


class ApplicationPatch(BaseModel):
    """Partial update of a draft; the merged result must still be a valid application."""

    model_config = ConfigDict(extra="forbid")

    offset_type: OffsetType | None = None
    subject_name: str | None = Field(None, min_length=1, max_length=300)
    subject_kind: SubjectKind | None = None
    scope: str | None = Field(None, max_length=5000)
    emission_sources: list[str] | None = Field(None, max_length=50)
    footprint_id: str | None = Field(None, min_length=1, max_length=100)
    session_id: str | None = Field(None, min_length=1, max_length=100)
    reduction_efforts: str | None = Field(None, max_length=10000)
    quantity: int | None = Field(None, ge=1, le=100_000_000)
    carbon_neutral: bool | None = None
    validity_years: int | None = Field(None, ge=1, le=3)
    retirement_ids: list[str] | None = Field(None, max_length=100)
    disclosure: str | None = Field(None, max_length=10000)
    renews: str | None = Field(None, pattern=r"^CO-\d{4}-\d{3,}$")


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=2000)


class OptionalReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(None, min_length=1, max_length=2000)


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reasons: list[str] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _non_blank(self) -> RejectIn:
        if any(not r.strip() or len(r) > 2000 for r in self.reasons):
            raise ValueError("each reason must be a non-blank string of at most 2000 characters")
        return self


class CertifyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    comment: str | None = Field(None, min_length=1, max_length=2000)
    effective_date: IsoDate | None = Field(
        None,
        description="backdate the certification (historical seeding): the certificate's fiscal year, "
        "number and validity start from this day; not in the future",
    )


class EndReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    report: str = Field(
        min_length=1, max_length=20000, description="what was offset over the validity period"
    )
    actual_credits_retired: int | None = Field(None, ge=0, le=100_000_000)


class CheckOut(BaseModel):
    name: str
    met: bool
    detail: str
    evidence: dict[str, Any]


class TransitionOut(BaseModel):
    from_status: str | None
    to_status: str
    actor_sub: str
    actor_org: str
    reason: str | None
    at: datetime


class SerialRangeOut(BaseModel):
    serial: str
    start: int
    end: int
    quantity: int
    project_id: str
    vintage: int
    credit_type: str


class CertificateRetirementOut(BaseModel):
    retirement_id: str
    quantity: int
    retired_at: datetime
    beneficiary: str
    purpose: str
    serial_ranges: list[SerialRangeOut]


class CertificateOut(BaseModel):
    number: str
    application_id: str
    status: str = Field(description="certified | suspended | revoked | expired")
    valid: bool = Field(description="certified and today within the validity period")
    offset_type: str
    applicant_org: str
    subject_name: str
    label_text: str
    credits_retired: int
    credits_required: int
    retirements: list[CertificateRetirementOut]
    fiscal_year: int
    valid_from: date
    valid_until: date
    certified_at: datetime
    backdated: bool
    renews: str | None
    disclosure: str
    end_report_submitted: bool


class ApplicationOut(BaseModel):
    id: str
    applicant_org: str
    status: str
    offset_type: str
    subject_name: str
    subject_kind: str
    scope: str
    emission_sources: list[str]
    footprint_id: str | None
    session_id: str | None
    reduction_efforts: str
    quantity: int | None
    carbon_neutral: bool
    validity_years: int
    retirement_ids: list[str]
    disclosure: str
    renews: str | None
    rejection_reasons: list[str] | None
    reviewer_org: str | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    checks_met: bool
    checks: list[CheckOut]
    transitions: list[TransitionOut]
    certificate: CertificateOut | None


class ApplicationSummaryOut(BaseModel):
    id: str
    applicant_org: str
    status: str
    offset_type: str
    subject_name: str
    created_at: datetime
    submitted_at: datetime | None


class EndReportOut(BaseModel):
    number: str
    report: str
    actual_credits_retired: int | None
    submitted_at: datetime
