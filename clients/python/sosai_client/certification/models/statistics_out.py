from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.certified_stats import CertifiedStats
    from ..models.provider_stats import ProviderStats
    from ..models.reported_case_stats import ReportedCaseStats


T = TypeVar("T", bound="StatisticsOut")


@_attrs_define
class StatisticsOut:
    """
    Attributes:
        certified_initiatives (CertifiedStats):
        providers (ProviderStats):
        reported_cases (ReportedCaseStats):
    """

    certified_initiatives: CertifiedStats
    providers: ProviderStats
    reported_cases: ReportedCaseStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certified_initiatives = self.certified_initiatives.to_dict()

        providers = self.providers.to_dict()

        reported_cases = self.reported_cases.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certified_initiatives": certified_initiatives,
                "providers": providers,
                "reported_cases": reported_cases,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certified_stats import CertifiedStats
        from ..models.provider_stats import ProviderStats
        from ..models.reported_case_stats import ReportedCaseStats

        d = dict(src_dict)
        certified_initiatives = CertifiedStats.from_dict(d.pop("certified_initiatives"))

        providers = ProviderStats.from_dict(d.pop("providers"))

        reported_cases = ReportedCaseStats.from_dict(d.pop("reported_cases"))

        statistics_out = cls(
            certified_initiatives=certified_initiatives,
            providers=providers,
            reported_cases=reported_cases,
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
