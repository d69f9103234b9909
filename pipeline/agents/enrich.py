"""Agent `enrich`: articles.raw -> articles.enriched, articles.sidebar, articles.deadletter.

It receives a batch, has the stages run on it (`pipeline.core.enrich_records`, on a thread of
its own), asks `pipeline.routing.route` what to send for each result, sends, and returns once
the broker acknowledged every output: only then does `take_batches` ack the batch's events, so
no offset is committed ahead of its outputs. A send the producer could not deliver within its
timeout stops the worker without acking (a supervisor restarts it; the batch is read again).
With exactly_once, the batch's outputs go instead to `pipeline.transactions`, which commits
them with the batch's offsets in one transaction per input partition.

One agent runs every stage: a separate split agent would add a Kafka round trip and a second
serialisation per article, for no gain next to NER (docs/design.md). Concurrency stays 1
(faust-streaming issue #606: with more, offsets are committed past events still in flight).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import faust
from aiokafka.errors import MessageSizeTooLargeError
from faust.types import EventT, Message
from mode.supervisors import CrashingSupervisor

from pipeline import metrics
from pipeline.agents.batching import handle_batches
from pipeline.core import enrich_records
from pipeline.errors import StageError
from pipeline.models import EnrichedArticle, ReasonCode, SourceRecord
from pipeline.routing import TOMBSTONE, Outgoing, Received, Routes, dead_letter_for, route
from pipeline.settings import Settings
from pipeline.topics import PipelineTopics
from pipeline.transactions import PartitionTransactions, Routed

log = logging.getLogger(__name__)

AGENT = "enrich"
# Articles per enrich call in a backlog: spaCy runs its network on more docs at once
# (bench/ner_parts.py). A smaller batch means the worker keeps up: one article at a time, so
# each leaves as soon as it is enriched instead of waiting for its neighbours.
BACKLOG_PART = 8

# Hands a record to the producer; the returned awaitable resolves on the broker's ack.
Send = Callable[[Outgoing], Awaitable[Awaitable[Any]]]
Result = EnrichedArticle | StageError


def part_size(batch: int, full: int) -> int:
    """Articles per enrich call for a batch of `batch` events out of at most `full`."""
    return BACKLOG_PART if batch >= min(full, BACKLOG_PART + 1) else 1


# The stages run on this one thread, not asyncio's default pool: there, the next part often
# lands on a second thread, which gets its own malloc arena and spaCy's working memory in it.
_ENRICH_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrich")


@dataclass(frozen=True)
class EnrichAgent:
    """What the agent's body needs: the routes, the limits and how to send: record by record
    (at_least_once), or in per-partition transactions (exactly_once)."""

    routes: Routes
    settings: Settings
    send: Send
    transactions: PartitionTransactions | None = None
    summary: StageSummary = field(init=False)

    def __post_init__(self) -> None:
        # frozen: the one mutable part is the summary's own count
        object.__setattr__(self, "summary", StageSummary(self.settings.stage_summary_after))

    async def process_batch(self, events: Sequence[EventT[Any]]) -> None:
        """Decode, enrich, route and send one batch; returns once every output is acked."""
        started = time.perf_counter()
        records = [received(event.message) for event in events]
        size = part_size(len(records), self.settings.batch_size)
        parts = [records[i : i + size] for i in range(0, len(records), size)]
        # each part's outputs are sent while the next part is enriched
        pending: list[tuple[Received, Outgoing, Awaitable[Any]]] = []
        routed: list[Routed] = []  # exactly_once: sent in one go, in transactions
        results: list[Result] = []
        enriching = self._enrich(parts[0]) if parts else None
        for index, part in enumerate(parts):
            assert enriching is not None
            part_results = await enriching
            if index + 1 < len(parts):
                enriching = self._enrich(parts[index + 1])
            for record, result in zip(part, part_results, strict=True):
                results.append(result)
                outs = route(record, result, self.routes)
                if self.transactions is not None:
                    routed.append((record, outs))
                    continue
                for out in outs:
                    pending.append((record, out, await self.send(out)))
        if self.transactions is not None:
            left = await self.transactions.commit(routed, self._dead_letter_instead)
            if left:
                log.info("%d records left out: committed already, or no longer ours", left)
        await self._confirm(pending)
        _observe(records, results, time.perf_counter() - started)
        self.summary.count(results)

    def _enrich(self, part: Sequence[Received]) -> asyncio.Future[list[Result]]:
        values = [(record.value, record.timestamp) for record in part]
        return asyncio.get_running_loop().run_in_executor(
            _ENRICH_THREAD, _enrich_records, values, self.settings.max_body_bytes
        )

    async def _confirm(self, pending: list[tuple[Received, Outgoing, Awaitable[Any]]]) -> None:
        """Wait for every ack. An output the topic refuses as too large is replaced by a dead
        letter; any other failure raises, and nothing of the batch is acked."""
        outcomes = await asyncio.gather(*(ack for _, _, ack in pending), return_exceptions=True)
        retries: list[Awaitable[Any]] = []
        for (record, out, _), outcome in zip(pending, outcomes, strict=True):
            if not isinstance(outcome, BaseException):
                continue
            metrics.SEND_ERRORS.inc()
            if not isinstance(outcome, MessageSizeTooLargeError) or out.kind == "deadletter":
                raise outcome
            retries.append(await self.send(self._dead_letter_instead(record, out)))
        await asyncio.gather(*retries)

    def _dead_letter_instead(self, record: Received, out: Outgoing) -> Outgoing:
        """The dead letter that replaces an output its topic refused as too large."""
        error = StageError(
            ReasonCode.OUTPUT_TOO_LARGE,
            f"the {out.topic} topic refused a {len(out.value)}-byte {out.kind} record as "
            "too large (its max.message.bytes)",
            stage="send",
        )
        log_dead_letter(record, error)
        return dead_letter_for(record, error, self.routes)


def _enrich_records(
    values: list[tuple[bytes | None, datetime | None]], max_body_bytes: int
) -> list[Result]:
    return enrich_records(values, max_body_bytes=max_body_bytes)


class StageSummary:
    """Logs each stage's ms per article once, after the first `after` enriched articles
    (PIPELINE_STAGE_SUMMARY_AFTER): what each stage costs inside this worker, in its log."""

    def __init__(self, after: int) -> None:
        self.left: int | None = after if after > 0 else None

    def count(self, results: Sequence[Result]) -> None:
        if self.left is None:
            return
        self.left -= sum(1 for result in results if isinstance(result, EnrichedArticle))
        if self.left <= 0:
            self.left = None
            log.info(metrics.stage_summary(metrics.stage_times()))


def received(message: Message) -> Received:
    """The parts of a consumed record that the stages and the routing read."""
    timestamp = datetime.fromtimestamp(message.timestamp, UTC) if message.timestamp else None
    source = SourceRecord(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        key=message.key.decode("utf-8", "replace") if message.key else None,
    )
    return Received(message.value, message.key, source, timestamp)


def _observe(records: Sequence[Received], results: Sequence[Result], seconds: float) -> None:
    failed = 0
    for record, result in zip(records, results, strict=True):
        if isinstance(result, StageError):
            failed += 1
            log_dead_letter(record, result)
            continue
        for stage, ms in result.pipeline.stage_ms.items():
            metrics.stage_seconds(stage).observe(ms / 1000)
    metrics.ARTICLES.labels("enriched").inc(len(records) - failed)
    metrics.ARTICLES.labels("dead_lettered").inc(failed)
    metrics.BATCH_SECONDS.observe(seconds)
    log.info(
        "batch of %d: %d enriched, %d dead-lettered in %.0f ms",
        len(records),
        len(records) - failed,
        failed,
        seconds * 1000,
    )


def log_dead_letter(record: Received, error: StageError) -> None:
    """Log and count a record an agent dead-letters; every agent logs them alike."""
    source = record.source
    log.warning(
        "dead-lettered %s[%s]@%s: %s (%s)",
        source.topic,
        source.partition,
        source.offset,
        error.reason_code.value,
        error.message[:200],
    )
    metrics.DEAD_LETTERS.labels(error.reason_code.value, error.stage).inc()


def register_enrich_agent(
    app: faust.App,
    topics: PipelineTopics,
    settings: Settings,
    send: Send,
    transactions: PartitionTransactions | None = None,
) -> faust.types.AgentT[Any]:
    """Add the agent to `app`; it sends through `transactions` when given (exactly_once).
    An error it cannot handle (a send never acknowledged) crashes the app rather than
    restarting the agent: the worker exits without acking the batch."""
    agent = EnrichAgent(Routes.of(settings), settings, send, transactions)

    @app.agent(topics.raw, name=AGENT, concurrency=1, supervisor_strategy=CrashingSupervisor)
    async def enrich_articles(stream: faust.StreamT[bytes]) -> None:
        await handle_batches(
            stream, AGENT, settings.batch_size, settings.batch_timeout_s, agent.process_batch
        )

    return enrich_articles


def producer_send(app: faust.App) -> Send:
    """Hand records straight to the app's producer, not through `topic.send`: faust's channel
    wraps each record in a FutureMessage and runs sensors on it, which cost the event loop
    more than aiokafka's own send at ~17 records per article (docs/design.md)."""

    async def send(out: Outgoing) -> Awaitable[Any]:
        value = None if out.kind == TOMBSTONE else out.value
        sent = await app.producer.send(out.topic, out.key, value, None, None, list(out.headers))
        metrics.events_sent(out.topic).inc()
        return sent

    return send
