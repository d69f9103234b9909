"""The one exception type a stage raises to refuse an input, with its dead-letter reason."""

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
