from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.methodology_status_in_status import MethodologyStatusInStatus

T = TypeVar("T", bound="MethodologyStatusIn")


@_attrs_define
class MethodologyStatusIn:
    """
    Attributes:
        status (MethodologyStatusInStatus):
    """

    status: MethodologyStatusInStatus

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = MethodologyStatusInStatus(d.pop("status"))

        methodology_status_in = cls(
            status=status,
        )

        return methodology_status_in
