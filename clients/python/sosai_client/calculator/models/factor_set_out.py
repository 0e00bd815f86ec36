from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="FactorSetOut")


@_attrs_define
class FactorSetOut:
    """
    Attributes:
        content_sha256 (str):
        current (bool):
        factor_count (int):
        fiscal_year (int):
        id (str):
        loaded_at (datetime.datetime):
        loaded_by (str):
        regime (str):
        revision (int):
        source (str):
    """

    content_sha256: str
    current: bool
    factor_count: int
    fiscal_year: int
    id: str
    loaded_at: datetime.datetime
    loaded_by: str
    regime: str
    revision: int
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_sha256 = self.content_sha256

        current = self.current

        factor_count = self.factor_count

        fiscal_year = self.fiscal_year

        id = self.id

        loaded_at = self.loaded_at.isoformat()

        loaded_by = self.loaded_by

        regime = self.regime

        revision = self.revision

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_sha256": content_sha256,
                "current": current,
                "factor_count": factor_count,
                "fiscal_year": fiscal_year,
                "id": id,
                "loaded_at": loaded_at,
                "loaded_by": loaded_by,
                "regime": regime,
                "revision": revision,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_sha256 = d.pop("content_sha256")

        current = d.pop("current")

        factor_count = d.pop("factor_count")

        fiscal_year = d.pop("fiscal_year")

        id = d.pop("id")

        loaded_at = isoparse(d.pop("loaded_at"))

        loaded_by = d.pop("loaded_by")

        regime = d.pop("regime")

        revision = d.pop("revision")

        source = d.pop("source")

        factor_set_out = cls(
            content_sha256=content_sha256,
            current=current,
            factor_count=factor_count,
            fiscal_year=fiscal_year,
            id=id,
            loaded_at=loaded_at,
            loaded_by=loaded_by,
            regime=regime,
            revision=revision,
            source=source,
        )

        factor_set_out.additional_properties = d
        return factor_set_out

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
