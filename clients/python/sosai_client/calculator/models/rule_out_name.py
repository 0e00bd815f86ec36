from enum import Enum


class RuleOutName(str, Enum):
    DEFAULT_ELECTRICITY = "default-electricity"
    LATEST_AVAILABLE = "latest-available"
    SAME_YEAR = "same-year"
    UTILITY_N_MINUS_1 = "utility-n-minus-1"

    def __str__(self) -> str:
        return str(self.value)
