from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BufferReversalIn")


@_attrs_define
class BufferReversalIn:
    """
    Attributes:
        project_id (str):
        quantity (int): whole tonnes, 1..1000000000000
        reason (str):
    """

    project_id: str
    quantity: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        quantity = self.quantity

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "project_id": project_id,
                "quantity": quantity,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        quantity = d.pop("quantity")

        reason = d.pop("reason")

        buffer_reversal_in = cls(
            project_id=project_id,
            quantity=quantity,
            reason=reason,
        )

        return buffer_reversal_in
