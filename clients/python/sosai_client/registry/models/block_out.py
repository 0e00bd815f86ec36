from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="BlockOut")


@_attrs_define
class BlockOut:
    """
    Attributes:
        credit_type (str):
        end (int):
        programme (str):
        project_code (str):
        project_id (str):
        quantity (int):
        scheme (str):
        serial (str):
        start (int):
        validity_end (datetime.date):
        vintage (int):
    """

    credit_type: str
    end: int
    programme: str
    project_code: str
    project_id: str
    quantity: int
    scheme: str
    serial: str
    start: int
    validity_end: datetime.date
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_type = self.credit_type

        end = self.end

        programme = self.programme

        project_code = self.project_code

        project_id = self.project_id

        quantity = self.quantity

        scheme = self.scheme

        serial = self.serial

        start = self.start

        validity_end = self.validity_end.isoformat()

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_type": credit_type,
                "end": end,
                "programme": programme,
                "project_code": project_code,
                "project_id": project_id,
                "quantity": quantity,
                "scheme": scheme,
                "serial": serial,
                "start": start,
                "validity_end": validity_end,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_type = d.pop("credit_type")

        end = d.pop("end")

        programme = d.pop("programme")

        project_code = d.pop("project_code")

        project_id = d.pop("project_id")

        quantity = d.pop("quantity")

        scheme = d.pop("scheme")

        serial = d.pop("serial")

        start = d.pop("start")

        validity_end = isoparse(d.pop("validity_end")).date()

        vintage = d.pop("vintage")

        block_out = cls(
            credit_type=credit_type,
            end=end,
            programme=programme,
            project_code=project_code,
            project_id=project_id,
            quantity=quantity,
            scheme=scheme,
            serial=serial,
            start=start,
            validity_end=validity_end,
            vintage=vintage,
        )

        block_out.additional_properties = d
        return block_out

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
