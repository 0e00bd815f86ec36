from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="CertificationOut")


@_attrs_define
class CertificationOut:
    """
    Attributes:
        certified_on (datetime.date):
        id (str):
        issued_quantity (int):
        monitoring_report (str):
        period_end (datetime.date):
        period_start (datetime.date):
        project_id (str):
        quantity (int):
        verifier (str):
        vintage (int):
    """

    certified_on: datetime.date
    id: str
    issued_quantity: int
    monitoring_report: str
    period_end: datetime.date
    period_start: datetime.date
    project_id: str
    quantity: int
    verifier: str
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certified_on = self.certified_on.isoformat()

        id = self.id

        issued_quantity = self.issued_quantity

        monitoring_report = self.monitoring_report

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        project_id = self.project_id

        quantity = self.quantity

        verifier = self.verifier

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certified_on": certified_on,
                "id": id,
                "issued_quantity": issued_quantity,
                "monitoring_report": monitoring_report,
                "period_end": period_end,
                "period_start": period_start,
                "project_id": project_id,
                "quantity": quantity,
                "verifier": verifier,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        certified_on = isoparse(d.pop("certified_on")).date()

        id = d.pop("id")

        issued_quantity = d.pop("issued_quantity")

        monitoring_report = d.pop("monitoring_report")

        period_end = isoparse(d.pop("period_end")).date()

        period_start = isoparse(d.pop("period_start")).date()

        project_id = d.pop("project_id")

        quantity = d.pop("quantity")

        verifier = d.pop("verifier")

        vintage = d.pop("vintage")

        certification_out = cls(
            certified_on=certified_on,
            id=id,
            issued_quantity=issued_quantity,
            monitoring_report=monitoring_report,
            period_end=period_end,
            period_start=period_start,
            project_id=project_id,
            quantity=quantity,
            verifier=verifier,
            vintage=vintage,
        )

        certification_out.additional_properties = d
        return certification_out

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
