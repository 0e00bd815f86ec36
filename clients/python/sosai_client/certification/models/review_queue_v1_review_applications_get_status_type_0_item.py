from enum import Enum


class ReviewQueueV1ReviewApplicationsGetStatusType0Item(str, Enum):
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
