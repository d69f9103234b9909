"""`pipeline demo` (what `make run` runs): the whole path once, on this machine.

Starts the local broker unless one runs or a cluster is configured, creates the topics,
starts a worker process, produces the sample articles, prints their enriched events as they
come back, says where to look next, and stops what it started on Ctrl-C.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import click
import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from pipeline.broker.discovery import local_broker, locate
from pipeline.broker.local import LocalKafka
from pipeline.clients import bootstrap_servers, common_options, consumer_options, running
from pipeline.inputs import read_inputs
from pipeline.kafka_io import produce_articles
from pipeline.models import EnrichedArticle
from pipeline.settings import Settings
from pipeline.topics import create_topics, partitions_of
from pipeline.worker_process import worker_process

# the sample articles ship inside the package (examples/ in a checkout links here), so the demo
# finds them in an installed wheel too
SAMPLES = Path(__file__).resolve().parent / "samples"
RESULT_TIMEOUT_S = 240.0  # first start: the worker loads spaCy and joins the group


def default_inputs() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*") if p.suffix in {".txt", ".html", ".htm"})


def _say(message: str) -> None:
    click.echo(click.style(message, bold=True), err=True)


def summary(article: EnrichedArticle) -> str:
    countries = ", ".join(f"{c.code}{'*' if c.focus else ''}" for c in article.countries) or "-"
    entities = ", ".join(e.name for e in article.entities[:5]) or "-"
    return (
        f"  {article.title or '(no title)'}\n"
        f"    story: {len(article.story.paragraphs)} paragraphs "
        f"(confidence {article.story.confidence:.2f}), sidebar: {len(article.sidebar)} headlines\n"
        f"    countries (* = focus): {countries}\n    top entities: {entities}"
    )


async def _produce_and_collect(settings: Settings, files: list[Path]) -> list[EnrichedArticle]:
    records = list(read_inputs([str(f) for f in files], max_body_bytes=settings.max_body_bytes))
    wanted = {r.article.article_id for r in records if r.article is not None}
    consumer = AIOKafkaConsumer(**consumer_options(settings), group_id=None)
    async with (
        running(AIOKafkaAdminClient(**common_options(settings))) as admin,
        running(consumer),
    ):
        partitions = await partitions_of(admin, settings.topic_enriched)
        assigned = [TopicPartition(settings.topic_enriched, p) for p in partitions]
        consumer.assign(assigned)
        await consumer.seek_to_end(*assigned)
        for tp in assigned:  # pin the current end before producing
            await consumer.position(tp)

        def report(record: object, error: object) -> None:
            click.echo(f"  could not read {getattr(record, 'where', record)}: {error}", err=True)

        sent, _ = await produce_articles(settings, records, on_error=report)
        _say(f"produced {sent} articles to {settings.topic_raw}; waiting for the worker...")
        found: dict[str, EnrichedArticle] = {}
        deadline = time.monotonic() + RESULT_TIMEOUT_S
        while wanted - found.keys() and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=1000)
            for batch in batches.values():
                for message in batch:
                    if message.value is None:
                        continue
                    article = EnrichedArticle.model_validate(orjson.loads(message.value))
                    if article.id in wanted and article.id not in found:
                        found[article.id] = article
                        sys.stdout.buffer.write(message.value + b"\n")
                        sys.stdout.buffer.flush()
                        click.echo(summary(article), err=True)
        missing = wanted - found.keys()
        if missing:
            _say(f"{len(missing)} articles did not come back within {RESULT_TIMEOUT_S:.0f} s")
        return list(found.values())


def run_demo(settings: Settings, files: list[Path], *, once: bool) -> int:
    started_broker: LocalKafka | None = None
    if not settings.kafka_bootstrap_servers:
        broker = local_broker(settings)
        if broker.status() is None:
            _say("starting a local Apache Kafka broker...")
            broker.start()
            started_broker = broker
    try:
        settings = locate(settings)
        _say(f"Kafka at {bootstrap_servers(settings)}")
        asyncio.run(create_topics(settings))
        with worker_process(settings) as worker:
            inputs = files or default_inputs()
            articles = asyncio.run(_produce_and_collect(settings, inputs))
            ok = len(articles) == len(inputs)
            web = f"http://{settings.web_host}:{settings.web_port}/"
            _say(
                "\nWhere to look next:\n"
                f"  worker web server:  {web}\n"
                "  produce articles:   .venv/bin/pipeline produce page.html story.txt\n"
                f"  read the output:    .venv/bin/pipeline consume {settings.topic_enriched} "
                "--from-beginning --timeout 5\n"
                f"  dead letters:       .venv/bin/pipeline consume {settings.topic_deadletter} "
                "--from-beginning --timeout 5\n"
            )
            if once:
                return 0 if ok else 1
            _say(
                "the worker keeps running; Ctrl-C stops it"
                + (" and the broker" if started_broker else "")
            )
            try:
                return worker.wait()
            except KeyboardInterrupt:
                return 0
    finally:
        if started_broker is not None:
            _say("stopping the local broker...")
            started_broker.stop()
