from enum import Enum


class ListOwnApplicationsV1ApplicationsGetStatusType0(str, Enum):
    CERTIFIED = "certified"
    DRAFT = "draft"
    EXPIRED = "expired"
    REJECTED = "rejected"
    REVOKED = "revoked"
    SUBMITTED = "submitted"
    SUSPENDED = "suspended"
    UNDER_REVIEW = "under_review"

    def __str__(self) -> str:
        return str(self.value)
