"""Security settings reach every Kafka client the project builds, and secrets stay secret;
producers track the topics they send to."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Collection
from types import SimpleNamespace
from typing import Any

import faust
import pytest
from aiokafka import AIOKafkaProducer
from pydantic import SecretStr

from pipeline.app import broker_credentials
from pipeline.clients import consumer_options, producer_options, track_topics
from pipeline.errors import ConfigurationError
from pipeline.settings import Settings
from pipeline.transactions import transactional_producer

SASL = Settings(
    kafka_bootstrap_servers="broker:9093",
    security_protocol="SASL_SSL",
    sasl_mechanism="SCRAM-SHA-512",
    sasl_username="pipeline",
    sasl_password=SecretStr("hunter2-secret"),
)


def test_sasl_and_tls_reach_producers_and_consumers() -> None:
    for options in (producer_options(SASL), consumer_options(SASL)):
        assert options["bootstrap_servers"] == "broker:9093"
        assert options["security_protocol"] == "SASL_SSL"
        assert options["sasl_mechanism"] == "SCRAM-SHA-512"
        assert options["sasl_plain_username"] == "pipeline"
        assert options["sasl_plain_password"] == "hunter2-secret"
        assert isinstance(options["ssl_context"], ssl.SSLContext)


def test_sasl_reaches_the_faust_worker() -> None:
    credentials = broker_credentials(SASL)
    assert isinstance(credentials, faust.SASLCredentials)
    assert credentials.mechanism.value == "SCRAM-SHA-512"
    assert credentials.username == "pipeline"
    assert credentials.ssl_context is not None
    assert broker_credentials(Settings(kafka_bootstrap_servers="b:9092")) is None


def test_plaintext_sends_no_credentials() -> None:
    options = producer_options(Settings(kafka_bootstrap_servers="b:9092"))
    assert options["security_protocol"] == "PLAINTEXT"
    assert "sasl_plain_password" not in options


def test_sasl_without_a_password_is_a_clear_error() -> None:
    settings = Settings(kafka_bootstrap_servers="b:9092", security_protocol="SASL_PLAINTEXT")
    with pytest.raises(ConfigurationError, match="PIPELINE_SASL_PASSWORD"):
        producer_options(settings)


def test_secrets_are_masked_when_settings_are_printed_or_logged() -> None:
    assert "hunter2-secret" not in repr(SASL)
    assert "hunter2-secret" not in str(SASL.model_dump())


def test_every_consumer_reads_committed_records_only() -> None:
    # the dashboard and `pipeline consume` never show outputs of aborted transactions
    assert consumer_options(SASL)["isolation_level"] == "read_committed"


class FakeClient:
    """aiokafka's client as track_topics uses it: `add_topic` adds to the tracked set."""

    def __init__(self, tracked: set[str]) -> None:
        self.tracked = tracked

    def add_topic(self, topic: str) -> asyncio.Future[bool]:
        self.tracked.add(topic)
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        done.set_result(True)
        return done


def test_tracked_topics_only_grow() -> None:
    # replacing them would forget the topic of a batch already queued (pipeline.clients)
    producer = SimpleNamespace(client=FakeClient({"t.later"}))
    asyncio.run(track_topics(producer, ["t.enriched", "t.sidebar"]))
    assert producer.client.tracked == {"t.later", "t.enriched", "t.sidebar"}
    with pytest.raises(ValueError, match="at least one topic"):
        asyncio.run(track_topics(producer, []))


def test_transactional_producers_track_routing_outputs_from_their_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[Any] = []

    async def start(self: AIOKafkaProducer) -> None:
        events.append("start")

    async def track(producer: AIOKafkaProducer, topics: Collection[str]) -> None:
        events.append(set(topics))

    monkeypatch.setattr(AIOKafkaProducer, "start", start)
    monkeypatch.setattr("pipeline.transactions.track_topics", track)
    settings = Settings(kafka_bootstrap_servers="broker:9092", topic_enriched="t.enriched")

    async def run() -> None:
        producer = transactional_producer(settings)("app-t.raw-0")
        await producer.start()
        await producer.stop()

    asyncio.run(run())
    outputs = {"t.enriched", settings.topic_sidebar, settings.topic_deadletter}
    assert events == ["start", outputs]
