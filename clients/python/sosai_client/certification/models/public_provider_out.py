from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="PublicProviderOut")


@_attrs_define
class PublicProviderOut:
    """
    Attributes:
        credit_handling (str):
        id (str):
        name (str):
        org (str):
        pricing_basis (str):
        registered_at (datetime.datetime | None):
        retirement_practice (str):
        status (str):
        website (None | str):
    """

    credit_handling: str
    id: str
    name: str
    org: str
    pricing_basis: str
    registered_at: datetime.datetime | None
    retirement_practice: str
    status: str
    website: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_handling = self.credit_handling

        id = self.id

        name = self.name

        org = self.org

        pricing_basis = self.pricing_basis

        registered_at: None | str
        if isinstance(self.registered_at, datetime.datetime):
            registered_at = self.registered_at.isoformat()
        else:
            registered_at = self.registered_at

        retirement_practice = self.retirement_practice

        status = self.status

        website: None | str
        website = self.website

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credit_handling": credit_handling,
                "id": id,
                "name": name,
                "org": org,
                "pricing_basis": pricing_basis,
                "registered_at": registered_at,
                "retirement_practice": retirement_practice,
                "status": status,
                "website": website,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_handling = d.pop("credit_handling")

        id = d.pop("id")

        name = d.pop("name")

        org = d.pop("org")

        pricing_basis = d.pop("pricing_basis")

        def _parse_registered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registered_at_type_0 = isoparse(data)

                return registered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        registered_at = _parse_registered_at(d.pop("registered_at"))

        retirement_practice = d.pop("retirement_practice")

        status = d.pop("status")

        def _parse_website(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website = _parse_website(d.pop("website"))

        public_provider_out = cls(
            credit_handling=credit_handling,
            id=id,
            name=name,
            org=org,
            pricing_basis=pricing_basis,
            registered_at=registered_at,
            retirement_practice=retirement_practice,
            status=status,
            website=website,
        )

        public_provider_out.additional_properties = d
        return public_provider_out

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
