"""Programmes (leader training, J-VER briefings, the EXPO) and their statistics per fiscal year."""
