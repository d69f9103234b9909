"""The per-article work budget: CPU seconds of the enrich thread, charged stage by stage.

The stages run batch-wide (every article's split, then every article's language...), so an
article's account is the sum of the times measured around its own work, plus its share of the
batch's NER. CPU time of the thread (time.thread_time), not wall time: on a busy host, or while
the event loop's thread holds the GIL, the clock would charge an article for others' work.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from pipeline.errors import StageError
from pipeline.models import ReasonCode


class WorkBudget:
    """One article's account; `check` raises the too_slow StageError once it is overdrawn."""

    __slots__ = ("_since", "seconds", "spent")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent = 0.0
        self._since: float | None = None

    @contextmanager
    def charging(self) -> Iterator[None]:
        """Charge the thread's CPU time inside the block to this article."""
        self._since = time.thread_time()
        try:
            yield
        finally:
            self.spent += time.thread_time() - self._since
            self._since = None

    def charge(self, seconds: float) -> None:
        self.spent += seconds

    def check(self, stage: str) -> None:
        spent = self.spent
        if self._since is not None:
            spent += time.thread_time() - self._since
        if spent > self.seconds:
            raise StageError(
                ReasonCode.TOO_SLOW,
                f"{stage}: {spent:.2f} s of CPU, past the article's budget of "
                f"{self.seconds:g} s (PIPELINE_ARTICLE_BUDGET_S)",
                stage=stage,
            )
