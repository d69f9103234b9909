"""Nothing lost: workers killed with SIGKILL, the broker restarted, a SASL-secured broker, an
output topic that stops taking writes.

A test that restarts or freezes the broker (it asks for `private_broker`), or secures it, runs
on a broker of its own; the others share the session's broker, on topics and a group of their
own (starting a broker costs more than most of these tests). Each prints its figures: articles
sent, lost (must be 0), duplicated, recovery time.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from pydantic import SecretStr

from pipeline.broker.local import LocalKafka, free_port
from pipeline.settings import Settings
from pipeline.worker_process import settings_env
from tests.conftest import JARS_HOME
from tests.integration.workers import (
    big_articles,
    delivery_report,
    isolated_settings,
    produce,
    producing,
    read,
    running_worker,
    set_topic_config,
    short_articles,
    uncovered_commits,
)

pytestmark = pytest.mark.integration

ARTICLES = 500
# a killed worker leaves the group after the session timeout; the broker's minimum is 6 s
FAULT_TIMING = {"session_timeout_s": 6.0, "heartbeat_interval_s": 1.0, "batch_size": 16}


def _settings(bootstrap: str, home: Path, **overrides: object) -> Settings:
    return isolated_settings(
        bootstrap,
        home,
        "faults",
        raw_partitions=4,
        output_partitions=4,
        **FAULT_TIMING,
        **overrides,
    )


@pytest.fixture
def private_broker(tmp_path: Path) -> Iterator[LocalKafka]:
    broker = LocalKafka(tmp_path / "kafka", home=JARS_HOME)
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


def broker_for(request: pytest.FixtureRequest) -> str:
    """The bootstrap servers of the test's private broker when it asks for one (to restart or
    freeze it), else of the session's."""
    if "private_broker" in request.fixturenames:
        info = request.getfixturevalue("private_broker").status()
        assert info is not None
        return str(info.bootstrap_servers)
    return str(request.getfixturevalue("kafka_broker").bootstrap_servers)


@pytest.fixture
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings of this test's own, topics and group included (see `broker_for`)."""
    return _settings(broker_for(request), tmp_path)


def _kill(worker: subprocess.Popen[bytes]) -> None:
    worker.kill()  # SIGKILL: no graceful anything
    worker.wait()


def test_worker_killed_mid_stream_loses_nothing(settings: Settings, tmp_path: Path) -> None:
    sent = short_articles("kill", ARTICLES)
    asyncio.run(produce(settings, sent))
    with running_worker(settings, tmp_path / "first.log") as first:
        read(settings, settings.topic_enriched, until=ARTICLES // 5)
        _kill(first)
    killed_at = time.monotonic()
    with running_worker(settings, tmp_path / "second.log"):
        got = read(
            settings, settings.topic_enriched, keys={key for key, _ in sent if key}, wait_s=180
        )
    print(f"recovered all {ARTICLES} in {time.monotonic() - killed_at:.1f} s after the kill")
    lost, _ = delivery_report("kill -9 one worker, restart it", sent, [k for k, _ in got])
    assert lost == 0


def test_broker_restart_mid_stream_loses_nothing(
    private_broker: LocalKafka, settings: Settings, tmp_path: Path
) -> None:
    before, after = short_articles("before", ARTICLES // 2), short_articles("after", ARTICLES // 2)
    with running_worker(settings, tmp_path / "worker.log") as worker:
        asyncio.run(produce(settings, before))
        read(settings, settings.topic_enriched, until=ARTICLES // 10)
        private_broker.stop()
        time.sleep(3)
        restarted = time.monotonic()
        private_broker.start()
        asyncio.run(produce(settings, after))
        got = read(
            settings,
            settings.topic_enriched,
            keys={key for key, _ in before + after if key},
            wait_s=180,
        )
        print(f"all articles through {time.monotonic() - restarted:.1f} s after the restart")
        alive = worker.poll() is None
    lost, _ = delivery_report("broker stopped and restarted", before + after, [k for k, _ in got])
    assert lost == 0
    assert alive, (tmp_path / "worker.log").read_text()[-3000:]


def test_two_workers_one_killed_the_other_takes_over(settings: Settings, tmp_path: Path) -> None:
    sent = short_articles("pair", ARTICLES)
    second_settings = settings.model_copy(update={"web_port": free_port()})
    with (
        running_worker(settings, tmp_path / "a.log") as survivor,
        running_worker(second_settings, tmp_path / "b.log") as victim,
    ):
        asyncio.run(produce(settings, sent))
        read(settings, settings.topic_enriched, until=ARTICLES // 5)
        _kill(victim)
        killed_at = time.monotonic()
        got = read(
            settings, settings.topic_enriched, keys={key for key, _ in sent if key}, wait_s=180
        )
        print(f"survivor finished {time.monotonic() - killed_at:.1f} s after the kill")
        assert survivor.poll() is None
    lost, _ = delivery_report("two workers, one killed", sent, [k for k, _ in got])
    assert lost == 0


def test_sasl_scram_end_to_end_and_a_wrong_password_fails_clearly(tmp_path: Path) -> None:
    broker = LocalKafka(tmp_path / "kafka", home=JARS_HOME, sasl_users={"pipeline": "s3cret-pw"})
    info = broker.start()
    try:
        secured = {
            "security_protocol": "SASL_PLAINTEXT",
            "sasl_mechanism": "SCRAM-SHA-512",
            "sasl_username": "pipeline",
            "sasl_password": SecretStr("s3cret-pw"),
        }
        settings = _settings(info.bootstrap_servers, tmp_path, **secured)
        sent = short_articles("sasl", 20)
        with running_worker(settings, tmp_path / "worker.log"):
            asyncio.run(produce(settings, sent))
            got = read(settings, settings.topic_enriched, keys={k for k, _ in sent if k})
        lost, _ = delivery_report("SASL_PLAINTEXT SCRAM-SHA-512", sent, [k for k, _ in got])
        assert lost == 0
        assert "s3cret-pw" not in (tmp_path / "worker.log").read_text()  # secrets never logged

        wrong = settings.model_copy(update={"sasl_password": SecretStr("wrong-pw")})
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "topics", "list"],
            env=settings_env(wrong),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        took = time.monotonic() - started
        print(f"wrong password: exit {result.returncode} after {took:.1f} s:")
        print(result.stderr.strip()[-400:])
        assert result.returncode != 0
        assert "authentication" in result.stderr.lower()
        assert "Traceback" not in result.stderr
        assert "error: Kafka" in result.stderr
        assert "wrong-pw" not in result.stderr
        assert took < 60
    finally:
        broker.stop()


def test_sigterm_finishes_in_flight_work_and_commits(settings: Settings, tmp_path: Path) -> None:
    """A graceful stop mid-stream: the worker exits 0, and its successor redoes almost nothing."""
    sent = short_articles("term", ARTICLES)
    asyncio.run(produce(settings, sent))
    with running_worker(settings, tmp_path / "first.log") as first:
        read(settings, settings.topic_enriched, until=ARTICLES // 5)
        started = time.monotonic()
        first.send_signal(signal.SIGTERM)
        exit_code = first.wait(60)
        stop_s = time.monotonic() - started
    with running_worker(settings, tmp_path / "second.log"):
        got = read(settings, settings.topic_enriched, keys={k for k, _ in sent if k}, wait_s=180)
    lost, duplicated = delivery_report(
        "SIGTERM mid-stream, then restart", sent, [k for k, _ in got]
    )
    print(f"graceful stop took {stop_s:.1f} s, exit code {exit_code}")
    assert exit_code == 0
    assert lost == 0
    assert duplicated <= settings.batch_size  # at most the batch in flight, not a storm


def test_output_send_that_fails_stops_the_worker_without_committing(
    settings: Settings, tmp_path: Path
) -> None:
    """The enriched topic starts refusing every write mid-stream (message.timestamp.before.max.ms
    of 0: InvalidTimestamp; a one-replica topic cannot be made to refuse with
    min.insync.replicas, which Kafka caps at the replica count). The worker must exit non-zero
    with the failed batch unacked, so its successor, once the fault is cleared, sends what the
    first could not. Before, the batch was acked as the agent crashed: lost articles."""
    settings = settings.model_copy(update={"producer_request_timeout_s": 4.0})
    before = short_articles("writable", ARTICLES // 5)
    during = short_articles("unwritable", ARTICLES // 2)
    sized = {"max.message.bytes": str(settings.max_message_bytes)}
    with running_worker(settings, tmp_path / "first.log") as first:
        asyncio.run(produce(settings, before))
        read(settings, settings.topic_enriched, keys={k for k, _ in before if k})
        unwritable = {**sized, "message.timestamp.before.max.ms": "0"}
        asyncio.run(set_topic_config(settings, settings.topic_enriched, unwritable))
        asyncio.run(produce(settings, during))
        try:
            exit_code: int | None = first.wait(60)
        except subprocess.TimeoutExpired:
            exit_code = None  # still running: it went on past the batch it could not send
        uncovered = uncovered_commits(settings)
    asyncio.run(set_topic_config(settings, settings.topic_enriched, sized))
    with running_worker(settings, tmp_path / "second.log"):
        got = read(settings, settings.topic_enriched, keys={k for k, _ in during if k}, wait_s=90)
    lost, _ = delivery_report(
        "enriched topic unwritable mid-stream, then restart", before + during, [k for k, _ in got]
    )
    print(f"first worker's exit code: {exit_code}; committed past {len(uncovered)} unsent")
    assert uncovered == []
    assert lost == 0
    assert exit_code not in (0, None), (tmp_path / "first.log").read_text()[-3000:]


def test_an_output_too_large_for_its_topic_is_dead_lettered_and_the_rest_flows(
    settings: Settings, tmp_path: Path
) -> None:
    """The enriched topic takes records of 8 KiB at most, far under PIPELINE_MAX_MESSAGE_BYTES,
    so routing lets the big events through and the broker refuses them: each is replaced by an
    `output_too_large` dead letter, and every small article still comes out enriched."""
    small, big = short_articles("small", ARTICLES // 2), big_articles("big", 5)
    sent = small[:100] + big + small[100:]
    tight = {"max.message.bytes": "8192"}
    asyncio.run(set_topic_config(settings, settings.topic_enriched, tight))
    asyncio.run(produce(settings, sent))
    with running_worker(settings, tmp_path / "worker.log") as worker:
        got = read(settings, settings.topic_enriched, keys={k for k, _ in small if k}, wait_s=120)
        letters = read(settings, settings.topic_deadletter, keys={k for k, _ in big if k})
        alive = worker.poll() is None
    lost, _ = delivery_report(
        "enriched events over the topic's max.message.bytes",
        small,
        [k for k, _ in got] + [k for k, _ in letters],
    )
    reasons = Counter(orjson.loads(v)["reason_code"] for _, v in letters)
    print(f"dead letters: {dict(reasons)}")
    assert lost == 0
    assert Counter(k for k, _ in letters) == Counter(k for k, _ in big)
    assert reasons == {"output_too_large": len(big)}
    assert not {k for k, _ in got} & {k for k, _ in big}
    assert alive, (tmp_path / "worker.log").read_text()[-3000:]


def test_broker_frozen_past_the_session_timeout_the_group_recovers(
    private_broker: LocalKafka, settings: Settings, tmp_path: Path
) -> None:
    """SIGSTOP the broker for longer than the session timeout mid-stream, then SIGCONT: the
    group's member has expired on the broker's clock, its commits are refused until it rejoins;
    the worker must rejoin on its own and lose nothing."""
    sent = short_articles("frozen", ARTICLES // 2)
    info = private_broker.status()
    assert info is not None
    with (
        running_worker(settings, tmp_path / "worker.log") as worker,
        producing(settings, sent, every_s=0.03),
    ):
        read(settings, settings.topic_enriched, until=ARTICLES // 10)
        os.killpg(info.pid, signal.SIGSTOP)
        time.sleep(settings.session_timeout_s + 4)
        os.killpg(info.pid, signal.SIGCONT)
        resumed = time.monotonic()
        got = read(settings, settings.topic_enriched, keys={k for k, _ in sent if k}, wait_s=120)
        print(f"all articles through {time.monotonic() - resumed:.1f} s after SIGCONT")
        alive = worker.poll() is None
    lost, _ = delivery_report("broker frozen past the session timeout", sent, [k for k, _ in got])
    assert lost == 0
    assert alive, (tmp_path / "worker.log").read_text()[-3000:]


def test_a_frozen_worker_comes_back_as_a_zombie_and_nothing_is_lost(
    settings: Settings, tmp_path: Path
) -> None:
    """SIGSTOP one of two workers past its session timeout mid-stream: the other takes its
    partitions. SIGCONT it: it finishes the batch it held (outputs the new owner sends too),
    its commit is refused and it rejoins. Nothing lost; the duplicates are reported."""
    sent = short_articles("zombie", ARTICLES)
    second = settings.model_copy(update={"web_port": free_port()})
    with (
        running_worker(settings, tmp_path / "a.log") as survivor,
        running_worker(second, tmp_path / "b.log") as zombie,
        producing(settings, sent, every_s=0.02),
    ):
        read(settings, settings.topic_enriched, until=ARTICLES // 10)
        zombie.send_signal(signal.SIGSTOP)
        time.sleep(settings.session_timeout_s + 4)
        zombie.send_signal(signal.SIGCONT)
        got = read(settings, settings.topic_enriched, keys={k for k, _ in sent if k}, wait_s=120)
        alive = survivor.poll() is None
    lost, _ = delivery_report(
        "a worker frozen past its session timeout, then resumed", sent, [k for k, _ in got]
    )
    assert lost == 0
    assert alive, (tmp_path / "a.log").read_text()[-3000:]


def test_a_send_not_acknowledged_in_time_stops_the_worker_without_committing(
    private_broker: LocalKafka, settings: Settings, tmp_path: Path
) -> None:
    """The broker frozen for longer than PIPELINE_PRODUCER_REQUEST_TIMEOUT_S mid-stream: the
    producer gives up on the sends in flight (retriable errors, retried until the timeout) and
    the agent fails; once the broker answers again the worker exits non-zero without having
    committed them (its stop waits on the broker), and a restarted worker sends them."""
    settings = settings.model_copy(update={"producer_request_timeout_s": 3.0})
    sent = short_articles("timeout", ARTICLES // 2)
    info = private_broker.status()
    assert info is not None
    with (
        running_worker(settings, tmp_path / "first.log") as first,
        producing(settings, sent, every_s=0.03),
    ):
        read(settings, settings.topic_enriched, until=ARTICLES // 10)
        os.killpg(info.pid, signal.SIGSTOP)
        time.sleep(settings.producer_request_timeout_s + 5)
        os.killpg(info.pid, signal.SIGCONT)
        try:
            exit_code: int | None = first.wait(60)
        except subprocess.TimeoutExpired:
            exit_code = None  # still running: it went on past the sends that timed out
    with running_worker(settings, tmp_path / "second.log"):
        got = read(settings, settings.topic_enriched, keys={k for k, _ in sent if k}, wait_s=120)
    lost, _ = delivery_report("sends unacknowledged past the timeout", sent, [k for k, _ in got])
    print(f"first worker's exit code: {exit_code}")
    assert lost == 0
    assert exit_code not in (0, None), (tmp_path / "first.log").read_text()[-3000:]
