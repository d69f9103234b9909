"""The story agent without a broker: faust's `test_context()` feeds it enriched events, its
tables live in memory, and its `send` collects what it would produce."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

import faust
import orjson
import pytest
from faust.exceptions import PartitionsMismatch

from pipeline import metrics
from pipeline.agents.batching import BatchingStream
from pipeline.agents.stories import AGENT, StoryAgent, register_story_agents
from pipeline.agents.story_state import StoryTable, restore_into
from pipeline.core import enrich_records
from pipeline.memory import ArticleMemo, StoryMemory, event_time_of
from pipeline.models import DeadLetter, EnrichedArticle, StoryAssignment, StoryState
from pipeline.routing import TOMBSTONE
from pipeline.settings import Settings
from pipeline.topics import PipelineTopics
from tests.agents.test_enrich_agent import Collected
from tests.story_copies import ORIGINAL_AT, first_copies, later_copies, original, unrelated

pytestmark = pytest.mark.slow  # enriches real pages (spaCy)


@pytest.fixture(scope="module")
def enriched() -> dict[str, bytes]:
    """The seed, its copies and five unrelated pages, enriched: EnrichedArticle JSON by id."""
    raws = [original(), *first_copies(), *unrelated(5), *later_copies()]
    results = enrich_records([(value, None) for _, value in raws], max_body_bytes=5_000_000)
    out: dict[str, bytes] = {}
    for (name, _), result in zip(raws, results, strict=True):
        assert isinstance(result, EnrichedArticle), (name, result)
        out[name] = result.to_json()
    return out


class StoryRun:
    """An app with the story agents, fed through `test_context()` one batch at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = faust.App(
            "story-agent-test",
            broker="kafka://unused:9092",
            Stream=BatchingStream,
            store="memory://",
            key_serializer="raw",
            value_serializer="raw",
        )
        self.collected = Collected()
        self.story: StoryAgent = register_story_agents(
            self.app, PipelineTopics.of(self.app, settings), settings, self.collected
        )
        (self.agent,) = [a for n, a in self.app.agents.items() if n.rsplit(".", 1)[-1] == AGENT]
        tables = self.story.tables
        faust_writes = tables.unconfirmed_writes

        def acknowledged_writes() -> list[Awaitable[Any]]:
            faust_writes()  # with no broker, faust's futures of the writes never complete
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            done.set_result(None)
            return [done]

        object.__setattr__(tables, "unconfirmed_writes", acknowledged_writes)  # frozen dataclass

    async def feed(self, tested: Any, values: list[tuple[bytes, bytes]]) -> None:
        """Put the records and wait until each gave its assignment or dead letter."""
        before = self._answers()
        for key, value in values:
            await tested.put(value, key=key, wait=False)
        async with asyncio.timeout(60):
            while self._answers() < before + len(values):
                self.collected.arrived.clear()
                await self.collected.arrived.wait()

    def _answers(self) -> int:
        topics = (self.settings.topic_assignments, self.settings.topic_deadletter)
        return sum(len(self.collected.on(topic)) for topic in topics)

    def assignments(self) -> dict[str, list[StoryAssignment]]:
        found: dict[str, list[StoryAssignment]] = {}
        for out in self.collected.on(self.settings.topic_assignments):
            assignment = StoryAssignment.model_validate_json(out.value)
            assert out.key == assignment.id.encode()
            found.setdefault(assignment.id, []).append(assignment)
        return found

    def latest_states(self) -> dict[str, StoryState | None]:
        """The compacted topic as a consumer would end up with it: the last value per key."""
        latest: dict[str, StoryState | None] = {}
        for out in self.collected.on(self.settings.topic_stories):
            key = out.key.decode()
            if out.kind == TOMBSTONE:
                latest[key] = None
            else:
                latest[key] = StoryState.model_validate_json(out.value)
                assert latest[key].id == key  # type: ignore[union-attr]
        return latest

    def close(self) -> None:
        # as in test_enrich_agent: the consumer acking made has a loop of its own to close
        self.app.consumer._thread.thread_loop.close()  # type: ignore[attr-defined]


@pytest.fixture
def settings() -> Settings:
    return Settings(kafka_bootstrap_servers="unused:9092")


def _story_cpu_count() -> float:
    (family,) = metrics.STAGE_CPU_SECONDS.collect()
    return sum(
        sample.value
        for sample in family.samples
        if sample.name.endswith("_count") and sample.labels["stage"] == "stories"
    )


def test_copies_join_the_original_s_story_as_duplicates_and_the_rest_go_elsewhere(
    enriched: dict[str, bytes], settings: Settings
) -> None:
    names = ["seed", "copy-dateline", "copy-dropped", "copy-sidebar"]
    others = [name for name, _ in unrelated(5)]
    run = StoryRun(settings)
    cpu_before = _story_cpu_count()

    async def scenario() -> None:
        async with run.agent.test_context() as tested:
            await run.feed(tested, [(b"seed", enriched["seed"])])
            await run.feed(tested, [(n.encode(), enriched[n]) for n in names[1:] + others])
            await run.feed(tested, [(b"bad", b"{not json")])
            # redelivered (a crash before its offset was committed): the same answer again
            await run.feed(tested, [(b"copy-dropped", enriched["copy-dropped"])])

    asyncio.run(scenario())
    run.close()
    found = run.assignments()
    assert set(found) == {*names, *others}
    assert all(len({a.story_id for a in got}) == 1 for got in found.values())
    assert len(found["copy-dropped"]) == 2
    assert found["copy-dropped"][0] == found["copy-dropped"][1]

    story_id = found["seed"][0].story_id
    assert found["seed"][0].new_story
    assert found["seed"][0].duplicate_of is None
    for name in names[1:]:
        (assignment, *_) = found[name]
        assert assignment.story_id == story_id
        assert assignment.duplicate_of == "seed"
        assert assignment.similarity > 0.5
    assert all(found[name][0].story_id != story_id for name in others)
    assert all(found[name][0].duplicate_of is None for name in others)

    story = run.latest_states()[story_id]
    assert story is not None
    assert story.size == 4
    assert story.duplicates == 3
    assert len(story.sources) == 4
    assert "PK" in story.countries

    (dead,) = run.collected.on(settings.topic_deadletter)
    assert DeadLetter.model_validate_json(dead.value).reason_code == "invalid_event"
    # the stage's CPU, per article of each batch, for /metrics (and make bench)
    assert _story_cpu_count() - cpu_before == sum(len(got) for got in found.values()) + 1

    # the tables hold a memo per article in the window (pages published long before the
    # seed leave it at once) and every live story, as the topic says: enough to rebuild
    memos, stories = run.story.tables.snapshot()
    in_window = {ArticleMemo.from_bytes(memo).article_id for memo in memos}
    assert set(names) <= in_window <= set(found)
    live = {key for key, state in run.latest_states().items() if state is not None}
    assert {StoryState.model_validate_json(state).id for state in stories} == live
    rebuilt = StoryMemory(settings)
    restore_into(rebuilt, memos, stories)
    assert len(rebuilt) == len(in_window)
    later = EnrichedArticle.model_validate_json(enriched["copy-byline"])
    outcome = rebuilt.assign(later, event_time_of(later, ORIGINAL_AT))
    assert outcome.assignment.story_id == story_id
    assert outcome.assignment.duplicate_of == "seed"


def test_stories_that_leave_the_window_are_deleted_from_the_tables_and_the_topic(
    enriched: dict[str, bytes], settings: Settings
) -> None:
    run = StoryRun(settings)
    late = orjson.loads(enriched["copy-cut"])
    late["id"] = "much-later"
    when = ORIGINAL_AT + timedelta(hours=settings.story_window_hours + 1)
    late["fetched_at"] = when.isoformat()

    async def scenario() -> None:
        async with run.agent.test_context() as tested:
            await run.feed(tested, [(b"seed", enriched["seed"])])
            await run.feed(tested, [(b"much-later", orjson.dumps(late))])

    asyncio.run(scenario())
    run.close()
    found = run.assignments()
    seed_story = found["seed"][0].story_id
    assert found["much-later"][0].story_id != seed_story  # the seed's story had gone
    assert run.latest_states()[seed_story] is None  # a tombstone deleted it
    memos, stories = run.story.tables.snapshot()
    assert len(memos) == 1
    assert len(stories) == 1


def _verify(table_class: type, changelog_partitions: int) -> None:
    """faust's check of a table's changelog against its source topic (1 partition), with the
    changelog shown with `changelog_partitions` partitions in the client's metadata."""
    app = faust.App("test-story-table", broker="kafka://127.0.0.1:1")
    table = table_class(app, name="t", default=None, beacon=app.tables.beacon, partitions=1)
    counts = {"in": 1, table.changelog_topic_name: changelog_partitions}
    app.consumer.topic_partitions = counts.get  # type: ignore[method-assign,assignment]
    try:
        table._verify_source_topic_partitions("in")
    finally:
        app.consumer._thread.thread_loop.close()  # type: ignore[attr-defined]


def test_a_changelog_not_yet_in_the_metadata_is_no_mismatch() -> None:
    """Just created on a three-broker cluster, a changelog showed 0 partitions for a moment:
    faust's own table crashed the story agent on its first write (the scale test in CI)."""
    _verify(StoryTable, 0)
    with pytest.raises(PartitionsMismatch):
        _verify(faust.Table, 0)
    with pytest.raises(PartitionsMismatch):  # a real mismatch is still one
        _verify(StoryTable, 2)
