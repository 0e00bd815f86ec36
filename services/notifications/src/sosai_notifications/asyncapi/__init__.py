"""The AsyncAPI 3.0 document of every event, generated from ``sosai_shared.contracts``."""
