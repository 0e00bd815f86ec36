from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.block_out import BlockOut


T = TypeVar("T", bound="RetirementOut")


@_attrs_define
class RetirementOut:
    """
    Attributes:
        account_id (str):
        application_id (None | str):
        beneficiary (str):
        blocks (list[BlockOut]):
        footprint_id (None | str):
        holder_org (str):
        id (str):
        notice_url (str):
        purpose (str):
        quantity (int):
        retired_at (datetime.datetime):
        retired_on (datetime.date):
        session_id (None | str):
        status (str):
        url (str):
        use (str):
        beneficiary_org (None | str | Unset):
    """

    account_id: str
    application_id: None | str
    beneficiary: str
    blocks: list[BlockOut]
    footprint_id: None | str
    holder_org: str
    id: str
    notice_url: str
    purpose: str
    quantity: int
    retired_at: datetime.datetime
    retired_on: datetime.date
    session_id: None | str
    status: str
    url: str
    use: str
    beneficiary_org: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        application_id: None | str
        application_id = self.application_id

        beneficiary = self.beneficiary

        blocks = []
        for blocks_item_data in self.blocks:
            blocks_item = blocks_item_data.to_dict()
            blocks.append(blocks_item)

        footprint_id: None | str
        footprint_id = self.footprint_id

        holder_org = self.holder_org

        id = self.id

        notice_url = self.notice_url

        purpose = self.purpose

        quantity = self.quantity

        retired_at = self.retired_at.isoformat()

        retired_on = self.retired_on.isoformat()

        session_id: None | str
        session_id = self.session_id

        status = self.status

        url = self.url

        use = self.use

        beneficiary_org: None | str | Unset
        if isinstance(self.beneficiary_org, Unset):
            beneficiary_org = UNSET
        else:
            beneficiary_org = self.beneficiary_org

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "application_id": application_id,
                "beneficiary": beneficiary,
                "blocks": blocks,
                "footprint_id": footprint_id,
                "holder_org": holder_org,
                "id": id,
                "notice_url": notice_url,
                "purpose": purpose,
                "quantity": quantity,
                "retired_at": retired_at,
                "retired_on": retired_on,
                "session_id": session_id,
                "status": status,
                "url": url,
                "use": use,
            }
        )
        if beneficiary_org is not UNSET:
            field_dict["beneficiary_org"] = beneficiary_org

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.block_out import BlockOut

        d = dict(src_dict)
        account_id = d.pop("account_id")

        def _parse_application_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        application_id = _parse_application_id(d.pop("application_id"))

        beneficiary = d.pop("beneficiary")

        blocks = []
        _blocks = d.pop("blocks")
        for blocks_item_data in _blocks:
            blocks_item = BlockOut.from_dict(blocks_item_data)

            blocks.append(blocks_item)

        def _parse_footprint_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        footprint_id = _parse_footprint_id(d.pop("footprint_id"))

        holder_org = d.pop("holder_org")

        id = d.pop("id")

        notice_url = d.pop("notice_url")

        purpose = d.pop("purpose")

        quantity = d.pop("quantity")

        retired_at = isoparse(d.pop("retired_at"))

        retired_on = isoparse(d.pop("retired_on")).date()

        def _parse_session_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        session_id = _parse_session_id(d.pop("session_id"))

        status = d.pop("status")

        url = d.pop("url")

        use = d.pop("use")

        def _parse_beneficiary_org(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        beneficiary_org = _parse_beneficiary_org(d.pop("beneficiary_org", UNSET))

        retirement_out = cls(
            account_id=account_id,
            application_id=application_id,
            beneficiary=beneficiary,
            blocks=blocks,
            footprint_id=footprint_id,
            holder_org=holder_org,
            id=id,
            notice_url=notice_url,
            purpose=purpose,
            quantity=quantity,
            retired_at=retired_at,
            retired_on=retired_on,
            session_id=session_id,
            status=status,
            url=url,
            use=use,
            beneficiary_org=beneficiary_org,
        )

        retirement_out.additional_properties = d
        return retirement_out

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
