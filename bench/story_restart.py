"""The story agent through Kafka: its articles/s, and its restart time with its tables in
memory or in RocksDB.

    .venv/bin/python bench/story_restart.py [--articles 300] [--bulk 3000] [--stores memory rocksdb]

Enriches `--articles` real pages of dragnet-text's report half offline, and makes of each a
near-copy from another source (a byline added, the last paragraph dropped), so half the stream
are duplicates; `--bulk` more articles are the same pages with every word re-spelt (texts and
entities no other article shares: new stories), to fill the window as a long stream would. All
go straight onto `articles.stories.in` of a private broker. One worker (the whole pipeline;
only the story agent has work) assigns them: articles/s is their count over the time from the
first assignment written to the last (their Kafka timestamps), through its tables and sends.

Then, per store, the worker is killed with SIGKILL and started again and one more copy is sent.
The restart time runs from the new process's start to that copy's assignment: loading spaCy,
rejoining the group (the killed member holds its partitions until PIPELINE_SESSION_TIMEOUT_S),
recovering the tables from their changelogs, rebuilding the engine; the worker's log gives the
last two apart.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import orjson  # noqa: E402
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402
from common import SHARED_DATA, private_broker, read_jsonl, write_results  # noqa: E402
from split import half  # noqa: E402

from pipeline.broker.local import free_port  # noqa: E402
from pipeline.clients import common_options, consumer_options, producer_options, running  # noqa: E402
from pipeline.core import enrich_records  # noqa: E402
from pipeline.lag import LagProbe  # noqa: E402
from pipeline.models import EnrichedArticle  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.topics import create_topics  # noqa: E402
from pipeline.worker_process import worker_process  # noqa: E402

DATA = SHARED_DATA / "extraction" / "dragnet-text.jsonl.gz"
START = datetime(2026, 3, 1, tzinfo=UTC)
WORD = re.compile(r"[^\W\d_]+")
RESTORED = re.compile(r"engine restored from (\d+) memos and (\d+) stories in ([\d.]+) s")
TIMEOUT_S = 900.0
# faust's recovery log lines, which bracket its reading of the tables' changelogs
STAMP = r"\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\]"
RECOVERY_START = re.compile(STAMP + r".*Recovery\]: Restoring state from changelog topics")
RECOVERY_END = re.compile(STAMP + r".*Recovery\]: Done reading from changelog topics")


def enriched_pages(count: int) -> list[EnrichedArticle]:
    pages = (p for p in read_jsonl(DATA) if half(str(p["id"])) == "report")
    values: list[tuple[bytes | None, datetime | None]] = []
    for page in pages:
        if len(values) >= count:
            break
        at = START + timedelta(seconds=10 * len(values))
        raw = {"id": f"page-{page['id']}", "body": page["text"], "source": "origin.example"}
        values.append((orjson.dumps({**raw, "fetched_at": at.isoformat()}), None))
    results = enrich_records(values, max_body_bytes=5_000_000)
    return [r for r in results if isinstance(r, EnrichedArticle) and r.story.paragraphs]


def copy_of(article: EnrichedArticle, minutes: int) -> EnrichedArticle:
    """Another outlet's copy: a byline added, the last paragraph dropped."""
    paragraphs = ["By Staff Writer", *article.story.paragraphs[:-1]]
    return article.model_copy(
        update={
            "id": f"copy-{article.id}",
            "url": None,
            "source": "copier.example",
            "fetched_at": (article.fetched_at or START) + timedelta(minutes=minutes),
            "story": article.story.model_copy(
                update={"paragraphs": paragraphs, "text": "\n\n".join(paragraphs)}
            ),
        }
    )


def respelt(article: EnrichedArticle, variant: int) -> EnrichedArticle:
    """The article with every word spelt anew (a suffix of letters per variant): as long and
    as structured as a real one, sharing no word or entity with any other."""
    suffix = "q" + "".join(chr(ord("a") + int(d)) for d in str(variant))

    def spell(text: str) -> str:
        return WORD.sub(lambda m: m.group(0) + suffix, text)

    paragraphs = [spell(p) for p in article.story.paragraphs]
    return article.model_copy(
        update={
            "id": f"bulk-{variant}-{article.id}",
            "url": None,
            "title": spell(article.title or ""),
            "sidebar": [],
            "fetched_at": START + timedelta(seconds=variant),
            "story": article.story.model_copy(
                update={"paragraphs": paragraphs, "text": "\n\n".join(paragraphs)}
            ),
            "entities": [
                e.model_copy(update={"name": spell(e.name), "mentions": []})
                for e in article.entities
            ],
        }
    )


async def produce(settings: Settings, articles: list[EnrichedArticle]) -> None:
    async with running(AIOKafkaProducer(**producer_options(settings))) as producer:
        for article in articles:
            await producer.send(
                settings.topic_stories_in, article.to_json(), key=article.id.encode()
            )
        await producer.flush()


async def assignment_times(settings: Settings, wanted: set[str]) -> dict[str, float]:
    """Each wanted article's first assignment: its Kafka timestamp, in seconds."""
    consumer = AIOKafkaConsumer(
        settings.topic_assignments,
        **consumer_options(settings),
        group_id=None,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    found: dict[str, float] = {}
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while wanted - found.keys() and time.monotonic() < deadline:
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                for record in batch:
                    key = record.key.decode() if record.key else ""
                    found.setdefault(key, record.timestamp / 1000)
    finally:
        await consumer.stop()
    if wanted - found.keys():
        raise SystemExit(f"{len(wanted - found.keys())} articles never assigned")
    return found


async def committed(settings: Settings) -> None:
    """Wait until the group has committed all of `articles.stories.in`."""
    async with running(LagProbe(common_options(settings))) as probe:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            offsets = await probe.offsets(settings.app_id, settings.topic_stories_in)
            if all((offsets.committed[p] or 0) >= end for p, end in offsets.end.items()):
                return
            await asyncio.sleep(0.5)


def run_store(
    info_servers: str, home: Path, store: str, stream: list[EnrichedArticle], probe: EnrichedArticle
) -> dict[str, Any]:
    unique = f"bench-{store}-{uuid.uuid4().hex[:6]}"
    settings = Settings(
        kafka_bootstrap_servers=info_servers,
        home=home,
        app_id=unique,
        topic_raw=f"{unique}.raw",
        topic_enriched=f"{unique}.enriched",
        topic_sidebar=f"{unique}.sidebar",
        topic_deadletter=f"{unique}.deadletter",
        topic_stats=f"{unique}.stats",
        topic_stories_in=f"{unique}.stories.in",
        topic_assignments=f"{unique}.assignments",
        topic_stories=f"{unique}.stories",
        stories_enabled=True,
        stories_store=store,
        session_timeout_s=6.0,
        heartbeat_interval_s=1.0,
        web_port=free_port(),
    )
    asyncio.run(create_topics(settings))
    asyncio.run(produce(settings, stream))
    first_log, second_log = home / f"{store}-first.log", home / f"{store}-second.log"
    with first_log.open("wb") as log, worker_process(settings, log) as worker:
        times = asyncio.run(assignment_times(settings, {a.id for a in stream}))
        asyncio.run(committed(settings))  # the restart then measures recovery, not a replay
        _kill(worker)
    first, last = min(times.values()), max(times.values())
    started = time.time()
    with second_log.open("wb") as log, worker_process(settings, log):
        asyncio.run(produce(settings, [probe]))
        probe_at = asyncio.run(assignment_times(settings, {probe.id}))[probe.id]
    second = second_log.read_text(errors="replace")
    restored = RESTORED.findall(second)
    return {
        "store": store,
        "articles": len(stream),
        "rate": (len(stream) - 1) / (last - first) if last > first else float("nan"),
        "restart_s": probe_at - started,
        "restore": restored[-1] if restored else None,
        "recovery_s": recovery_seconds(second),
    }


def recovery_seconds(log: str) -> float | None:
    """How long faust read the changelogs in this run, from its log; None if it read none."""
    starts, ends = RECOVERY_START.findall(log), RECOVERY_END.findall(log)
    if not starts or not ends:
        return None
    parse = "%Y-%m-%d %H:%M:%S,%f"
    took = datetime.strptime(ends[-1], parse) - datetime.strptime(starts[-1], parse)
    return took.total_seconds()


def _kill(worker: subprocess.Popen[bytes]) -> None:
    worker.kill()
    worker.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--bulk", type=int, default=3000)
    parser.add_argument("--stores", nargs="+", default=["memory", "rocksdb"])
    args = parser.parse_args()
    pages = enriched_pages(args.articles)
    copies = [copy_of(page, 30) for page in pages]
    bulk = [respelt(pages[n % len(pages)], n) for n in range(args.bulk)]
    # the bulk first, then each page followed by the copy of the page before it
    stream = list(bulk)
    for n, page in enumerate(pages):
        stream += [page, copies[n - 1]] if n else [page]
    stream.append(copies[-1])
    probe = copy_of(pages[len(pages) // 2], 90).model_copy(update={"id": "probe"})
    size_mb = sum(len(a.to_json()) for a in stream) / 1e6
    print(
        f"{len(stream)} enriched events ({size_mb:.1f} MB): {len(pages)} pages, their copies, "
        f"{len(bulk)} re-spelt"
    )
    rows = []
    with private_broker() as (info, tmp):
        for store in args.stores:
            row = run_store(info.bootstrap_servers, Path(tmp), store, stream, probe)
            print(row)
            rows.append(row)
    lines = [
        f"{len(stream)} enriched events ({size_mb:.1f} MB) on `articles.stories.in`: "
        f"{len(pages)} dragnet-text pages (report half), a copy of each, {len(bulk)} re-spelt "
        "variants; one worker, SIGKILL, restart, one more copy.",
        "",
        "| tables | articles/s through Kafka | restart to the next assignment | changelogs read "
        "| engine rebuilt |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        restore = row["restore"]
        rebuilt = f"{restore[0]} memos, {restore[1]} stories in {restore[2]} s" if restore else "?"
        read = "nothing" if row["recovery_s"] is None else f"{row['recovery_s']:.2f} s"
        lines.append(
            f"| {row['store']} | {row['rate']:.0f} | {row['restart_s']:.1f} s | {read} "
            f"| {rebuilt} |"
        )
    write_results("story_restart", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
