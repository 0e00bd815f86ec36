from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SerialRangeOut")


@_attrs_define
class SerialRangeOut:
    """
    Attributes:
        credit_type (str):
        end (int):
        project_id (str):
        quantity (int):
        serial (str):
        start (int):
        vintage (int):
    """

    credit_type: str
    end: int
    project_id: str
    quantity: int
    serial: str
    start: int
    vintage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_type = self.credit_type

        end = self.end

        project_id = self.project_id

        quantity = self.quantity

        serial = self.serial

        start = self.start

        vintage = self.vintage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_type": credit_type,
                "end": end,
                "project_id": project_id,
                "quantity": quantity,
                "serial": serial,
                "start": start,
                "vintage": vintage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_type = d.pop("credit_type")

        end = d.pop("end")

        project_id = d.pop("project_id")

        quantity = d.pop("quantity")

        serial = d.pop("serial")

        start = d.pop("start")

        vintage = d.pop("vintage")

        serial_range_out = cls(
            credit_type=credit_type,
            end=end,
            project_id=project_id,
            quantity=quantity,
            serial=serial,
            start=start,
            vintage=vintage,
        )

        serial_range_out.additional_properties = d
        return serial_range_out

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
