"""Agent `enrich`: articles.raw -> articles.enriched, articles.sidebar, articles.deadletter.

One agent runs every stage: a separate split agent would add a Kafka round trip and a second
serialisation per article for no gain, since NER dominates the cost (see README, "Design").
Concurrency stays 1 (faust-streaming issue #606: with more, offsets are committed past events
still in flight); speed comes from batching (`take_batches`, pipeline/agents/batching.py)
and from more worker processes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import faust
from faust.types import EventT, RecordMetadata, StreamT, TopicT

from pipeline import metrics
from pipeline.agents.batching import BatchingStream
from pipeline.app import PipelineTopics
from pipeline.core import enrich_batch
from pipeline.decode import dead_letter, decode_raw
from pipeline.errors import StageError
from pipeline.models import EnrichedArticle, RawArticle, SidebarItem, SourceRecord
from pipeline.settings import Settings

log = logging.getLogger(__name__)


# Articles per call of enrich_batch, chosen per batch. A batch holding more than one part (or
# a full one) means a backlog: parts of BACKLOG_PART, where spaCy runs its network on more
# docs at once (bench/ner_parts.py: with NER on BLIS, 7% less CPU per article than in parts of
# 2 and 11% less than one at a time, the gain gone again at 24; on numpy's BLAS 3% less than
# one at a time, level with parts of 2: README, "Batches and parts"). A burst's last batch
# is a backlog too, though seldom full. A smaller batch means the worker keeps up: one article
# at a time, so each leaves as soon as it is enriched instead of waiting for its neighbours.
BACKLOG_PART = 8


def part_size(batch: int, full: int) -> int:
    """Articles per enrich_batch call for a batch of `batch` events out of at most `full`."""
    return BACKLOG_PART if batch >= min(full, BACKLOG_PART + 1) else 1


# The stages run on this one thread, not on asyncio's default pool: there, the next part,
# submitted the moment the last one returns, often lands on a second thread (the first is not
# idle yet), and each thread that allocates gets its own malloc arena and spaCy's working
# memory in it.
_ENRICH_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrich")


def _enrich_in_thread(
    part: Sequence[tuple[EventT[Any], RawArticle]],
) -> asyncio.Future[list[EnrichedArticle | StageError]]:
    raws = [raw for _, raw in part]
    return asyncio.get_running_loop().run_in_executor(_ENRICH_THREAD, enrich_batch, raws)


def register_enrich_agent(app: faust.App, topics: PipelineTopics, settings: Settings) -> None:
    @app.agent(topics.raw, name="enrich", concurrency=1)
    async def enrich_articles(stream: StreamT[bytes]) -> None:
        assert isinstance(stream, BatchingStream)  # the app's stream class (pipeline.app)
        async for events in stream.take_batches(settings.batch_size, settings.batch_timeout_s):
            await process_batch(events, topics, settings)


async def send(topic: TopicT, key: bytes, value: bytes) -> Awaitable[RecordMetadata]:
    """Hand one record to the app's producer; the returned future resolves on the broker's ack.

    Straight to the producer, not through `topic.send`: faust's channel wraps each record in a
    FutureMessage and runs its sensors and callbacks on it, which cost a worker's event loop
    more than aiokafka's own send at the 17 records an article makes on average (its enriched
    event and a sidebar item per other headline: py-spy, README "Where a worker's time goes").
    """
    name = topic.get_topic_name()
    sent = await topic.app.producer.send(name, key, value, None, None, None)
    metrics.events_sent(name).inc()
    return sent


async def process_batch(
    events: Sequence[EventT[Any]], topics: PipelineTopics, settings: Settings
) -> None:
    """Decode, enrich and send one batch; returns once the broker acknowledged every output,
    so the batch's offsets (acked by take_batches after this returns) are never committed ahead
    of its results."""
    started = time.perf_counter()
    decoded: list[tuple[EventT[Any], RawArticle]] = []
    failed: list[tuple[EventT[Any], StageError]] = []
    for event in events:
        try:
            decoded.append((event, decode_raw(event.value, max_body_bytes=settings.max_body_bytes)))
        except StageError as refused:
            failed.append((event, refused))

    # The stages are CPU-bound: a thread keeps the event loop (heartbeats, web server)
    # responsive. The batch goes to it in parts, and each part's outputs are sent while the
    # next part is enriched, so the thread waits only for the last part's sends and acks.
    size = part_size(len(events), settings.batch_size)
    parts = [decoded[i : i + size] for i in range(0, len(decoded), size)]
    acks: list[Awaitable[Any]] = []
    enriched_at = started
    enriching = _enrich_in_thread(parts[0]) if parts else None
    for index, part in enumerate(parts):
        assert enriching is not None
        results = await enriching
        enriched_at = time.perf_counter()
        if index + 1 < len(parts):
            enriching = _enrich_in_thread(parts[index + 1])
        for (event, _raw), result in zip(part, results, strict=True):
            if isinstance(result, StageError):
                failed.append((event, result))
                continue
            for stage, ms in result.pipeline.stage_ms.items():
                metrics.stage_seconds(stage).observe(ms / 1000)
            key = result.id.encode()
            acks.append(await send(topics.enriched, key, result.to_json()))
            for item in SidebarItem.from_article(result):
                acks.append(await send(topics.sidebar, key, item.to_json()))

    for event, error in failed:
        message = event.message
        letter = dead_letter(
            message.value,
            error,
            source=SourceRecord(
                topic=message.topic,
                partition=message.partition,
                offset=message.offset,
                key=message.key.decode("utf-8", "replace") if message.key else None,
            ),
            max_original_bytes=settings.deadletter_original_max_bytes,
        )
        log.warning(
            "dead-lettered %s[%d]@%d: %s (%s)",
            message.topic,
            message.partition,
            message.offset,
            error.reason_code.value,
            error.message[:200],
        )
        metrics.DEAD_LETTERS.labels(error.reason_code.value, error.stage).inc()
        key = message.key or letter.id.encode()
        acks.append(await send(topics.deadletter, key, letter.to_json()))
    outcomes = await asyncio.gather(*acks, return_exceptions=True)
    if failures := [outcome for outcome in outcomes if isinstance(outcome, BaseException)]:
        metrics.SEND_ERRORS.inc(len(failures))
        raise failures[0]  # nothing of the batch is acked: it is read and enriched again
    metrics.ARTICLES.labels("enriched").inc(len(events) - len(failed))
    metrics.ARTICLES.labels("dead_lettered").inc(len(failed))
    finished = time.perf_counter()
    metrics.BATCH_SECONDS.observe(finished - started)
    log.info(
        "batch of %d: %d enriched, %d dead-lettered in %.0f ms (the last part enriched at %.0f ms)",
        len(events),
        len(events) - len(failed),
        len(failed),
        (finished - started) * 1000,
        (enriched_at - started) * 1000,
    )
