"""Where the Kafka cluster is, and the options every Kafka client of the project shares.

Producers, consumers, the admin client and the faust worker all take their connection and
size options from here, so a setting reaches every client or none.
"""

from __future__ import annotations

from typing import Any

from pipeline.broker.local import LocalKafka, LocalKafkaError
from pipeline.settings import Settings


def local_broker(settings: Settings) -> LocalKafka:
    """The project's own broker for this settings' home folder (running or not)."""
    return LocalKafka(
        settings.home / "broker",
        home=settings.home,
        port=settings.local_kafka_port,
        heap=settings.local_kafka_heap,
        message_max_bytes=settings.max_message_bytes,
    )


def bootstrap_servers(settings: Settings) -> str:
    """The configured cluster, else the local broker that `pipeline kafka start` runs."""
    if settings.kafka_bootstrap_servers:
        return settings.kafka_bootstrap_servers
    info = local_broker(settings).status()
    if info is None:
        raise LocalKafkaError(
            "no Kafka cluster configured and no local broker running.\n"
            "  start one:        pipeline kafka start\n"
            "  or use a cluster: export KAFKA_BOOTSTRAP_SERVERS=host:9092"
        )
    return info.bootstrap_servers


def common_options(settings: Settings) -> dict[str, Any]:
    """aiokafka options shared by producers, consumers and the admin client."""
    return {"bootstrap_servers": bootstrap_servers(settings), "client_id": settings.app_id}


def producer_options(settings: Settings) -> dict[str, Any]:
    return {
        **common_options(settings),
        "acks": "all",
        "enable_idempotence": True,
        "max_request_size": settings.max_message_bytes,
        "compression_type": "gzip",  # HTML compresses ~5x; gzip needs no extra package
    }


def consumer_options(settings: Settings) -> dict[str, Any]:
    return {
        **common_options(settings),
        "max_partition_fetch_bytes": settings.max_message_bytes,
        "fetch_max_bytes": max(settings.max_message_bytes, 52428800),
    }
