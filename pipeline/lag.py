"""Consumer lag of the group, asked of the cluster itself: any worker sees every partition.

The group's committed offsets come from the admin client, the log-start and log-end offsets
from a consumer without a group; nothing is read from the partitions themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from pipeline.topics import partitions_of


@dataclass(frozen=True)
class Offsets:
    """Per partition: where the log starts and ends, and what the group committed."""

    start: dict[int, int]
    end: dict[int, int]
    committed: dict[int, int | None]


class LagProbe:
    """Long-lived clients, so a probe every few seconds costs two small requests."""

    def __init__(self, options: dict[str, Any]) -> None:
        """`options`: pipeline.clients.common_options, so security settings reach these too."""
        self.admin = AIOKafkaAdminClient(**options)
        self.consumer = AIOKafkaConsumer(group_id=None, enable_auto_commit=False, **options)

    async def start(self) -> None:
        await self.admin.start()
        await self.consumer.start()

    async def stop(self) -> None:
        await self.consumer.stop()
        await self.admin.close()

    async def partitions(self, topic: str) -> list[TopicPartition]:
        numbers = self.consumer.partitions_for_topic(topic) or await partitions_of(
            self.admin, topic
        )
        return [TopicPartition(topic, n) for n in sorted(numbers)]

    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        ends: dict[TopicPartition, int] = await self.consumer.end_offsets(partitions)
        return ends

    async def offsets(self, group: str, topic: str) -> Offsets:
        partitions = await self.partitions(topic)
        if not partitions:
            return Offsets({}, {}, {})
        starts = await self.consumer.beginning_offsets(partitions)
        ends = await self.end_offsets(partitions)
        committed = await self.admin.list_consumer_group_offsets(group, partitions=partitions)
        return Offsets(
            start={tp.partition: offset for tp, offset in starts.items()},
            end={tp.partition: offset for tp, offset in ends.items()},
            committed={
                tp.partition: (committed[tp].offset if tp in committed else None)
                for tp in partitions
            },
        )
