from enum import Enum


class TransitionInTo(str, Enum):
    APPLIED = "applied"
    REGISTERED = "registered"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    VALIDATED = "validated"

    def __str__(self) -> str:
        return str(self.value)
