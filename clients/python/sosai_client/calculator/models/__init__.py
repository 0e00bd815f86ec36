"""Contains all the data models used in inputs/outputs"""

from .activity_in import ActivityIn
from .attendee_group_in import AttendeeGroupIn
from .attendee_group_in_mode import AttendeeGroupInMode
from .batch_in import BatchIn
from .batch_item_out import BatchItemOut
from .batch_out import BatchOut
from .coverage_out import CoverageOut
from .coverage_out_coverage import CoverageOutCoverage
from .create_footprint_csv_v1_footprints_csv_post_files_body import CreateFootprintCsvV1FootprintsCsvPostFilesBody
from .create_footprint_csv_v1_footprints_csv_post_offset_type_type_0 import (
    CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0,
)
from .estimate_in import EstimateIn
from .estimate_out import EstimateOut
from .estimate_out_gases import EstimateOutGases
from .event_estimate_in import EventEstimateIn
from .event_estimate_out import EventEstimateOut
from .event_estimate_out_factor_rule import EventEstimateOutFactorRule
from .event_estimate_out_gases import EventEstimateOutGases
from .event_footprint_in import EventFootprintIn
from .event_footprint_in_offset_type_type_0 import EventFootprintInOffsetTypeType0
from .factor_out import FactorOut
from .factor_set_out import FactorSetOut
from .factor_used import FactorUsed
from .footprint_out import FootprintOut
from .footprint_out_gases import FootprintOutGases
from .footprint_summary import FootprintSummary
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .http_validation_error import HTTPValidationError
from .item_error import ItemError
from .kind_year_stat import KindYearStat
from .line_diff import LineDiff
from .line_out import LineOut
from .organisation_footprint_in import OrganisationFootprintIn
from .organisation_footprint_in_offset_type_type_0 import OrganisationFootprintInOffsetTypeType0
from .page_factor_out import PageFactorOut
from .page_factor_set_out import PageFactorSetOut
from .page_footprint_summary import PageFootprintSummary
from .plan_in import PlanIn
from .plan_out import PlanOut
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .product_footprint_in import ProductFootprintIn
from .product_footprint_in_offset_type_type_0 import ProductFootprintInOffsetTypeType0
from .recalculate_in import RecalculateIn
from .recalculation_out import RecalculationOut
from .rule_out import RuleOut
from .rule_out_name import RuleOutName
from .scope_totals import ScopeTotals
from .statistics_out import StatisticsOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .version_out import VersionOut
from .version_out_input_summary import VersionOutInputSummary

__all__ = (
    "ActivityIn",
    "AttendeeGroupIn",
    "AttendeeGroupInMode",
    "BatchIn",
    "BatchItemOut",
    "BatchOut",
    "CoverageOut",
    "CoverageOutCoverage",
    "CreateFootprintCsvV1FootprintsCsvPostFilesBody",
    "CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0",
    "EstimateIn",
    "EstimateOut",
    "EstimateOutGases",
    "EventEstimateIn",
    "EventEstimateOut",
    "EventEstimateOutFactorRule",
    "EventEstimateOutGases",
    "EventFootprintIn",
    "EventFootprintInOffsetTypeType0",
    "FactorOut",
    "FactorSetOut",
    "FactorUsed",
    "FootprintOut",
    "FootprintOutGases",
    "FootprintSummary",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HTTPValidationError",
    "ItemError",
    "KindYearStat",
    "LineDiff",
    "LineOut",
    "OrganisationFootprintIn",
    "OrganisationFootprintInOffsetTypeType0",
    "PageFactorOut",
    "PageFactorSetOut",
    "PageFootprintSummary",
    "PlanIn",
    "PlanOut",
    "Problem",
    "ProblemErrorsItem",
    "ProductFootprintIn",
    "ProductFootprintInOffsetTypeType0",
    "RecalculateIn",
    "RecalculationOut",
    "RuleOut",
    "RuleOutName",
    "ScopeTotals",
    "StatisticsOut",
    "ValidationError",
    "ValidationErrorContext",
    "VersionOut",
    "VersionOutInputSummary",
)
