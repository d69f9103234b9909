"""The worker's Kafka consumer: faust's aiokafka consumer, with one race of its recovery closed.

faust counts a jump in a partition's offsets as a "gap" (offsets that will never come: the
markers of transactions, compacted records) and a gap as acknowledged. With tables (the story
agents), its recovery resumes the input's partitions and then seeks them to their committed
offsets while the fetcher already runs. The seek sets the read offset back, so that records
delivered meanwhile, which faust drops from its queues when the flow resumes, are read again;
but the rest of a fetch made before the seek is still being delivered after it. Its next
record looks like a jump over the records just delivered, which are counted as acknowledged:
the commit passes records whose outputs were never sent (docs/design.md, "Delivery").

Here a record fetched before its partition's last seek is not delivered: the partition is read
again from the sought offset, as the seek intended; a partition with no committed offset is
sought to its start, not left past records faust dropped; and a stop after a crash does not
wait forever for a commit that the crashed client will never make.

It also reads with isolation.level=read_committed, always: faust reads read_uncommitted unless
its own exactly_once is on, which the project leaves off (docs/design.md, "Delivery"), so the
story agents forwarded and assigned the enrich agent's aborted outputs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from typing import Any, cast

import faust
from faust.transport.consumer import CONSUMER_FETCHING, ensure_TP
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP
from mode import Service, ServiceT
from mode.utils.locks import Event

from pipeline.agents.producer import Producer


class Consumer(faust_aiokafka.Consumer):
    """faust's consumer that delivers nothing fetched before a seek of its partition."""

    consumer_stopped_errors = faust_aiokafka.Consumer.consumer_stopped_errors

    def __post_init__(self) -> None:
        super().__post_init__()
        self._seeks = 0  # how many seeks (perform_seek and seek) have returned
        self._fetched_after = 0
        self._resumes = 0  # how many times faust resumed the flow
        self._deliverable = Event()  # cleared while a perform_seek runs, until the flow resumes
        self._deliverable.set()
        self._sought: dict[TP, tuple[int, int | None]] = {}  # tp -> (seek number, offset)

    async def perform_seek(self) -> None:
        """faust's perform_seek (faust 0.15.3), remembering which partitions it sought where."""
        # faust resumes the flow after this seek, which clears its queues: whatever is delivered
        # until then is dropped unhandled, and the client may already be past it
        resumes = self._resumes
        self._deliverable.clear()
        committed = await self.seek_to_committed()
        self._read_offset.update(
            {
                tp: offset if offset is not None and offset >= 0 else None
                for tp, offset in committed.items()
            }
        )
        self._committed_offset.update(
            {
                ensure_TP(tp): offset if offset else None
                for tp, offset in committed.items()
                if offset is not None
            }
        )
        # faust leaves a partition with no committed offset where the client's position is: if
        # records fetched there were dropped (faust drops a fetch that arrives while a rebalance
        # holds the flow), that position is past them and they are never read. Such a
        # partition goes back to its start, where auto_offset_reset="earliest" began it.
        uncommitted = [
            ensure_TP(tp)
            for tp, offset in committed.items()
            if (offset is None or offset < 0) and self.app.topics.acks_enabled_for(tp.topic)
        ]
        starts = await self.earliest_offsets(*uncommitted) if uncommitted else {}
        if starts:
            await super().seek_wait(starts)
        sought = {
            ensure_TP(tp): offset if offset is not None and offset >= 0 else None
            for tp, offset in committed.items()
        }
        self._mark_sought({**sought, **{ensure_TP(tp): offset for tp, offset in starts.items()}})
        if self._resumes != resumes:  # the flow resumed while this seek ran: nothing to wait for
            self._deliverable.set()

    async def _wait_next_records(self, timeout: float) -> tuple[Any, Any]:  # noqa: ASYNC109
        fetched = await super()._wait_next_records(timeout)
        self._fetched_after = self._seeks  # the fetch being delivered followed this many seeks
        return fetched

    def _stale(self, tp: TP) -> bool:
        """Whether the fetch being delivered came before the last seek of `tp`. The first
        record of a later fetch clears the seek's mark."""
        seek = self._sought.get(tp)
        if seek is None:
            return False
        if seek[0] > self._fetched_after:
            return True
        del self._sought[tp]
        return False

    async def _drain_messages(self, fetcher: ServiceT) -> None:
        """faust's delivery loop (faust 0.15.3) with the two checks marked "stale": a record
        fetched before its partition's last seek is neither delivered nor counted as read,
        whether the seek returned before it was delivered or while it was; and nothing is
        delivered from the start of a perform_seek until faust resumes the flow after it."""
        callback = self.callback
        getmany = self.getmany
        consumer_should_stop = cast(Service, self)._stopped.is_set
        fetcher_should_stop = cast(Service, fetcher)._stopped.is_set
        get_read_offset = self._read_offset.__getitem__
        set_read_offset = self._read_offset.__setitem__
        acks_enabled_for = self.app.topics.acks_enabled_for
        commit_every = self._commit_every
        yield_every = 100
        num_since_yield = 0
        sought_again: set[TP] = set()
        try:
            while not (consumer_should_stop() or fetcher_should_stop()):
                self.diag.set_flag(CONSUMER_FETCHING)
                ait = getmany(timeout=1.0)
                await self.sleep(0)
                sought_again.clear()
                if not self.should_stop:
                    async for tp, message in ait:
                        num_since_yield += 1
                        if num_since_yield > yield_every:
                            await asyncio.sleep(0)
                            num_since_yield = 0
                        if not self._deliverable.is_set():
                            await self.wait(self._deliverable)
                            if not self._deliverable.is_set():
                                break  # stopped or crashed
                        if self._stale(tp):
                            if tp not in sought_again:
                                # the seek may have reached the client before this fetch did
                                sought_again.add(tp)
                                await self._seek_again(tp, self._sought[tp][1])
                            continue
                        offset = message.offset
                        r_offset = get_read_offset(tp)
                        if r_offset is None or offset >= r_offset:
                            gap = offset - (r_offset or 0)
                            if gap > 1 and r_offset and acks_enabled_for(message.topic):
                                await self._add_gap(tp, r_offset + 1, offset)
                            if commit_every is not None and self._n_acked >= commit_every:
                                self._n_acked = 0
                                await self.commit()
                            await self.wait_first(callback(message), self.suspend_flow.wait())
                            if not self._stale(tp):
                                set_read_offset(tp, offset)
                    self.diag.unset_flag(CONSUMER_FETCHING)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                self.log.info("Broker stopped consumer, shutting down...")
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:
                self.log.info("Consumer shutting down for user cancel.")
                return
            raise
        except Exception as exc:
            self.log.exception("Drain messages raised: %r", exc)
            raise
        finally:
            self.diag.unset_flag(CONSUMER_FETCHING)

    async def seek(self, partition: TP, offset: int) -> None:
        """faust's seek; as after perform_seek, nothing fetched before it is delivered."""
        await super().seek(partition, offset)
        self._mark_sought({partition: offset})

    async def seek_wait(self, partitions: Mapping[TP, int]) -> None:
        """faust's seek_wait (pipeline.transactions seeks a partition it took over to the offset
        its fence left committed); as after perform_seek, nothing fetched before it is delivered."""
        await super().seek_wait(partitions)
        self._mark_sought(partitions)

    def _mark_sought(self, partitions: Mapping[TP, int | None]) -> None:
        """A fetch made before this seek is stale from now on, and the read offsets go back to
        where the seek put them (None: the start): delivery went on while the seek waited for
        the client's thread, and moved them past records that faust's flow resume then cleared
        from its queues, so faust dropped them as read when the seek fetched them again."""
        self._seeks += 1
        for tp, offset in partitions.items():
            self._sought[ensure_TP(tp)] = (self._seeks, offset)
            self._read_offset[ensure_TP(tp)] = offset or None

    async def _seek_again(self, tp: TP, offset: int | None) -> None:
        if offset is None:  # nothing committed: where auto_offset_reset=earliest starts
            offset = (await self.earliest_offsets(tp))[tp]
        # on the consumer's thread (faust's seek moves the client from this one, racing its
        # fetch); the read offset it sets is the one the last seek set
        await super().seek_wait({tp: offset})

    async def _commit(self, offsets: Mapping[TP, int]) -> bool:
        """faust's commit, unless the client's thread is down: when an agent crashes, mode marks
        every service crashed, and the thread no longer runs the calls it is given; the commit
        that the stop makes would wait for it forever, and the worker would never exit. Not
        committing is safe: those records are read again."""
        if self._thread.should_stop:
            self.log.warning("consumer thread stopped; offsets not committed: %r", offsets)
            return False
        return await super()._commit(offsets)

    def resume_flow(self) -> None:
        super().resume_flow()
        self._resumes += 1
        self._deliverable.set()

    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        for tp in revoked:
            self._sought.pop(tp, None)
        await super().on_partitions_revoked(revoked)


class ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """faust's client thread, its consumer reading only committed records."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka hands this to its fetcher at start; on a topic no transaction writes to,
        # read_committed reads exactly what read_uncommitted would
        consumer._isolation_level = "read_committed"
        return consumer


class Transport(faust_aiokafka.Transport):
    """faust's aiokafka transport with the consumer above, and the producer of
    pipeline.agents.producer, which tracks `producer_topics` from its start."""

    Consumer = Consumer
    Producer = Producer
    producer_topics: tuple[str, ...] = ()


def use_clients(app: faust.App, producer_topics: Collection[str] = ()) -> None:
    """Give `app` the consumer above, and a producer that tracks `producer_topics` (the topics
    the worker writes to) from its start; before anything reaches for `app.transport`."""
    transport = Transport(app.conf.broker_consumer, app)
    transport.producer_topics = tuple(producer_topics)
    app.transport = transport
