"""The faust app: one per worker process, built from the settings.

A factory rather than a module-level app, so tests and the CLI can build one against any
broker; every worker built with the same `app_id` joins the same consumer group.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust
from faust.sensors.prometheus import setup_prometheus_sensors

from pipeline.agents.batching import BatchingStream
from pipeline.clients import bootstrap_servers, compression, security_options, ssl_context
from pipeline.settings import Settings


@dataclass(frozen=True)
class PipelineTopics:
    """The faust handles of the pipeline's topics (their specs live in pipeline.topics)."""

    raw: faust.TopicT
    enriched: faust.TopicT
    sidebar: faust.TopicT
    deadletter: faust.TopicT


def broker_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    """The same security settings every other client of the project uses (pipeline.clients)."""
    if settings.security_protocol.startswith("SASL_"):
        options = security_options(settings)
        return faust.SASLCredentials(
            username=options["sasl_plain_username"],
            password=options["sasl_plain_password"],
            mechanism=options["sasl_mechanism"],
            ssl_context=options.get("ssl_context"),
        )
    if settings.security_protocol == "SSL":
        return faust.SSLCredentials(ssl_context(settings))
    return None


def create_app(settings: Settings) -> tuple[faust.App, PipelineTopics]:
    servers = ";".join(f"kafka://{s.strip()}" for s in bootstrap_servers(settings).split(","))
    app = faust.App(
        settings.app_id,
        broker=servers,
        broker_credentials=broker_credentials(settings),
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=settings.heartbeat_interval_s,
        # at-least-once: faust-streaming 0.15.3's exactly_once does not put agent outputs in the
        # transaction (see README, "Delivery"), so it is not offered
        processing_guarantee="at_least_once",
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_in_thread=False,
        # values are our own orjson bytes, decoded by the decode stage so bad input is data
        key_serializer="raw",
        value_serializer="raw",
        producer_max_request_size=settings.max_message_bytes,
        producer_acks=-1,
        producer_compression_type=compression(settings),
        producer_linger=settings.producer_linger_ms / 1000,
        consumer_max_fetch_size=settings.max_message_bytes,
        consumer_auto_offset_reset="earliest",
        topic_replication_factor=settings.replication_factor,
        topic_partitions=settings.output_partitions,
        store="memory://",
        # faust makes this folder when a worker starts (empty: the tables are in memory); by
        # default it is made in the working directory, which a container's may not let us write
        datadir=str(settings.home / "{conf.name}-data"),
        Stream=BatchingStream,  # take_batches: no timer while there is nothing to batch
        table_cleanup_interval=60.0,
    )

    def topic(name: str) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, internal=False)

    topics = PipelineTopics(
        raw=topic(settings.topic_raw),
        enriched=topic(settings.topic_enriched),
        sidebar=topic(settings.topic_sidebar),
        deadletter=topic(settings.topic_deadletter),
    )
    # imported here: the agent modules register themselves on the app they are given
    from pipeline.agents.enrich import register_enrich_agent

    register_enrich_agent(app, topics, settings)
    # /metrics: faust's own sensors (events, commits, lag...) and pipeline.metrics, one registry
    setup_prometheus_sensors(app, pattern="/metrics", name_prefix="faust")
    from pipeline.web.views import register_dashboard

    register_dashboard(app, topics, settings)  # /dashboard, its API, /health, /ready
    return app, topics
