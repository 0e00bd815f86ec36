"""Contains all the data models used in inputs/outputs"""

from .account_action_v1_accounts_account_id_action_post_action import AccountActionV1AccountsAccountIdActionPostAction
from .account_in import AccountIn
from .account_out import AccountOut
from .api_key_created import ApiKeyCreated
from .api_key_in import ApiKeyIn
from .api_key_out import ApiKeyOut
from .approve_in import ApproveIn
from .balance_out import BalanceOut
from .block_out import BlockOut
from .buffer_reversal_in import BufferReversalIn
from .cancellation_in import CancellationIn
from .certification_in import CertificationIn
from .certification_out import CertificationOut
from .claim_v1_public_retirements_retirement_id_claim_get_response_claim_v1_public_retirements_retirement_id_claim_get import (
    ClaimV1PublicRetirementsRetirementIdClaimGetResponseClaimV1PublicRetirementsRetirementIdClaimGet,
)
from .fiscal_year_figures import FiscalYearFigures
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .http_validation_error import HTTPValidationError
from .issuance_out import IssuanceOut
from .issuance_proposal_in import IssuanceProposalIn
from .jwks_well_known_jwks_json_get_response_jwks_well_known_jwks_json_get import (
    JwksWellKnownJwksJsonGetResponseJwksWellKnownJwksJsonGet,
)
from .lifecycle_step import LifecycleStep
from .log_head_v1_public_log_head_get_response_log_head_v1_public_log_head_get import (
    LogHeadV1PublicLogHeadGetResponseLogHeadV1PublicLogHeadGet,
)
from .log_page_v1_public_log_get_response_log_page_v1_public_log_get import (
    LogPageV1PublicLogGetResponseLogPageV1PublicLogGet,
)
from .methodology_in import MethodologyIn
from .methodology_in_category import MethodologyInCategory
from .methodology_out import MethodologyOut
from .methodology_status_in import MethodologyStatusIn
from .methodology_status_in_status import MethodologyStatusInStatus
from .page_account_out import PageAccountOut
from .page_api_key_out import PageApiKeyOut
from .page_issuance_out import PageIssuanceOut
from .page_methodology_out import PageMethodologyOut
from .page_price_out import PagePriceOut
from .page_project_out import PageProjectOut
from .page_retirement_out import PageRetirementOut
from .page_transaction_out import PageTransactionOut
from .price_in import PriceIn
from .price_out import PriceOut
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .project_in import ProjectIn
from .project_out import ProjectOut
from .range_in import RangeIn
from .reject_in import RejectIn
from .retirement_in import RetirementIn
from .retirement_in_use import RetirementInUse
from .retirement_out import RetirementOut
from .serial_lifecycle_out import SerialLifecycleOut
from .serial_lifecycle_out_status import SerialLifecycleOutStatus
from .statistics_out import StatisticsOut
from .statistics_out_methodologies_by_category import StatisticsOutMethodologiesByCategory
from .statistics_out_projects_by_status import StatisticsOutProjectsByStatus
from .transaction_out import TransactionOut
from .transfer_in import TransferIn
from .transition_in import TransitionIn
from .transition_in_to import TransitionInTo
from .transition_out import TransitionOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext

__all__ = (
    "AccountActionV1AccountsAccountIdActionPostAction",
    "AccountIn",
    "AccountOut",
    "ApiKeyCreated",
    "ApiKeyIn",
    "ApiKeyOut",
    "ApproveIn",
    "BalanceOut",
    "BlockOut",
    "BufferReversalIn",
    "CancellationIn",
    "CertificationIn",
    "CertificationOut",
    "ClaimV1PublicRetirementsRetirementIdClaimGetResponseClaimV1PublicRetirementsRetirementIdClaimGet",
    "FiscalYearFigures",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HTTPValidationError",
    "IssuanceOut",
    "IssuanceProposalIn",
    "JwksWellKnownJwksJsonGetResponseJwksWellKnownJwksJsonGet",
    "LifecycleStep",
    "LogHeadV1PublicLogHeadGetResponseLogHeadV1PublicLogHeadGet",
    "LogPageV1PublicLogGetResponseLogPageV1PublicLogGet",
    "MethodologyIn",
    "MethodologyInCategory",
    "MethodologyOut",
    "MethodologyStatusIn",
    "MethodologyStatusInStatus",
    "PageAccountOut",
    "PageApiKeyOut",
    "PageIssuanceOut",
    "PageMethodologyOut",
    "PagePriceOut",
    "PageProjectOut",
    "PageRetirementOut",
    "PageTransactionOut",
    "PriceIn",
    "PriceOut",
    "Problem",
    "ProblemErrorsItem",
    "ProjectIn",
    "ProjectOut",
    "RangeIn",
    "RejectIn",
    "RetirementIn",
    "RetirementInUse",
    "RetirementOut",
    "SerialLifecycleOut",
    "SerialLifecycleOutStatus",
    "StatisticsOut",
    "StatisticsOutMethodologiesByCategory",
    "StatisticsOutProjectsByStatus",
    "TransactionOut",
    "TransferIn",
    "TransitionIn",
    "TransitionInTo",
    "TransitionOut",
    "ValidationError",
    "ValidationErrorContext",
)
