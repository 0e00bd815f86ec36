"""Contains all the data models used in inputs/outputs"""

from .admin_provider_in import AdminProviderIn
from .application_in import ApplicationIn
from .application_in_offset_type import ApplicationInOffsetType
from .application_in_subject_kind import ApplicationInSubjectKind
from .application_out import ApplicationOut
from .application_patch import ApplicationPatch
from .application_patch_offset_type_type_0 import ApplicationPatchOffsetTypeType0
from .application_patch_subject_kind_type_0 import ApplicationPatchSubjectKindType0
from .application_summary_out import ApplicationSummaryOut
from .bulk_reported_cases_in import BulkReportedCasesIn
from .bulk_result_out import BulkResultOut
from .certificate_out import CertificateOut
from .certificate_retirement_out import CertificateRetirementOut
from .certified_stats import CertifiedStats
from .certify_in import CertifyIn
from .check_out import CheckOut
from .check_out_evidence import CheckOutEvidence
from .claim_v1_public_claims_number_get_response_claim_v1_public_claims_number_get import (
    ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet,
)
from .count_by_type import CountByType
from .end_report_in import EndReportIn
from .end_report_out import EndReportOut
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .http_validation_error import HTTPValidationError
from .jwks_well_known_jwks_json_get_response_jwks_well_known_jwks_json_get import (
    JwksWellKnownJwksJsonGetResponseJwksWellKnownJwksJsonGet,
)
from .list_own_applications_v1_applications_get_status_type_0 import ListOwnApplicationsV1ApplicationsGetStatusType0
from .optional_reason_in import OptionalReasonIn
from .own_activity_split import OwnActivitySplit
from .own_activity_split_before_201004 import OwnActivitySplitBefore201004
from .own_activity_split_from_201004 import OwnActivitySplitFrom201004
from .page_application_summary_out import PageApplicationSummaryOut
from .page_certificate_out import PageCertificateOut
from .page_provider_out import PageProviderOut
from .page_public_provider_out import PagePublicProviderOut
from .page_reported_case_out import PageReportedCaseOut
from .period_count import PeriodCount
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .provider_in import ProviderIn
from .provider_out import ProviderOut
from .provider_queue_v1_review_providers_get_status_type_0_item import ProviderQueueV1ReviewProvidersGetStatusType0Item
from .provider_reason_in import ProviderReasonIn
from .provider_stats import ProviderStats
from .public_cases_v1_public_reported_cases_get_offset_type_type_0 import (
    PublicCasesV1PublicReportedCasesGetOffsetTypeType0,
)
from .public_certificates_v1_public_certificates_get_offset_type_type_0 import (
    PublicCertificatesV1PublicCertificatesGetOffsetTypeType0,
)
from .public_provider_out import PublicProviderOut
from .reason_in import ReasonIn
from .reject_in import RejectIn
from .reported_case_in import ReportedCaseIn
from .reported_case_in_offset_type import ReportedCaseInOffsetType
from .reported_case_out import ReportedCaseOut
from .reported_case_stats import ReportedCaseStats
from .review_queue_v1_review_applications_get_status_type_0_item import (
    ReviewQueueV1ReviewApplicationsGetStatusType0Item,
)
from .serial_range_out import SerialRangeOut
from .statistics_out import StatisticsOut
from .transition_out import TransitionOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext

__all__ = (
    "AdminProviderIn",
    "ApplicationIn",
    "ApplicationInOffsetType",
    "ApplicationInSubjectKind",
    "ApplicationOut",
    "ApplicationPatch",
    "ApplicationPatchOffsetTypeType0",
    "ApplicationPatchSubjectKindType0",
    "ApplicationSummaryOut",
    "BulkReportedCasesIn",
    "BulkResultOut",
    "CertificateOut",
    "CertificateRetirementOut",
    "CertifiedStats",
    "CertifyIn",
    "CheckOut",
    "CheckOutEvidence",
    "ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet",
    "CountByType",
    "EndReportIn",
    "EndReportOut",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HTTPValidationError",
    "JwksWellKnownJwksJsonGetResponseJwksWellKnownJwksJsonGet",
    "ListOwnApplicationsV1ApplicationsGetStatusType0",
    "OptionalReasonIn",
    "OwnActivitySplit",
    "OwnActivitySplitBefore201004",
    "OwnActivitySplitFrom201004",
    "PageApplicationSummaryOut",
    "PageCertificateOut",
    "PageProviderOut",
    "PagePublicProviderOut",
    "PageReportedCaseOut",
    "PeriodCount",
    "Problem",
    "ProblemErrorsItem",
    "ProviderIn",
    "ProviderOut",
    "ProviderQueueV1ReviewProvidersGetStatusType0Item",
    "ProviderReasonIn",
    "ProviderStats",
    "PublicCasesV1PublicReportedCasesGetOffsetTypeType0",
    "PublicCertificatesV1PublicCertificatesGetOffsetTypeType0",
    "PublicProviderOut",
    "ReasonIn",
    "RejectIn",
    "ReportedCaseIn",
    "ReportedCaseInOffsetType",
    "ReportedCaseOut",
    "ReportedCaseStats",
    "ReviewQueueV1ReviewApplicationsGetStatusType0Item",
    "SerialRangeOut",
    "StatisticsOut",
    "TransitionOut",
    "ValidationError",
    "ValidationErrorContext",
)
