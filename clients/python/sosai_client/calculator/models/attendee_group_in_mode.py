from enum import Enum


class AttendeeGroupInMode(str, Enum):
    AIR = "air"
    AIR_DOMESTIC_SCHEDULED = "air_domestic_scheduled"
    BUS = "bus"
    CAR = "car"
    RAIL = "rail"

    def __str__(self) -> str:
        return str(self.value)
