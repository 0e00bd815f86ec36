from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.application_patch_offset_type_type_0 import ApplicationPatchOffsetTypeType0
from ..models.application_patch_subject_kind_type_0 import ApplicationPatchSubjectKindType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApplicationPatch")


@_attrs_define
class ApplicationPatch:
    """Partial update of a draft; the merged result must still be a valid application.

    Attributes:
        carbon_neutral (bool | None | Unset):
        disclosure (None | str | Unset):
        emission_sources (list[str] | None | Unset):
        footprint_id (None | str | Unset):
        offset_type (ApplicationPatchOffsetTypeType0 | None | Unset):
        quantity (int | None | Unset):
        reduction_efforts (None | str | Unset):
        renews (None | str | Unset):
        retirement_ids (list[str] | None | Unset):
        scope (None | str | Unset):
        session_id (None | str | Unset):
        subject_kind (ApplicationPatchSubjectKindType0 | None | Unset):
        subject_name (None | str | Unset):
        validity_years (int | None | Unset):
    """

    carbon_neutral: bool | None | Unset = UNSET
    disclosure: None | str | Unset = UNSET
    emission_sources: list[str] | None | Unset = UNSET
    footprint_id: None | str | Unset = UNSET
    offset_type: ApplicationPatchOffsetTypeType0 | None | Unset = UNSET
    quantity: int | None | Unset = UNSET
    reduction_efforts: None | str | Unset = UNSET
    renews: None | str | Unset = UNSET
    retirement_ids: list[str] | None | Unset = UNSET
    scope: None | str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    subject_kind: ApplicationPatchSubjectKindType0 | None | Unset = UNSET
    subject_name: None | str | Unset = UNSET
    validity_years: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        carbon_neutral: bool | None | Unset
        if isinstance(self.carbon_neutral, Unset):
            carbon_neutral = UNSET
        else:
            carbon_neutral = self.carbon_neutral

        disclosure: None | str | Unset
        if isinstance(self.disclosure, Unset):
            disclosure = UNSET
        else:
            disclosure = self.disclosure

        emission_sources: list[str] | None | Unset
        if isinstance(self.emission_sources, Unset):
            emission_sources = UNSET
        elif isinstance(self.emission_sources, list):
            emission_sources = self.emission_sources

        else:
            emission_sources = self.emission_sources

        footprint_id: None | str | Unset
        if isinstance(self.footprint_id, Unset):
            footprint_id = UNSET
        else:
            footprint_id = self.footprint_id

        offset_type: None | str | Unset
        if isinstance(self.offset_type, Unset):
            offset_type = UNSET
        elif isinstance(self.offset_type, ApplicationPatchOffsetTypeType0):
            offset_type = self.offset_type.value
        else:
            offset_type = self.offset_type

        quantity: int | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        reduction_efforts: None | str | Unset
        if isinstance(self.reduction_efforts, Unset):
            reduction_efforts = UNSET
        else:
            reduction_efforts = self.reduction_efforts

        renews: None | str | Unset
        if isinstance(self.renews, Unset):
            renews = UNSET
        else:
            renews = self.renews

        retirement_ids: list[str] | None | Unset
        if isinstance(self.retirement_ids, Unset):
            retirement_ids = UNSET
        elif isinstance(self.retirement_ids, list):
            retirement_ids = self.retirement_ids

        else:
            retirement_ids = self.retirement_ids

        scope: None | str | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        else:
            scope = self.scope

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        subject_kind: None | str | Unset
        if isinstance(self.subject_kind, Unset):
            subject_kind = UNSET
        elif isinstance(self.subject_kind, ApplicationPatchSubjectKindType0):
            subject_kind = self.subject_kind.value
        else:
            subject_kind = self.subject_kind

        subject_name: None | str | Unset
        if isinstance(self.subject_name, Unset):
            subject_name = UNSET
        else:
            subject_name = self.subject_name

        validity_years: int | None | Unset
        if isinstance(self.validity_years, Unset):
            validity_years = UNSET
        else:
            validity_years = self.validity_years

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if carbon_neutral is not UNSET:
            field_dict["carbon_neutral"] = carbon_neutral
        if disclosure is not UNSET:
            field_dict["disclosure"] = disclosure
        if emission_sources is not UNSET:
            field_dict["emission_sources"] = emission_sources
        if footprint_id is not UNSET:
            field_dict["footprint_id"] = footprint_id
        if offset_type is not UNSET:
            field_dict["offset_type"] = offset_type
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
        if subject_kind is not UNSET:
            field_dict["subject_kind"] = subject_kind
        if subject_name is not UNSET:
            field_dict["subject_name"] = subject_name
        if validity_years is not UNSET:
            field_dict["validity_years"] = validity_years

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_carbon_neutral(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        carbon_neutral = _parse_carbon_neutral(d.pop("carbon_neutral", UNSET))

        def _parse_disclosure(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        disclosure = _parse_disclosure(d.pop("disclosure", UNSET))

        def _parse_emission_sources(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                emission_sources_type_0 = cast(list[str], data)

                return emission_sources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        emission_sources = _parse_emission_sources(d.pop("emission_sources", UNSET))

        def _parse_footprint_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        footprint_id = _parse_footprint_id(d.pop("footprint_id", UNSET))

        def _parse_offset_type(data: object) -> ApplicationPatchOffsetTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offset_type_type_0 = ApplicationPatchOffsetTypeType0(data)

                return offset_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApplicationPatchOffsetTypeType0 | None | Unset, data)

        offset_type = _parse_offset_type(d.pop("offset_type", UNSET))

        def _parse_quantity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_reduction_efforts(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reduction_efforts = _parse_reduction_efforts(d.pop("reduction_efforts", UNSET))

        def _parse_renews(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        renews = _parse_renews(d.pop("renews", UNSET))

        def _parse_retirement_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                retirement_ids_type_0 = cast(list[str], data)

                return retirement_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        retirement_ids = _parse_retirement_ids(d.pop("retirement_ids", UNSET))

        def _parse_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_subject_kind(data: object) -> ApplicationPatchSubjectKindType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                subject_kind_type_0 = ApplicationPatchSubjectKindType0(data)

                return subject_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApplicationPatchSubjectKindType0 | None | Unset, data)

        subject_kind = _parse_subject_kind(d.pop("subject_kind", UNSET))

        def _parse_subject_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject_name = _parse_subject_name(d.pop("subject_name", UNSET))

        def _parse_validity_years(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        validity_years = _parse_validity_years(d.pop("validity_years", UNSET))

        application_patch = cls(
            carbon_neutral=carbon_neutral,
            disclosure=disclosure,
            emission_sources=emission_sources,
            footprint_id=footprint_id,
            offset_type=offset_type,
            quantity=quantity,
            reduction_efforts=reduction_efforts,
            renews=renews,
            retirement_ids=retirement_ids,
            scope=scope,
            session_id=session_id,
            subject_kind=subject_kind,
            subject_name=subject_name,
            validity_years=validity_years,
        )

        return application_patch
