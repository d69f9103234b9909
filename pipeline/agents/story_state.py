"""The story agent's state: two faust tables, each backed by a compacted changelog topic.

* memos, keyed by article id: the `ArticleMemo` of every article in the window (its sketches
  and its assignment), deleted when the article leaves the window;
* stories, keyed by story id: every live story's latest `StoryState`.

Every write goes to the table's changelog topic (`<app id>-<table>-changelog`) through the
worker's producer, and the agent awaits it with its sends before it acks the input: a worker killed
at any point restarts (or another worker takes over) with the tables as of the last article
whose outputs it sent, or later, and the engine is rebuilt from them (`restore_into`). An
article read again after that finds its memo and is given the same assignment, never a second
one. Tables hold bytes (the app's serialisers are raw): the memos' and states' own JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import faust
from faust.types import FutureMessage

from pipeline.memory import ArticleMemo, StoryMemory, StoryOutcome
from pipeline.models import StoryState
from pipeline.settings import Settings

MEMOS_TABLE = "story-memos"
STORIES_TABLE = "story-states"


class StoryTable(faust.Table[bytes, bytes]):
    """faust's table, except that a changelog topic with no partitions in the client's metadata
    is not known yet, not a mismatch: just created on a cluster, it showed 0 partitions for a
    moment, and faust's check crashed the agent (PartitionsMismatch) on its first write."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.unconfirmed: list[FutureMessage] = []

    def send_changelog(self, *args: Any, **kwargs: Any) -> FutureMessage:
        """faust's, keeping the write's future: faust only logs a changelog write that fails,
        and would commit the input past it; the agent awaits them with its sends."""
        sent: FutureMessage = super().send_changelog(*args, **kwargs)
        self.unconfirmed.append(sent)
        return sent

    def _verify_source_topic_partitions(self, source_topic: str) -> None:
        if not self.app.consumer.topic_partitions(self.changelog_topic_name):
            return  # checked again on the next write
        super()._verify_source_topic_partitions(source_topic)


@dataclass(frozen=True)
class StoryTables:
    memos: StoryTable
    stories: StoryTable

    @classmethod
    def of(cls, app: faust.App, settings: Settings) -> StoryTables:
        # rocksdb: kept on disk under the app's data folder, so a restart reads only the
        # changelog written since; memory: the whole changelog is read on every start
        store = "rocksdb://" if settings.stories_store == "rocksdb" else "memory://"

        def table(name: str, help_: str) -> StoryTable:
            # one partition, as the agent's input topic: faust co-partitions a table with
            # the topic of the stream that writes it
            made = StoryTable(
                app,
                name=name,
                default=None,
                beacon=app.tables.beacon,
                partitions=1,
                key_type=bytes,
                value_type=bytes,
                store=store,
                help=help_,
            )
            app.tables.add(made)
            return made

        return cls(
            memos=table(MEMOS_TABLE, "ArticleMemo per article in the story window"),
            stories=table(STORIES_TABLE, "StoryState per live story"),
        )

    def snapshot(self) -> tuple[list[bytes], list[bytes]]:
        """The tables' values as they are now (the memos', then the stories'): read on the
        event loop, parsed elsewhere."""
        return list(self.memos.values()), list(self.stories.values())

    def unconfirmed_writes(self) -> list[FutureMessage]:
        """The changelog writes made since the last call, to await like sends."""
        writes: list[FutureMessage] = []
        for table in (self.memos, self.stories):
            writes += table.unconfirmed
            table.unconfirmed = []
        return writes

    def record(self, outcome: StoryOutcome) -> None:
        """Write what one article changed: call from the agent's stream (faust sends each
        change to the changelog partition of the event being processed)."""
        if outcome.memo is not None:  # else an article seen before: its state is there
            self.memos[outcome.memo.article_id.encode()] = outcome.memo.to_bytes()
            self.stories[outcome.story.id.encode()] = outcome.story.to_json()
        # after the writes: what left the window stays gone, as its tombstones on the topic say
        for article_id in outcome.expired_articles:
            _drop(self.memos, article_id.encode())
        for story_id in outcome.expired_stories:
            _drop(self.stories, story_id.encode())


def restore_into(
    engine: StoryMemory, memos: list[bytes], stories: list[bytes]
) -> tuple[list[ArticleMemo], list[StoryState]]:
    """Rebuild `engine` from the tables' values (`StoryTables.snapshot`); returns them parsed."""
    parsed_memos = [ArticleMemo.from_bytes(value) for value in memos]
    parsed_stories = [StoryState.model_validate_json(value) for value in stories]
    engine.restore(parsed_memos, parsed_stories)
    return parsed_memos, parsed_stories


def _drop(table: faust.types.TableT[bytes, Any], key: bytes) -> None:
    if key in table:
        del table[key]
