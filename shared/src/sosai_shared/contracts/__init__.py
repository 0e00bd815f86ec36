"""Versioned payload contracts of every event a Sōsai service publishes.

A payload model names its CloudEvents ``type`` (which embeds the version) and its
topic. Publishers build the model (so they cannot emit an unknown field);
consumers parse with ``extra="ignore"`` (so a publisher adding a field never
breaks them). A breaking change is a new model with ``.v2`` in its type, published
beside the old one until every consumer has moved. Stored examples of every
version live in ``examples/`` and are replayed by the contract tests.
"""

from __future__ import annotations

from sosai_shared.contracts.base import OFFSET_TYPES, EventPayload, all_contracts, contract_for
from sosai_shared.contracts.calculator import FootprintCalculatedV1, FootprintCoverageChangedV1
from sosai_shared.contracts.catalog import (
    RegistrationPromotedV1,
    SessionCancelledV1,
    SessionOffsetV1,
    SessionScheduledV1,
)
from sosai_shared.contracts.certification import (
    ApplicationSubmittedV1,
    CertificateRevokedV1,
    OffsetCertifiedV1,
    ProviderRegisteredV1,
)
from sosai_shared.contracts.registry import (
    ApprovalDecidedV1,
    ApprovalRequestedV1,
    BufferReversedV1,
    CreditsCancelledV1,
    CreditsCertifiedV1,
    CreditsIssuedV1,
    CreditsRetiredV1,
    CreditsTransferredV1,
    MethodologyRegisteredV1,
    ProjectRegisteredV1,
    SerialBlockV1,
)

TOPICS = {
    "registry": "registry.events",
    "certification": "certification.events",
    "calculator": "calculator.events",
    "catalog": "catalog.events",
}

__all__ = [
    "OFFSET_TYPES",
    "TOPICS",
    "ApplicationSubmittedV1",
    "ApprovalDecidedV1",
    "ApprovalRequestedV1",
    "BufferReversedV1",
    "CertificateRevokedV1",
    "CreditsCancelledV1",
    "CreditsCertifiedV1",
    "CreditsIssuedV1",
    "CreditsRetiredV1",
    "CreditsTransferredV1",
    "EventPayload",
    "FootprintCalculatedV1",
    "FootprintCoverageChangedV1",
    "MethodologyRegisteredV1",
    "OffsetCertifiedV1",
    "ProjectRegisteredV1",
    "ProviderRegisteredV1",
    "RegistrationPromotedV1",
    "SerialBlockV1",
    "SessionCancelledV1",
    "SessionOffsetV1",
    "SessionScheduledV1",
    "all_contracts",
    "contract_for",
]
