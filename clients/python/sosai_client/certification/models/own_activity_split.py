from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.own_activity_split_before_201004 import OwnActivitySplitBefore201004
    from ..models.own_activity_split_from_201004 import OwnActivitySplitFrom201004


T = TypeVar("T", bound="OwnActivitySplit")


@_attrs_define
class OwnActivitySplit:
    """
    Attributes:
        before_2010_04 (OwnActivitySplitBefore201004): own-activity cases reported before 2010-04-01
        from_2010_04 (OwnActivitySplitFrom201004): own-activity cases reported from 2010-04-01
    """

    before_2010_04: OwnActivitySplitBefore201004
    from_2010_04: OwnActivitySplitFrom201004
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        before_2010_04 = self.before_2010_04.to_dict()

        from_2010_04 = self.from_2010_04.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "before_2010_04": before_2010_04,
                "from_2010_04": from_2010_04,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.own_activity_split_before_201004 import OwnActivitySplitBefore201004
        from ..models.own_activity_split_from_201004 import OwnActivitySplitFrom201004

        d = dict(src_dict)
        before_2010_04 = OwnActivitySplitBefore201004.from_dict(d.pop("before_2010_04"))

        from_2010_04 = OwnActivitySplitFrom201004.from_dict(d.pop("from_2010_04"))

        own_activity_split = cls(
            before_2010_04=before_2010_04,
            from_2010_04=from_2010_04,
        )

        own_activity_split.additional_properties = d
        return own_activity_split

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
