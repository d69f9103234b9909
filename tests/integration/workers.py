"""What the integration tests share: settings of their own, real worker processes, articles,
and reading topics back."""

from __future__ import annotations

import asyncio
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from pipeline.broker.local import free_port
from pipeline.clients import common_options, consumer_options, producer_options, running
from pipeline.settings import Settings
from pipeline.topics import create_topics
from pipeline.worker_process import worker_process

SHORT_STORY = "Officials in {city} said on Monday that talks on trade will resume in {n} days."
CITIES = ["Nairobi", "Lima", "Oslo", "Hanoi", "Accra", "Quito", "Riga", "Tunis"]


def isolated_settings(bootstrap: str, home: Path, name: str, **overrides: Any) -> Settings:
    """Settings on `bootstrap` with topics, a group and a web port of their own (so tests never
    interfere), the topics created."""
    unique = f"{name}-{uuid.uuid4().hex[:8]}"
    values: dict[str, Any] = {
        "kafka_bootstrap_servers": bootstrap,
        "home": home,
        "topic_raw": f"{unique}.raw",
        "topic_enriched": f"{unique}.enriched",
        "topic_sidebar": f"{unique}.sidebar",
        "topic_deadletter": f"{unique}.deadletter",
        "topic_stats": f"{unique}.stats",
        "raw_partitions": 3,
        "output_partitions": 3,
        "app_id": unique,
        "batch_timeout_s": 0.1,
        "web_port": free_port(),
        **overrides,
    }
    settings = Settings(**values)
    asyncio.run(create_topics(settings))
    return settings


def short_articles(prefix: str, count: int) -> list[tuple[bytes | None, bytes]]:
    """(key, RawArticle JSON) pairs of short stories: fault tests care about the kill, not NER."""
    return [
        (
            f"{prefix}-{n}".encode(),
            orjson.dumps(
                {"id": f"{prefix}-{n}", "body": SHORT_STORY.format(city=CITIES[n % 8], n=n)}
            ),
        )
        for n in range(count)
    ]


def delivery_report(
    name: str, sent: list[tuple[bytes | None, bytes]], received_keys: list[bytes | None]
) -> tuple[int, int]:
    """Print and return (lost, duplicated) of what came out for what went in."""
    counts = Counter(received_keys)
    lost = sum(1 for key, _ in sent if counts[key] == 0)
    duplicated = sum(count - 1 for count in counts.values() if count > 1)
    print(f"\n{name}: sent {len(sent)}, lost {lost}, duplicated {duplicated}")
    return lost, duplicated


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


async def set_topic_config(settings: Settings, topic: str, config: dict[str, str]) -> None:
    """Give `topic` exactly `config` (AlterConfigs replaces a topic's whole config: pass every
    value it should keep)."""
    async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
        resource = ConfigResource(ConfigResourceType.TOPIC, topic, configs=config)
        responses = await admin.alter_configs([resource])
    for response in responses:
        for code, message, *_ in response.resources:
            assert code == 0, f"altering {topic}'s config: error {code} {message}"
