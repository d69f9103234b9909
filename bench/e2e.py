"""End-to-end throughput through real worker processes on a private local broker.

    .venv/bin/python bench/e2e.py [--pages 200] [--workers 1]

Starts its own Kafka (temporary folder, free port), creates the topics, starts N
`pipeline worker` processes in one group and waits until they have joined, produces real pages
from ../shared/data/extraction/dragnet.jsonl.gz to `articles.raw`, and prints articles/s from the
first produce to the last enriched event read back, plus produce-to-enriched latency percentiles
(by the records' Kafka timestamps).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import statistics
import sys
import time
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402
from common import SHARED_DATA, private_broker  # noqa: E402

from pipeline.broker.local import free_port  # noqa: E402
from pipeline.clients import compression  # noqa: E402
from pipeline.kafka_io import raw_article_bytes  # noqa: E402
from pipeline.models import RawArticle  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.topics import create_topics  # noqa: E402
from pipeline.worker_process import worker_process  # noqa: E402

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"
WARMUP_ID = "warmup"


async def run(settings: Settings, articles: list[RawArticle]) -> tuple[float, list[float]]:
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        max_request_size=settings.max_message_bytes,
        acks="all",
        compression_type=compression(settings),
    )
    consumer = AIOKafkaConsumer(
        settings.topic_enriched,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=None,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=settings.max_message_bytes,
    )
    await producer.start()
    await consumer.start()
    try:
        # one article first, so the workers have loaded spaCy and joined before the clock runs
        warm = RawArticle(id=WARMUP_ID, body="Warm-up story about Peru.")
        await producer.send_and_wait(settings.topic_raw, raw_article_bytes(warm), key=b"w")
        await _read(consumer, {WARMUP_ID})
        wanted = {a.article_id for a in articles}
        started = time.perf_counter()
        sent_at: dict[str, float] = {}
        for article in articles:
            sent_at[article.article_id] = time.time()
            await producer.send(
                settings.topic_raw, raw_article_bytes(article), key=article.article_id.encode()
            )
        await producer.flush()
        arrived = await _read(consumer, wanted)
        elapsed = time.perf_counter() - started
        latencies = [arrived[i] - sent_at[i] for i in wanted]
        return elapsed, latencies
    finally:
        await producer.stop()
        await consumer.stop()


async def _read(consumer: AIOKafkaConsumer, wanted: set[str]) -> dict[str, float]:
    arrived: dict[str, float] = {}
    deadline = time.monotonic() + 900
    while wanted - arrived.keys() and time.monotonic() < deadline:
        for batch in (await consumer.getmany(timeout_ms=500)).values():
            for record in batch:
                event_id = json.loads(record.value)["id"] if record.value else None
                if event_id in wanted:
                    arrived[event_id] = record.timestamp / 1000
    missing = wanted - arrived.keys()
    if missing:
        raise SystemExit(f"{len(missing)} articles never came back")
    return arrived


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in islice(lines, args.pages)]
    articles = [RawArticle(id=p["id"], body=p["html"], content_type="text/html") for p in pages]

    with private_broker() as (info, tmp), ExitStack() as stack:
        settings = Settings(kafka_bootstrap_servers=info.bootstrap_servers, home=Path(tmp))
        asyncio.run(create_topics(settings))
        logs = stack.enter_context((Path(tmp) / "workers.log").open("wb"))
        for _ in range(args.workers):
            worker_settings = settings.model_copy(update={"web_port": free_port()})
            stack.enter_context(worker_process(worker_settings, logs))
        elapsed, latencies = asyncio.run(run(settings, articles))

    size_mb = sum(len(a.body.encode()) for a in articles) / 1e6
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"{len(articles)} dragnet pages ({size_mb:.1f} MB of HTML), {args.workers} worker(s)")
    print(f"end to end: {elapsed:.1f} s, {len(articles) / elapsed:.1f} articles/s")
    print(
        "produce-to-enriched latency under a burst (s): "
        f"p50 {quantiles[49]:.2f}, p95 {quantiles[94]:.2f}, p99 {quantiles[98]:.2f}"
    )


if __name__ == "__main__":
    main()
