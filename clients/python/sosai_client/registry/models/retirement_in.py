from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.retirement_in_use import RetirementInUse
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.range_in import RangeIn


T = TypeVar("T", bound="RetirementIn")


@_attrs_define
class RetirementIn:
    """
    Attributes:
        account_id (str):
        beneficiary (str): credit user name (クレジット利用者名)
        purpose (str): purpose detail (目的詳細)
        use (RetirementInUse): offset type (用途)
        application_id (None | str | Unset):
        beneficiary_org (None | str | Unset): organisation that may claim this retirement; only an Anshin provider's
            account may name an organisation other than its own
        footprint_id (None | str | Unset):
        quantity (int | None | Unset): by quantity: oldest vintage first, then lowest serial
        ranges (list[RangeIn] | None | Unset): explicit serial ranges
        session_id (None | str | Unset):
    """

    account_id: str
    beneficiary: str
    purpose: str
    use: RetirementInUse
    application_id: None | str | Unset = UNSET
    beneficiary_org: None | str | Unset = UNSET
    footprint_id: None | str | Unset = UNSET
    quantity: int | None | Unset = UNSET
    ranges: list[RangeIn] | None | Unset = UNSET
    session_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        beneficiary = self.beneficiary

        purpose = self.purpose

        use = self.use.value

        application_id: None | str | Unset
        if isinstance(self.application_id, Unset):
            application_id = UNSET
        else:
            application_id = self.application_id

        beneficiary_org: None | str | Unset
        if isinstance(self.beneficiary_org, Unset):
            beneficiary_org = UNSET
        else:
            beneficiary_org = self.beneficiary_org

        footprint_id: None | str | Unset
        if isinstance(self.footprint_id, Unset):
            footprint_id = UNSET
        else:
            footprint_id = self.footprint_id

        quantity: int | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        ranges: list[dict[str, Any]] | None | Unset
        if isinstance(self.ranges, Unset):
            ranges = UNSET
        elif isinstance(self.ranges, list):
            ranges = []
            for ranges_type_0_item_data in self.ranges:
                ranges_type_0_item = ranges_type_0_item_data.to_dict()
                ranges.append(ranges_type_0_item)

        else:
            ranges = self.ranges

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account_id": account_id,
                "beneficiary": beneficiary,
                "purpose": purpose,
                "use": use,
            }
        )
        if application_id is not UNSET:
            field_dict["application_id"] = application_id
        if beneficiary_org is not UNSET:
            field_dict["beneficiary_org"] = beneficiary_org
        if footprint_id is not UNSET:
            field_dict["footprint_id"] = footprint_id
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if ranges is not UNSET:
            field_dict["ranges"] = ranges
        if session_id is not UNSET:
            field_dict["session_id"] = session_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.range_in import RangeIn

        d = dict(src_dict)
        account_id = d.pop("account_id")

        beneficiary = d.pop("beneficiary")

        purpose = d.pop("purpose")

        use = RetirementInUse(d.pop("use"))

        def _parse_application_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        application_id = _parse_application_id(d.pop("application_id", UNSET))

        def _parse_beneficiary_org(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        beneficiary_org = _parse_beneficiary_org(d.pop("beneficiary_org", UNSET))

        def _parse_footprint_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        footprint_id = _parse_footprint_id(d.pop("footprint_id", UNSET))

        def _parse_quantity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_ranges(data: object) -> list[RangeIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ranges_type_0 = []
                _ranges_type_0 = data
                for ranges_type_0_item_data in _ranges_type_0:
                    ranges_type_0_item = RangeIn.from_dict(ranges_type_0_item_data)

                    ranges_type_0.append(ranges_type_0_item)

                return ranges_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RangeIn] | None | Unset, data)

        ranges = _parse_ranges(d.pop("ranges", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        retirement_in = cls(
            account_id=account_id,
            beneficiary=beneficiary,
            purpose=purpose,
            use=use,
            application_id=application_id,
            beneficiary_org=beneficiary_org,
            footprint_id=footprint_id,
            quantity=quantity,
            ranges=ranges,
            session_id=session_id,
        )

        return retirement_in
