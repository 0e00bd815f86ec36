from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from dateutil.parser import isoparse

from ..types import UNSET, Unset

T = TypeVar("T", bound="IssuanceProposalIn")


@_attrs_define
class IssuanceProposalIn:
    """
    Attributes:
        account_id (str): holding account that receives the credits
        quantity (int): whole tonnes, 1..1000000000000
        validity_end (datetime.date | Unset): J-VER credits expired at the end of FY2020 Default:
            isoparse('2021-03-31').date().
    """

    account_id: str
    quantity: int
    validity_end: datetime.date | Unset = isoparse("2021-03-31").date()

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        quantity = self.quantity

        validity_end: str | Unset = UNSET
        if not isinstance(self.validity_end, Unset):
            validity_end = self.validity_end.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account_id": account_id,
                "quantity": quantity,
            }
        )
        if validity_end is not UNSET:
            field_dict["validity_end"] = validity_end

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        quantity = d.pop("quantity")

        _validity_end = d.pop("validity_end", UNSET)
        validity_end: datetime.date | Unset
        if isinstance(_validity_end, Unset):
            validity_end = UNSET
        else:
            validity_end = isoparse(_validity_end).date()

        issuance_proposal_in = cls(
            account_id=account_id,
            quantity=quantity,
            validity_end=validity_end,
        )

        return issuance_proposal_in
