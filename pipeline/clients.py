"""Where the Kafka cluster is, and the options every Kafka client of the project shares.

Producers, consumers, the admin client and the faust worker all take their connection and
size options from here, so a setting reaches every client or none.
"""

from __future__ import annotations

import ssl
from typing import Any

from aiokafka.helpers import create_ssl_context

from pipeline.broker.local import LocalKafka, LocalKafkaCluster, LocalKafkaError
from pipeline.settings import Settings


class ConfigurationError(RuntimeError):
    """The settings cannot make a working Kafka client; the message says which to set."""


# what the CLI reports as a one-line error instead of a traceback
SETUP_ERRORS = (LocalKafkaError, ConfigurationError)


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


def bootstrap_servers(settings: Settings) -> str:
    """The configured cluster, else the local cluster or broker that `pipeline kafka start`
    runs."""
    if settings.kafka_bootstrap_servers:
        return settings.kafka_bootstrap_servers
    cluster = local_cluster(settings)
    if any(cluster.status()):
        return cluster.bootstrap_servers
    info = local_broker(settings).status()
    if info is None:
        raise LocalKafkaError(
            "no Kafka cluster configured and no local broker running.\n"
            "  start one:        pipeline kafka start\n"
            "  or use a cluster: export KAFKA_BOOTSTRAP_SERVERS=host:9092"
        )
    return info.bootstrap_servers


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
        "max_partition_fetch_bytes": settings.max_message_bytes,
        "fetch_max_bytes": max(settings.max_message_bytes, 52428800),
    }
