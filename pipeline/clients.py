"""The options every Kafka client of the project shares, as pure functions of the settings,
and one way to start and stop a client.

Producers, consumers, the admin client and the faust worker all take their connection and
size options from here, so a setting reaches every client or none. Where the cluster is was
decided before (the operator's setting, or `pipeline.broker.discovery` at the edge).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from typing import Any, Protocol, TypeVar

from aiokafka import AIOKafkaProducer
from aiokafka.helpers import create_ssl_context

from pipeline.errors import ConfigurationError
from pipeline.settings import Settings


def bootstrap_servers(settings: Settings) -> str:
    """The cluster to connect to. Set by the operator, or by `pipeline.broker.discovery.locate`
    at the edge (the CLI, the demo) when a local broker runs; never looked up here."""
    if not settings.kafka_bootstrap_servers:
        raise ConfigurationError(
            "no Kafka cluster configured and no local broker running.\n"
            "  start one:        pipeline kafka start\n"
            "  or use a cluster: export KAFKA_BOOTSTRAP_SERVERS=host:9092"
        )
    return settings.kafka_bootstrap_servers


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context for SSL and SASL_SSL, from the CA and (for mutual TLS) client files."""
    if settings.security_protocol not in ("SSL", "SASL_SSL"):
        return None
    password = settings.ssl_key_password.get_secret_value() if settings.ssl_key_password else None
    context: ssl.SSLContext = create_ssl_context(
        cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None,
        certfile=str(settings.ssl_certfile) if settings.ssl_certfile else None,
        keyfile=str(settings.ssl_keyfile) if settings.ssl_keyfile else None,
        password=password,
    )
    return context


def security_options(settings: Settings) -> dict[str, Any]:
    """aiokafka's security arguments; the password leaves its SecretStr only here."""
    options: dict[str, Any] = {"security_protocol": settings.security_protocol}
    context = ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.security_protocol.startswith("SASL_"):
        if not settings.sasl_username or settings.sasl_password is None:
            raise ConfigurationError(
                f"{settings.security_protocol} needs PIPELINE_SASL_USERNAME and "
                "PIPELINE_SASL_PASSWORD"
            )
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = settings.sasl_password.get_secret_value()
    return options


def common_options(settings: Settings) -> dict[str, Any]:
    """aiokafka options shared by producers, consumers and the admin client."""
    return {
        "bootstrap_servers": bootstrap_servers(settings),
        "client_id": settings.app_id,
        **security_options(settings),
    }


def producer_options(settings: Settings) -> dict[str, Any]:
    return {
        **common_options(settings),
        "acks": "all",
        "enable_idempotence": True,
        "max_request_size": settings.max_message_bytes,
        "compression_type": compression(settings),
        "linger_ms": settings.producer_linger_ms,
    }


def compression(settings: Settings) -> str | None:
    """The producers' compression_type as aiokafka and faust spell it (None: uncompressed)."""
    return None if settings.compression_type == "none" else settings.compression_type


def consumer_options(settings: Settings) -> dict[str, Any]:
    return {
        **common_options(settings),
        # records of aborted transactions (exactly_once) are never read; with no transactions
        # this reads exactly what read_uncommitted would
        "isolation_level": "read_committed",
        "max_partition_fetch_bytes": settings.max_message_bytes,
        "fetch_max_bytes": max(settings.max_message_bytes, 52428800),
    }


async def track_topics(producer: AIOKafkaProducer, topics: Collection[str]) -> None:
    """Have aiokafka `producer`'s client track `topics` (at least one) on top of those it
    tracks, and wait for their metadata: call it after the producer starts, before any send.

    aiokafka's client (0.14.0) asks the brokers for the metadata of every topic while it tracks
    none, and only for the tracked topics once it tracks one; each answer replaces all the
    partitions it knew. A send to a topic missing from its metadata starts tracking that one
    topic, and the next answer forgets every other: a batch already queued (lingering) for
    another topic has no leader. The sender fetches the metadata again and again without that
    topic and fails the batch with NotLeaderForPartitionError once the request timeout passed,
    on a healthy cluster, unless another send to that topic tracks it again first. The faust
    worker's producer met it at its first send to a changelog topic faust had just created;
    a transactional producer (exactly_once) at its transaction's first send to a topic its
    bootstrap answer lacked.

    Tracking the topics a producer sends to from its start, the client never goes from every
    topic to one, and the tracked topics only grow (`add_topic`; aiokafka's `set_topics`
    would replace them), so every queued batch's topic stays in them."""
    if not topics:
        raise ValueError("a producer must track at least one topic: none means every topic")
    client = producer.client
    # every topic is added before the next metadata request goes: it asks for all of them
    await asyncio.gather(*(client.add_topic(topic) for topic in sorted(topics)))


class _Client(Protocol):
    async def start(self) -> None: ...


ClientT = TypeVar("ClientT", bound=_Client)


@asynccontextmanager
async def running(client: ClientT) -> AsyncIterator[ClientT]:
    """Start an aiokafka producer, consumer or admin client for the block, and always stop it
    (`stop()`, or `close()` for the admin client), whatever the block raised."""
    await client.start()
    try:
        yield client
    finally:
        stop = getattr(client, "stop", None) or client.close  # type: ignore[attr-defined]
        await stop()
