"""Every topic of the pipeline, in one place: name, partitions, key, event and config."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from pipeline.clients import common_options
from pipeline.models import DeadLetter, EnrichedArticle, Event, RawArticle, SidebarItem
from pipeline.settings import Settings
from pipeline.web.figures import StatsRecord

WEEK_MS = 7 * 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    replication_factor: int
    key: str
    event: type[Event]
    config: dict[str, str] = field(default_factory=dict)


def pipeline_topics(settings: Settings) -> list[TopicSpec]:
    # with 3 replicas, an acks=all write survives one broker down and is refused with two down
    durable = {"min.insync.replicas": "2"} if settings.replication_factor >= 3 else {}
    sized = {"max.message.bytes": str(settings.max_message_bytes), **durable}
    return [
        TopicSpec(
            settings.topic_raw,
            settings.raw_partitions,
            settings.replication_factor,
            "article id",
            RawArticle,
            sized,
        ),
        TopicSpec(
            settings.topic_enriched,
            settings.output_partitions,
            settings.replication_factor,
            "article id",
            EnrichedArticle,
            sized,
        ),
        TopicSpec(
            settings.topic_sidebar,
            settings.output_partitions,
            settings.replication_factor,
            "article id (an article's items stay in order)",
            SidebarItem,
            durable,
        ),
        TopicSpec(
            settings.topic_deadletter,
            settings.output_partitions,
            settings.replication_factor,
            "the failed record's key, else its id",
            DeadLetter,
            # dead letters wait for a human: keep them four weeks
            {**sized, "retention.ms": str(4 * WEEK_MS)},
        ),
        TopicSpec(
            settings.topic_stats,
            1,  # small and read whole by every worker: one partition keeps it simple
            settings.replication_factor,
            "`partition:<topic>:<n>` or `worker:<name>`",
            StatsRecord,
            # only the latest figures per key matter; compaction keeps the topic small
            {**sized, "cleanup.policy": "compact", "segment.ms": str(600_000)},
        ),
    ]


async def create_topics(settings: Settings) -> list[str]:
    """Create the topics that do not exist yet; returns the names created."""
    admin = AIOKafkaAdminClient(**common_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [spec for spec in pipeline_topics(settings) if spec.name not in existing]
        if missing:
            # another worker may create them at the same moment
            with suppress(TopicAlreadyExistsError):
                await admin.create_topics(
                    [
                        NewTopic(
                            spec.name,
                            spec.partitions,
                            spec.replication_factor,
                            topic_configs=spec.config,
                        )
                        for spec in missing
                    ]
                )
        return [spec.name for spec in missing]
    finally:
        await admin.close()


async def list_topics(settings: Settings) -> list[str]:
    admin = AIOKafkaAdminClient(**common_options(settings))
    await admin.start()
    try:
        return sorted(await admin.list_topics())
    finally:
        await admin.close()
