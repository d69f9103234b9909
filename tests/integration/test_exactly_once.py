"""Exactly-once (PIPELINE_PROCESSING_GUARANTEE=exactly_once): the faults of test_delivery.py,
read back by a read_committed consumer, which must see every article once: lost 0 and
duplicated 0. Each test also reads with read_uncommitted and prints how many records it sees
from aborted transactions (the batches a fault cut short, redone by the next owner).

Each test runs on the broker test_delivery.py's would (`broker_for`): its own when it restarts
the broker, else the session's, on topics and a group of its own.
"""

from __future__ import annotations

import ast
import asyncio
import json
import signal
import time
import urllib.request
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest
from aiokafka import TopicPartition

from pipeline.broker.local import BrokerInfo, LocalKafka, free_port
from pipeline.models import SourceRecord
from pipeline.routing import Outgoing, Received
from pipeline.settings import Settings
from pipeline.transactions import (
    NewProducer,
    PartitionTransactions,
    ReadCommitted,
    TransactionalProducer,
    committed_reader,
    transactional_producer,
)
from pipeline.worker_process import stop_worker
from tests.integration.test_agents import kcat_lines
from tests.integration.test_delivery import _settings, broker_for, private_broker
from tests.integration.workers import (
    big_articles,
    delivery_report,
    isolated_settings,
    produce,
    producing,
    read,
    records_at,
    running_worker,
    set_topic_config,
    short_articles,
)

pytestmark = pytest.mark.integration

__all__ = ["private_broker"]  # the fixture, shared with test_delivery.py

ARTICLES = 300
COMMITTED = "read_committed"


@pytest.fixture
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return _settings(broker_for(request), tmp_path, processing_guarantee="exactly_once")


def exactly_once_report(
    name: str, settings: Settings, sent: list[tuple[bytes | None, bytes]]
) -> tuple[int, int]:
    """Read the enriched topic to its end both ways; print, and return (lost, duplicated) as
    a read_committed consumer sees them."""
    committed = records_at(settings, settings.topic_enriched, COMMITTED)
    everything = records_at(settings, settings.topic_enriched)
    lost, duplicated = delivery_report(f"{name} (read_committed)", sent, [k for *_, k in committed])
    print(
        f"read_uncommitted sees {len(everything)} enriched records, "
        f"{len(everything) - len(committed)} of them from aborted transactions"
    )
    return lost, duplicated


def wait_for_line(log: Path, text: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while text not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"no {text!r} in {log} after {timeout_s} s"
        time.sleep(0.2)


def test_exactly_once_worker_killed_mid_stream(settings: Settings, tmp_path: Path) -> None:
    sent = short_articles("eos-kill", ARTICLES)
    asyncio.run(produce(settings, sent))
    with running_worker(settings, tmp_path / "first.log") as first:
        read(settings, settings.topic_enriched, until=ARTICLES // 5, isolation_level=COMMITTED)
        first.kill()  # SIGKILL, most likely with a transaction open
        first.wait()
    killed_at = time.monotonic()
    with running_worker(settings, tmp_path / "second.log"):
        keys = {k for k, _ in sent if k}
        read(settings, settings.topic_enriched, keys=keys, wait_s=90, isolation_level=COMMITTED)
        print(f"all through {time.monotonic() - killed_at:.1f} s after the kill")
        counted = dashboard_count(settings, ARTICLES)
    lost, duplicated = exactly_once_report("exactly_once, kill -9, restart", settings, sent)
    print(f"the dashboard counts {counted} articles")
    assert (lost, duplicated) == (0, 0)
    assert counted == ARTICLES  # its stats task reads committed outputs only


def dashboard_count(settings: Settings, expected: int, timeout_s: float = 90.0) -> int:
    """The articles the worker's dashboard counts over the last hour, once it reaches
    `expected` (or the timeout passes), one more stats interval later. The wait is the
    output read's: on a loaded machine the stats task lagged 30 s behind the outputs."""
    url = f"http://127.0.0.1:{settings.web_port}/dashboard/api/summary"

    def count() -> int:
        with urllib.request.urlopen(url, timeout=10) as response:
            summary = json.loads(response.read())
        return int(summary["top"]["60m"]["articles"][0][1])

    deadline = time.monotonic() + timeout_s
    while count() < expected and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(settings.stats_interval_s * 2)
    return count()


def test_exactly_once_sigterm_mid_stream(settings: Settings, tmp_path: Path) -> None:
    sent = short_articles("eos-term", ARTICLES)
    asyncio.run(produce(settings, sent))
    with running_worker(settings, tmp_path / "first.log") as first:
        read(settings, settings.topic_enriched, until=ARTICLES // 5, isolation_level=COMMITTED)
        first.send_signal(signal.SIGTERM)
        exit_code = first.wait(60)
    with running_worker(settings, tmp_path / "second.log"):
        keys = {k for k, _ in sent if k}
        read(settings, settings.topic_enriched, keys=keys, wait_s=90, isolation_level=COMMITTED)
    lost, duplicated = exactly_once_report("exactly_once, SIGTERM, restart", settings, sent)
    print(f"first worker's exit code: {exit_code}")
    assert exit_code == 0, (tmp_path / "first.log").read_text()[-3000:]
    assert (lost, duplicated) == (0, 0)


def test_exactly_once_broker_restarted_mid_stream(
    private_broker: LocalKafka, settings: Settings, tmp_path: Path
) -> None:
    before = short_articles("eos-before", ARTICLES // 2)
    after = short_articles("eos-after", ARTICLES // 2)
    with running_worker(settings, tmp_path / "worker.log") as worker:
        asyncio.run(produce(settings, before))
        read(settings, settings.topic_enriched, until=ARTICLES // 10, isolation_level=COMMITTED)
        private_broker.stop()
        time.sleep(3)
        restarted = time.monotonic()
        private_broker.start()
        asyncio.run(produce(settings, after))
        keys = {k for k, _ in before + after if k}
        read(settings, settings.topic_enriched, keys=keys, wait_s=90, isolation_level=COMMITTED)
        print(f"all through {time.monotonic() - restarted:.1f} s after the restart")
        alive = worker.poll() is None
    lost, duplicated = exactly_once_report(
        "exactly_once, broker restarted", settings, before + after
    )
    assert (lost, duplicated) == (0, 0)
    assert alive, (tmp_path / "worker.log").read_text()[-3000:]


def test_exactly_once_scale_one_to_two_and_back(settings: Settings, tmp_path: Path) -> None:
    """A second worker joins mid-stream and takes partitions (fencing the first one's
    producers for them), then leaves with SIGTERM and the first takes them back."""
    sent = short_articles("eos-scale", ARTICLES)
    alone, shared = sent[: ARTICLES // 3], sent[ARTICLES // 3 :]
    second = settings.model_copy(update={"web_port": free_port()})
    with running_worker(settings, tmp_path / "a.log") as first:
        with producing(settings, alone, every_s=0.02):
            read(settings, settings.topic_enriched, until=ARTICLES // 10, isolation_level=COMMITTED)
        with running_worker(second, tmp_path / "b.log") as joined:
            wait_for_line(tmp_path / "b.log", "exactly_once: own")
            # the rest arrives while both work, and the second leaves halfway through it
            with producing(settings, shared, every_s=0.04):
                half = len(alone) + len(shared) // 2
                read(settings, settings.topic_enriched, until=half, isolation_level=COMMITTED)
                left_code = stop_worker(joined)
        keys = {k for k, _ in sent if k}
        read(settings, settings.topic_enriched, keys=keys, wait_s=90, isolation_level=COMMITTED)
        alive = first.poll() is None
    lost, duplicated = exactly_once_report("exactly_once, scale 1 -> 2 -> 1", settings, sent)
    (took,) = owned_from(tmp_path / "b.log")
    handed_back = owned_from(tmp_path / "a.log")[-1]
    done_by_second = sum(handed_back[p] - offset for p, offset in took.items())
    print(f"the second worker took {took}, committed {done_by_second} records, exit {left_code}")
    assert (lost, duplicated) == (0, 0)
    assert done_by_second > 0  # it did take a share of the work
    assert left_code == 0
    assert alive, (tmp_path / "a.log").read_text()[-3000:]


def owned_from(log: Path) -> list[dict[int, int]]:
    """The offsets a worker took its partitions from, each time it was assigned some (its
    `exactly_once: own ... from offsets {...}` lines)."""
    marker = " from offsets "
    return [
        ast.literal_eval(line.split(marker, 1)[1].strip())
        for line in log.read_text(errors="replace").splitlines()
        if "exactly_once: own" in line and marker in line
    ]


def test_exactly_once_a_frozen_worker_comes_back_fenced(settings: Settings, tmp_path: Path) -> None:
    """SIGSTOP one of two workers past its session timeout mid-stream, most likely inside a
    transaction: the other takes its partitions, fencing its producers first. SIGCONT: the
    zombie's transaction fails (its outputs aborted) and it gives the partitions up."""
    sent = short_articles("eos-zombie", ARTICLES)
    second = settings.model_copy(update={"web_port": free_port()})
    with (
        running_worker(settings, tmp_path / "a.log") as survivor,
        running_worker(second, tmp_path / "b.log") as zombie,
    ):
        wait_for_line(tmp_path / "a.log", "exactly_once: own")
        wait_for_line(tmp_path / "b.log", "exactly_once: own")
        with producing(settings, sent, every_s=0.02):
            read(settings, settings.topic_enriched, until=ARTICLES // 5, isolation_level=COMMITTED)
            zombie.send_signal(signal.SIGSTOP)
            time.sleep(settings.session_timeout_s + 4)
            zombie.send_signal(signal.SIGCONT)
        keys = {k for k, _ in sent if k}
        read(settings, settings.topic_enriched, keys=keys, wait_s=90, isolation_level=COMMITTED)
        alive = survivor.poll() is None
    lost, duplicated = exactly_once_report(
        "exactly_once, a worker frozen, then resumed", settings, sent
    )
    fenced = (tmp_path / "b.log").read_text(errors="replace").count("fenced by a newer owner")
    print(f"transactions the zombie found fenced: {fenced}")
    assert (lost, duplicated) == (0, 0)
    assert alive, (tmp_path / "a.log").read_text()[-3000:]


def test_exactly_once_an_output_too_large_aborts_and_is_redone_with_its_dead_letter(
    settings: Settings, tmp_path: Path
) -> None:
    """The enriched topic takes 8 KiB records at most: a transaction holding a big article's
    event is aborted (a read_uncommitted consumer may still see the small events it held) and
    redone with an output_too_large dead letter in its place."""
    small, big = short_articles("small", ARTICLES // 2), big_articles("big", 5)
    sent = small[:100] + big + small[100:]
    asyncio.run(set_topic_config(settings, settings.topic_enriched, {"max.message.bytes": "8192"}))
    asyncio.run(produce(settings, sent))
    with running_worker(settings, tmp_path / "worker.log") as worker:
        keys = {k for k, _ in small if k}
        read(settings, settings.topic_enriched, keys=keys, wait_s=90, isolation_level=COMMITTED)
        big_keys = {k for k, _ in big if k}
        read(settings, settings.topic_deadletter, keys=big_keys, isolation_level=COMMITTED)
        alive = worker.poll() is None
    lost, duplicated = exactly_once_report("exactly_once, outputs too large", settings, small)
    letters = records_at(settings, settings.topic_deadletter, COMMITTED)
    # the README's kcat line; librdkafka reads committed by default, Java clients do not
    by_kcat = kcat_lines(
        settings, settings.topic_enriched, "%k\n", "-X", "isolation.level=read_committed"
    )
    uncommitted = kcat_lines(
        settings, settings.topic_enriched, "%k\n", "-X", "isolation.level=read_uncommitted"
    )
    print(f"kcat read_committed: {len(by_kcat)} records, read_uncommitted: {len(uncommitted)}")
    assert Counter(by_kcat) == Counter(k.decode() for k, _ in small if k)
    assert (lost, duplicated) == (0, 0)
    assert Counter(k for *_, k in letters) == Counter(big_keys)  # each big one dead-lettered once
    assert alive, (tmp_path / "worker.log").read_text()[-3000:]


def test_the_new_owner_fences_before_it_reads_the_offset_so_the_zombie_cannot_commit(
    kafka_broker: BrokerInfo, tmp_path: Path
) -> None:
    """Deterministic, no worker processes. The old owner of partition 0 has sent a batch's
    outputs and offsets and is about to commit when the new owner takes the partition; the
    old owner's commit is let go just after the new owner read the committed offset, and the
    read returns once that commit has ended. Fencing first, the commit fails (the fence aborted
    that transaction) and the new owner commits the batch: each output once for read_committed,
    the aborted copies for read_uncommitted only. Reading first (the order faust's own seek
    has), the old owner's commit would land after the read and the batch would come out twice."""
    settings = isolated_settings(
        kafka_broker.bootstrap_servers, tmp_path, "fence", processing_guarantee="exactly_once"
    )
    raw = settings.topic_raw
    batch = [
        (
            Received(b"{}", f"a{n}".encode(), SourceRecord(topic=raw, partition=0, offset=n)),
            [Outgoing(settings.topic_enriched, f"a{n}".encode(), b"{}", (), "enriched")],
        )
        for n in range(5)
    ]

    async def no_seek(tp: TopicPartition, offset: int) -> None:
        pass

    def owner(new_producer: NewProducer, read_committed: ReadCommitted) -> PartitionTransactions:
        return PartitionTransactions(
            topic=raw,
            group_id=settings.app_id,
            app_id=settings.app_id,
            new_producer=new_producer,
            read_committed=read_committed,
            seek=no_seek,
        )

    async def run() -> tuple[int, int, dict[int, int]]:
        about_to_commit, go_on = asyncio.Event(), asyncio.Event()
        zombie_done = asyncio.Event()
        plain = transactional_producer(settings)
        read = committed_reader(settings, settings.app_id)

        def paused(tid: str) -> TransactionalProducer:
            producer = plain(tid)
            commit = producer.commit_transaction

            async def commit_later() -> None:
                about_to_commit.set()
                await go_on.wait()
                await commit()

            producer.commit_transaction = commit_later  # type: ignore[method-assign]
            return producer

        async def read_then_let_the_zombie_commit(
            partitions: list[TopicPartition],
        ) -> Mapping[TopicPartition, int | None]:
            offsets = await read(partitions)
            go_on.set()
            await zombie_done.wait()
            return offsets

        old = owner(paused, read)
        new = owner(plain, read_then_let_the_zombie_commit)
        await old.on_assigned([0])
        zombie = asyncio.create_task(old.commit(batch, lambda r, o: o))
        zombie.add_done_callback(lambda _: zombie_done.set())
        await about_to_commit.wait()
        await new.on_assigned([0])
        left_by_zombie = await zombie
        left_by_new = await new.commit(batch, lambda r, o: o)
        owned_after = dict(new.owned)
        await old.close()
        await new.close()
        return left_by_zombie, left_by_new, owned_after

    left_by_zombie, left_by_new, owned_after = asyncio.run(run())
    committed = [k for *_, k in records_at(settings, settings.topic_enriched, COMMITTED)]
    everything = records_at(settings, settings.topic_enriched)
    print(f"zombie left {left_by_zombie}, read_uncommitted sees {len(everything)} records")
    assert left_by_zombie == len(batch)  # fenced: nothing of it committed
    assert left_by_new == 0
    assert owned_after == {0: len(batch)}
    assert Counter(committed) == Counter(r.key for r, _ in batch)
    assert len(everything) == 2 * len(batch)  # the zombie's copies, aborted
