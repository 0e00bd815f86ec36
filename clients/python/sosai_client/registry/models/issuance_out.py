from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="IssuanceOut")


@_attrs_define
class IssuanceOut:
    """
    Attributes:
        buffer_quantity (int):
        certification_id (str):
        credit_type (str):
        holder_org (str):
        id (str):
        issued_on (datetime.date):
        programme (str):
        project_code (str):
        project_id (str):
        quantity (int):
        serial (str):
        transaction_id (str):
        validity_end (datetime.date):
        vintage (int):
    """

    buffer_quantity: int
    certification_id: str
    credit_type: str
    holder_org: str
    id: str
    issued_on: datetime.date
    programme: str
    project_code: str
    project_id: str
    quantity: int
    serial: str
    transaction_id: str
    validity_end: datetime.date
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        buffer_quantity = self.buffer_quantity

        certification_id = self.certification_id

        credit_type = self.credit_type

        holder_org = self.holder_org

        id = self.id

        issued_on = self.issued_on.isoformat()

        programme = self.programme

        project_code = self.project_code

        project_id = self.project_id

        quantity = self.quantity

        serial = self.serial

        transaction_id = self.transaction_id

        validity_end = self.validity_end.isoformat()

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "buffer_quantity": buffer_quantity,
                "certification_id": certification_id,
                "credit_type": credit_type,
                "holder_org": holder_org,
                "id": id,
                "issued_on": issued_on,
                "programme": programme,
                "project_code": project_code,
                "project_id": project_id,
                "quantity": quantity,
                "serial": serial,
                "transaction_id": transaction_id,
                "validity_end": validity_end,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        buffer_quantity = d.pop("buffer_quantity")

        certification_id = d.pop("certification_id")

        credit_type = d.pop("credit_type")

        holder_org = d.pop("holder_org")

        id = d.pop("id")

        issued_on = isoparse(d.pop("issued_on")).date()

        programme = d.pop("programme")

        project_code = d.pop("project_code")

        project_id = d.pop("project_id")

        quantity = d.pop("quantity")

        serial = d.pop("serial")

        transaction_id = d.pop("transaction_id")

        validity_end = isoparse(d.pop("validity_end")).date()

        vintage = d.pop("vintage")

        issuance_out = cls(
            buffer_quantity=buffer_quantity,
            certification_id=certification_id,
            credit_type=credit_type,
            holder_org=holder_org,
            id=id,
            issued_on=issued_on,
            programme=programme,
            project_code=project_code,
            project_id=project_id,
            quantity=quantity,
            serial=serial,
            transaction_id=transaction_id,
            validity_end=validity_end,
            vintage=vintage,
        )

        issuance_out.additional_properties = d
        return issuance_out

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
