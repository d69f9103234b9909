"""Where Kafka is, decided once at the edge: the CLI and the demo call `locate`, and every
client after it reads the answer from the settings (`kafka_bootstrap_servers`)."""

from __future__ import annotations

from pipeline.broker.local import LocalKafka, LocalKafkaCluster
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


def local_cluster(settings: Settings, brokers: int = 3) -> LocalKafkaCluster:
    """The project's own multi-broker cluster (`pipeline kafka start --brokers 3`)."""
    return LocalKafkaCluster(
        settings.home / "cluster",
        home=settings.home,
        brokers=brokers,
        message_max_bytes=settings.max_message_bytes,
    )


def local_bootstrap_servers(settings: Settings) -> str | None:
    """The local cluster's or broker's address when one runs, else None."""
    cluster = local_cluster(settings)
    if any(cluster.status()):
        return cluster.bootstrap_servers
    info = local_broker(settings).status()
    return info.bootstrap_servers if info is not None else None


def locate(settings: Settings) -> Settings:
    """The settings with the cluster filled in: the configured one, else the local cluster or
    broker that `pipeline kafka start` runs. Unchanged when neither is there, so the first
    client says what to set (pipeline.clients.bootstrap_servers)."""
    if settings.kafka_bootstrap_servers:
        return settings
    servers = local_bootstrap_servers(settings)
    if servers is None:
        return settings
    return settings.model_copy(update={"kafka_bootstrap_servers": servers})
