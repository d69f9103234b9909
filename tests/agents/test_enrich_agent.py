"""The enrich agent without a broker: faust's `test_context()` feeds it records through an
in-memory channel, and the agent's `send` collects what it would produce."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import faust
import orjson
import pytest
from aiokafka import TopicPartition

from pipeline.agents.batching import BatchingStream
from pipeline.agents.enrich import register_enrich_agent
from pipeline.models import DeadLetter, EnrichedArticle, SidebarItem
from pipeline.routing import Outgoing
from pipeline.settings import Settings
from pipeline.topics import PipelineTopics
from tests.conftest import SEED
from tests.unit.test_transactions import Harness

pytestmark = pytest.mark.slow  # loads the spaCy model


class Collected:
    """The agent's `send`: records what it is given, acknowledged at once."""

    def __init__(self) -> None:
        self.records: list[Outgoing] = []
        self.arrived = asyncio.Event()

    async def __call__(self, out: Outgoing) -> Awaitable[Any]:
        self.records.append(out)
        self.arrived.set()
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done

    def on(self, topic: str) -> list[Outgoing]:
        return [r for r in self.records if r.topic == topic]


async def run_agent(
    values: list[bytes], settings: Settings, then: Callable[[], Awaitable[Any]] | None = None
) -> Collected:
    app = faust.App(
        "agent-test", broker="kafka://unused:9092", Stream=BatchingStream, store="memory://"
    )
    collected = Collected()
    agent = register_enrich_agent(app, PipelineTopics.of(app, settings), settings, collected)
    async with agent.test_context() as tested:
        for offset, value in enumerate(values):
            await tested.put(value, key=f"k{offset}".encode(), wait=False)
        expected = len(values)
        async with asyncio.timeout(120):
            while (
                len(collected.on(settings.topic_enriched))
                + len(collected.on(settings.topic_deadletter))
                < expected
            ):
                collected.arrived.clear()
                await collected.arrived.wait()
            if then is not None:  # what the agent does after its sends
                await then()
    # Acking made the app build its Kafka consumer, never started here: close the event loop
    # faust made for that consumer's thread, or it is reported unclosed at exit.
    app.consumer._thread.thread_loop.close()  # type: ignore[attr-defined]
    return collected


def test_the_seed_comes_out_enriched_with_its_sidebar_and_a_bad_record_dead_lettered() -> None:
    settings = Settings(kafka_bootstrap_servers="unused:9092")
    seed = orjson.dumps({"id": "seed", "body": SEED.read_text(encoding="utf-8")})
    collected = asyncio.run(run_agent([seed, b"{not json"], settings))

    (enriched,) = collected.on(settings.topic_enriched)
    article = EnrichedArticle.model_validate_json(enriched.value)
    assert article.id == "seed"
    assert enriched.key == b"seed"
    assert article.title
    assert "Imran Khan" in article.title
    assert {c.code for c in article.countries if c.focus} >= {"PK"}

    items = [SidebarItem.model_validate_json(r.value) for r in collected.on(settings.topic_sidebar)]
    assert len(items) == 12
    assert [item.position for item in items] == list(range(12))
    assert {item.article_id for item in items} == {"seed"}

    (dead,) = collected.on(settings.topic_deadletter)
    letter = DeadLetter.model_validate_json(dead.value)
    assert letter.reason_code == "not_json"
    assert dead.key == b"k1"  # the failed record's own key
    assert letter.source.offset == 1

    headers = dict(enriched.headers)
    assert headers["ce_type"] == b"org.article-pipeline.enriched.v1"
    assert headers["ce_id"] == b"seed"


class Summaries(logging.Handler):
    """The agent's stage summary lines, as they are logged (on the event loop's thread)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.logged = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if (message := record.getMessage()).startswith("stage ms per article"):
            self.lines.append(message)
            self.logged.set()


def test_the_stage_summary_is_logged_once_after_the_first_articles() -> None:
    settings = Settings(kafka_bootstrap_servers="unused:9092", stage_summary_after=2)
    values = [
        orjson.dumps({"id": f"a{i}", "body": f"Talks in Nairobi, round {i}.\n\nKenya met Peru."})
        for i in range(4)
    ]
    summaries = Summaries()
    logger = logging.getLogger("pipeline.agents.enrich")
    level = logger.level
    logger.addHandler(summaries)
    logger.setLevel(logging.INFO)
    try:
        asyncio.run(run_agent(values, settings, then=summaries.logged.wait))
    finally:
        logger.removeHandler(summaries)
        logger.setLevel(level)
    (line,) = summaries.lines
    assert line.startswith("stage ms per article, wall/CPU: split ")
    assert ", entities " in line


def test_exactly_once_commits_each_batch_with_its_offsets_through_the_transactions() -> None:
    """With transactions given, the agent sends nothing itself: every output of the batch,
    the dead letter included, goes in partition 0's transaction with the next offset."""
    settings = Settings(kafka_bootstrap_servers="unused:9092", processing_guarantee="exactly_once")
    harness = Harness({0: None})
    seed = orjson.dumps({"id": "seed", "body": SEED.read_text(encoding="utf-8")})
    plain_sends = Collected()

    async def run() -> None:
        await harness.transactions.on_assigned([0])
        app = faust.App(
            "agent-test", broker="kafka://unused:9092", Stream=BatchingStream, store="memory://"
        )
        topics = PipelineTopics.of(app, settings, raw_acks=False)
        agent = register_enrich_agent(app, topics, settings, plain_sends, harness.transactions)
        async with agent.test_context() as tested:
            await tested.put(seed, key=b"seed", wait=False)
            await tested.put(b"{not json", key=b"k1", wait=False)
            producer = harness.producer(0)
            async with asyncio.timeout(120):
                while not producer.committed or max(producer.committed[-1][1].values()) < 2:
                    producer.commits.clear()
                    await producer.commits.wait()
        app.consumer._thread.thread_loop.close()  # type: ignore[attr-defined]

    asyncio.run(run())
    assert plain_sends.records == []
    producer = harness.producer(0)
    sent = [value for values, _ in producer.committed for value in values]
    offsets = [offsets for _, offsets in producer.committed][-1]
    assert offsets == {TopicPartition(harness.transactions.topic, 0): 2}
    events = [orjson.loads(value) for value in sent]
    assert [e["id"] for e in events if "title" in e] == ["seed"]
    assert sum(1 for e in events if e.get("article_id") == "seed") == 12  # its sidebar items
    assert [e["reason_code"] for e in events if "reason_code" in e] == ["not_json"]
