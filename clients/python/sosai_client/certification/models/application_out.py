from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

if TYPE_CHECKING:
    from ..models.certificate_out import CertificateOut
    from ..models.check_out import CheckOut
    from ..models.transition_out import TransitionOut


T = TypeVar("T", bound="ApplicationOut")


@_attrs_define
class ApplicationOut:
    """
    Attributes:
        applicant_org (str):
        carbon_neutral (bool):
        certificate (CertificateOut | None):
        checks (list[CheckOut]):
        checks_met (bool):
        created_at (datetime.datetime):
        disclosure (str):
        emission_sources (list[str]):
        footprint_id (None | str):
        id (str):
        offset_type (str):
        quantity (int | None):
        reduction_efforts (str):
        rejection_reasons (list[str] | None):
        renews (None | str):
        retirement_ids (list[str]):
        reviewer_org (None | str):
        scope (str):
        session_id (None | str):
        status (str):
        subject_kind (str):
        subject_name (str):
        submitted_at (datetime.datetime | None):
        transitions (list[TransitionOut]):
        updated_at (datetime.datetime):
        validity_years (int):
    """

    applicant_org: str
    carbon_neutral: bool
    certificate: CertificateOut | None
    checks: list[CheckOut]
    checks_met: bool
    created_at: datetime.datetime
    disclosure: str
    emission_sources: list[str]
    footprint_id: None | str
    id: str
    offset_type: str
    quantity: int | None
    reduction_efforts: str
    rejection_reasons: list[str] | None
    renews: None | str
    retirement_ids: list[str]
    reviewer_org: None | str
    scope: str
    session_id: None | str
    status: str
    subject_kind: str
    subject_name: str
    submitted_at: datetime.datetime | None
    transitions: list[TransitionOut]
    updated_at: datetime.datetime
    validity_years: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.certificate_out import CertificateOut

        applicant_org = self.applicant_org

        carbon_neutral = self.carbon_neutral

        certificate: dict[str, Any] | None
        if isinstance(self.certificate, CertificateOut):
            certificate = self.certificate.to_dict()
        else:
            certificate = self.certificate

        checks = []
        for checks_item_data in self.checks:
            checks_item = checks_item_data.to_dict()
            checks.append(checks_item)

        checks_met = self.checks_met

        created_at = self.created_at.isoformat()

        disclosure = self.disclosure

        emission_sources = self.emission_sources

        footprint_id: None | str
        footprint_id = self.footprint_id

        id = self.id

        offset_type = self.offset_type

        quantity: int | None
        quantity = self.quantity

        reduction_efforts = self.reduction_efforts

        rejection_reasons: list[str] | None
        if isinstance(self.rejection_reasons, list):
            rejection_reasons = self.rejection_reasons

        else:
            rejection_reasons = self.rejection_reasons

        renews: None | str
        renews = self.renews

        retirement_ids = self.retirement_ids

        reviewer_org: None | str
        reviewer_org = self.reviewer_org

        scope = self.scope

        session_id: None | str
        session_id = self.session_id

        status = self.status

        subject_kind = self.subject_kind

        subject_name = self.subject_name

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        transitions = []
        for transitions_item_data in self.transitions:
            transitions_item = transitions_item_data.to_dict()
            transitions.append(transitions_item)

        updated_at = self.updated_at.isoformat()

        validity_years = self.validity_years

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applicant_org": applicant_org,
                "carbon_neutral": carbon_neutral,
                "certificate": certificate,
                "checks": checks,
                "checks_met": checks_met,
                "created_at": created_at,
                "disclosure": disclosure,
                "emission_sources": emission_sources,
                "footprint_id": footprint_id,
                "id": id,
                "offset_type": offset_type,
                "quantity": quantity,
                "reduction_efforts": reduction_efforts,
                "rejection_reasons": rejection_reasons,
                "renews": renews,
                "retirement_ids": retirement_ids,
                "reviewer_org": reviewer_org,
                "scope": scope,
                "session_id": session_id,
                "status": status,
                "subject_kind": subject_kind,
                "subject_name": subject_name,
                "submitted_at": submitted_at,
                "transitions": transitions,
                "updated_at": updated_at,
                "validity_years": validity_years,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certificate_out import CertificateOut
        from ..models.check_out import CheckOut
        from ..models.transition_out import TransitionOut

        d = dict(src_dict)
        applicant_org = d.pop("applicant_org")

        carbon_neutral = d.pop("carbon_neutral")

        def _parse_certificate(data: object) -> CertificateOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                certificate_type_0 = CertificateOut.from_dict(data)

                return certificate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CertificateOut | None, data)

        certificate = _parse_certificate(d.pop("certificate"))

        checks = []
        _checks = d.pop("checks")
        for checks_item_data in _checks:
            checks_item = CheckOut.from_dict(checks_item_data)

            checks.append(checks_item)

        checks_met = d.pop("checks_met")

        created_at = isoparse(d.pop("created_at"))

        disclosure = d.pop("disclosure")

        emission_sources = cast(list[str], d.pop("emission_sources"))

        def _parse_footprint_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        footprint_id = _parse_footprint_id(d.pop("footprint_id"))

        id = d.pop("id")

        offset_type = d.pop("offset_type")

        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))

        reduction_efforts = d.pop("reduction_efforts")

        def _parse_rejection_reasons(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rejection_reasons_type_0 = cast(list[str], data)

                return rejection_reasons_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        rejection_reasons = _parse_rejection_reasons(d.pop("rejection_reasons"))

        def _parse_renews(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        renews = _parse_renews(d.pop("renews"))

        retirement_ids = cast(list[str], d.pop("retirement_ids"))

        def _parse_reviewer_org(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reviewer_org = _parse_reviewer_org(d.pop("reviewer_org"))

        scope = d.pop("scope")

        def _parse_session_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        session_id = _parse_session_id(d.pop("session_id"))

        status = d.pop("status")

        subject_kind = d.pop("subject_kind")

        subject_name = d.pop("subject_name")

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = isoparse(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        transitions = []
        _transitions = d.pop("transitions")
        for transitions_item_data in _transitions:
            transitions_item = TransitionOut.from_dict(transitions_item_data)

            transitions.append(transitions_item)

        updated_at = isoparse(d.pop("updated_at"))

        validity_years = d.pop("validity_years")

        application_out = cls(
            applicant_org=applicant_org,
            carbon_neutral=carbon_neutral,
            certificate=certificate,
            checks=checks,
            checks_met=checks_met,
            created_at=created_at,
            disclosure=disclosure,
            emission_sources=emission_sources,
            footprint_id=footprint_id,
            id=id,
            offset_type=offset_type,
            quantity=quantity,
            reduction_efforts=reduction_efforts,
            rejection_reasons=rejection_reasons,
            renews=renews,
            retirement_ids=retirement_ids,
            reviewer_org=reviewer_org,
            scope=scope,
            session_id=session_id,
            status=status,
            subject_kind=subject_kind,
            subject_name=subject_name,
            submitted_at=submitted_at,
            transitions=transitions,
            updated_at=updated_at,
            validity_years=validity_years,
        )

        application_out.additional_properties = d
        return application_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
