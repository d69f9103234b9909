"""The faust app: one per worker process, built from the settings. The one place that wires
the topics, the agents, the dashboard and its stats task together; nothing imports it back.

A factory rather than a module-level app, so tests and the CLI can build one against any
broker; every worker built with the same `app_id` joins the same consumer group.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import faust
from aiokafka import TopicPartition
from faust.sensors.prometheus import setup_prometheus_sensors
from faust.types import TP

from pipeline.agents.batching import BatchingStream
from pipeline.agents.consumer import use_clients
from pipeline.agents.enrich import Send, producer_send, register_enrich_agent
from pipeline.agents.stories import register_story_agents
from pipeline.clients import bootstrap_servers, compression, security_options, ssl_context
from pipeline.settings import Settings
from pipeline.story_activity import StoryActivity
from pipeline.topics import PipelineTopics, pipeline_topics
from pipeline.transactions import PartitionTransactions, committed_reader, transactional_producer
from pipeline.web.stats import GroupStats
from pipeline.web.views import register_dashboard


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


def create_app(settings: Settings, *, send: Send | None = None) -> faust.App:
    """The worker's app. `send` hands the agent's outputs to Kafka: the app's producer unless
    a test gives its own."""
    servers = ";".join(f"kafka://{s.strip()}" for s in bootstrap_servers(settings).split(","))
    app = faust.App(
        settings.app_id,
        broker=servers,
        broker_credentials=broker_credentials(settings),
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=settings.heartbeat_interval_s,
        # faust-streaming's own exactly_once does not put agent outputs in its transactions
        # (docs/design.md): at_least_once here, and pipeline.transactions for exactly_once
        processing_guarantee="at_least_once",
        web_host=settings.web_host,
        # faust's web_bind defaults to every interface; web_host is only the name in its URLs
        web_bind=settings.web_host,
        web_port=settings.web_port,
        web_in_thread=False,
        # faust's /router/ and /table/ views show the group's assignment and table contents
        web_router_enabled=settings.web_debug_views,
        web_tables_enabled=settings.web_debug_views,
        # values are our own orjson bytes, decoded by the decode stage so bad input is data
        key_serializer="raw",
        value_serializer="raw",
        producer_max_request_size=settings.max_message_bytes,
        producer_acks=-1,
        producer_compression_type=compression(settings),
        producer_linger=settings.producer_linger_ms / 1000,
        # a send not acknowledged by then fails, and the worker stops without acking its batch
        producer_request_timeout=settings.producer_request_timeout_s,
        consumer_max_fetch_size=settings.max_message_bytes,
        consumer_auto_offset_reset="earliest",
        topic_replication_factor=settings.replication_factor,
        topic_partitions=settings.output_partitions,
        store="memory://",
        # faust makes this folder when a worker starts; by default in the working directory,
        # which a container's may not let us write
        datadir=str(settings.home / "{conf.name}-data"),
        Stream=BatchingStream,  # take_batches: no timer while idle, acks only handled batches
        table_cleanup_interval=60.0,
    )
    # faust's consumer, a seek race and a hang at a crashed stop closed; its producer, tracking
    # the pipeline's topics from its start, never loses a queued batch's leader: docs/design.md
    use_clients(app, [spec.name for spec in pipeline_topics(settings)])
    transactions = (
        exactly_once(app, settings) if settings.processing_guarantee == "exactly_once" else None
    )
    topics = PipelineTopics.of(app, settings, raw_acks=transactions is None)
    send = send or producer_send(app)
    register_enrich_agent(app, topics, settings, send, transactions)
    activity = StoryActivity() if settings.stories_enabled else None
    if activity is not None:
        # at least once through the worker's producer, whatever PIPELINE_PROCESSING_GUARANTEE
        stories = register_story_agents(app, topics, settings, send, activity)
        app.on_partitions_assigned.connect(stories.on_partitions_assigned)
    # /metrics: faust's own sensors (events, commits, lag...) and pipeline.metrics, one registry
    setup_prometheus_sensors(app, pattern="/metrics", name_prefix="faust")
    stats = GroupStats(app, settings, activity) if settings.dashboard_enabled else None
    if stats is not None:
        app.on_partitions_assigned.connect(stats.on_partitions_assigned)
        app.task(stats.run)
    register_dashboard(app, stats)  # /dashboard, its API, /health, /ready
    return app


def exactly_once(app: faust.App, settings: Settings) -> PartitionTransactions:
    """The input partitions' transactions, following the worker's assignment: a partition is
    fenced, its offset read and the consumer sought there when assigned (faust's own seek
    came before the fence: pipeline/transactions.py), and given up when revoked or at stop."""

    async def seek(tp: TopicPartition, offset: int) -> None:
        # seek_wait, on the consumer's thread: faust's seek moves the aiokafka consumer from
        # this one while its thread may be fetching (a KeyError in aiokafka's fetcher)
        await app.consumer.seek_wait({TP(tp.topic, tp.partition): offset})

    transactions = PartitionTransactions(
        topic=settings.topic_raw,
        group_id=settings.app_id,
        app_id=settings.app_id,
        new_producer=transactional_producer(settings),
        read_committed=committed_reader(settings, settings.app_id),
        seek=seek,
    )

    def raw(tps: Iterable[TP]) -> list[int]:
        return [tp.partition for tp in tps if tp.topic == settings.topic_raw]

    # faust's signals call receivers as (sender, *args, signal=..., **kwargs)
    async def assigned(*args: Any, **_: Any) -> None:
        await transactions.on_assigned(raw(args[1]))

    async def revoked(*args: Any, **_: Any) -> None:
        await transactions.on_revoked(raw(args[1]))

    async def stopping(*_args: Any, **_: Any) -> None:
        await transactions.close()

    app.on_partitions_assigned.connect(assigned)
    app.on_partitions_revoked.connect(revoked)
    app.on_before_shutdown.connect(stopping)
    return transactions
