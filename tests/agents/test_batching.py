"""`take_batches` without a broker: what it acks, fed by faust's `test_context()`."""

from __future__ import annotations

import asyncio
from typing import Any

import faust
from faust.types import EventT

from pipeline.agents.batching import BatchingStream


async def acked_after_the_generator_closes() -> tuple[list[bool], list[bool]]:
    """Two events in, the agent takes one batch and closes the generator without asking for
    the next (as faust does on stop after an error); three more events come. Which are acked?"""
    app = faust.App("batching-test", broker="kafka://unused:9092", Stream=BatchingStream)
    taken: list[EventT[Any]] = []
    closed = asyncio.Event()

    @app.agent(app.topic("batching-test", key_serializer="raw", value_serializer="raw"))
    async def agent(stream: faust.StreamT[bytes]) -> None:
        assert isinstance(stream, BatchingStream)
        batches = stream.take_batches(2, 0.05)
        async for batch in batches:
            taken.extend(batch)
            await batches.aclose()  # the batch was not handled: it must stay unacked
            closed.set()
            break
        await asyncio.Event().wait()  # the stream runs on, as it does while stopping

    async with agent.test_context() as tested:
        first = [await tested.put(b"x", key=f"k{n}".encode(), wait=False) for n in range(2)]
        async with asyncio.timeout(30):
            await closed.wait()
        later = [await tested.put(b"x", key=f"k{n}".encode(), wait=False) for n in range(2, 5)]
        await asyncio.sleep(0.3)  # the stream drains them in the background
        acked = [e.message.acked for e in first], [e.message.acked for e in later]
    # Acking made the app build its Kafka consumer, never started here: close its thread's loop
    app.consumer._thread.thread_loop.close()  # type: ignore[attr-defined]
    return acked


def test_nothing_is_acked_after_the_batch_generator_is_closed() -> None:
    """faust commits the first run of acked offsets even past a gap, so one stray ack of a
    later event would commit past the batch that was never handled."""
    first, later = asyncio.run(acked_after_the_generator_closes())
    assert first == [False, False]
    assert later == [False, False, False]
