"""What the integration tests share: settings of their own, real worker processes, articles,
and reading topics back."""

from __future__ import annotations

import asyncio
import random
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from pipeline.broker.local import free_port
from pipeline.clients import common_options, consumer_options, producer_options, running
from pipeline.settings import Settings
from pipeline.topics import create_topics
from pipeline.worker_process import start_worker, stop_worker, worker_process

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
        "topic_stories_in": f"{unique}.stories.in",
        "topic_assignments": f"{unique}.assignments",
        "topic_stories": f"{unique}.stories",
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


def big_articles(prefix: str, count: int) -> list[tuple[bytes | None, bytes]]:
    """Articles whose enriched event stays some 10 KB after zstd: made-up words compress
    poorly."""
    rng = random.Random(prefix)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(4000)]
    articles: list[tuple[bytes | None, bytes]] = []
    for n in range(count):
        paragraphs = [
            f"Officials in {CITIES[n % 8]} said that {' '.join(rng.choices(words, k=200))}."
            for _ in range(10)
        ]
        body = "\n\n".join(paragraphs)
        articles.append(
            (f"{prefix}-{n}".encode(), orjson.dumps({"id": f"{prefix}-{n}", "body": body}))
        )
    return articles


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


class SupervisedWorker:
    """A worker started again whenever it exits non-zero, as its supervisor does in a deployment
    (`restart: unless-stopped`, systemd): a worker whose send goes unacknowledged past
    producer_request_timeout_s stops by design, its batch unacked. `restarts` counts them."""

    def __init__(self, settings: Settings, log_path: Path) -> None:
        self.settings, self.log_path = settings, log_path
        self.restarts = 0
        self.exit_codes: list[int] = []
        self._stopping = False
        self._lock = threading.Lock()  # no restart while a stop takes the process
        self.process = self._start()
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._watcher.start()

    def _start(self) -> subprocess.Popen[bytes]:
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the handle
            return start_worker(self.settings, log)

    def _watch(self) -> None:
        while True:
            code = self.process.wait()
            with self._lock:
                if self._stopping or code == 0:
                    return
                self.exit_codes.append(code)
                self.restarts += 1
                self.process = self._start()

    def stop(self) -> int:
        """Stop it gracefully for good; its exit code."""
        with self._lock:
            self._stopping = True
        code = stop_worker(self.process)
        self._watcher.join(60)
        return code


@contextmanager
def supervised_worker(settings: Settings, log_path: Path) -> Iterator[SupervisedWorker]:
    """A `SupervisedWorker` for the block, stopped at its end."""
    worker = SupervisedWorker(settings, log_path)
    try:
        yield worker
    finally:
        worker.stop()


async def produce(
    settings: Settings, records: list[tuple[bytes | None, bytes]], *, every_s: float = 0.0
) -> None:
    """Publish `records` to the input topic, one each `every_s` seconds (0: at once)."""
    producer = AIOKafkaProducer(**producer_options(settings))
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(settings.topic_raw, key=key, value=value)
            await asyncio.sleep(every_s)
    finally:
        await producer.stop()


@contextmanager
def producing(
    settings: Settings, records: list[tuple[bytes | None, bytes]], every_s: float
) -> Iterator[threading.Thread]:
    """`produce` at a steady pace in a thread for the block (so a fault lands mid-stream),
    joined at its end."""
    thread = threading.Thread(
        target=asyncio.run, args=(produce(settings, records, every_s=every_s),)
    )
    thread.start()
    try:
        yield thread
    finally:
        thread.join(300)


async def read_topic(
    settings: Settings,
    topic: str,
    *,
    until: int = 0,
    keys: set[bytes] | None = None,
    wait_s: float = 120.0,
    isolation_level: str = "read_uncommitted",
) -> list[tuple[bytes | None, bytes]]:
    """Read `topic` from the beginning until `until` records arrived and every key in `keys`
    was seen, or `wait_s` passed."""
    missing = set(keys or ())
    consumer = AIOKafkaConsumer(
        topic,
        **{**consumer_options(settings), "isolation_level": isolation_level},
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
    isolation_level: str = "read_uncommitted",
) -> list[tuple[bytes | None, bytes]]:
    return asyncio.run(
        read_topic(
            settings, topic, until=until, keys=keys, wait_s=wait_s, isolation_level=isolation_level
        )
    )


async def set_topic_config(settings: Settings, topic: str, config: dict[str, str]) -> None:
    """Give `topic` exactly `config` (AlterConfigs replaces a topic's whole config: pass every
    value it should keep)."""
    async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
        resource = ConfigResource(ConfigResourceType.TOPIC, topic, configs=config)
        responses = await admin.alter_configs([resource])
    for response in responses:
        for code, message, *_ in response.resources:
            assert code == 0, f"altering {topic}'s config: error {code} {message}"


async def _read_to_end(
    settings: Settings, topic: str, partitions: int, isolation_level: str
) -> list[tuple[int, int, bytes | None]]:
    consumer = AIOKafkaConsumer(
        **{**consumer_options(settings), "isolation_level": isolation_level},
        group_id=None,
        auto_offset_reset="earliest",
    )
    async with running(consumer):
        assigned = [TopicPartition(topic, p) for p in range(partitions)]
        consumer.assign(assigned)
        # read_committed: the last stable offset, past which nothing is read yet
        ends = await consumer.end_offsets(assigned)
        records: list[tuple[int, int, bytes | None]] = []
        deadline = time.monotonic() + 60
        while any([await consumer.position(tp) < end for tp, end in ends.items()]):
            assert time.monotonic() < deadline, f"{topic} not read to its end in 60 s"
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend((r.partition, r.offset, r.key) for r in batch)
    return records


def records_at(
    settings: Settings, topic: str, isolation_level: str = "read_uncommitted"
) -> list[tuple[int, int, bytes | None]]:
    """(partition, offset, key) of every record in `topic` (one of the settings') now; with
    read_committed, those of committed transactions (and of no transaction) only."""
    partitions = (
        settings.raw_partitions if topic == settings.topic_raw else settings.output_partitions
    )
    return asyncio.run(_read_to_end(settings, topic, partitions, isolation_level))


async def _committed(settings: Settings) -> dict[int, int]:
    async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
        offsets = await admin.list_consumer_group_offsets(settings.app_id)
    return {
        tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == settings.topic_raw
    }


async def _group_state(settings: Settings) -> tuple[str, int]:
    async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
        (response,) = await admin.describe_consumer_groups([settings.app_id])
    _, _, state, _, _, members, *_ = response.groups[0]
    return str(state), len(members)


def wait_for_group(settings: Settings, members: int, wait_s: float = 180.0) -> None:
    """Until the workers' group is stable with `members` members: a worker that joins or
    leaves takes seconds to start or stop, and a test of scaling must not outrun it."""
    deadline = time.monotonic() + wait_s
    state, count = asyncio.run(_group_state(settings))
    while (state, count) != ("Stable", members) and time.monotonic() < deadline:
        time.sleep(0.5)
        state, count = asyncio.run(_group_state(settings))
    assert (state, count) == ("Stable", members), (
        f"group {settings.app_id}: {state} with {count} members after {wait_s:.0f} s, "
        f"not Stable with {members}"
    )


# Worker log lines that tell why a stream stalled or lost records: its errors and warnings,
# faust's rebalances (partitions assigned and revoked), and its start and stop.
WORKER_LOG_MARKS = (
    "ERROR",
    "WARN",
    "Traceback",
    "Error",
    "assigned",
    "revoked",
    "rebalanc",
    "Stopping",
    "Starting",
    "Ready",
)


def worker_log_story(logs: list[Path], last: int = 25) -> str:
    """Each worker log's last `last` lines that carry a mark above: what a failure needs."""
    out = []
    for log in logs:
        try:
            lines = log.read_text(errors="replace").splitlines()
        except OSError:
            out.append(f"{log.name}: no log")
            continue
        marked = [line[:300] for line in lines if any(m in line for m in WORKER_LOG_MARKS)]
        out.append(f"{log.name}: {len(lines)} lines, last marked:")
        out.extend(f"    {line}" for line in marked[-last:])
    return "\n".join(out)


def group_progress(settings: Settings) -> str:
    """The group's committed offset against each input partition's end: a stall leaves the
    commits behind the ends, a loss commits past records whose outputs are missing."""
    committed = asyncio.run(_committed(settings))
    ends: dict[int, int] = {}
    for partition, offset, _ in records_at(settings, settings.topic_raw):
        ends[partition] = max(ends.get(partition, 0), offset + 1)
    return "; ".join(
        f"p{p} committed {committed.get(p, 'none')} of {end}" for p, end in sorted(ends.items())
    )


def uncovered_commits(settings: Settings) -> list[bytes | None]:
    """Keys of input records the group committed past whose enriched event is not in the
    enriched topic: what a crash now would lose."""
    committed = asyncio.run(_committed(settings))
    enriched = {key for _, _, key in records_at(settings, settings.topic_enriched)}
    return [
        key
        for partition, offset, key in records_at(settings, settings.topic_raw)
        if offset < committed.get(partition, 0) and key not in enriched
    ]
