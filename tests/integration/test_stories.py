"""Stories through Kafka: the seed and edited copies of it from other outlets become one story,
unrelated pages go elsewhere, and the story agent's state survives `kill -9`.

The whole pipeline runs in a real worker (enrich, the repartition into `articles.stories.in`,
the story agent and its tables' changelogs) on the session's broker, on topics and a group of this
test's own (neither test touches the broker itself).
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from pipeline.broker.local import BrokerInfo
from pipeline.clients import common_options, producer_options, running
from pipeline.lag import LagProbe
from pipeline.models import StoryAssignment, StoryState
from pipeline.settings import Settings
from tests.integration.workers import isolated_settings, produce, read, running_worker
from tests.story_copies import first_copies, later_copies, original, unrelated

pytestmark = pytest.mark.integration


@pytest.fixture
def settings(kafka_broker: BrokerInfo, tmp_path: Path) -> Settings:
    return isolated_settings(
        kafka_broker.bootstrap_servers,
        tmp_path,
        "stories",
        stories_enabled=True,
        # a killed worker leaves the group after the session timeout; the broker's least
        session_timeout_s=6.0,
        heartbeat_interval_s=1.0,
    )


def _assignments(settings: Settings, keys: set[str]) -> list[StoryAssignment]:
    records = read(settings, settings.topic_assignments, keys={k.encode() for k in keys})
    return [StoryAssignment.model_validate_json(value) for _, value in records]


def _latest_state(settings: Settings, story_id: str, *, size: int) -> StoryState:
    """The story's last state on the compacted topic, read again until it has `size` articles
    (its records may arrive in more than one fetch) or 30 s passed."""
    deadline = time.monotonic() + 30
    while True:
        records = read(settings, settings.topic_stories, keys={story_id.encode()}, wait_s=10)
        states = [StoryState.model_validate_json(v) for k, v in records if k == story_id.encode()]
        if states[-1].size >= size or time.monotonic() > deadline:
            return states[-1]
        time.sleep(0.5)


def _why_missing(settings: Settings, logs: Path, missing: set[str]) -> str:
    """What to look at when articles never got an assignment: their dead letters, the logs."""
    letters = read(settings, settings.topic_deadletter, wait_s=5)
    tails = [
        f"{log.name}:\n{log.read_text(errors='replace')[-3000:]}"
        for log in sorted(logs.glob("*.log"))
    ]
    return "\n".join([f"never assigned: {sorted(missing)}", *(str(v) for _, v in letters), *tails])


async def _uncommitted(settings: Settings) -> int:
    """Records of the group's input topics (raw, enriched, stories.in) past its commits."""
    topics = (settings.topic_raw, settings.topic_enriched, settings.topic_stories_in)
    left = 0
    async with running(LagProbe(common_options(settings))) as probe:
        for topic in topics:
            offsets = await probe.offsets(settings.app_id, topic)
            left += sum(end - (offsets.committed[p] or 0) for p, end in offsets.end.items())
    return left


def _wait_committed(settings: Settings, wait_s: float = 30.0) -> None:
    deadline = time.monotonic() + wait_s
    while (left := asyncio.run(_uncommitted(settings))) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert left == 0, f"{left} records never committed"


def _kill(worker: subprocess.Popen[bytes]) -> None:
    worker.kill()  # SIGKILL: no flush, no commit, no goodbye
    worker.wait()


def test_copies_make_one_story_and_it_survives_a_kill(settings: Settings, tmp_path: Path) -> None:
    seed, copies, others, later = original(), first_copies(), unrelated(5), later_copies()
    started = time.monotonic()
    with running_worker(settings, tmp_path / "first.log") as first:
        asyncio.run(produce(settings, [(seed[0].encode(), seed[1])]))
        _assignments(settings, {seed[0]})  # the original is first in the stream
        rest = copies + others
        asyncio.run(produce(settings, [(name.encode(), value) for name, value in rest]))
        _assignments(settings, {name for name, _ in [seed, *rest]})
        # committed up to here: nothing is read again after the kill, so the later copies
        # can find their story only in the state the tables kept
        _wait_committed(settings)
        _kill(first)
    killed_at = time.monotonic()
    with running_worker(settings, tmp_path / "second.log"):
        asyncio.run(produce(settings, [(name.encode(), value) for name, value in later]))
        got = _assignments(settings, {name for name, _ in later})
    recovered_s = time.monotonic() - killed_at

    by_article: dict[str, set[tuple[str, str | None]]] = {}
    for assignment in got:
        by_article.setdefault(assignment.id, set()).add(
            (assignment.story_id, assignment.duplicate_of)
        )
    print(
        f"\n{len(got)} assignment records for {len(by_article)} articles; the later copies "
        f"assigned {recovered_s:.1f} s after the kill, {time.monotonic() - started:.1f} s in all"
    )
    # one answer per article (a redelivered one would get the same again), and the articles
    # before the kill were not read again
    assert all(len(answers) == 1 for answers in by_article.values()), by_article
    assert len(got) == len(by_article)
    missing = {name for name, _ in [seed, *copies, *others, *later]} - by_article.keys()
    assert not missing, _why_missing(settings, tmp_path, missing)
    answer = {article: next(iter(answers)) for article, answers in by_article.items()}
    story_id, original_duplicate = answer[seed[0]]
    assert original_duplicate is None
    for name, _ in copies + later:  # the later two: the engine's state survived the kill
        assert answer[name] == (story_id, seed[0]), name
    for name, _ in others:
        assert answer[name][0] != story_id, name
        assert answer[name][1] is None, name

    latest = _latest_state(settings, story_id, size=6)
    assert (latest.size, latest.duplicates) == (6, 5)
    assert len(latest.sources) == 6


async def _write_enriched(settings: Settings, value: bytes, *, committed: bool) -> None:
    """`value` into partition 0 of `articles.enriched`, in a transaction committed or aborted,
    as an exactly_once enrich worker writes it."""
    producer = AIOKafkaProducer(
        **producer_options(settings), transactional_id=f"{settings.app_id}-test-{committed}"
    )
    await producer.start()
    try:
        await producer.begin_transaction()
        key = orjson.loads(value)["id"].encode()
        await producer.send_and_wait(settings.topic_enriched, value, key=key, partition=0)
        await (producer.commit_transaction() if committed else producer.abort_transaction())
    finally:
        await producer.stop()


def test_the_story_agents_never_read_aborted_outputs(settings: Settings, tmp_path: Path) -> None:
    """An exactly_once enrich worker's aborted transaction leaves its outputs in the log; no
    read_committed reader sees them, and neither may the story agents (faust reads
    read_uncommitted on its own)."""
    seed = original()
    with running_worker(settings, tmp_path / "worker.log"):
        asyncio.run(produce(settings, [(seed[0].encode(), seed[1])]))
        _assignments(settings, {seed[0]})
        enriched = read(settings, settings.topic_enriched, keys={seed[0].encode()})
        event = orjson.loads(enriched[0][1])
        for name, committed in (("aborted", False), ("committed", True)):
            asyncio.run(
                _write_enriched(
                    settings,
                    orjson.dumps({**event, "id": name, "url": f"https://{name}.example/a"}),
                    committed=committed,
                )
            )
        # both went to partition 0, the aborted one first: once the committed one is assigned,
        # the agents have passed the other
        _assignments(settings, {"committed"})
    # a third record, the aborted article's, is waited for: 5 s after the committed one
    forwarded = read(settings, settings.topic_stories_in, until=3, wait_s=5)
    assigned = read(settings, settings.topic_assignments, until=3, wait_s=5)
    assert {key for key, _ in forwarded} == {b"seed", b"committed"}
    assert {key for key, _ in assigned} == {b"seed", b"committed"}
