"""What the dashboard shows of the story agent's work: the stories that grew most in the last
hour and the near-copies found per minute. No Kafka: the agent feeds it, the worker's stats
task reads a snapshot of it and publishes that on the stats topic (pipeline.web.stats).

Times are event times (the articles' own, as the engine's window), and "the last hour" ends
at the newest one seen: live, that is the last hour; in a backfill, the backfill's latest.
After a rebalance the agent rebuilds it from the memos and stories its tables hold, so a new
holder of the agent shows the same hour.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.memory import ArticleMemo
from pipeline.models import GrowingStory, StoriesSnapshot, StoryAssignment, StoryState

HOUR_S = 3600.0
MINUTE_S = 60
GROWING_SHOWN = 10
SOURCES_SHOWN = 5
TRACKED_MAX = 10_000  # stories followed at most: a burst of one-article stories stays bounded
JOINS_MAX = 100_000  # join times kept per story: the count saturates there, memory does not grow


@dataclass(slots=True)
class _Tracked:
    state: StoryState
    joins: deque[float] = field(default_factory=lambda: deque(maxlen=JOINS_MAX))


class StoryActivity:
    """The stories that articles joined in the last hour, and duplicates per minute."""

    def __init__(self) -> None:
        self._stories: dict[str, _Tracked] = {}
        self._duplicates: Counter[int] = Counter()
        self.latest: float | None = None

    def observe(self, assignment: StoryAssignment, story: StoryState) -> None:
        """One article joined `story` (whose state is now `story`)."""
        self._join(story, assignment.event_time.timestamp(), assignment.duplicate_of is not None)

    def forget(self, story_ids: Iterable[str]) -> None:
        """Stories that left the engine's window."""
        for story_id in story_ids:
            self._stories.pop(story_id, None)

    def reset(self, memos: Iterable[ArticleMemo], stories: Iterable[StoryState]) -> None:
        """Start again from what the engine was restored from."""
        states = {story.id: story for story in stories}
        self._stories.clear()
        self._duplicates.clear()
        self.latest = None
        for memo in sorted(memos, key=lambda m: m.event_time):
            state = states.get(memo.story_id)
            if state is not None:
                self._join(state, memo.event_time.timestamp(), memo.duplicate_of is not None)

    def snapshot(self) -> StoriesSnapshot:
        """The hour up to the newest event time: the stories most joined, duplicates/minute."""
        self._prune()
        ranked = sorted(
            self._stories.values(),
            key=lambda t: (-len(t.joins), -t.joins[-1], t.state.id),
        )[:GROWING_SHOWN]
        return StoriesSnapshot(
            latest_at=self.latest,
            growing=[
                GrowingStory(
                    id=t.state.id,
                    title=t.state.title,
                    size=t.state.size,
                    joined=len(t.joins),
                    sources=t.state.sources[:SOURCES_SHOWN],
                    source_count=len(t.state.sources),
                    countries=t.state.countries,
                    last_at=t.joins[-1],
                )
                for t in ranked
            ],
            duplicates_per_minute=dict(sorted(self._duplicates.items())),
        )

    def _join(self, story: StoryState, at: float, duplicate: bool) -> None:
        tracked = self._stories.pop(story.id, None)  # re-inserted last: dicts keep order
        if tracked is None:
            tracked = _Tracked(story)
        tracked.state = story
        tracked.joins.append(at)
        self._stories[story.id] = tracked
        if len(self._stories) > TRACKED_MAX:
            del self._stories[next(iter(self._stories))]  # the one joined longest ago
        if duplicate:
            self._duplicates[int(at // MINUTE_S)] += 1
        self.latest = at if self.latest is None else max(self.latest, at)

    def _prune(self) -> None:
        if self.latest is None:
            return
        since = self.latest - HOUR_S
        for story_id in list(self._stories):
            joins = self._stories[story_id].joins
            while joins and joins[0] < since:
                joins.popleft()
            if not joins:
                del self._stories[story_id]
        for minute in [m for m in self._duplicates if (m + 1) * MINUTE_S <= since]:
            del self._duplicates[minute]
