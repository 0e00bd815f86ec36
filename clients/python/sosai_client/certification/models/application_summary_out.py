from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="ApplicationSummaryOut")


@_attrs_define
class ApplicationSummaryOut:
    """
    Attributes:
        applicant_org (str):
        created_at (datetime.datetime):
        id (str):
        offset_type (str):
        status (str):
        subject_name (str):
        submitted_at (datetime.datetime | None):
    """

    applicant_org: str
    created_at: datetime.datetime
    id: str
    offset_type: str
    status: str
    subject_name: str
    submitted_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        applicant_org = self.applicant_org

        created_at = self.created_at.isoformat()

        id = self.id

        offset_type = self.offset_type

        status = self.status

        subject_name = self.subject_name

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applicant_org": applicant_org,
                "created_at": created_at,
                "id": id,
                "offset_type": offset_type,
                "status": status,
                "subject_name": subject_name,
                "submitted_at": submitted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applicant_org = d.pop("applicant_org")

        created_at = isoparse(d.pop("created_at"))

        id = d.pop("id")

        offset_type = d.pop("offset_type")

        status = d.pop("status")

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

        application_summary_out = cls(
            applicant_org=applicant_org,
            created_at=created_at,
            id=id,
            offset_type=offset_type,
            status=status,
            subject_name=subject_name,
            submitted_at=submitted_at,
        )

        application_summary_out.additional_properties = d
        return application_summary_out

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
