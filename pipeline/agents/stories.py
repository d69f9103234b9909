"""Agents `stories-in` and `stories`: near-duplicates and stories over the whole stream.

* `stories-in` repartitions: it reads `articles.enriched` (every partition, shared by the
  group's workers) and forwards each event, unparsed and under its own key, to
  `articles.stories.in`, which has one partition: the stream memory is one global state, so
  one agent in the group holds it.
* `stories` receives a batch from there, has the engine (`pipeline.memory.StoryMemory`) assign
  each article on a thread of its own, writes what changed to its tables
  (`pipeline.agents.story_state`), sends each article's `StoryAssignment` and its story's new
  `StoryState` (`pipeline.story_routing`), and returns once the broker acknowledged them all.

Both ack their batch only then, through `take_batches` as the enrich agent does, so no offset
is committed ahead of its outputs, and a send that fails stops the worker (CrashingSupervisor).
After every rebalance the engine is rebuilt from the tables before the next batch, which faust
delivers only once it recovered them from their changelogs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import faust
from faust.types import EventT
from mode.supervisors import CrashingSupervisor

from pipeline import metrics
from pipeline.agents.batching import handle_batches, set_current_event
from pipeline.agents.enrich import Send, log_dead_letter, received
from pipeline.agents.story_state import StoryTables, restore_into
from pipeline.errors import StageError
from pipeline.memory import StoryMemory, StoryOutcome, event_time_of
from pipeline.models import EnrichedArticle, ReasonCode
from pipeline.routing import Received, Routes, dead_letter_for
from pipeline.settings import Settings
from pipeline.story_activity import StoryActivity
from pipeline.story_routing import StoryRoutes, forward, route_outcome, story_tombstones
from pipeline.topics import PipelineTopics

log = logging.getLogger(__name__)

AGENT = "stories"
FORWARD_AGENT = "stories-in"
STAGE = metrics.STORY_STAGE
# Forwarding costs no parsing: take more per batch than the enrich agent does
FORWARD_BATCH_FACTOR = 4

Result = StoryOutcome | StageError

# The engine runs on this one thread: its state is not shared with any other, and the event
# loop stays free to heartbeat, fetch and send while a batch is assigned.
_STORY_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stories")


@dataclass
class StoryAgent:
    """What the `stories` agent's body needs, and the engine it rebuilds after rebalances."""

    settings: Settings
    tables: StoryTables
    send: Send
    activity: StoryActivity | None = None  # what the dashboard shows of the agent's work
    routes: StoryRoutes = field(init=False)
    dead_letters: Routes = field(init=False)
    engine: StoryMemory | None = None
    assignments: int = 0  # rebalances seen: an engine restored across one is not kept

    def __post_init__(self) -> None:
        self.routes = StoryRoutes.of(self.settings)
        self.dead_letters = Routes.of(self.settings)

    async def on_partitions_assigned(self, *_args: Any, **_kwargs: Any) -> None:
        """faust signal: the input's partition may have moved, to or from this worker; the
        next batch rebuilds the engine from the tables as recovered."""
        self.engine = None
        self.assignments += 1

    async def process_batch(self, events: Sequence[EventT[Any]]) -> None:
        """Assign, record, route and send one batch; returns once every output is acked."""
        started = time.perf_counter()
        engine = self.engine
        if engine is None:
            seen = self.assignments
            engine = await self._restored()
            if seen == self.assignments:  # else the next batch restores from the tables again
                self.engine = engine
        records = [received(event.message) for event in events]
        loop = asyncio.get_running_loop()
        results, cpu_s = await loop.run_in_executor(_STORY_THREAD, _assign_all, engine, records)
        for _record in records:
            metrics.stage_cpu_seconds(STAGE).observe(cpu_s / len(records))
        pending: list[Awaitable[Any]] = []
        for event, record, result in zip(events, records, results, strict=True):
            if isinstance(result, StageError):
                log_dead_letter(record, result)
                outs = [dead_letter_for(record, result, self.dead_letters)]
            else:
                set_current_event(event)
                self.tables.record(result)
                self._show(result)
                outs = route_outcome(result, self.routes)
                outs += story_tombstones(result.expired_stories, self.routes)
            for out in outs:
                pending.append(await self.send(out))
        pending += self.tables.unconfirmed_writes()
        # a failed send or table write raises: nothing of the batch is acked
        await asyncio.gather(*pending)
        _observe(results, engine, time.perf_counter() - started)

    def _show(self, outcome: StoryOutcome) -> None:
        if self.activity is None:
            return
        if outcome.memo is not None:  # an article seen before is not counted again
            self.activity.observe(outcome.assignment, outcome.story)
        self.activity.forget(outcome.expired_stories)

    async def _restored(self) -> StoryMemory:
        started = time.perf_counter()
        memos, stories = self.tables.snapshot()
        engine = StoryMemory(self.settings)
        parsed = await asyncio.get_running_loop().run_in_executor(
            _STORY_THREAD, restore_into, engine, memos, stories
        )
        if self.activity is not None:
            self.activity.reset(*parsed)
        seconds = time.perf_counter() - started
        metrics.STORY_RESTORE_SECONDS.set(seconds)
        log.info(
            "stories: engine restored from %d memos and %d stories in %.2f s",
            len(memos),
            len(stories),
            seconds,
        )
        return engine


def _assign_all(engine: StoryMemory, records: Sequence[Received]) -> tuple[list[Result], float]:
    """Each record's result, and the CPU seconds of this thread they took."""
    started = time.thread_time()
    results = [_assign(engine, record) for record in records]
    return results, time.thread_time() - started


def _assign(engine: StoryMemory, record: Received) -> Result:
    try:
        article = EnrichedArticle.model_validate_json(record.value or b"")
    except ValueError as error:
        return StageError(ReasonCode.INVALID_EVENT, str(error)[:1000], stage=STAGE)
    default = record.timestamp or datetime.now(UTC)
    try:
        return engine.assign(article, event_time_of(article, default))
    except Exception as error:  # one article's failure is its own, never the batch's
        log.exception("stories: assigning %s failed", article.id)
        return StageError(ReasonCode.PROCESSING_ERROR, repr(error)[:1000], stage=STAGE)


def _observe(results: Sequence[Result], engine: StoryMemory, seconds: float) -> None:
    for result in results:
        metrics.STORY_ARTICLES.labels(_outcome(result)).inc()
    metrics.STORY_BATCH_SECONDS.observe(seconds)
    metrics.STORY_WINDOW.labels("articles").set(len(engine))
    metrics.STORY_WINDOW.labels("stories").set(engine.story_count)


def _outcome(result: Result) -> str:
    if isinstance(result, StageError):
        return "dead_lettered"
    if result.memo is None:
        return "seen_before"
    if result.assignment.duplicate_of is not None:
        return "duplicate"
    return "new_story" if result.assignment.new_story else "joined"


def register_story_agents(
    app: faust.App,
    topics: PipelineTopics,
    settings: Settings,
    send: Send,
    activity: StoryActivity | None = None,
) -> StoryAgent:
    """Add `stories-in` and `stories` to `app`; the returned agent wants the app's
    `on_partitions_assigned` signal (pipeline.app connects it)."""
    story = StoryAgent(settings, StoryTables.of(app, settings), send, activity)
    routes = story.routes

    async def forward_batch(events: Sequence[EventT[Any]]) -> None:
        pending = []
        for event in events:
            out = forward(received(event.message), routes)
            if out is not None:
                pending.append(await send(out))
        await asyncio.gather(*pending)

    @app.agent(
        topics.enriched, name=FORWARD_AGENT, concurrency=1, supervisor_strategy=CrashingSupervisor
    )
    async def forward_enriched(stream: faust.StreamT[bytes]) -> None:
        size = settings.batch_size * FORWARD_BATCH_FACTOR
        await handle_batches(stream, FORWARD_AGENT, size, settings.batch_timeout_s, forward_batch)

    @app.agent(topics.stories_in, name=AGENT, concurrency=1, supervisor_strategy=CrashingSupervisor)
    async def assign_stories(stream: faust.StreamT[bytes]) -> None:
        await handle_batches(
            stream, AGENT, settings.batch_size, settings.batch_timeout_s, story.process_batch
        )

    return story
