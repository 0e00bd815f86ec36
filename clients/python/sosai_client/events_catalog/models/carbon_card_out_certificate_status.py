from enum import Enum


class CarbonCardOutCertificateStatus(str, Enum):
    CERTIFIED = "certified"
    EXPIRED = "expired"
    NONE = "none"
    REVOKED = "revoked"

    def __str__(self) -> str:
        return str(self.value)
