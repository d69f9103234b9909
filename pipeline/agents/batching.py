"""Batches of events from a faust stream, with no timer running while there is nothing to batch.

faust's `Stream.take_events(max_, within)` wakes every `within` seconds even when its buffer
is empty. At the enrich agent's 20 ms that cost an idle worker 16-17 ms of CPU per second, three
quarters of all it used (`bench/idle.py` with PIPELINE_BATCH_TIMEOUT_S at 0.02 and at 0.5).
`BatchingStream.take_batches` is `take_events` of faust-streaming 0.15.3 (BSD-3-Clause, Robinhood
Markets and the faust-streaming authors) with one change: with its buffer empty it waits for the
first event with no timeout, and only then up to `within` for the batch to fill; and a second:
a batch is acked only when the agent asks for the next one, never when the generator is closed
after an error (faust's `finally` acked it then, so offsets were committed for articles whose
outputs never reached the broker).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from typing import Any, cast

import faust
from faust.streams import _current_event
from faust.types import ChannelT, EventT
from mode.utils.aiter import aiter
from mode.utils.futures import notify
from mode.utils.locks import Event

from pipeline import metrics

log = logging.getLogger(__name__)


class BatchingStream(faust.Stream[Any]):
    """The app's stream class (`faust.App(Stream=...)`), for `take_batches`."""

    def take_batches(self, max_: int, within: float) -> AsyncGenerator[Sequence[EventT[Any]], None]:
        """Up to `max_` events at a time: as many as came within `within` seconds of the
        first, or `max_` as soon as they are there."""
        batches = self._take_batches(max_, within)
        # as faust does for its own buffering generators: Stream.on_stop closes what is left
        self._active_agens.add(batches)
        return batches

    async def _take_batches(
        self, max_: int, within: float
    ) -> AsyncGenerator[Sequence[EventT[Any]], None]:
        events: list[EventT[Any]] = []
        buffer_added = Event()
        buffer_full = Event()
        buffer_consumed = Event()
        buffer_consuming: asyncio.Future[Any] | None = None
        channel_it = aiter(self.channel)

        # A processor fills the buffer while the stream is drained in the background.
        async def add_to_buffer(value: Any) -> Any:
            nonlocal buffer_consuming
            try:
                if buffer_consuming is not None:  # the agent is reading the buffer: wait
                    try:
                        await buffer_consuming
                    finally:
                        buffer_consuming = None
                event = self.current_event
                if event is None:
                    raise RuntimeError("take_batches found current_event is None")
                events.append(event)
                buffer_added.set()
                if len(events) >= max_:
                    buffer_full.set()
                    buffer_consumed.clear()
                    await self.wait(buffer_consumed)  # never more than max_ in a batch
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.log.exception("Error adding to take buffer: %r", exc)
                await self.crash(exc)
            return value

        self.enable_acks = False  # acked here, once the agent is done with each batch
        self.add_processor(add_to_buffer)
        self._enable_passive(cast(ChannelT[Any], channel_it))
        try:
            while not self.should_stop:
                # The change from take_events: no timer while there is nothing to batch.
                if not events and await self.wait_for_stopped(buffer_added):
                    break
                buffer_added.clear()
                await self.wait_for_stopped(buffer_full, timeout=within)
                if events:
                    # the background drainer must not add to the buffer while it is read
                    buffer_consuming = self.loop.create_future()
                    try:
                        yield list(events)
                        # Reached only when the agent asks for the next batch, so it handled
                        # this one. An agent that raised, or a generator closed on stop, never
                        # gets here: its batch stays unacked and is read again.
                        for event in events:
                            await self.ack(event)
                    finally:
                        events.clear()
                        buffer_added.clear()  # (nothing adds until notified)
                        notify(buffer_consuming)
                        buffer_full.clear()
                        buffer_consumed.set()
        finally:
            # enable_acks stays off: the stream's drainer runs on until the stream stops, and
            # would ack events nobody handled; faust commits the first run of acked offsets
            # even past a gap, so one such ack commits past the unacked batch before it
            self._processors.remove(add_to_buffer)


async def handle_batches(
    stream: faust.StreamT[Any],
    agent: str,
    size: int,
    within: float,
    handle: Callable[[Sequence[EventT[Any]]], Awaitable[None]],
) -> None:
    """An agent's body: hand each batch of `stream` to `handle`, which acks it by returning.
    An error counts in `pipeline_agent_crashes_total` and stops the agent with its batch
    unacked (the agents' CrashingSupervisor then stops the worker)."""
    assert isinstance(stream, BatchingStream)  # the app's stream class (pipeline.app)
    try:
        async for events in stream.take_batches(size, within):
            await handle(events)
    except Exception:
        metrics.AGENT_CRASHES.labels(agent).inc()
        log.exception("agent %s stopped; the batch in flight is not acked", agent)
        raise


def set_current_event(event: EventT[Any]) -> None:
    """Make `event` the one a table change belongs to, in the calling task only. faust sends a
    table change to the changelog partition of the current event, which a batch's agent task
    does not have (the stream sets it in the task that drains it). Not the stream's own
    `_set_current_event`: that also sets `Stream.current_event`, which take_batches' buffer
    reads in the drainer."""
    _current_event.set(weakref.ref(event))
