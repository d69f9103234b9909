"""Running real worker processes and reading topics, for the integration tests."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from pipeline.clients import consumer_options, producer_options
from pipeline.settings import Settings
from pipeline.worker_process import worker_process


@contextmanager
def running_worker(settings: Settings, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A worker, its output in `log_path` (give each worker its own `web_port`)."""
    with log_path.open("wb") as log, worker_process(settings, log) as worker:
        yield worker


async def produce(settings: Settings, records: list[tuple[bytes | None, bytes]]) -> None:
    producer = AIOKafkaProducer(**producer_options(settings))
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(settings.topic_raw, key=key, value=value)
    finally:
        await producer.stop()


async def read_topic(
    settings: Settings,
    topic: str,
    *,
    until: int = 0,
    keys: set[bytes] | None = None,
    wait_s: float = 120.0,
) -> list[tuple[bytes | None, bytes]]:
    """Read `topic` from the beginning until `until` records arrived and every key in `keys`
    was seen, or `wait_s` passed."""
    missing = set(keys or ())
    consumer = AIOKafkaConsumer(
        topic,
        **consumer_options(settings),
        group_id=None,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    records: list[tuple[bytes | None, bytes]] = []
    deadline = time.monotonic() + wait_s
    try:
        while (len(records) < until or missing) and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for batch in batches.values():
                records.extend((r.key, r.value) for r in batch if r.value is not None)
                missing.difference_update(r.key for r in batch if r.key is not None)
    finally:
        await consumer.stop()
    return records


def read(
    settings: Settings,
    topic: str,
    *,
    until: int = 0,
    keys: set[bytes] | None = None,
    wait_s: float = 120.0,
) -> list[tuple[bytes | None, bytes]]:
    return asyncio.run(read_topic(settings, topic, until=until, keys=keys, wait_s=wait_s))
