from enum import Enum


class SerialLifecycleOutStatus(str, Enum):
    BUFFER = "buffer"
    CANCELLED = "cancelled"
    HELD = "held"
    RETIRED = "retired"

    def __str__(self) -> str:
        return str(self.value)
