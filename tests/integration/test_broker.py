"""The local broker is a real Apache Kafka: an admin client creates a topic, aiokafka
produces to it and consumes the records back."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from pipeline.broker.local import KAFKA_VERSION, BrokerInfo, LocalKafka, accepts_clients, pid_alive
from pipeline.clients import running
from tests.conftest import JARS_HOME

pytestmark = pytest.mark.integration


def test_produce_and_consume_through_the_real_broker(kafka_broker: BrokerInfo, unique: str) -> None:
    topic = f"roundtrip-{unique}"
    sent = [(f"key-{i}".encode(), f"value-{i}".encode()) for i in range(50)]

    async def roundtrip() -> list[tuple[bytes | None, bytes | None]]:
        servers = kafka_broker.bootstrap_servers
        async with running(AIOKafkaAdminClient(bootstrap_servers=servers)) as admin:
            await admin.create_topics([NewTopic(topic, 3, 1)])
            async with asyncio.timeout(30):  # metadata reaches the broker's cache shortly after
                while topic not in await admin.list_topics():  # noqa: ASYNC110 (polling a broker)
                    await asyncio.sleep(0.1)
        async with running(AIOKafkaProducer(bootstrap_servers=servers, acks="all")) as producer:
            for key, value in sent:
                await producer.send_and_wait(topic, key=key, value=value)
        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=kafka_broker.bootstrap_servers,
            group_id=f"group-{unique}",
            auto_offset_reset="earliest",
        )
        received: list[tuple[bytes | None, bytes | None]] = []
        async with running(consumer), asyncio.timeout(60):
            while len(received) < len(sent):
                batches = await consumer.getmany(timeout_ms=1000)
                for records in batches.values():
                    received.extend((r.key, r.value) for r in records)
        return received

    received = asyncio.run(roundtrip())
    assert sorted(received) == sorted(sent)  # every record, once (order holds per partition)


def test_broker_answers_the_kafka_protocol(kafka_broker: BrokerInfo) -> None:
    assert kafka_broker.version == KAFKA_VERSION
    assert kafka_broker.bootstrap_servers.startswith("127.0.0.1:")
    assert accepts_clients(kafka_broker.bootstrap_servers)


def test_cli_start_status_stop_leaves_no_process(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`pipeline kafka start|status|stop` on a private home folder."""
    home = tmp_path_factory.mktemp("cli-home")
    # the jars are shared with the session's cache so this test fetches nothing
    (home / "kafka").symlink_to(JARS_HOME / "kafka")
    env = {"PIPELINE_HOME": str(home), "PATH": _path()}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pipeline", "kafka", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    started = cli("start")
    assert started.returncode == 0, started.stderr
    assert "started on 127.0.0.1:" in started.stdout
    status = cli("status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert ": ready" in status.stdout
    broker = LocalKafka(home / "broker", home=home)
    info = broker.status()
    assert info is not None
    stopped = cli("stop")
    assert stopped.returncode == 0
    assert "stopped" in stopped.stdout
    assert not pid_alive(info.pid)
    assert not accepts_clients(info.bootstrap_servers, timeout=0.5)
    after = cli("status")
    assert after.returncode == 1
    assert "no local broker running" in after.stdout


def test_topics_the_broker_refuses_fail_with_its_reason(
    kafka_broker: BrokerInfo, unique: str, tmp_path: Path
) -> None:
    """Three replicas on a one-broker cluster: `pipeline topics create` says which topics the
    broker refused and why (aiokafka hands back the refusal instead of raising it)."""
    names = {
        f"PIPELINE_TOPIC_{kind}": f"refused-{unique}.{kind.lower()}"
        for kind in (
            *("RAW", "ENRICHED", "SIDEBAR", "DEADLETTER", "STATS"),
            *("STORIES_IN", "ASSIGNMENTS", "STORIES"),
        )
    }
    env = {
        "PATH": _path(),
        "PIPELINE_HOME": str(tmp_path),
        "KAFKA_BOOTSTRAP_SERVERS": kafka_broker.bootstrap_servers,
        **names,
    }

    def cli(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pipeline", "topics", *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    refused = cli("create", PIPELINE_REPLICATION_FACTOR="3")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "refused to create" in refused.stderr
    assert f"{names['PIPELINE_TOPIC_RAW']} (6 partitions, 3 replicas)" in refused.stderr
    assert "InvalidReplicationFactorError" in refused.stderr
    listed = cli("list")
    assert names["PIPELINE_TOPIC_RAW"] not in listed.stdout
    created = cli("create")  # one replica fits
    assert created.returncode == 0, created.stderr
    assert names["PIPELINE_TOPIC_RAW"] in created.stdout
    assert "created" in created.stdout


def _path() -> str:
    return os.environ.get("PATH", "/usr/bin:/bin")
