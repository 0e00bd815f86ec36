from enum import Enum


class ProviderQueueV1ReviewProvidersGetStatusType0Item(str, Enum):
    APPLIED = "applied"
    REGISTERED = "registered"
    REJECTED = "rejected"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
