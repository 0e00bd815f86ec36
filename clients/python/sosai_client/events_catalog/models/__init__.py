"""Contains all the data models used in inputs/outputs"""

from .attendee_list_v1_sessions_session_id_registrations_get_state_type_0 import (
    AttendeeListV1SessionsSessionIdRegistrationsGetStateType0,
)
from .carbon_card_out import CarbonCardOut
from .carbon_card_out_certificate_status import CarbonCardOutCertificateStatus
from .carbon_card_out_status import CarbonCardOutStatus
from .footprint_view import FootprintView
from .footprint_view_status import FootprintViewStatus
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .http_validation_error import HTTPValidationError
from .page_programme_out import PageProgrammeOut
from .page_registration_out import PageRegistrationOut
from .page_session_out import PageSessionOut
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .programme_in import ProgrammeIn
from .programme_out import ProgrammeOut
from .programme_patch import ProgrammePatch
from .programme_statistics import ProgrammeStatistics
from .recorded_footprint import RecordedFootprint
from .recorded_footprint_basis import RecordedFootprintBasis
from .registration_in import RegistrationIn
from .registration_in_origin_prefecture_type_0 import RegistrationInOriginPrefectureType0
from .registration_in_travel_mode_type_0 import RegistrationInTravelModeType0
from .registration_out import RegistrationOut
from .registration_out_state import RegistrationOutState
from .session_cancel_in import SessionCancelIn
from .session_in import SessionIn
from .session_out import SessionOut
from .session_out_status import SessionOutStatus
from .session_patch import SessionPatch
from .statistics_out import StatisticsOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .venue_in import VenueIn
from .venue_in_prefecture import VenueInPrefecture
from .venue_out import VenueOut

__all__ = (
    "AttendeeListV1SessionsSessionIdRegistrationsGetStateType0",
    "CarbonCardOut",
    "CarbonCardOutCertificateStatus",
    "CarbonCardOutStatus",
    "FootprintView",
    "FootprintViewStatus",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HTTPValidationError",
    "PageProgrammeOut",
    "PageRegistrationOut",
    "PageSessionOut",
    "Problem",
    "ProblemErrorsItem",
    "ProgrammeIn",
    "ProgrammeOut",
    "ProgrammePatch",
    "ProgrammeStatistics",
    "RecordedFootprint",
    "RecordedFootprintBasis",
    "RegistrationIn",
    "RegistrationInOriginPrefectureType0",
    "RegistrationInTravelModeType0",
    "RegistrationOut",
    "RegistrationOutState",
    "SessionCancelIn",
    "SessionIn",
    "SessionOut",
    "SessionOutStatus",
    "SessionPatch",
    "StatisticsOut",
    "ValidationError",
    "ValidationErrorContext",
    "VenueIn",
    "VenueInPrefecture",
    "VenueOut",
)
