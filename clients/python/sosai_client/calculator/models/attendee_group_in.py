from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attendee_group_in_mode import AttendeeGroupInMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="AttendeeGroupIn")


@_attrs_define
class AttendeeGroupIn:
    """
    Attributes:
        count (int):
        distance_km (float | str): one-way distance; a return trip is counted unless round_trip=false
        mode (AttendeeGroupInMode):
        origin (str):
        round_trip (bool | Unset):  Default: True.
    """

    count: int
    distance_km: float | str
    mode: AttendeeGroupInMode
    origin: str
    round_trip: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        distance_km: float | str
        distance_km = self.distance_km

        mode = self.mode.value

        origin = self.origin

        round_trip = self.round_trip

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "distance_km": distance_km,
                "mode": mode,
                "origin": origin,
            }
        )
        if round_trip is not UNSET:
            field_dict["round_trip"] = round_trip

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        def _parse_distance_km(data: object) -> float | str:
            return cast(float | str, data)

        distance_km = _parse_distance_km(d.pop("distance_km"))

        mode = AttendeeGroupInMode(d.pop("mode"))

        origin = d.pop("origin")

        round_trip = d.pop("round_trip", UNSET)

        attendee_group_in = cls(
            count=count,
            distance_km=distance_km,
            mode=mode,
            origin=origin,
            round_trip=round_trip,
        )

        return attendee_group_in
