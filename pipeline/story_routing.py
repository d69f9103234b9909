"""What the story agents send: pure steps, no Kafka.

* `forward(record, routes)`: an enriched event, as it is, to the story agent's one-partition
  input topic, under the same key (the article id), so a redelivered article lands there again
  under the same key and the engine recognises it.
* `route_outcome(outcome, routes)`: the article's `StoryAssignment` (keyed by article id) and
  its story's new `StoryState` (keyed by story id, on a compacted topic).
* `story_tombstones(ids, routes)`: stories that left the window, deleted from that topic.

Records carry the same CloudEvents headers as the enrich agent's (`pipeline.routing`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.memory import StoryOutcome
from pipeline.routing import (
    CLOUDEVENTS_VERSION,
    TOMBSTONE,
    Outgoing,
    Received,
    cloudevents_source,
    now,
    outgoing,
)
from pipeline.settings import Settings

FORWARDED = "forwarded"


@dataclass(frozen=True, slots=True)
class StoryRoutes:
    """The story topics, from the settings."""

    stories_in: str
    assignments: str
    stories: str
    source: str  # CloudEvents `source`, as the enrich agent's

    @classmethod
    def of(cls, settings: Settings) -> StoryRoutes:
        return cls(
            stories_in=settings.topic_stories_in,
            assignments=settings.topic_assignments,
            stories=settings.topic_stories,
            source=cloudevents_source(settings),
        )


def forward(record: Received, routes: StoryRoutes) -> Outgoing | None:
    """The enriched record, unparsed, to the story agent's input; None for a record without
    a key or value (the enrich agent never writes one)."""
    if record.key is None or record.value is None:
        return None
    return Outgoing(routes.stories_in, record.key, record.value, (), FORWARDED)


def route_outcome(outcome: StoryOutcome, routes: StoryRoutes) -> list[Outgoing]:
    """The assignment, then the story's new state (a consumer reading both sees the article
    before the story that counts it)."""
    assignment, story = outcome.assignment, outcome.story
    at = now()
    # Event ids are deterministic: a redelivered article gives the same ones again
    return [
        outgoing(
            routes.assignments,
            assignment.id.encode(),
            assignment,
            assignment.id,
            "assignment",
            routes.source,
            at,
        ),
        outgoing(
            routes.stories,
            story.id.encode(),
            story,
            f"{story.id}:{assignment.id}",
            "story",
            routes.source,
            at,
        ),
    ]


def story_tombstones(story_ids: Iterable[str], routes: StoryRoutes) -> list[Outgoing]:
    """Null values for stories that left the window: compaction then drops them, so the
    topic holds live stories only."""
    headers = (
        ("ce_specversion", CLOUDEVENTS_VERSION),
        ("ce_source", routes.source.encode()),
        ("ce_time", now()),
    )
    return [
        Outgoing(routes.stories, story_id.encode(), b"", headers, TOMBSTONE)
        for story_id in story_ids
    ]
