"""What exactly-once costs: articles/s and latency with each PIPELINE_PROCESSING_GUARANTEE.

    .venv/bin/python bench/eos.py [--pages 200] [--paced 100] [--rounds 2]

One private broker (temporary folder, free port). Each round runs both modes, each going first
in turn; each mode gets fresh topics and group and one `pipeline worker` (unpinned) with
PIPELINE_PROCESSING_GUARANTEE set, and measures, after one warm-up article:

- throughput: `--pages` real pages from ../shared/data/extraction/dragnet.jsonl.gz produced at
  once, articles/s from the first produce to the last enriched event read back;
- latency: `--paced` more pages sent at a steady pace (half the first round's at-least-once
  throughput, the same pace for both modes), produce-to-read p50/p95/p99.

Outputs are read by a read_committed consumer, the way an exactly-once consumer reads them, and
timed when they arrive there: with exactly_once an output is readable once its transaction
commits, which is the latency such a consumer sees. Figures are totals over the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import statistics
import sys
import time
import uuid
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402
from common import SHARED_DATA, private_broker, write_results  # noqa: E402

from pipeline.broker.local import free_port  # noqa: E402
from pipeline.clients import consumer_options, producer_options  # noqa: E402
from pipeline.kafka_io import raw_article_bytes  # noqa: E402
from pipeline.models import RawArticle  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.topics import create_topics  # noqa: E402
from pipeline.worker_process import worker_process  # noqa: E402

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"
MODES = ("at_least_once", "exactly_once")


def mode_settings(base: Settings, mode: str) -> Settings:
    unique = f"eos-{mode}-{uuid.uuid4().hex[:8]}"
    return base.model_copy(
        update={
            "processing_guarantee": mode,
            "app_id": unique,
            "topic_raw": f"{unique}.raw",
            "topic_enriched": f"{unique}.enriched",
            "topic_sidebar": f"{unique}.sidebar",
            "topic_deadletter": f"{unique}.deadletter",
            "topic_stats": f"{unique}.stats",
            "web_port": free_port(),
        }
    )


async def measure(
    settings: Settings, burst: list[RawArticle], paced: list[RawArticle], pace: float | None
) -> tuple[float, list[float]]:
    """(seconds for the burst, latencies of the paced articles); pace None: half the burst's
    rate."""
    producer = AIOKafkaProducer(**producer_options(settings))
    consumer = AIOKafkaConsumer(
        settings.topic_enriched,
        **consumer_options(settings),  # read_committed
        group_id=None,
        auto_offset_reset="earliest",
    )
    await producer.start()
    await consumer.start()
    try:
        warm = RawArticle(id=f"warm-{settings.app_id}", body="Warm-up story about Peru.")
        await producer.send_and_wait(settings.topic_raw, raw_article_bytes(warm), key=b"w")
        await arrivals(consumer, {warm.article_id})
        started = time.perf_counter()
        for article in burst:
            await producer.send(
                settings.topic_raw, raw_article_bytes(article), key=article.article_id.encode()
            )
        await producer.flush()
        await arrivals(consumer, {a.article_id for a in burst})
        elapsed = time.perf_counter() - started
        every = 1 / (pace or len(burst) / elapsed / 2)
        sent_at: dict[str, float] = {}

        async def send_paced() -> None:
            for article in paced:
                sent_at[article.article_id] = time.time()
                await producer.send(
                    settings.topic_raw, raw_article_bytes(article), key=article.article_id.encode()
                )
                await asyncio.sleep(every)

        sending = asyncio.create_task(send_paced())
        arrived = await arrivals(consumer, {a.article_id for a in paced})
        await sending
        return elapsed, [arrived[i] - sent_at[i] for i in sent_at]
    finally:
        await producer.stop()
        await consumer.stop()


async def arrivals(consumer: AIOKafkaConsumer, wanted: set[str]) -> dict[str, float]:
    """When each wanted article's enriched event reached the consumer (wall clock)."""
    arrived: dict[str, float] = {}
    deadline = time.monotonic() + 900
    while wanted - arrived.keys() and time.monotonic() < deadline:
        batches = await consumer.getmany(timeout_ms=200)
        now = time.time()
        for batch in batches.values():
            for record in batch:
                event_id = json.loads(record.value)["id"] if record.value else None
                if event_id in wanted:
                    arrived.setdefault(event_id, now)
    missing = wanted - arrived.keys()
    if missing:
        raise SystemExit(f"{len(missing)} articles never came back")
    return arrived


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="burst articles per mode/round")
    parser.add_argument("--paced", type=int, default=100, help="paced articles per mode/round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    per_round = args.pages + args.paced
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in islice(lines, per_round)]

    def articles(tag: str) -> tuple[list[RawArticle], list[RawArticle]]:
        made = [
            RawArticle(id=f"{tag}-{p['id']}", body=p["html"], content_type="text/html")
            for p in pages
        ]
        return made[: args.pages], made[args.pages :]

    seconds = dict.fromkeys(MODES, 0.0)
    latencies: dict[str, list[float]] = {mode: [] for mode in MODES}
    rates: dict[str, list[float]] = {mode: [] for mode in MODES}
    pace: float | None = None
    with private_broker() as (info, tmp):
        base = Settings(kafka_bootstrap_servers=info.bootstrap_servers, home=Path(tmp))
        for round_ in range(args.rounds):
            order = MODES if round_ % 2 == 0 else MODES[::-1]
            for mode in order:
                settings = mode_settings(base, mode)
                asyncio.run(create_topics(settings))
                burst, paced = articles(f"r{round_}-{mode}")
                with ExitStack() as stack:
                    log = stack.enter_context((Path(tmp) / f"{settings.app_id}.log").open("wb"))
                    stack.enter_context(worker_process(settings, log))
                    elapsed, waited = asyncio.run(measure(settings, burst, paced, pace))
                if pace is None:  # the first round's at-least-once burst sets the pace
                    pace = len(burst) / elapsed / 2
                seconds[mode] += elapsed
                latencies[mode] += waited
                rates[mode].append(len(burst) / elapsed)
                print(
                    f"round {round_ + 1} {mode}: {len(burst) / elapsed:.1f} articles/s, "
                    f"paced p99 {statistics.quantiles(waited, n=100)[98]:.2f} s",
                    flush=True,
                )

    rows = []
    base_rate = args.pages * args.rounds / seconds["at_least_once"]
    for mode in MODES:
        rate = args.pages * args.rounds / seconds[mode]
        q = statistics.quantiles(latencies[mode], n=100)
        each = ", ".join(f"{r:.1f}" for r in rates[mode])
        rows.append(
            f"| `{mode}` | {rate:.1f} ({each}) | {rate / base_rate:.2f} | "
            f"{q[49]:.2f} / {q[94]:.2f} / {q[98]:.2f} |"
        )
    assert pace is not None
    body = "\n".join(
        [
            f"One worker (unpinned), {args.pages} dragnet pages at once then {args.paced} at "
            f"{pace:.1f}/s, per mode and round; {args.rounds} rounds, the modes taking turns "
            "going first. Outputs read by a read_committed consumer and timed on arrival. "
            "The machine (2 cores) was shared with other work during the run: compare the two "
            "rows, not runs.",
            "",
            "| guarantee | articles/s, burst (each round) | × at_least_once | "
            "latency p50 / p95 / p99 (s), paced |",
            "|---|---|---|---|",
            *rows,
        ]
    )
    print(body)
    if not args.no_write:
        write_results("eos", body)


if __name__ == "__main__":
    main()
