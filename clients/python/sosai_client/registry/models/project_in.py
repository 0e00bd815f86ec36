from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from dateutil.parser import isoparse

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectIn")


@_attrs_define
class ProjectIn:
    """
    Attributes:
        crediting_end (datetime.date):
        crediting_start (datetime.date):
        methodology_code (str):
        name (str):
        prefecture (str):
        programme (str | Unset): 'national' or the prefecture's J-VER programme, e.g. 'kochi' Default: 'national'.
    """

    crediting_end: datetime.date
    crediting_start: datetime.date
    methodology_code: str
    name: str
    prefecture: str
    programme: str | Unset = "national"

    def to_dict(self) -> dict[str, Any]:
        crediting_end = self.crediting_end.isoformat()

        crediting_start = self.crediting_start.isoformat()

        methodology_code = self.methodology_code

        name = self.name

        prefecture = self.prefecture

        programme = self.programme

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "crediting_end": crediting_end,
                "crediting_start": crediting_start,
                "methodology_code": methodology_code,
                "name": name,
                "prefecture": prefecture,
            }
        )
        if programme is not UNSET:
            field_dict["programme"] = programme

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        crediting_end = isoparse(d.pop("crediting_end")).date()

        crediting_start = isoparse(d.pop("crediting_start")).date()

        methodology_code = d.pop("methodology_code")

        name = d.pop("name")

        prefecture = d.pop("prefecture")

        programme = d.pop("programme", UNSET)

        project_in = cls(
            crediting_end=crediting_end,
            crediting_start=crediting_start,
            methodology_code=methodology_code,
            name=name,
            prefecture=prefecture,
            programme=programme,
        )

        return project_in
