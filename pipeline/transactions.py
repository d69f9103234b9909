"""Exactly-once outputs: a batch's outputs and its input offsets commit in one Kafka transaction.

With `PIPELINE_PROCESSING_GUARANTEE=exactly_once` the worker owns, for each partition of the
input topic it is assigned, a transactional producer whose id is `{app id}-{raw topic}-
{partition}`. A batch's records are grouped by input partition; each group's outputs (enriched
events, sidebar items, dead letters) and the offset after its last record go in one transaction
of that partition's producer. A consumer reading with isolation.level=read_committed sees them
all or none of them, and the group's offset moves with them.

Zombies: two workers can believe they own a partition (one frozen past its session timeout, one
that took the partition over). The new owner starts the partition's producer first, whose
InitProducerId fences every older producer with the same id (their sends and commits fail) and
finishes the transaction they had open (aborted, or committed if its commit had reached the
coordinator). Only then does it read the partition's committed offset, which nobody else can
move any more, and seek its consumer there. Reading it before the fence (as faust's own seek on
assignment does) would let the zombie commit a transaction after the read: its outputs, redone
by the new owner, would be duplicated.

A partition's transactions only take records at or after the offset it last committed
(`next_offset`), so records fetched before the seek (faust may have fetched from where it read
the offset before the fence) are never committed twice. The worker's faust consumer commits
nothing for the input topic (its acks are off, pipeline.app): the transactions do.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import (
    KafkaError,
    MessageSizeTooLargeError,
    OutOfOrderSequenceNumber,
    ProducerFenced,
)

from pipeline import metrics
from pipeline.clients import common_options, producer_options, running, track_topics
from pipeline.routing import Outgoing, Received, Routes
from pipeline.settings import Settings

log = logging.getLogger(__name__)

# A committed offset read again this often, this far apart, while the coordinator is unavailable
READ_ATTEMPTS = 20
READ_BACKOFF_S = 0.5

# One input record and the records routing made of it.
Routed = tuple[Received, list[Outgoing]]
# The dead letter of an output its topic refused as too large (the agent's policy).
Replace = Callable[[Received, Outgoing], Outgoing]


class TransactionalProducer(Protocol):
    """What a partition's transactions need of aiokafka's transactional producer."""

    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def begin_transaction(self) -> None: ...
    async def send(
        self, topic: str, value: bytes, key: bytes, *, headers: list[tuple[str, bytes]]
    ) -> Awaitable[Any]: ...
    async def send_offsets_to_transaction(
        self, offsets: Mapping[TopicPartition, int], group_id: str
    ) -> None: ...
    async def commit_transaction(self) -> None: ...
    async def abort_transaction(self) -> None: ...


NewProducer = Callable[[str], TransactionalProducer]
ReadCommitted = Callable[[list[TopicPartition]], Awaitable[Mapping[TopicPartition, int | None]]]
Seek = Callable[[TopicPartition, int], Awaitable[None]]


def transactional_id(app_id: str, topic: str, partition: int) -> str:
    """The id that one, and only one, live producer of the group holds per input partition."""
    return f"{app_id}-{topic}-{partition}"


def position(routed: Routed) -> tuple[int, int]:
    """(partition, offset) of a consumed record, which always has both."""
    source = routed[0].source
    if source.partition is None or source.offset is None:
        raise ValueError(f"a record of {source.topic} with no partition or offset")
    return source.partition, source.offset


def uncommitted(records: Sequence[Routed], next_offset: int) -> list[Routed]:
    """The records of one partition (in offset order) that its transactions have not committed
    yet, each offset once: after a seek the consumer may deliver a record a second time."""
    todo: list[Routed] = []
    for routed in records:
        offset = position(routed)[1]
        if offset >= next_offset:
            todo.append(routed)
            next_offset = offset + 1
    return todo


def by_partition(batch: Iterable[Routed]) -> dict[int, list[Routed]]:
    """A batch's records per input partition, in offset order within each."""
    groups: dict[int, list[Routed]] = {}
    for routed in batch:
        groups.setdefault(position(routed)[0], []).append(routed)
    for records in groups.values():
        records.sort(key=position)
    return groups


@dataclass
class Owned:
    """A partition this worker owns: its producer, and the offset its transactions reached."""

    producer: TransactionalProducer
    next_offset: int


class FencedError(Exception):
    """A newer owner of the partition fenced this worker's producer."""


class PartitionTransactions:
    """The input partitions this worker owns and their transactions."""

    def __init__(
        self,
        *,
        topic: str,
        group_id: str,
        app_id: str,
        new_producer: NewProducer,
        read_committed: ReadCommitted,
        seek: Seek,
    ) -> None:
        self.topic = topic
        self.group_id = group_id
        self.app_id = app_id
        self._new_producer = new_producer
        self._read_committed = read_committed
        self._seek = seek
        self._owned: dict[int, Owned] = {}
        # a rebalance never changes the owned partitions while a batch commits
        self._lock = asyncio.Lock()

    @property
    def owned(self) -> dict[int, int]:
        """Each owned partition's next offset to commit."""
        return {partition: owned.next_offset for partition, owned in self._owned.items()}

    async def on_assigned(self, partitions: Iterable[int]) -> None:
        """Fence, then read the committed offsets, then seek: in this order (module doc)."""
        assigned = set(partitions)
        await self.on_revoked(set(self._owned) - assigned)
        async with self._lock:
            new = sorted(assigned - set(self._owned))
            if not new:
                return
            producers = {
                p: self._new_producer(transactional_id(self.app_id, self.topic, p)) for p in new
            }
            started = await asyncio.gather(
                *(producer.start() for producer in producers.values()), return_exceptions=True
            )
            failed = [error for error in started if isinstance(error, BaseException)]
            if failed:
                await asyncio.gather(*(_stop_quietly(p) for p in producers.values()))
                raise failed[0]
            tps = [TopicPartition(self.topic, p) for p in new]
            committed = await self._read_committed(tps)
            for tp in tps:
                offset = committed.get(tp)
                # no offset: the consumer starts where auto_offset_reset says, and so do we
                self._owned[tp.partition] = Owned(producers[tp.partition], offset or 0)
                if offset is not None:
                    await self._seek(tp, offset)
            log.info("exactly_once: own %s from offsets %s", new, self.owned)

    async def on_revoked(self, partitions: Iterable[int]) -> None:
        """Give partitions up, once any transaction of theirs has ended."""
        async with self._lock:
            gone = [self._owned.pop(p) for p in set(partitions) if p in self._owned]
            await asyncio.gather(*(_stop_quietly(owned.producer) for owned in gone))

    async def close(self) -> None:
        """Give every partition up (the worker stops)."""
        await self.on_revoked(list(self._owned))

    async def commit(self, batch: Sequence[Routed], replace: Replace) -> int:
        """Commit each partition's share of the batch in a transaction of its own; returns
        how many records were left out (partitions no longer owned, or records already
        committed). Raises if a transaction failed for another reason than a fence."""
        async with self._lock:
            groups = by_partition(batch)
            outcomes = await asyncio.gather(
                *(self._commit_partition(p, records, replace) for p, records in groups.items()),
                return_exceptions=True,
            )
        errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
        if errors:
            raise errors[0]
        return sum(outcome for outcome in outcomes if isinstance(outcome, int))

    async def _commit_partition(
        self, partition: int, records: list[Routed], replace: Replace
    ) -> int:
        owned = self._owned.get(partition)
        if owned is None:  # revoked: the next owner reads these records again
            return len(records)
        todo = uncommitted(records, owned.next_offset)
        if not todo:
            return len(records)
        tp = TopicPartition(self.topic, partition)
        offsets = {tp: position(todo[-1])[1] + 1}
        try:
            refused = await self._transaction(owned.producer, todo, offsets)
            if refused:
                # aiokafka counted the refused records in its sequence numbers: a new producer
                # (same id, next epoch; it also aborts the transaction if the abort failed)
                # starts them afresh, or every later send is out of order
                await _stop_quietly(owned.producer)
                owned.producer = self._new_producer(
                    transactional_id(self.app_id, self.topic, partition)
                )
                await owned.producer.start()
                todo = [
                    (record, [replace(record, o) if o in refused else o for o in outs])
                    for record, outs in todo
                ]
                if await self._transaction(owned.producer, todo, offsets):
                    raise MessageSizeTooLargeError("a dead letter was refused as too large")
        except FencedError:
            metrics.TRANSACTIONS.labels("fenced").inc()
            log.warning(
                "exactly_once: partition %d fenced by a newer owner; its batch is left to it",
                partition,
            )
            self._owned.pop(partition, None)
            await _stop_quietly(owned.producer)
            return len(records)
        owned.next_offset = offsets[tp]
        return len(records) - len(todo)

    async def _transaction(
        self,
        producer: TransactionalProducer,
        todo: list[Routed],
        offsets: dict[TopicPartition, int],
    ) -> set[Outgoing]:
        """One transaction: every output, then the offsets. Returns the outputs their topic
        refused as too large (the transaction then aborted), else commits."""
        try:
            await producer.begin_transaction()
            sent = [(out, await _send(producer, out)) for _, outs in todo for out in outs]
            outcomes = await asyncio.gather(*(ack for _, ack in sent), return_exceptions=True)
            refused: set[Outgoing] = set()
            failed: list[BaseException] = []
            for (out, _), outcome in zip(sent, outcomes, strict=True):
                if not isinstance(outcome, BaseException):
                    metrics.events_sent(out.topic).inc()
                    continue
                metrics.SEND_ERRORS.inc()
                if isinstance(outcome, MessageSizeTooLargeError) and out.kind != "deadletter":
                    refused.add(out)
                else:
                    failed.append(outcome)
            # a refused record leaves aiokafka's sequence numbers one ahead of the broker's, so
            # the partition's later records in the transaction fail out of order: redone too
            if refused and all(isinstance(e, OutOfOrderSequenceNumber) for e in failed):
                with contextlib.suppress(Exception):
                    await producer.abort_transaction()
                metrics.TRANSACTIONS.labels("aborted").inc()
                return refused
            if failed:
                raise failed[0]
            await producer.send_offsets_to_transaction(offsets, self.group_id)
            await producer.commit_transaction()
        except Exception as error:
            if _is_fence(error):
                raise FencedError() from error
            with contextlib.suppress(Exception):
                await producer.abort_transaction()
            metrics.TRANSACTIONS.labels("aborted").inc()
            raise
        metrics.TRANSACTIONS.labels("committed").inc()
        return set()


async def _send(producer: TransactionalProducer, out: Outgoing) -> Awaitable[Any]:
    return await producer.send(out.topic, out.value, out.key, headers=list(out.headers))


def _is_fence(error: BaseException) -> bool:
    # a fenced producer fails its pending sends, offsets and commit with ProducerFenced
    return any(isinstance(e, ProducerFenced) for e in (error, error.__cause__, error.__context__))


async def _stop_quietly(producer: TransactionalProducer) -> None:
    with contextlib.suppress(Exception):
        await producer.stop()


class _TrackingProducer(AIOKafkaProducer):  # type: ignore[misc]
    """aiokafka's producer, tracking `topics` from its start: else a transaction's first send
    to a topic its bootstrap answer lacked leaves the outputs queued before it with no leader
    until the request timeout (`pipeline.clients.track_topics`)."""

    def __init__(self, topics: Collection[str], **options: Any) -> None:
        super().__init__(**options)
        self._tracked = tuple(topics)

    async def start(self) -> None:
        await super().start()
        await track_topics(self, self._tracked)


def transactional_producer(settings: Settings) -> NewProducer:
    """aiokafka's transactional producers with the project's options, tracking the topics
    their transactions send to (routing's outputs) from their start."""
    topics = Routes.of(settings).topics

    def new(transactional: str) -> TransactionalProducer:
        producer: TransactionalProducer = _TrackingProducer(
            topics,
            **producer_options(settings),
            transactional_id=transactional,
            request_timeout_ms=int(settings.producer_request_timeout_s * 1000),
        )
        return producer

    return new


def committed_reader(settings: Settings, group_id: str) -> ReadCommitted:
    """The group's committed offsets of some partitions (None where it has none)."""

    async def read(partitions: list[TopicPartition]) -> dict[TopicPartition, int | None]:
        async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
            for attempt in range(READ_ATTEMPTS):
                try:
                    found = await admin.list_consumer_group_offsets(group_id, partitions=partitions)
                    break
                except KafkaError as error:  # e.g. the group's coordinator moving or loading
                    if not error.retriable or attempt + 1 == READ_ATTEMPTS:
                        raise
                    await asyncio.sleep(READ_BACKOFF_S)
        offsets: dict[TopicPartition, int | None] = {}
        for tp in partitions:
            meta = found.get(tp)
            offsets[tp] = meta.offset if meta is not None and meta.offset >= 0 else None
        return offsets

    return read
