"""`pipeline`: the command line for producers, consumers and operators.

Settings come from environment variables (see `pipeline.settings`); every command has --help.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click
from aiokafka.errors import KafkaError
from tqdm import tqdm

from pipeline.broker.discovery import local_broker, local_cluster, locate
from pipeline.broker.local import KAFKA_VERSION, LocalKafkaError, accepts_clients, fetch_jars
from pipeline.errors import ConfigurationError
from pipeline.inputs import InputRecord, read_inputs
from pipeline.settings import Settings, get_settings

if TYPE_CHECKING:
    from pipeline.models import EnrichedArticle

log = logging.getLogger("pipeline")
T = TypeVar("T")


# what the CLI reports as a one-line error instead of a traceback
SETUP_ERRORS = (LocalKafkaError, ConfigurationError)


def _settings() -> Settings:
    return get_settings()


def _kafka_settings() -> Settings:
    """The settings with the cluster decided: the configured one, else the local broker."""
    return locate(get_settings())


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class PipelineGroup(click.Group):
    """Reports Kafka and set-up errors as one clear line (exit status 2), not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KafkaError as exc:
            _fail(f"Kafka: {exc} (the log line above says why, e.g. a wrong SASL password)")
        except SETUP_ERRORS as exc:
            _fail(str(exc))
        return None


@click.group(cls=PipelineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="article-pipeline")
def main() -> None:
    """article-pipeline: news articles through Apache Kafka, split into story and sidebar,
    tagged with entities and countries.

    Settings are environment variables prefixed PIPELINE_ (see the README's table);
    KAFKA_BOOTSTRAP_SERVERS points every command at an existing cluster.
    """
    _setup_logging(_settings().log_level)


# --- local Kafka ----------------------------------------------------------------------------


@main.group()
def kafka() -> None:
    """Run a local single-node Apache Kafka (KRaft) on 127.0.0.1 for development."""


@kafka.command("fetch")
def kafka_fetch() -> None:
    """Resolve Apache Kafka's jars from Maven Central into the cache folder (once)."""
    settings = _settings()
    libs = fetch_jars(settings.home)
    jars = list(libs.glob("*.jar"))
    size = sum(j.stat().st_size for j in jars) / 1e6
    click.echo(f"Apache Kafka {KAFKA_VERSION}: {len(jars)} jars, {size:.1f} MB in {libs}")


@kafka.command("start")
@click.option(
    "--brokers",
    type=click.IntRange(1, 9),
    default=1,
    show_default=True,
    help="Nodes: 1 for a single broker, 3 for a replicated cluster (each node broker and "
    "controller, one quorum).",
)
def kafka_start(brokers: int) -> None:
    """Start the local broker, or report the one already running; waits until it is ready."""
    settings = _settings()
    if brokers > 1:
        cluster = local_cluster(settings, brokers)
        servers = cluster.start()
        click.echo(f"Kafka {KAFKA_VERSION} cluster of {brokers} brokers on {servers}")
        click.echo(
            f"  data and logs: {cluster.data_dir}; topics get replication factor "
            "PIPELINE_REPLICATION_FACTOR (set it to 3)"
        )
        return
    broker = local_broker(settings)
    running = broker.status()
    info = running or broker.start()
    verb = "already running" if running else "started"
    click.echo(f"Kafka {info.version} {verb} on {info.bootstrap_servers} (pid {info.pid})")
    click.echo(f"  data and log: {info.data_dir}")


@kafka.command("status")
def kafka_status() -> None:
    """Say whether the local broker runs and answers clients; exit 1 when it does not."""
    settings = _settings()
    nodes = local_cluster(settings).status()
    if any(nodes):
        for number, node in enumerate(nodes, start=1):
            state = (
                "down"
                if node is None
                else ("ready" if accepts_clients(node.bootstrap_servers) else "not answering")
            )
            address = node.bootstrap_servers if node else "-"
            click.echo(f"cluster node {number}: {address} {state}")
        sys.exit(0 if all(nodes) else 1)
    info = local_broker(settings).status()
    if info is None:
        click.echo("no local broker running (start one with: pipeline kafka start)")
        sys.exit(1)
    ready = accepts_clients(info.bootstrap_servers)
    state = "ready" if ready else "not answering"
    click.echo(f"Kafka {info.version} on {info.bootstrap_servers} (pid {info.pid}): {state}")
    click.echo(f"  up {time.time() - info.started_at:.0f} s, data and log: {info.data_dir}")
    sys.exit(0 if ready else 1)


@kafka.command("stop")
def kafka_stop() -> None:
    """Stop the local broker or cluster cleanly (controlled shutdown, SIGKILL after 30 s)."""
    if local_cluster(_settings()).stop():
        click.echo("local cluster stopped")
    elif local_broker(_settings()).stop():
        click.echo("local broker stopped")
    else:
        click.echo("no local broker was running")


# --- topics ---------------------------------------------------------------------------------


@main.group()
def topics() -> None:
    """Create and list the pipeline's topics."""


@topics.command("create")
def topics_create() -> None:
    """Create the pipeline's topics that do not exist yet (names and sizes from settings)."""
    from pipeline.topics import create_topics, pipeline_topics

    settings = _kafka_settings()
    created = asyncio.run(create_topics(settings))
    for spec in pipeline_topics(settings):
        state = "created" if spec.name in created else "exists"
        click.echo(f"{spec.name:<24} {spec.partitions:>3} partitions  {state}")


@topics.command("list")
def topics_list() -> None:
    """List every topic on the cluster."""
    from pipeline.topics import list_topics

    names = asyncio.run(list_topics(_kafka_settings()))
    for name in names:
        click.echo(name)


# --- offline enrichment ---------------------------------------------------------------------


@main.command()
@click.option(
    "--story-only",
    is_flag=True,
    help="Take each body as the story itself: no sidebar detection, no title line "
    "(for text an upstream extractor already cleaned).",
)
@click.option("--batch-size", type=int, default=None, help="Articles per NER batch.")
@click.option(
    "--fetched-at",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z"]),
    default=None,
    help="When the pages were fetched (e.g. 2024-03-12T09:30:00+00:00), for articles that do "
    "not say: relative ages and dates ('5 hours ago') resolve against it.",
)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
def enrich(
    files: tuple[str, ...], story_only: bool, batch_size: int | None, fetched_at: datetime | None
) -> None:
    """Enrich articles offline, without Kafka: one EnrichedArticle JSON line per input.

    FILES: .html/.htm pages, .txt page text, .json one RawArticle, .jsonl one per line;
    none or '-' reads RawArticle JSON lines from stdin. Output is in input order. A record
    that fails is reported on stderr with its position and reason code; the rest are still
    written, and the exit status is 1.
    """
    failures = 0
    out = sys.stdout.buffer
    for _, result in _enriched(files, story_only, batch_size, fetched_at, "enrich"):
        if result is None:
            failures += 1
        else:
            out.write(result.to_json() + b"\n")
            out.flush()
    sys.exit(1 if failures else 0)


def _enriched(
    files: tuple[str, ...],
    story_only: bool,
    batch_size: int | None,
    fetched_at: datetime | None,
    desc: str,
) -> Iterator[tuple[InputRecord, EnrichedArticle | None]]:
    """The inputs read and enriched in batches, in order, with a progress bar; a record that
    fails is reported on stderr and comes with None."""
    from pipeline.core import enrich_batch, warm_up
    from pipeline.errors import StageError

    settings = _settings()
    records = read_inputs(files, max_body_bytes=settings.max_body_bytes)
    if fetched_at is not None:
        records = (_fetched_at(record, fetched_at) for record in records)
    log.debug("models loaded in %.1f s", warm_up())  # so stage_ms measures work, not loading
    with tqdm(desc=desc, unit=" articles", disable=not sys.stderr.isatty()) as bar:
        for batch in _batched(records, batch_size or settings.batch_size):
            good = [record for record in batch if record.article is not None]
            results = iter(
                enrich_batch([r.article for r in good if r.article], story_only=story_only)
            )
            for record in batch:
                result = next(results) if record.article is not None else record.error
                if isinstance(result, StageError) or result is None:
                    _report_failure(record, result)
                    yield record, None
                else:
                    yield record, result
            bar.update(len(batch))


@main.command()
@click.option(
    "--story-only",
    is_flag=True,
    help="Take each body as the story itself (as for enrich).",
)
@click.option("--batch-size", type=int, default=None, help="Articles per NER batch.")
@click.option(
    "--fetched-at",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z"]),
    default=None,
    help="When the pages were fetched, for articles that do not say; it is their event time. "
    "Unset, such articles take the time they are read.",
)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
def stories(
    files: tuple[str, ...], story_only: bool, batch_size: int | None, fetched_at: datetime | None
) -> None:
    """Find near-duplicates and stories offline, without Kafka: one StoryAssignment JSON line
    per article (id, story_id, duplicate_of, similarity, ...).

    FILES as for enrich; the articles are enriched, then assigned in the order given, each at
    its event time (its fetched_at, or its published time when known). The window and the
    thresholds come from the PIPELINE_STORY_* and PIPELINE_DUPLICATE_* settings. A record that
    fails is reported on stderr and left out, and the exit status is 1.
    """
    from pipeline.memory import StoryMemory, event_time_of

    memory = StoryMemory(_settings())
    failures = 0
    out = sys.stdout.buffer
    for _, article in _enriched(files, story_only, batch_size, fetched_at, "stories"):
        if article is None:
            failures += 1
            continue
        outcome = memory.assign(article, event_time_of(article, datetime.now(UTC)))
        out.write(outcome.assignment.to_json() + b"\n")
        out.flush()
    sys.exit(1 if failures else 0)


def _fetched_at(record: InputRecord, when: datetime) -> InputRecord:
    """The record with `when` as its fetch time, unless it gives one of its own."""
    if record.article is None or record.article.fetched_at is not None:
        return record
    return replace(record, article=record.article.model_copy(update={"fetched_at": when}))


def _report_failure(record: InputRecord, error: object) -> None:
    from pipeline.errors import StageError

    if isinstance(error, StageError):
        click.echo(f"{record.where}: {error.reason_code.value}: {error.message}", err=True)
    else:
        click.echo(f"{record.where}: failed", err=True)


# --- Kafka producers and consumers ----------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
def produce(files: tuple[str, ...]) -> None:
    """Publish articles to the input topic, keyed by article id.

    FILES as for `enrich`. Each article is validated first: an invalid one is reported on
    stderr and not sent (exit status 1). Waits until the broker acknowledged every record.
    """
    from pipeline.kafka_io import produce_articles

    settings = _kafka_settings()
    records = read_inputs(files, max_body_bytes=settings.max_body_bytes)
    sent, failed = asyncio.run(produce_articles(settings, records, on_error=_report_failure))
    click.echo(f"sent {sent} articles to {settings.topic_raw}", err=True)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("topic")
@click.option("--from-beginning", is_flag=True, help="Start at the oldest record.")
@click.option("--limit", type=int, default=None, help="Stop after N records.")
@click.option(
    "--timeout",
    type=float,
    default=None,
    help="Stop when no record arrives for S seconds (default: run until Ctrl-C).",
)
@click.option(
    "--group", default=None, help="Consumer group: commit offsets and resume where it stopped."
)
def consume(
    topic: str, from_beginning: bool, limit: int | None, timeout: float | None, group: str | None
) -> None:
    """Print a topic's events as JSON lines on stdout."""
    from pipeline.kafka_io import consume_lines

    settings = _kafka_settings()

    async def run() -> int:
        count = 0
        async for line in consume_lines(
            settings, topic, from_beginning=from_beginning, group=group, idle_timeout=timeout
        ):
            sys.stdout.buffer.write(line + b"\n")
            sys.stdout.buffer.flush()
            count += 1
            if limit is not None and count >= limit:
                break
        return count

    try:
        count = asyncio.run(run())
    except KeyboardInterrupt:
        return
    log.info("read %d records from %s", count, topic)


# --- the worker -----------------------------------------------------------------------------


@main.command()
@click.option("--web-port", type=int, default=None, help="Worker web server port.")
@click.option(
    "--cpu",
    type=click.IntRange(min=0),
    default=None,
    help="Pin the worker to this CPU (PIPELINE_WORKER_CPU); one worker per CPU, each on its own.",
)
def worker(web_port: int | None, cpu: int | None) -> None:
    """Run the agents and the worker's web server against the configured Kafka.

    Creates missing topics first. Stops gracefully on SIGTERM or Ctrl-C: in-flight batches
    finish and their offsets are committed.
    """
    from pipeline.worker import run_worker

    updates: dict[str, int] = {}
    if web_port is not None:
        updates["web_port"] = web_port
    if cpu is not None:
        updates["worker_cpu"] = cpu
    run_worker(_kafka_settings().model_copy(update=updates))


# --- the contract ---------------------------------------------------------------------------


@main.command()
@click.option("--check", is_flag=True, help="Fail if schemas/ differs from the models.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
def schemas(check: bool, out: Path) -> None:
    """Write the events' JSON Schemas, generated from the pydantic models."""
    from pipeline.schemas import drifted_schemas, write_schemas

    if check:
        drifted = drifted_schemas(out)
        if drifted:
            _fail(f"schemas out of date: {', '.join(drifted)}; run `make schemas`")
        click.echo(f"{out}: up to date")
        return
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.command()
@click.option("--once", is_flag=True, help="Exit after printing the events (for tests and CI).")
@click.argument("files", nargs=-1, type=click.Path(exists=True))
def demo(once: bool, files: tuple[str, ...]) -> None:
    """What `make run` runs: broker, topics, a worker, sample articles in, enriched events out.

    FILES default to the seed and the sample pages (examples/). Ctrl-C stops what it started.
    """
    from pipeline.demo import run_demo

    sys.exit(run_demo(_settings(), [Path(f) for f in files], once=once))
