from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.carbon_card_out_certificate_status import CarbonCardOutCertificateStatus
from ..models.carbon_card_out_status import CarbonCardOutStatus

if TYPE_CHECKING:
    from ..models.footprint_view import FootprintView
    from ..models.recorded_footprint import RecordedFootprint


T = TypeVar("T", bound="CarbonCardOut")


@_attrs_define
class CarbonCardOut:
    """
    Attributes:
        actual (FootprintView):
        certificate_number (None | str):
        certificate_status (CarbonCardOutCertificateStatus):
        credits_retired (int):
        estimate (FootprintView):
        recorded_footprint (None | RecordedFootprint):
        session_id (str):
        status (CarbonCardOutStatus):
    """

    actual: FootprintView
    certificate_number: None | str
    certificate_status: CarbonCardOutCertificateStatus
    credits_retired: int
    estimate: FootprintView
    recorded_footprint: None | RecordedFootprint
    session_id: str
    status: CarbonCardOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.recorded_footprint import RecordedFootprint

        actual = self.actual.to_dict()

        certificate_number: None | str
        certificate_number = self.certificate_number

        certificate_status = self.certificate_status.value

        credits_retired = self.credits_retired

        estimate = self.estimate.to_dict()

        recorded_footprint: dict[str, Any] | None
        if isinstance(self.recorded_footprint, RecordedFootprint):
            recorded_footprint = self.recorded_footprint.to_dict()
        else:
            recorded_footprint = self.recorded_footprint

        session_id = self.session_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actual": actual,
                "certificate_number": certificate_number,
                "certificate_status": certificate_status,
                "credits_retired": credits_retired,
                "estimate": estimate,
                "recorded_footprint": recorded_footprint,
                "session_id": session_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.footprint_view import FootprintView
        from ..models.recorded_footprint import RecordedFootprint

        d = dict(src_dict)
        actual = FootprintView.from_dict(d.pop("actual"))

        def _parse_certificate_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        certificate_number = _parse_certificate_number(d.pop("certificate_number"))

        certificate_status = CarbonCardOutCertificateStatus(d.pop("certificate_status"))

        credits_retired = d.pop("credits_retired")

        estimate = FootprintView.from_dict(d.pop("estimate"))

        def _parse_recorded_footprint(data: object) -> None | RecordedFootprint:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                recorded_footprint_type_0 = RecordedFootprint.from_dict(data)

                return recorded_footprint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordedFootprint, data)

        recorded_footprint = _parse_recorded_footprint(d.pop("recorded_footprint"))

        session_id = d.pop("session_id")

        status = CarbonCardOutStatus(d.pop("status"))

        carbon_card_out = cls(
            actual=actual,
            certificate_number=certificate_number,
            certificate_status=certificate_status,
            credits_retired=credits_retired,
            estimate=estimate,
            recorded_footprint=recorded_footprint,
            session_id=session_id,
            status=status,
        )

        carbon_card_out.additional_properties = d
        return carbon_card_out

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
