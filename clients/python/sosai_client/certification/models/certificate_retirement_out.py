from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

if TYPE_CHECKING:
    from ..models.serial_range_out import SerialRangeOut


T = TypeVar("T", bound="CertificateRetirementOut")


@_attrs_define
class CertificateRetirementOut:
    """
    Attributes:
        beneficiary (str):
        purpose (str):
        quantity (int):
        retired_at (datetime.datetime):
        retirement_id (str):
        serial_ranges (list[SerialRangeOut]):
    """

    beneficiary: str
    purpose: str
    quantity: int
    retired_at: datetime.datetime
    retirement_id: str
    serial_ranges: list[SerialRangeOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        beneficiary = self.beneficiary

        purpose = self.purpose

        quantity = self.quantity

        retired_at = self.retired_at.isoformat()

        retirement_id = self.retirement_id

        serial_ranges = []
        for serial_ranges_item_data in self.serial_ranges:
            serial_ranges_item = serial_ranges_item_data.to_dict()
            serial_ranges.append(serial_ranges_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "beneficiary": beneficiary,
                "purpose": purpose,
                "quantity": quantity,
                "retired_at": retired_at,
                "retirement_id": retirement_id,
                "serial_ranges": serial_ranges,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serial_range_out import SerialRangeOut

        d = dict(src_dict)
        beneficiary = d.pop("beneficiary")

        purpose = d.pop("purpose")

        quantity = d.pop("quantity")

        retired_at = isoparse(d.pop("retired_at"))

        retirement_id = d.pop("retirement_id")

        serial_ranges = []
        _serial_ranges = d.pop("serial_ranges")
        for serial_ranges_item_data in _serial_ranges:
            serial_ranges_item = SerialRangeOut.from_dict(serial_ranges_item_data)

            serial_ranges.append(serial_ranges_item)

        certificate_retirement_out = cls(
            beneficiary=beneficiary,
            purpose=purpose,
            quantity=quantity,
            retired_at=retired_at,
            retirement_id=retirement_id,
            serial_ranges=serial_ranges,
        )

        certificate_retirement_out.additional_properties = d
        return certificate_retirement_out

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
