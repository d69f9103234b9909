"""pipeline.transactions without a broker: fake producers that log every call, so the order
(fence, then read the offset, then seek), the per-partition transactions and what happens to a
fenced, refused or failing one are checked one by one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping
from typing import Any

import pytest
from aiokafka import TopicPartition
from aiokafka.errors import (
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    OutOfOrderSequenceNumber,
    ProducerFenced,
)

from pipeline.models import SourceRecord
from pipeline.routing import Outgoing, Received
from pipeline.transactions import (
    PartitionTransactions,
    Routed,
    by_partition,
    transactional_id,
    uncommitted,
)

RAW = "t.raw"


def record(partition: int, offset: int) -> Received:
    source = SourceRecord(topic=RAW, partition=partition, offset=offset, key=f"k{offset}")
    return Received(b"{}", f"k{offset}".encode(), source)


def out(name: str, kind: str = "enriched") -> Outgoing:
    return Outgoing(f"t.{kind}", name.encode(), name.encode(), (), kind)


def routed(partition: int, offset: int) -> Routed:
    return (record(partition, offset), [out(f"p{partition}o{offset}")])


class FakeProducer:
    """Logs its calls in the shared `log`; `fail_send` maps a value to the error its ack gets;
    `fenced` fences it (every later call raises ProducerFenced)."""

    def __init__(self, tid: str, log: list[tuple[Any, ...]]) -> None:
        self.tid = tid
        self.log = log
        self.fail_send: dict[bytes, BaseException] = {}
        self.fenced = False
        self.sent: list[bytes] = []
        self.committed: list[tuple[list[bytes], dict[TopicPartition, int]]] = []
        self.commits = asyncio.Event()  # set at each commit
        self._offsets: dict[TopicPartition, int] = {}

    def _call(self, name: str, *args: Any) -> None:
        self.log.append((name, self.tid, *args))
        if self.fenced and name not in ("stop",):
            raise ProducerFenced()

    async def start(self) -> None:
        self._call("start")

    async def stop(self) -> None:
        self._call("stop")

    async def begin_transaction(self) -> None:
        self._call("begin")
        self.sent = []

    async def send(
        self, topic: str, value: bytes, key: bytes, *, headers: list[tuple[str, bytes]]
    ) -> Awaitable[Any]:
        self._call("send", value)
        ack: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if value in self.fail_send:
            ack.set_exception(self.fail_send[value])
        else:
            self.sent.append(value)
            ack.set_result(None)
        return ack

    async def send_offsets_to_transaction(
        self, offsets: Mapping[TopicPartition, int], group_id: str
    ) -> None:
        self._call("offsets", dict(offsets), group_id)
        self._offsets = dict(offsets)

    async def commit_transaction(self) -> None:
        self._call("commit")
        self.committed.append((self.sent, self._offsets))
        self.commits.set()

    async def abort_transaction(self) -> None:
        self._call("abort")


class Harness:
    def __init__(self, committed: dict[int, int | None] | None = None) -> None:
        self.log: list[tuple[Any, ...]] = []
        self.producers: dict[str, FakeProducer] = {}
        self.committed = committed or {}
        self.transactions = PartitionTransactions(
            topic=RAW,
            group_id="g",
            app_id="app",
            new_producer=self.new_producer,
            read_committed=self.read_committed,
            seek=self.seek,
        )

    def new_producer(self, tid: str) -> FakeProducer:
        self.producers[tid] = FakeProducer(tid, self.log)
        return self.producers[tid]

    def producer(self, partition: int) -> FakeProducer:
        return self.producers[transactional_id("app", RAW, partition)]

    async def read_committed(
        self, partitions: list[TopicPartition]
    ) -> Mapping[TopicPartition, int | None]:
        self.log.append(("read_committed", sorted(tp.partition for tp in partitions)))
        return {tp: self.committed.get(tp.partition) for tp in partitions}

    async def seek(self, tp: TopicPartition, offset: int) -> None:
        self.log.append(("seek", tp.partition, offset))


def dead_letter(rec: Received, refused: Outgoing) -> Outgoing:
    return out(f"dead-{refused.key.decode()}", "deadletter")


def test_transactional_ids_are_one_per_input_partition() -> None:
    assert transactional_id("app", "articles.raw", 3) == "app-articles.raw-3"


def test_a_batch_is_split_by_partition_in_offset_order_and_each_offset_taken_once() -> None:
    batch = [routed(1, 7), routed(0, 4), routed(1, 5), routed(0, 3)]
    groups = by_partition(batch)
    assert {p: [r.source.offset for r, _ in g] for p, g in groups.items()} == {0: [3, 4], 1: [5, 7]}
    # after a seek the consumer can deliver an offset again, even within one batch
    again = [routed(0, 3), routed(0, 4), routed(0, 4), routed(0, 5)]
    assert [r.source.offset for r, _ in uncommitted(again, 4)] == [4, 5]


def test_the_new_owner_fences_then_reads_the_offset_then_seeks() -> None:
    harness = Harness({0: 40, 1: None})
    asyncio.run(harness.transactions.on_assigned([0, 1]))
    starts = [i for i, call in enumerate(harness.log) if call[0] == "start"]
    read = harness.log.index(("read_committed", [0, 1]))
    assert len(starts) == 2
    assert max(starts) < read
    # partition 1 has no committed offset: the consumer's own reset applies, no seek
    assert harness.log[read + 1 :] == [("seek", 0, 40)]
    assert harness.transactions.owned == {0: 40, 1: 0}


def test_each_partition_commits_its_outputs_and_offsets_in_one_transaction() -> None:
    harness = Harness({0: 3, 1: 5})

    async def run() -> int:
        await harness.transactions.on_assigned([0, 1])
        batch = [routed(0, 3), routed(1, 5), routed(0, 4), routed(1, 6)]
        return await harness.transactions.commit(batch, dead_letter)

    assert asyncio.run(run()) == 0
    assert harness.producer(0).committed == [([b"p0o3", b"p0o4"], {TopicPartition(RAW, 0): 5})]
    assert harness.producer(1).committed == [([b"p1o5", b"p1o6"], {TopicPartition(RAW, 1): 7})]
    assert harness.transactions.owned == {0: 5, 1: 7}
    offsets = [call for call in harness.log if call[0] == "offsets"]
    assert all(call[3] == "g" for call in offsets)  # the worker's consumer group


def test_records_committed_already_or_of_partitions_not_owned_are_left_out() -> None:
    harness = Harness({0: 10})

    async def run() -> int:
        await harness.transactions.on_assigned([0])
        # 8 and 9 were committed (by a former owner); partition 2 is not ours
        return await harness.transactions.commit(
            [routed(0, 8), routed(0, 9), routed(0, 10), routed(2, 1)], dead_letter
        )

    assert asyncio.run(run()) == 3
    assert harness.producer(0).committed == [([b"p0o10"], {TopicPartition(RAW, 0): 11})]


def test_a_fenced_partition_is_given_up_without_committing_and_the_worker_goes_on() -> None:
    harness = Harness({0: 0, 1: 0})

    async def run() -> tuple[int, int]:
        await harness.transactions.on_assigned([0, 1])
        harness.producer(0).fenced = True  # a new owner started partition 0's producer
        first = await harness.transactions.commit([routed(0, 0), routed(1, 0)], dead_letter)
        second = await harness.transactions.commit([routed(0, 1), routed(1, 1)], dead_letter)
        return first, second

    assert asyncio.run(run()) == (1, 1)
    assert harness.producer(0).committed == []
    assert ("stop", transactional_id("app", RAW, 0)) in harness.log
    assert harness.transactions.owned == {1: 2}
    assert len(harness.producer(1).committed) == 2


def test_an_output_refused_as_too_large_aborts_and_the_transaction_is_redone_with_its_letter() -> (
    None
):
    harness = Harness({0: 0})

    async def run() -> None:
        await harness.transactions.on_assigned([0])
        harness.producer(0).fail_send[b"p0o1"] = MessageSizeTooLargeError()
        # the records after it in the same output partition fail out of order
        harness.producer(0).fail_send[b"p0o2"] = OutOfOrderSequenceNumber()
        await harness.transactions.commit([routed(0, 0), routed(0, 1), routed(0, 2)], dead_letter)

    asyncio.run(run())
    calls = [c[0] for c in harness.log if c[0] in ("begin", "abort", "stop", "start", "commit")]
    # a fresh producer for the second try: aiokafka's sequence numbers counted the refused ones
    assert calls == ["start", "begin", "abort", "stop", "start", "begin", "commit"]
    committed = ([b"p0o0", b"dead-p0o1", b"p0o2"], {TopicPartition(RAW, 0): 3})
    assert harness.producer(0).committed == [committed]


def test_any_other_send_failure_aborts_and_raises_with_nothing_committed() -> None:
    harness = Harness({0: 0})

    async def run() -> None:
        await harness.transactions.on_assigned([0])
        harness.producer(0).fail_send[b"p0o0"] = KafkaTimeoutError()
        await harness.transactions.commit([routed(0, 0)], dead_letter)

    with pytest.raises(KafkaTimeoutError):
        asyncio.run(run())
    assert harness.producer(0).committed == []
    assert harness.log[-1][0] == "abort"
    assert harness.transactions.owned == {0: 0}


def test_a_revocation_waits_for_the_transaction_in_flight() -> None:
    harness = Harness({0: 0})

    async def run() -> None:
        await harness.transactions.on_assigned([0])
        producer = harness.producer(0)
        release = asyncio.Event()
        commit = producer.commit_transaction

        async def slow_commit() -> None:
            await release.wait()
            await commit()

        producer.commit_transaction = slow_commit  # type: ignore[method-assign]
        committing = asyncio.create_task(harness.transactions.commit([routed(0, 0)], dead_letter))
        await asyncio.sleep(0.01)
        revoking = asyncio.create_task(harness.transactions.on_revoked([0]))
        await asyncio.sleep(0.01)
        assert not revoking.done()  # the producer is not stopped under the transaction
        release.set()
        await asyncio.gather(committing, revoking)

    asyncio.run(run())
    names = [call[0] for call in harness.log]
    assert names.index("commit") < names.index("stop")
    assert harness.transactions.owned == {}
