from enum import Enum


class EventEstimateOutFactorRule(str, Enum):
    FISCAL_YEAR = "fiscal-year"
    LATEST_AVAILABLE = "latest-available"

    def __str__(self) -> str:
        return str(self.value)
