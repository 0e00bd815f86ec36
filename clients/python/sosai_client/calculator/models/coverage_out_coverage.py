from enum import Enum


class CoverageOutCoverage(str, Enum):
    FULL = "full"
    NONE = "none"
    PARTIAL = "partial"

    def __str__(self) -> str:
        return str(self.value)
