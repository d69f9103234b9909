"""The worker's Kafka producer: faust's aiokafka producer, its client tracking the worker's
topics from its start, so that a send queued for one of them is never left without a leader.

faust's producer tracks no topic at first (aiokafka's client then fetches every topic's
metadata); its first send to a topic that answer lacked (a changelog topic faust had just
created) made it track that one topic and forget the others, failing a batch queued for
another with NotLeaderForPartitionError on a healthy cluster: `pipeline.clients.track_topics`.
"""

from __future__ import annotations

from collections.abc import Collection

from faust.transport.drivers import aiokafka as faust_aiokafka

from pipeline.clients import track_topics


class Producer(faust_aiokafka.Producer):
    """faust's aiokafka producer, tracking its transport's `producer_topics` from its start."""

    async def on_start(self) -> None:
        await super().on_start()
        topics: Collection[str] = getattr(self.transport, "producer_topics", ())
        if topics:
            await track_topics(self._ensure_producer(), topics)
