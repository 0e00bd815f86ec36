from enum import Enum


class MethodologyInCategory(str, Enum):
    EMISSION_REDUCTION = "emission_reduction"
    FOREST_ABSORPTION = "forest_absorption"

    def __str__(self) -> str:
        return str(self.value)
