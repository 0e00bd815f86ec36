from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

if TYPE_CHECKING:
    from ..models.certificate_retirement_out import CertificateRetirementOut


T = TypeVar("T", bound="CertificateOut")


@_attrs_define
class CertificateOut:
    """
    Attributes:
        applicant_org (str):
        application_id (str):
        backdated (bool):
        certified_at (datetime.datetime):
        credits_required (int):
        credits_retired (int):
        disclosure (str):
        end_report_submitted (bool):
        fiscal_year (int):
        label_text (str):
        number (str):
        offset_type (str):
        renews (None | str):
        retirements (list[CertificateRetirementOut]):
        status (str): certified | suspended | revoked | expired
        subject_name (str):
        valid (bool): certified and today within the validity period
        valid_from (datetime.date):
        valid_until (datetime.date):
    """

    applicant_org: str
    application_id: str
    backdated: bool
    certified_at: datetime.datetime
    credits_required: int
    credits_retired: int
    disclosure: str
    end_report_submitted: bool
    fiscal_year: int
    label_text: str
    number: str
    offset_type: str
    renews: None | str
    retirements: list[CertificateRetirementOut]
    status: str
    subject_name: str
    valid: bool
    valid_from: datetime.date
    valid_until: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        applicant_org = self.applicant_org

        application_id = self.application_id

        backdated = self.backdated

        certified_at = self.certified_at.isoformat()

        credits_required = self.credits_required

        credits_retired = self.credits_retired

        disclosure = self.disclosure

        end_report_submitted = self.end_report_submitted

        fiscal_year = self.fiscal_year

        label_text = self.label_text

        number = self.number

        offset_type = self.offset_type

        renews: None | str
        renews = self.renews

        retirements = []
        for retirements_item_data in self.retirements:
            retirements_item = retirements_item_data.to_dict()
            retirements.append(retirements_item)

        status = self.status

        subject_name = self.subject_name

        valid = self.valid

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applicant_org": applicant_org,
                "application_id": application_id,
                "backdated": backdated,
                "certified_at": certified_at,
                "credits_required": credits_required,
                "credits_retired": credits_retired,
                "disclosure": disclosure,
                "end_report_submitted": end_report_submitted,
                "fiscal_year": fiscal_year,
                "label_text": label_text,
                "number": number,
                "offset_type": offset_type,
                "renews": renews,
                "retirements": retirements,
                "status": status,
                "subject_name": subject_name,
                "valid": valid,
                "valid_from": valid_from,
                "valid_until": valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certificate_retirement_out import CertificateRetirementOut

        d = dict(src_dict)
        applicant_org = d.pop("applicant_org")

        application_id = d.pop("application_id")

        backdated = d.pop("backdated")

        certified_at = isoparse(d.pop("certified_at"))

        credits_required = d.pop("credits_required")

        credits_retired = d.pop("credits_retired")

        disclosure = d.pop("disclosure")

        end_report_submitted = d.pop("end_report_submitted")

        fiscal_year = d.pop("fiscal_year")

        label_text = d.pop("label_text")

        number = d.pop("number")

        offset_type = d.pop("offset_type")

        def _parse_renews(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        renews = _parse_renews(d.pop("renews"))

        retirements = []
        _retirements = d.pop("retirements")
        for retirements_item_data in _retirements:
            retirements_item = CertificateRetirementOut.from_dict(retirements_item_data)

            retirements.append(retirements_item)

        status = d.pop("status")

        subject_name = d.pop("subject_name")

        valid = d.pop("valid")

        valid_from = isoparse(d.pop("valid_from")).date()

        valid_until = isoparse(d.pop("valid_until")).date()

        certificate_out = cls(
            applicant_org=applicant_org,
            application_id=application_id,
            backdated=backdated,
            certified_at=certified_at,
            credits_required=credits_required,
            credits_retired=credits_retired,
            disclosure=disclosure,
            end_report_submitted=end_report_submitted,
            fiscal_year=fiscal_year,
            label_text=label_text,
            number=number,
            offset_type=offset_type,
            renews=renews,
            retirements=retirements,
            status=status,
            subject_name=subject_name,
            valid=valid,
            valid_from=valid_from,
            valid_until=valid_until,
        )

        certificate_out.additional_properties = d
        return certificate_out

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
