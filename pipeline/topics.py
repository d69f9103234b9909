"""Every topic of the pipeline, in one place: name, partitions, key, event and config, and the
faust handles the agents read and write them through."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import faust
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError, for_code

from pipeline.clients import common_options, running
from pipeline.errors import ConfigurationError
from pipeline.models import (
    DeadLetter,
    EnrichedArticle,
    Event,
    RawArticle,
    SidebarItem,
    StatsRecord,
    StoryAssignment,
    StoryState,
)
from pipeline.settings import Settings

WEEK_MS = 7 * 24 * 3600 * 1000


class TopicCreationError(ConfigurationError):
    """The broker refused to create a topic (too few brokers for the replication factor, a
    config it rejects, no permission); the message gives each topic and the broker's reason."""


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
        *_core_topics(settings, sized, durable),
        *(_story_topics(settings, sized, durable) if settings.stories_enabled else []),
    ]


def _core_topics(
    settings: Settings, sized: dict[str, str], durable: dict[str, str]
) -> list[TopicSpec]:
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


def _story_topics(
    settings: Settings, sized: dict[str, str], durable: dict[str, str]
) -> list[TopicSpec]:
    return [
        TopicSpec(
            settings.topic_stories_in,
            # the stream memory is one global state: one partition, one agent holds it
            # (its measured capacity is in README's Stories section)
            1,
            settings.replication_factor,
            "article id",
            EnrichedArticle,
            sized,
        ),
        TopicSpec(
            settings.topic_assignments,
            settings.output_partitions,
            settings.replication_factor,
            "article id",
            StoryAssignment,
            durable,
        ),
        TopicSpec(
            settings.topic_stories,
            settings.output_partitions,
            settings.replication_factor,
            "story id",
            StoryState,
            # only a story's latest state matters, and a story that left the window is
            # deleted by a tombstone: read from the beginning, the topic is every live story
            {**durable, "cleanup.policy": "compact", "segment.ms": str(3_600_000)},
        ),
    ]


async def create_topics(settings: Settings) -> list[str]:
    """Create the topics that do not exist yet; returns the names created."""
    async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
        existing = set(await admin.list_topics())
        missing = [spec for spec in pipeline_topics(settings) if spec.name not in existing]
        if missing:
            response = await admin.create_topics(
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
            _raise_refusals(response.topic_errors, missing)
        return [spec.name for spec in missing]


def _raise_refusals(topic_errors: Sequence[Sequence[Any]], specs: list[TopicSpec]) -> None:
    """aiokafka returns the broker's answer per topic instead of raising: raise on a refusal.
    A topic that exists already is no refusal (another worker may create it at the same
    moment). Each answer is (name, error code, error message, ...)."""
    sizes = {spec.name: (spec.partitions, spec.replication_factor) for spec in specs}
    refused: dict[str, list[str]] = {}  # the broker's reason: the topics it gave it for
    for name, code, *rest in topic_errors:
        if code in (0, TopicAlreadyExistsError.errno):
            continue
        partitions, replicas = sizes.get(name, ("?", "?"))
        reason = f"{for_code(code).__name__}: {rest[0] if rest and rest[0] else 'no message'}"
        refused.setdefault(reason, []).append(
            f"{name} ({partitions} partitions, {replicas} replicas)"
        )
    if refused:
        raise TopicCreationError(
            "the broker refused to create "
            + "; ".join(f"{', '.join(topics)}: {reason}" for reason, topics in refused.items())
            + " (PIPELINE_REPLICATION_FACTOR and PIPELINE_*_PARTITIONS size the topics)"
        )


async def list_topics(settings: Settings) -> list[str]:
    async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
        return sorted(await admin.list_topics())


async def partitions_of(admin: AIOKafkaAdminClient, topic: str) -> list[int]:
    """The partition numbers of a topic, asked of the cluster (a new topic's are not in a
    client's cached metadata yet); [] when the topic does not exist."""
    described = await admin.describe_topics([topic])
    return sorted(
        p["partition"]
        for d in described
        if d.get("error_code", 0) == 0
        for p in d.get("partitions", [])
    )


@dataclass(frozen=True)
class PipelineTopics:
    """The faust handles of the topics the agents read and write (their specs are above).
    Values are bytes both ways: the decode stage reads them, so bad input is data."""

    raw: faust.TopicT
    enriched: faust.TopicT
    sidebar: faust.TopicT
    deadletter: faust.TopicT
    stories_in: faust.TopicT

    @classmethod
    def of(cls, app: faust.App, settings: Settings, *, raw_acks: bool = True) -> PipelineTopics:
        """`raw_acks=False`: faust never commits the input topic's offsets (exactly_once, where
        the transactions commit them)."""

        def topic(name: str, acks: bool = True) -> faust.TopicT:
            return app.topic(name, key_type=bytes, value_type=bytes, internal=False, acks=acks)

        return cls(
            raw=topic(settings.topic_raw, raw_acks),
            enriched=topic(settings.topic_enriched),
            sidebar=topic(settings.topic_sidebar),
            deadletter=topic(settings.topic_deadletter),
            stories_in=topic(settings.topic_stories_in),
        )
