"""Stream memory: near-duplicates and stories across the stream, as a pure engine.

`StoryMemory.assign(article, event_time)` says, for each enriched article, which story it joins
and whether it is a near-copy of an earlier one; the agent and `pipeline stories` call it, and
persist the `ArticleMemo`s and `StoryState`s it returns so that `restore` can rebuild it.
"""

from pipeline.memory.engine import StoryMemory, StoryOutcome, event_time_of
from pipeline.memory.memo import ArticleMemo

__all__ = ["ArticleMemo", "StoryMemory", "StoryOutcome", "event_time_of"]
