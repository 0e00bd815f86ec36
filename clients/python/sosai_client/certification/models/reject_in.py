from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RejectIn")


@_attrs_define
class RejectIn:
    """
    Attributes:
        reasons (list[str]):
    """

    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        reasons = self.reasons

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reasons = cast(list[str], d.pop("reasons"))

        reject_in = cls(
            reasons=reasons,
        )

        return reject_in
