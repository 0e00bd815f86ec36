from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProgrammeStatistics")


@_attrs_define
class ProgrammeStatistics:
    """
    Attributes:
        attendance (int):
        cancelled_sessions (int):
        name_en (str):
        name_ja (str):
        places (int): distinct prefecture + city of those sessions
        programme_code (str):
        registrations (int): registrations not cancelled
        sessions (int): sessions held or scheduled (cancelled ones excluded)
    """

    attendance: int
    cancelled_sessions: int
    name_en: str
    name_ja: str
    places: int
    programme_code: str
    registrations: int
    sessions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attendance = self.attendance

        cancelled_sessions = self.cancelled_sessions

        name_en = self.name_en

        name_ja = self.name_ja

        places = self.places

        programme_code = self.programme_code

        registrations = self.registrations

        sessions = self.sessions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attendance": attendance,
                "cancelled_sessions": cancelled_sessions,
                "name_en": name_en,
                "name_ja": name_ja,
                "places": places,
                "programme_code": programme_code,
                "registrations": registrations,
                "sessions": sessions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attendance = d.pop("attendance")

        cancelled_sessions = d.pop("cancelled_sessions")

        name_en = d.pop("name_en")

        name_ja = d.pop("name_ja")

        places = d.pop("places")

        programme_code = d.pop("programme_code")

        registrations = d.pop("registrations")

        sessions = d.pop("sessions")

        programme_statistics = cls(
            attendance=attendance,
            cancelled_sessions=cancelled_sessions,
            name_en=name_en,
            name_ja=name_ja,
            places=places,
            programme_code=programme_code,
            registrations=registrations,
            sessions=sessions,
        )

        programme_statistics.additional_properties = d
        return programme_statistics

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
