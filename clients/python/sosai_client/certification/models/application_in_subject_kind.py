from enum import Enum


class ApplicationInSubjectKind(str, Enum):
    ACTIVITY = "activity"
    EVENT = "event"
    PRODUCT = "product"
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
