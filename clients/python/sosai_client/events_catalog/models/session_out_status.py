from enum import Enum


class SessionOutStatus(str, Enum):
    CANCELLED = "cancelled"
    CLOSED = "closed"
    FULL = "full"
    HELD = "held"
    OPEN = "open"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
