from enum import Enum


class MethodologyStatusInStatus(str, Enum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
