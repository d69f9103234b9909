"""The dashboard's backend: the group-wide figures, kept off the enrich hot path.

Not a faust agent: a task each worker runs beside the agents, with three loops on Kafka
clients of its own:

* **count**: a consumer in group `<app_id>.stats` reads `articles.enriched`; for each partition
  it owns it counts countries and entities per minute and keeps the latest articles. The
  counts and the offset they cover are one record on the compacted stats topic, keyed by the
  partition, so a partition's new owner (after a restart or a rebalance) resumes exactly where
  the last owner published: that record is both the state and the position, nothing is
  committed elsewhere and no article is counted twice by two owners.
* **read**: a consumer with no group reads the whole stats topic and keeps the latest record
  per key: every partition's counts and every worker's figures. Every worker thus answers
  with the same group-wide figures.
* **tick**: every `stats_interval_s`, publish this worker's figures and the counts that
  changed, probe the group's lag, and recompute the view the pages poll.

The enrich agent is untouched: it only updates pipeline.metrics, which this module reads. One
more consumer, assigned on demand, reads single enriched events for the event view.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from collections import deque
from typing import Any

import faust
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError

from pipeline import metrics
from pipeline.clients import common_options, consumer_options, producer_options, running
from pipeline.lag import LagProbe
from pipeline.models import AgentFigures, PartitionSnapshot, StatsRecord, WorkerSnapshot
from pipeline.settings import Settings
from pipeline.story_activity import StoryActivity
from pipeline.web.figures import (
    KEEP_MIN,
    MINUTE_S,
    count,
    group_view,
    holders,
    lag_rows,
    live,
    prune,
    summarise,
    thin,
)

log = logging.getLogger(__name__)

RATE_WINDOW_S = 10.0  # events per second are averaged over this long
HISTORY_POINTS = 300  # chart points kept (10 minutes at the default 2 s interval)
CATCH_UP_TIMEOUT_S = 15.0
EVENT_FETCH_TIMEOUT_S = 10.0
# The counter fetches in bulk: the counts are published every stats_interval_s anyway, so
# waiting for 256 KiB or half a second spares the broker a fetch request per enriched event.
COUNTER_FETCH = {"fetch_min_bytes": 256 * 1024, "fetch_max_wait_ms": 500}


class GroupStats:
    """One worker's side of the stats topic, and the view its web pages serve."""

    def __init__(
        self, app: faust.App, settings: Settings, activity: StoryActivity | None = None
    ) -> None:
        self.app = app
        self.settings = settings
        self.activity = activity  # the story agent's, published while this worker holds it
        self.name = f"{socket.gethostname()}:{settings.web_port}"
        self.url = f"http://{settings.web_host}:{settings.web_port}"
        self.records: dict[str, StatsRecord] = {}
        self.owned: dict[int, PartitionSnapshot] = {}
        self.dirty: set[int] = set()
        self.lag: list[dict[str, Any]] = []
        self.view: dict[str, Any] = group_view({}, [], time.time())
        self.history: deque[tuple[float, float, float, int]] = deque(maxlen=HISTORY_POINTS)
        self.joined = False
        self.cluster_seen_at = 0.0
        self.state = "init"
        self.counted = 0
        self.published = 0
        self.errors = 0
        self._count_seconds: deque[tuple[float, float]] = deque(maxlen=5000)
        self._totals: deque[tuple[float, dict[str, tuple[float, float]]]] = deque(maxlen=100)
        self._reader_caught_up = asyncio.Event()
        self.producer: AIOKafkaProducer | None = None
        self.reader: AIOKafkaConsumer | None = None
        self.counter: AIOKafkaConsumer | None = None
        self.event_reader: AIOKafkaConsumer | None = None
        self._event_lock = asyncio.Lock()

    # -- lifecycle ------------------------------------------------------------------------------

    async def on_partitions_assigned(self, *_args: Any, **_kwargs: Any) -> None:
        """faust signal: the worker has joined its group (with or without partitions)."""
        self.joined = True

    async def run(self) -> None:
        """The three loops, until the worker stops; then a last publish and a goodbye."""
        settings = self.settings
        options = consumer_options(settings)
        self.producer = AIOKafkaProducer(**producer_options(settings))
        self.reader = AIOKafkaConsumer(
            group_id=None, enable_auto_commit=False, auto_offset_reset="earliest", **options
        )
        self.event_reader = AIOKafkaConsumer(group_id=None, enable_auto_commit=False, **options)
        self.counter = AIOKafkaConsumer(
            group_id=f"{settings.app_id}.stats",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            **options,
            **COUNTER_FETCH,
        )
        async with contextlib.AsyncExitStack() as clients:
            for client in (self.producer, self.reader, self.event_reader):
                await clients.enter_async_context(running(client))
            probe = await clients.enter_async_context(running(LagProbe(common_options(settings))))
            stats_partitions = await probe.partitions(settings.topic_stats)
            self.reader.assign(stats_partitions)
            await self.reader.seek_to_beginning(*stats_partitions)
            self.counter.subscribe([settings.topic_enriched], listener=_Owner(self))
            await clients.enter_async_context(running(self.counter))
            # last in, first out: the goodbye runs before any client stops
            clients.push_async_callback(self._stop)
            self.state = "running"
            await asyncio.gather(
                self._read_loop(stats_partitions), self._count_loop(), self._tick_loop(probe)
            )
        self.state = "shutdown"

    async def _stop(self) -> None:
        self.state = "stopping"
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._goodbye(), 10)

    async def read_event(self, partition: int, offset: int) -> bytes | None:
        """The value at `offset` of a partition of articles.enriched, or None; one long-lived
        consumer serves every request, one at a time."""
        if self.event_reader is None or self.state != "running":
            return None
        tp = TopicPartition(self.settings.topic_enriched, partition)
        async with self._event_lock:
            try:
                self.event_reader.assign([tp])
                self.event_reader.seek(tp, offset)
                record = await asyncio.wait_for(self.event_reader.getone(tp), EVENT_FETCH_TIMEOUT_S)
            except (TimeoutError, ValueError, AssertionError, KafkaError):
                return None
        value: bytes | None = record.value if record.offset == offset else None
        return value

    async def _goodbye(self) -> None:
        """Hand over the counts and drop this worker's record, so others stop showing it."""
        await self._publish_partitions(list(self.owned))
        assert self.producer is not None
        await self.producer.send_and_wait(
            self.settings.topic_stats, key=f"worker:{self.name}".encode(), value=None
        )

    # -- read: the whole stats topic ------------------------------------------------------------

    async def _read_loop(self, partitions: list[TopicPartition]) -> None:
        assert self.reader is not None
        while True:
            batches = await self.reader.getmany(timeout_ms=500)
            for batch in batches.values():
                for record in batch:
                    self._remember(record.key, record.value)
            if not self._reader_caught_up.is_set():
                ends = await self.reader.end_offsets(partitions)
                positions = [await self.reader.position(tp) for tp in partitions]
                if all(pos >= ends[tp] for tp, pos in zip(partitions, positions, strict=True)):
                    self._reader_caught_up.set()

    def _remember(self, key: bytes | None, value: bytes | None) -> None:
        if key is None:
            return
        name = key.decode("utf-8", "replace")
        if value is None:
            self.records.pop(name, None)
            return
        try:
            self.records[name] = StatsRecord.model_validate_json(value)
        except ValueError:
            log.warning("unreadable stats record %s", name)

    async def caught_up(self) -> None:
        """Wait until the reader has read the stats topic up to its current end."""
        assert self.reader is not None
        self._reader_caught_up.clear()
        await asyncio.wait_for(self._reader_caught_up.wait(), CATCH_UP_TIMEOUT_S)

    # -- count: the enriched partitions this worker owns ----------------------------------------

    def _partition_key(self, partition: int) -> str:
        return f"partition:{self.settings.topic_enriched}:{partition}"

    async def adopt(self, assigned: set[TopicPartition]) -> None:
        """Take over partitions from their last published counts, and resume after them."""
        assert self.counter is not None
        with contextlib.suppress(TimeoutError):
            await self.caught_up()
        for tp in sorted(assigned):
            record = self.records.get(self._partition_key(tp.partition))
            if record is not None and record.partition is not None:
                snapshot = record.partition.model_copy(deep=True)
            else:
                snapshot = PartitionSnapshot(
                    topic=tp.topic, partition=tp.partition, offset=-1, buckets={}, latest=[]
                )
            if snapshot.offset >= 0:
                self.counter.seek(tp, snapshot.offset + 1)
            else:
                await self._seek_an_hour_back(tp)
            self.owned[tp.partition] = snapshot
        log.info("stats: counting %s", sorted(tp.partition for tp in assigned))

    async def _seek_an_hour_back(self, tp: TopicPartition) -> None:
        """A partition never counted before: start as far back as the windows look."""
        assert self.counter is not None
        since_ms = int((time.time() - KEEP_MIN * MINUTE_S) * 1000)
        for attempt in range(3):
            try:
                found = (await self.counter.offsets_for_times({tp: since_ms})).get(tp)
            except KafkaError as error:  # e.g. a leader not elected yet on a new topic
                log.info("stats: offsets_for_times %s failed (%s), attempt %d", tp, error, attempt)
                await asyncio.sleep(0.5)
                continue
            if found is None:
                await self.counter.seek_to_end(tp)
            else:
                self.counter.seek(tp, found.offset)
            return
        # older minutes are dropped when counted, so the start is only slower, never wrong
        await self.counter.seek_to_beginning(tp)

    async def release(self, revoked: set[TopicPartition]) -> None:
        """Publish the final counts of partitions going to another worker."""
        partitions = [tp.partition for tp in revoked if tp.partition in self.owned]
        with contextlib.suppress(Exception):
            await self._publish_partitions(partitions)
        for partition in partitions:
            self.owned.pop(partition, None)
            self.dirty.discard(partition)

    async def _count_loop(self) -> None:
        assert self.counter is not None
        while True:
            batches = await self.counter.getmany(timeout_ms=500, max_records=500)
            began = time.perf_counter()
            for tp, batch in batches.items():
                snapshot = self.owned.get(tp.partition)
                if snapshot is None:
                    continue
                for record in batch:
                    if record.offset <= snapshot.offset or record.value is None:
                        continue
                    try:
                        article = summarise(
                            record.value,
                            partition=tp.partition,
                            offset=record.offset,
                            timestamp_ms=record.timestamp,
                        )
                    except (ValueError, KeyError, TypeError, AttributeError):
                        self.errors += 1
                        snapshot.offset = record.offset
                        continue
                    count(snapshot, article)
                    self.counted += 1
                self.dirty.add(tp.partition)
            if batches:
                self._count_seconds.append((time.monotonic(), time.perf_counter() - began))

    # -- tick: publish, probe, recompute ---------------------------------------------------------

    async def _tick_loop(self, probe: LagProbe) -> None:
        while True:
            try:
                await self._publish_partitions(sorted(self.dirty))
                await self._publish_worker()
                await self._probe_lag(probe)
                self.cluster_seen_at = time.monotonic()
            except Exception:  # the dashboard must never take the worker down
                log.exception("stats tick failed")
            now = time.time()
            self.view = group_view(self.records, self.lag, now)
            enrich = self.view["agents"].get("enrich", {})
            self.history.append(
                (
                    now,
                    float(enrich.get("in_per_s", 0.0)),
                    float(enrich.get("out_per_s", 0.0)),
                    int(self.view["total_lag"]),
                )
            )
            await asyncio.sleep(self.settings.stats_interval_s)

    async def _publish(self, key: str, record: StatsRecord) -> None:
        assert self.producer is not None
        await self.producer.send_and_wait(
            self.settings.topic_stats, key=key.encode(), value=record.to_json()
        )
        self.records[key] = record
        self.published += 1

    async def _publish_partitions(self, partitions: list[int]) -> None:
        now = time.time()
        for partition in partitions:
            snapshot = self.owned.get(partition)
            if snapshot is None:
                continue
            prune(snapshot, now)
            record = StatsRecord(
                kind="partition", updated_at=now, partition=snapshot.model_copy(deep=True)
            )
            await self._publish(self._partition_key(partition), record)
            self.dirty.discard(partition)

    async def _publish_worker(self) -> None:
        record = StatsRecord(kind="worker", updated_at=time.time(), worker=self.worker_figures())
        await self._publish(f"worker:{self.name}", record)

    async def _probe_lag(self, probe: LagProbe) -> None:
        workers = [r.worker for r in live(self.records, time.time()) if r.worker is not None]
        held = holders(workers)
        rows: list[dict[str, Any]] = []
        for topic in self._input_topics():
            offsets = await probe.offsets(self.settings.app_id, topic)
            rows += lag_rows(topic, offsets.end, offsets.start, offsets.committed, held)
        self.lag = rows
        metrics.CONSUMER_LAG.clear()
        for row in self.lag:
            metrics.CONSUMER_LAG.labels(row["topic"], str(row["partition"]), row["member"]).set(
                row["lag"]
            )

    def _input_topics(self) -> list[str]:
        """The topics the agents' group reads and whose lag is shown (not articles.enriched,
        whose repartition is a plain copy)."""
        stories = [self.settings.topic_stories_in] if self.settings.stories_enabled else []
        return [self.settings.topic_raw, *stories]

    # -- this worker's own figures ---------------------------------------------------------------

    def worker_figures(self) -> WorkerSnapshot:
        sent = metrics.totals_by(metrics.EVENTS_SENT, "topic")
        enriched = metrics.articles_handled("enriched")
        dead = metrics.articles_handled("dead_lettered")
        totals = {
            "enrich": (
                enriched + dead,
                float(
                    sum(
                        sent.get(t, 0)
                        for t in (
                            self.settings.topic_enriched,
                            self.settings.topic_sidebar,
                            self.settings.topic_deadletter,
                        )
                    )
                ),
            ),
            "stats": (float(self.counted), float(self.published)),
            "stories": (
                metrics.total(metrics.STORY_ARTICLES),
                float(
                    sum(
                        sent.get(t, 0)
                        for t in (self.settings.topic_assignments, self.settings.topic_stories)
                    )
                ),
            ),
        }
        rates = self._rates(totals)
        since = time.monotonic() - metrics.RecentHistogram.RECENT_S
        agents = {
            "enrich": AgentFigures(
                state=self._agent_state("enrich"),
                events_in=totals["enrich"][0],
                events_out=totals["enrich"][1],
                in_per_s=rates["enrich"][0],
                out_per_s=rates["enrich"][1],
                errors=metrics.total(metrics.SEND_ERRORS),
                dead_letters=metrics.dead_letters_by_reason(stories=False),
                latencies_s=thin(metrics.BATCH_SECONDS.recent()),
            ),
            "stats": AgentFigures(
                state=self.state,
                events_in=totals["stats"][0],
                events_out=totals["stats"][1],
                in_per_s=rates["stats"][0],
                out_per_s=rates["stats"][1],
                errors=float(self.errors),
                latencies_s=thin([s for at, s in self._count_seconds if at >= since]),
            ),
        }
        if self.settings.stories_enabled:
            agents["stories"] = AgentFigures(
                state=self._agent_state("stories"),
                events_in=totals["stories"][0],
                events_out=totals["stories"][1],
                in_per_s=rates["stories"][0],
                out_per_s=rates["stories"][1],
                errors=0.0,
                dead_letters=metrics.dead_letters_by_reason(stories=True),
                latencies_s=thin(metrics.STORY_BATCH_SECONDS.recent()),
            )
        assignment = self._assignment()
        holds_stories = self.settings.topic_stories_in in assignment
        return WorkerSnapshot(
            name=self.name,
            url=self.url,
            agents=agents,
            assignment=assignment,
            stories=self.activity.snapshot() if self.activity and holds_stories else None,
        )

    def _rates(self, totals: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        now = time.monotonic()
        self._totals.append((now, totals))
        while len(self._totals) > 2 and now - self._totals[1][0] >= RATE_WINDOW_S:
            self._totals.popleft()
        then, old = self._totals[0]
        elapsed = now - then
        if elapsed <= 0:
            return {name: (0.0, 0.0) for name in totals}
        return {
            name: (
                (value[0] - old.get(name, (0.0, 0.0))[0]) / elapsed,
                (value[1] - old.get(name, (0.0, 0.0))[1]) / elapsed,
            )
            for name, value in totals.items()
        }

    def _agent_state(self, short_name: str) -> str:
        for name, agent in self.app.agents.items():
            if name.rsplit(".", 1)[-1] == short_name:
                return "crashed" if metrics.agent_crashed(short_name) else str(agent.state)
        return "absent"

    def _assignment(self) -> dict[str, list[int]]:
        try:
            assigned = self.app.consumer.assignment()
        except Exception:  # not started yet
            return {}
        held: dict[str, list[int]] = {}
        for tp in assigned:
            if tp.topic in self._input_topics():
                held.setdefault(tp.topic, []).append(tp.partition)
        return {topic: sorted(parts) for topic, parts in held.items()}

    # -- what the pages serve ------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        return {
            **self.view,
            "served_by": self.name,
            "history": [
                {"at": at, "in_per_s": rin, "out_per_s": rout, "lag": lag}
                for at, rin, rout, lag in self.history
            ],
        }

    def ready(self) -> tuple[bool, dict[str, Any]]:
        """Joined the group, not rebalancing, and the cluster answered recently."""
        reached = time.monotonic() - self.cluster_seen_at < 5 * self.settings.stats_interval_s
        checks = {
            "joined_group": self.joined,
            "rebalancing": bool(self.app.rebalancing),
            "reached_cluster": self.cluster_seen_at > 0 and reached,
        }
        ok = checks["joined_group"] and not checks["rebalancing"] and checks["reached_cluster"]
        return bool(ok), checks


class _Owner(ConsumerRebalanceListener):  # type: ignore[misc]
    """Hands partitions' counts over through the stats topic on every rebalance."""

    def __init__(self, stats: GroupStats) -> None:
        self.stats = stats

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        await self.stats.release(revoked)

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        await self.stats.adopt(assigned)
