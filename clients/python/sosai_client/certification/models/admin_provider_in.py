from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminProviderIn")


@_attrs_define
class AdminProviderIn:
    """
    Attributes:
        credit_handling (str): how credits are bought, held and kept apart per customer
        name (str):
        org (str): the provider's organisation id
        pricing_basis (str): how prices are set and shown
        retirement_practice (str): when and how credits are retired on customers' behalf
        account_ids (list[str] | Unset): the provider's registry holding accounts
        website (None | str | Unset):
    """

    credit_handling: str
    name: str
    org: str
    pricing_basis: str
    retirement_practice: str
    account_ids: list[str] | Unset = UNSET
    website: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        credit_handling = self.credit_handling

        name = self.name

        org = self.org

        pricing_basis = self.pricing_basis

        retirement_practice = self.retirement_practice

        account_ids: list[str] | Unset = UNSET
        if not isinstance(self.account_ids, Unset):
            account_ids = self.account_ids

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credit_handling": credit_handling,
                "name": name,
                "org": org,
                "pricing_basis": pricing_basis,
                "retirement_practice": retirement_practice,
            }
        )
        if account_ids is not UNSET:
            field_dict["account_ids"] = account_ids
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_handling = d.pop("credit_handling")

        name = d.pop("name")

        org = d.pop("org")

        pricing_basis = d.pop("pricing_basis")

        retirement_practice = d.pop("retirement_practice")

        account_ids = cast(list[str], d.pop("account_ids", UNSET))

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        admin_provider_in = cls(
            credit_handling=credit_handling,
            name=name,
            org=org,
            pricing_basis=pricing_basis,
            retirement_practice=retirement_practice,
            account_ids=account_ids,
            website=website,
        )

        return admin_provider_in
