"""The worker's Kafka producer: faust's aiokafka producer, its client tracking the worker's
topics from its start, so that a send queued for one of them is never left without a leader.

aiokafka's client (0.14.0) asks the brokers for the metadata of every topic while it tracks
none, and only for the tracked topics once it tracks one; each answer replaces all the
partitions it knew. A send to a topic missing from its metadata starts tracking that topic.
faust's producer tracks none at first: its topic creation forces a fetch of every topic. The
first send to a topic that fetch lacked (a changelog topic faust created a moment before,
which the broker that answered did not know yet) made the client track that one topic, and
the next answer forgot every other: a batch already queued for another topic (the story
agents' assignments, the enrich agent's outputs) had no leader. The sender fetched the
metadata again and again without that topic and failed the batch with
NotLeaderForPartitionError once the request timeout passed, on a healthy cluster: no send
that would track the topic again came, as the agent waited for that batch's ack first.

Tracking the worker's own topics before its first send, the client never goes from every
topic to one: the tracked topics only grow, and every queued batch's topic stays in them.
"""

from __future__ import annotations

from collections.abc import Collection

from aiokafka import AIOKafkaProducer
from faust.transport.drivers import aiokafka as faust_aiokafka


async def track_topics(producer: AIOKafkaProducer, topics: Collection[str]) -> None:
    """Have aiokafka `producer`'s client track `topics` (at least one), and wait for their
    metadata: call it after the producer starts and before its first send."""
    if not topics:
        raise ValueError("a producer must track at least one topic: none means every topic")
    await producer.client.set_topics(sorted(topics))


class Producer(faust_aiokafka.Producer):
    """faust's aiokafka producer, tracking its transport's `producer_topics` from its start."""

    async def on_start(self) -> None:
        await super().on_start()
        topics: Collection[str] = getattr(self.transport, "producer_topics", ())
        if topics:
            await track_topics(self._ensure_producer(), topics)
