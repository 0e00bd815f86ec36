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


T = TypeVar("T", bound="TransactionOut")


@_attrs_define
class TransactionOut:
    """
    Attributes:
        approver_sub (None | str):
        certification_id (None | str):
        checked_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        effective_on (datetime.date):
        from_account_id (None | str):
        id (str):
        kind (str):
        project_id (None | str):
        proposer_sub (str):
        quantity (int):
        reason (None | str):
        status (str):
        to_account_id (None | str):
        blocks (list[BlockOut] | Unset):
        buffer_transaction_id (None | str | Unset):
    """

    approver_sub: None | str
    certification_id: None | str
    checked_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    created_at: datetime.datetime
    effective_on: datetime.date
    from_account_id: None | str
    id: str
    kind: str
    project_id: None | str
    proposer_sub: str
    quantity: int
    reason: None | str
    status: str
    to_account_id: None | str
    blocks: list[BlockOut] | Unset = UNSET
    buffer_transaction_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approver_sub: None | str
        approver_sub = self.approver_sub

        certification_id: None | str
        certification_id = self.certification_id

        checked_at: None | str
        if isinstance(self.checked_at, datetime.datetime):
            checked_at = self.checked_at.isoformat()
        else:
            checked_at = self.checked_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        created_at = self.created_at.isoformat()

        effective_on = self.effective_on.isoformat()

        from_account_id: None | str
        from_account_id = self.from_account_id

        id = self.id

        kind = self.kind

        project_id: None | str
        project_id = self.project_id

        proposer_sub = self.proposer_sub

        quantity = self.quantity

        reason: None | str
        reason = self.reason

        status = self.status

        to_account_id: None | str
        to_account_id = self.to_account_id

        blocks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.blocks, Unset):
            blocks = []
            for blocks_item_data in self.blocks:
                blocks_item = blocks_item_data.to_dict()
                blocks.append(blocks_item)

        buffer_transaction_id: None | str | Unset
        if isinstance(self.buffer_transaction_id, Unset):
            buffer_transaction_id = UNSET
        else:
            buffer_transaction_id = self.buffer_transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approver_sub": approver_sub,
                "certification_id": certification_id,
                "checked_at": checked_at,
                "completed_at": completed_at,
                "created_at": created_at,
                "effective_on": effective_on,
                "from_account_id": from_account_id,
                "id": id,
                "kind": kind,
                "project_id": project_id,
                "proposer_sub": proposer_sub,
                "quantity": quantity,
                "reason": reason,
                "status": status,
                "to_account_id": to_account_id,
            }
        )
        if blocks is not UNSET:
            field_dict["blocks"] = blocks
        if buffer_transaction_id is not UNSET:
            field_dict["buffer_transaction_id"] = buffer_transaction_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.block_out import BlockOut

        d = dict(src_dict)

        def _parse_approver_sub(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        approver_sub = _parse_approver_sub(d.pop("approver_sub"))

        def _parse_certification_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        certification_id = _parse_certification_id(d.pop("certification_id"))

        def _parse_checked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checked_at_type_0 = isoparse(data)

                return checked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        checked_at = _parse_checked_at(d.pop("checked_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = isoparse(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        created_at = isoparse(d.pop("created_at"))

        effective_on = isoparse(d.pop("effective_on")).date()

        def _parse_from_account_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_account_id = _parse_from_account_id(d.pop("from_account_id"))

        id = d.pop("id")

        kind = d.pop("kind")

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        proposer_sub = d.pop("proposer_sub")

        quantity = d.pop("quantity")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        status = d.pop("status")

        def _parse_to_account_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_account_id = _parse_to_account_id(d.pop("to_account_id"))

        _blocks = d.pop("blocks", UNSET)
        blocks: list[BlockOut] | Unset = UNSET
        if _blocks is not UNSET:
            blocks = []
            for blocks_item_data in _blocks:
                blocks_item = BlockOut.from_dict(blocks_item_data)

                blocks.append(blocks_item)

        def _parse_buffer_transaction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        buffer_transaction_id = _parse_buffer_transaction_id(d.pop("buffer_transaction_id", UNSET))

        transaction_out = cls(
            approver_sub=approver_sub,
            certification_id=certification_id,
            checked_at=checked_at,
            completed_at=completed_at,
            created_at=created_at,
            effective_on=effective_on,
            from_account_id=from_account_id,
            id=id,
            kind=kind,
            project_id=project_id,
            proposer_sub=proposer_sub,
            quantity=quantity,
            reason=reason,
            status=status,
            to_account_id=to_account_id,
            blocks=blocks,
            buffer_transaction_id=buffer_transaction_id,
        )

        transaction_out.additional_properties = d
        return transaction_out

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
