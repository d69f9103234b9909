"""The exceptions the pipeline raises on purpose: a stage refusing an input, bad settings."""

from __future__ import annotations

from pipeline.models import ReasonCode


class StageError(Exception):
    """An input a stage cannot process. The agent dead-letters it and goes on.

    Any other exception raised inside a stage is dead-lettered as `processing_error`.
    """

    def __init__(self, reason_code: ReasonCode, message: str, *, stage: str) -> None:
        super().__init__(message)
        self.reason_code = reason_code
        self.message = message
        self.stage = stage


class ConfigurationError(RuntimeError):
    """The settings cannot make a working Kafka client; the message says which to set."""
