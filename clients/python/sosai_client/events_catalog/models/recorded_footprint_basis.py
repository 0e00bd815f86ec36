from enum import Enum


class RecordedFootprintBasis(str, Enum):
    ACTUAL = "actual"
    ESTIMATE = "estimate"

    def __str__(self) -> str:
        return str(self.value)
