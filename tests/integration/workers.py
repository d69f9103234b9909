"""Running real worker processes and reading topics, for the integration tests."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from pipeline.broker.local import free_port
from pipeline.settings import Settings

WORKER_STOP_TIMEOUT_S = 30.0


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that gives a child process these settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    for name, value in settings.model_dump(exclude_none=True).items():
        env[f"PIPELINE_{name.upper()}"] = str(value)
    return env


@contextmanager
def running_worker(settings: Settings, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A `pipeline worker` process on a free web port; stopped with SIGTERM afterwards."""
    settings = settings.model_copy(update={"web_port": free_port()})
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "worker"],
            env=settings_env(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield worker
        finally:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(WORKER_STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()


async def produce(settings: Settings, records: list[tuple[bytes | None, bytes]]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        max_request_size=settings.max_message_bytes,
        acks="all",
    )
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(settings.topic_raw, key=key, value=value)
    finally:
        await producer.stop()


async def read_topic(
    settings: Settings, topic: str, *, until: int, wait_s: float = 120.0
) -> list[tuple[bytes | None, bytes]]:
    """Read `topic` from the beginning until `until` records arrived or `wait_s` passed."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=None,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=settings.max_message_bytes,
    )
    await consumer.start()
    records: list[tuple[bytes | None, bytes]] = []
    deadline = time.monotonic() + wait_s
    try:
        while len(records) < until and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for batch in batches.values():
                records.extend((r.key, r.value) for r in batch if r.value is not None)
    finally:
        await consumer.stop()
    return records


def read(
    settings: Settings, topic: str, *, until: int, timeout: float = 120.0
) -> list[tuple[bytes | None, bytes]]:
    return asyncio.run(read_topic(settings, topic, until=until, wait_s=timeout))
