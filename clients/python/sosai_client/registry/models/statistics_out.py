from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.fiscal_year_figures import FiscalYearFigures
    from ..models.statistics_out_methodologies_by_category import StatisticsOutMethodologiesByCategory
    from ..models.statistics_out_projects_by_status import StatisticsOutProjectsByStatus


T = TypeVar("T", bound="StatisticsOut")


@_attrs_define
class StatisticsOut:
    """
    Attributes:
        as_of_fiscal_year (int | None):
        by_fiscal_year (list[FiscalYearFigures]):
        methodologies_by_category (StatisticsOutMethodologiesByCategory):
        projects_by_status (StatisticsOutProjectsByStatus):
        projects_registered (int):
        tonnes_cancelled (int):
        tonnes_certified (int):
        tonnes_in_buffer (int):
        tonnes_issued (int):
        tonnes_retired (int):
    """

    as_of_fiscal_year: int | None
    by_fiscal_year: list[FiscalYearFigures]
    methodologies_by_category: StatisticsOutMethodologiesByCategory
    projects_by_status: StatisticsOutProjectsByStatus
    projects_registered: int
    tonnes_cancelled: int
    tonnes_certified: int
    tonnes_in_buffer: int
    tonnes_issued: int
    tonnes_retired: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of_fiscal_year: int | None
        as_of_fiscal_year = self.as_of_fiscal_year

        by_fiscal_year = []
        for by_fiscal_year_item_data in self.by_fiscal_year:
            by_fiscal_year_item = by_fiscal_year_item_data.to_dict()
            by_fiscal_year.append(by_fiscal_year_item)

        methodologies_by_category = self.methodologies_by_category.to_dict()

        projects_by_status = self.projects_by_status.to_dict()

        projects_registered = self.projects_registered

        tonnes_cancelled = self.tonnes_cancelled

        tonnes_certified = self.tonnes_certified

        tonnes_in_buffer = self.tonnes_in_buffer

        tonnes_issued = self.tonnes_issued

        tonnes_retired = self.tonnes_retired

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of_fiscal_year": as_of_fiscal_year,
                "by_fiscal_year": by_fiscal_year,
                "methodologies_by_category": methodologies_by_category,
                "projects_by_status": projects_by_status,
                "projects_registered": projects_registered,
                "tonnes_cancelled": tonnes_cancelled,
                "tonnes_certified": tonnes_certified,
                "tonnes_in_buffer": tonnes_in_buffer,
                "tonnes_issued": tonnes_issued,
                "tonnes_retired": tonnes_retired,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fiscal_year_figures import FiscalYearFigures
        from ..models.statistics_out_methodologies_by_category import StatisticsOutMethodologiesByCategory
        from ..models.statistics_out_projects_by_status import StatisticsOutProjectsByStatus

        d = dict(src_dict)

        def _parse_as_of_fiscal_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        as_of_fiscal_year = _parse_as_of_fiscal_year(d.pop("as_of_fiscal_year"))

        by_fiscal_year = []
        _by_fiscal_year = d.pop("by_fiscal_year")
        for by_fiscal_year_item_data in _by_fiscal_year:
            by_fiscal_year_item = FiscalYearFigures.from_dict(by_fiscal_year_item_data)

            by_fiscal_year.append(by_fiscal_year_item)

        methodologies_by_category = StatisticsOutMethodologiesByCategory.from_dict(d.pop("methodologies_by_category"))

        projects_by_status = StatisticsOutProjectsByStatus.from_dict(d.pop("projects_by_status"))

        projects_registered = d.pop("projects_registered")

        tonnes_cancelled = d.pop("tonnes_cancelled")

        tonnes_certified = d.pop("tonnes_certified")

        tonnes_in_buffer = d.pop("tonnes_in_buffer")

        tonnes_issued = d.pop("tonnes_issued")

        tonnes_retired = d.pop("tonnes_retired")

        statistics_out = cls(
            as_of_fiscal_year=as_of_fiscal_year,
            by_fiscal_year=by_fiscal_year,
            methodologies_by_category=methodologies_by_category,
            projects_by_status=projects_by_status,
            projects_registered=projects_registered,
            tonnes_cancelled=tonnes_cancelled,
            tonnes_certified=tonnes_certified,
            tonnes_in_buffer=tonnes_in_buffer,
            tonnes_issued=tonnes_issued,
            tonnes_retired=tonnes_retired,
        )

        statistics_out.additional_properties = d
        return statistics_out

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
