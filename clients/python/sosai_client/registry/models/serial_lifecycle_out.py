from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.serial_lifecycle_out_status import SerialLifecycleOutStatus

if TYPE_CHECKING:
    from ..models.issuance_out import IssuanceOut
    from ..models.lifecycle_step import LifecycleStep


T = TypeVar("T", bound="SerialLifecycleOut")


@_attrs_define
class SerialLifecycleOut:
    """
    Attributes:
        current_block (str):
        history (list[LifecycleStep]):
        issuance (IssuanceOut):
        retirement_id (None | str):
        serial_number (int):
        status (SerialLifecycleOutStatus):
    """

    current_block: str
    history: list[LifecycleStep]
    issuance: IssuanceOut
    retirement_id: None | str
    serial_number: int
    status: SerialLifecycleOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_block = self.current_block

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        issuance = self.issuance.to_dict()

        retirement_id: None | str
        retirement_id = self.retirement_id

        serial_number = self.serial_number

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current_block": current_block,
                "history": history,
                "issuance": issuance,
                "retirement_id": retirement_id,
                "serial_number": serial_number,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.issuance_out import IssuanceOut
        from ..models.lifecycle_step import LifecycleStep

        d = dict(src_dict)
        current_block = d.pop("current_block")

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = LifecycleStep.from_dict(history_item_data)

            history.append(history_item)

        issuance = IssuanceOut.from_dict(d.pop("issuance"))

        def _parse_retirement_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        retirement_id = _parse_retirement_id(d.pop("retirement_id"))

        serial_number = d.pop("serial_number")

        status = SerialLifecycleOutStatus(d.pop("status"))

        serial_lifecycle_out = cls(
            current_block=current_block,
            history=history,
            issuance=issuance,
            retirement_id=retirement_id,
            serial_number=serial_number,
            status=status,
        )

        serial_lifecycle_out.additional_properties = d
        return serial_lifecycle_out

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
