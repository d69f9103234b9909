"""The worker's producer (pipeline.agents.producer) against a real broker: a send queued for
one topic is delivered when the next send goes to a topic its metadata did not have yet."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, cast

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from pipeline.app import create_app
from pipeline.broker.local import BrokerInfo
from pipeline.clients import common_options, running
from pipeline.transactions import transactional_producer
from tests.integration.workers import isolated_settings


def test_a_queued_send_survives_the_first_send_to_a_new_topic(
    kafka_broker: BrokerInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the /metrics sensors register in one process-wide registry: once per process
    monkeypatch.setattr("pipeline.app.setup_prometheus_sensors", lambda *_, **__: None)
    # the batch lingers long enough for the new topic's metadata to arrive first; with
    # aiokafka's client tracking only the new topic then, it failed NotLeaderForPartition
    # after the request timeout
    settings = isolated_settings(
        kafka_broker.bootstrap_servers,
        tmp_path,
        "producer",
        producer_linger_ms=500,
        producer_request_timeout_s=5.0,
    )
    new_topic = f"{settings.app_id}.created-later"

    async def scenario() -> None:
        producer = create_app(settings).producer
        await producer.start()
        try:
            client = cast(Any, producer)._producer.client
            # faust's topic creation forces this: while the client tracks no topic, the
            # metadata of every topic, so sends to those track nothing
            await client.force_metadata_update()
            async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
                await admin.create_topics([NewTopic(new_topic, 1, 1)])
            queued = await producer.send(settings.topic_enriched, b"k", b"v", None, None, None)
            await producer.send(new_topic, b"k", b"v", None, None, None)
            async with asyncio.timeout(30):
                await queued
        finally:
            await producer.stop()

    asyncio.run(scenario())


def test_a_transaction_s_queued_send_survives_its_first_send_to_a_new_topic(
    kafka_broker: BrokerInfo, tmp_path: Path
) -> None:
    # exactly_once's producers (pipeline.transactions), the same race inside a transaction:
    # one output lingers while the next goes to a topic the producer's bootstrap answer lacked
    settings = isolated_settings(
        kafka_broker.bootstrap_servers,
        tmp_path,
        "txproducer",
        processing_guarantee="exactly_once",
        producer_linger_ms=500,
        producer_request_timeout_s=5.0,
    )
    new_topic = f"{settings.app_id}.created-later"

    async def scenario() -> None:
        producer = transactional_producer(settings)(f"{settings.app_id}-tracking-0")
        await producer.start()
        try:
            async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
                await admin.create_topics([NewTopic(new_topic, 1, 1)])
            await producer.begin_transaction()
            queued = await producer.send(settings.topic_enriched, b"v", b"k", headers=[])
            later = await producer.send(new_topic, b"v", b"k", headers=[])
            async with asyncio.timeout(30):
                await asyncio.gather(queued, later)
                await producer.commit_transaction()
        finally:
            await producer.stop()

    asyncio.run(scenario())
