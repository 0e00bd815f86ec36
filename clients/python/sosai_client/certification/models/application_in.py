from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.application_in_offset_type import ApplicationInOffsetType
from ..models.application_in_subject_kind import ApplicationInSubjectKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApplicationIn")


@_attrs_define
class ApplicationIn:
    """
    Attributes:
        offset_type (ApplicationInOffsetType):
        subject_kind (ApplicationInSubjectKind):
        subject_name (str):
        carbon_neutral (bool | Unset): offset all of the footprint (its plan's credits_needed) Default: False.
        disclosure (str | Unset): consumer-facing disclosure text Default: ''.
        emission_sources (list[str] | Unset): main emission sources within the scope
        footprint_id (None | str | Unset): the calculator footprint this offset covers
        quantity (int | None | Unset): whole credits to offset; omit when carbon_neutral
        reduction_efforts (str | Unset):  Default: ''.
        renews (None | str | Unset): certificate this renews
        retirement_ids (list[str] | Unset):
        scope (str | Unset): the defined boundary of the calculation Default: ''.
        session_id (None | str | Unset): events-catalog session
        validity_years (int | Unset): 1; up to 3 only for carbon neutral Default: 1.
    """

    offset_type: ApplicationInOffsetType
    subject_kind: ApplicationInSubjectKind
    subject_name: str
    carbon_neutral: bool | Unset = False
    disclosure: str | Unset = ""
    emission_sources: list[str] | Unset = UNSET
    footprint_id: None | str | Unset = UNSET
    quantity: int | None | Unset = UNSET
    reduction_efforts: str | Unset = ""
    renews: None | str | Unset = UNSET
    retirement_ids: list[str] | Unset = UNSET
    scope: str | Unset = ""
    session_id: None | str | Unset = UNSET
    validity_years: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        offset_type = self.offset_type.value

        subject_kind = self.subject_kind.value

        subject_name = self.subject_name

        carbon_neutral = self.carbon_neutral

        disclosure = self.disclosure

        emission_sources: list[str] | Unset = UNSET
        if not isinstance(self.emission_sources, Unset):
            emission_sources = self.emission_sources

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

        reduction_efforts = self.reduction_efforts

        renews: None | str | Unset
        if isinstance(self.renews, Unset):
            renews = UNSET
        else:
            renews = self.renews

        retirement_ids: list[str] | Unset = UNSET
        if not isinstance(self.retirement_ids, Unset):
            retirement_ids = self.retirement_ids

        scope = self.scope

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        validity_years = self.validity_years

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "offset_type": offset_type,
                "subject_kind": subject_kind,
                "subject_name": subject_name,
            }
        )
        if carbon_neutral is not UNSET:
            field_dict["carbon_neutral"] = carbon_neutral
        if disclosure is not UNSET:
            field_dict["disclosure"] = disclosure
        if emission_sources is not UNSET:
            field_dict["emission_sources"] = emission_sources
        if footprint_id is not UNSET:
            field_dict["footprint_id"] = footprint_id
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if reduction_efforts is not UNSET:
            field_dict["reduction_efforts"] = reduction_efforts
        if renews is not UNSET:
            field_dict["renews"] = renews
        if retirement_ids is not UNSET:
            field_dict["retirement_ids"] = retirement_ids
        if scope is not UNSET:
            field_dict["scope"] = scope
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if validity_years is not UNSET:
            field_dict["validity_years"] = validity_years

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        offset_type = ApplicationInOffsetType(d.pop("offset_type"))

        subject_kind = ApplicationInSubjectKind(d.pop("subject_kind"))

        subject_name = d.pop("subject_name")

        carbon_neutral = d.pop("carbon_neutral", UNSET)

        disclosure = d.pop("disclosure", UNSET)

        emission_sources = cast(list[str], d.pop("emission_sources", UNSET))

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

        reduction_efforts = d.pop("reduction_efforts", UNSET)

        def _parse_renews(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        renews = _parse_renews(d.pop("renews", UNSET))

        retirement_ids = cast(list[str], d.pop("retirement_ids", UNSET))

        scope = d.pop("scope", UNSET)

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        validity_years = d.pop("validity_years", UNSET)

        application_in = cls(
            offset_type=offset_type,
            subject_kind=subject_kind,
            subject_name=subject_name,
            carbon_neutral=carbon_neutral,
            disclosure=disclosure,
            emission_sources=emission_sources,
            footprint_id=footprint_id,
            quantity=quantity,
            reduction_efforts=reduction_efforts,
            renews=renews,
            retirement_ids=retirement_ids,
            scope=scope,
            session_id=session_id,
            validity_years=validity_years,
        )

        return application_in
