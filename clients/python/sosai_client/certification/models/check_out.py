from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.check_out_evidence import CheckOutEvidence


T = TypeVar("T", bound="CheckOut")


@_attrs_define
class CheckOut:
    """
    Attributes:
        detail (str):
        evidence (CheckOutEvidence):
        met (bool):
        name (str):
    """

    detail: str
    evidence: CheckOutEvidence
    met: bool
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        evidence = self.evidence.to_dict()

        met = self.met

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "evidence": evidence,
                "met": met,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.check_out_evidence import CheckOutEvidence

        d = dict(src_dict)
        detail = d.pop("detail")

        evidence = CheckOutEvidence.from_dict(d.pop("evidence"))

        met = d.pop("met")

        name = d.pop("name")

        check_out = cls(
            detail=detail,
            evidence=evidence,
            met=met,
            name=name,
        )

        check_out.additional_properties = d
        return check_out

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
