from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.registration_in_origin_prefecture_type_0 import RegistrationInOriginPrefectureType0
from ..models.registration_in_travel_mode_type_0 import RegistrationInTravelModeType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistrationIn")


@_attrs_define
class RegistrationIn:
    """
    Attributes:
        email (str):
        name (str):
        distance_km (float | None | str | Unset):
        origin_city (None | str | Unset):
        origin_prefecture (None | RegistrationInOriginPrefectureType0 | Unset):
        travel_mode (None | RegistrationInTravelModeType0 | Unset):
    """

    email: str
    name: str
    distance_km: float | None | str | Unset = UNSET
    origin_city: None | str | Unset = UNSET
    origin_prefecture: None | RegistrationInOriginPrefectureType0 | Unset = UNSET
    travel_mode: None | RegistrationInTravelModeType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        distance_km: float | None | str | Unset
        if isinstance(self.distance_km, Unset):
            distance_km = UNSET
        else:
            distance_km = self.distance_km

        origin_city: None | str | Unset
        if isinstance(self.origin_city, Unset):
            origin_city = UNSET
        else:
            origin_city = self.origin_city

        origin_prefecture: None | str | Unset
        if isinstance(self.origin_prefecture, Unset):
            origin_prefecture = UNSET
        elif isinstance(self.origin_prefecture, RegistrationInOriginPrefectureType0):
            origin_prefecture = self.origin_prefecture.value
        else:
            origin_prefecture = self.origin_prefecture

        travel_mode: None | str | Unset
        if isinstance(self.travel_mode, Unset):
            travel_mode = UNSET
        elif isinstance(self.travel_mode, RegistrationInTravelModeType0):
            travel_mode = self.travel_mode.value
        else:
            travel_mode = self.travel_mode

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
            }
        )
        if distance_km is not UNSET:
            field_dict["distance_km"] = distance_km
        if origin_city is not UNSET:
            field_dict["origin_city"] = origin_city
        if origin_prefecture is not UNSET:
            field_dict["origin_prefecture"] = origin_prefecture
        if travel_mode is not UNSET:
            field_dict["travel_mode"] = travel_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        def _parse_distance_km(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        distance_km = _parse_distance_km(d.pop("distance_km", UNSET))

        def _parse_origin_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin_city = _parse_origin_city(d.pop("origin_city", UNSET))

        def _parse_origin_prefecture(data: object) -> None | RegistrationInOriginPrefectureType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                origin_prefecture_type_0 = RegistrationInOriginPrefectureType0(data)

                return origin_prefecture_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RegistrationInOriginPrefectureType0 | Unset, data)

        origin_prefecture = _parse_origin_prefecture(d.pop("origin_prefecture", UNSET))

        def _parse_travel_mode(data: object) -> None | RegistrationInTravelModeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                travel_mode_type_0 = RegistrationInTravelModeType0(data)

                return travel_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RegistrationInTravelModeType0 | Unset, data)

        travel_mode = _parse_travel_mode(d.pop("travel_mode", UNSET))

        registration_in = cls(
            email=email,
            name=name,
            distance_km=distance_km,
            origin_city=origin_city,
            origin_prefecture=origin_prefecture,
            travel_mode=travel_mode,
        )

        return registration_in
