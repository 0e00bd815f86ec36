from enum import Enum


class CarbonCardOutStatus(str, Enum):
    CERTIFIED = "certified"
    NOT_OFFSET = "not_offset"
    OFFSET = "offset"
    PARTLY_OFFSET = "partly_offset"

    def __str__(self) -> str:
        return str(self.value)
