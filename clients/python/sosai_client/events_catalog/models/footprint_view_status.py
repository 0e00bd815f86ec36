from enum import Enum


class FootprintViewStatus(str, Enum):
    OK = "ok"
    PENDING = "pending"
    REFUSED = "refused"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
