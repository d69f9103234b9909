"""Throughput and latency against the limit and against a naive peer (`make bench`).

    .venv/bin/python bench/throughput.py [--articles 1000] [--latency-seconds 60]

Every figure comes from one run on the same articles: real pages from
../shared/data/extraction/dragnet.jsonl.gz (HTML), cycled to `--articles`, on a private Kafka
(temporary folder, free port) that this script starts and stops. It measures, in order:

- the limit: spaCy NER-only `nlp.pipe` on the story texts our split produces, as far as the
  workers' NER reads them (`PIPELINE_NER_MAX_STORY_CHARS`) (no Kafka), at
  the agent's backlog part size and at the configured batch size, the one fastest over all
  rounds kept, loaded as the workers load it (`load_ner`: numpy's BLAS); the same on spaCy's
  default ops (BLIS), for comparison; and
  raw Kafka produce -> consume of the same payloads with no processing;
- the pipeline: articles/s from the first produce to the last enriched event, with one
  `pipeline worker` process and with two in one group (fresh topics and group each); the
  articles are dealt to the input partitions so that each gets the same story text (see
  `deal`), and with two workers the wait at each round's end for the later one is shown;
- exactly-once: the one- and two-worker figures again with
  `PIPELINE_PROCESSING_GUARANTEE=exactly_once` (groups of their own, measured in the same
  interleaved rounds), results read read_committed as every consumer of the project reads;
- latency: produce-to-enriched p50/p95/p99, one worker alone, articles sent at a steady 50%
  of its measured rate, right after its last round's burst (warm, not continued after minutes
  stopped); the same for one exactly-once worker;
- each stage's CPU per article (its thread's time) from the workers' /metrics, beside the wall
  time the enriched events carry, and the split's CPU and wall time alone in this process;
- the story stage (on in every worker group): its CPU per article, from the workers' /metrics;
- the naive peer: a plain aiokafka consumer, one message at a time (parse, our split,
  `nlp(text)` with the model's full default pipeline, produce and await), in its own process;
- peak RSS (VmHWM) of every worker process.

This shared machine's speed drifts by tens of percent within minutes, so the NER limit, one
worker and two workers are measured in interleaved rounds (`--rounds`, 4 by default): the
articles are dealt into as many slices, and each round runs all three on its slice, each going
first in turn. Every worker group stays up throughout, but only the one measured runs: the
others are stopped (SIGSTOP, then SIGCONT before their turn; `park`), as they would not exist
on a machine that runs the pipeline. A group just continued first runs a few short articles,
not counted, so that its timers and any rejoin (a stop longer than its 80 s session timeout)
settle before the clock starts. Their CPU while stopped is still shown (it should be nil). A phase's
figure is all its articles over its summed seconds, so all three see the same machine; each
round's rates are printed too. Before round 1, each phase (and later the naive peer) runs the
first 64 articles under other ids, not counted, so
no figure includes a process's first pages. Every slice pays a
pipeline its start and its tail (the last partial batch; with two workers, one finishing before
the other), so the pipeline's figures are, if anything, low.

`--deal-in-turn` deals each slice's articles to the partitions in turn instead (equal counts,
unequal story text), to see what that imbalance costs two workers.

`--unpinned` runs the workers without PIPELINE_WORKER_CPU, to see what pinning is worth.
`--py-spy PATH` records the one worker's first slice with py-spy (all threads, native frames
off) into `--profile-out` as collapsed stacks.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import io
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import spacy  # noqa: E402
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402
from aiokafka.admin import AIOKafkaAdminClient, NewTopic  # noqa: E402
from aiokafka.errors import KafkaError  # noqa: E402
from common import RESULTS, SHARED_DATA, private_broker, write_results  # noqa: E402
from spacy.language import Language  # noqa: E402

from pipeline.agents.enrich import BACKLOG_PART  # noqa: E402
from pipeline.broker.local import free_port  # noqa: E402
from pipeline.clients import common_options, consumer_options, producer_options  # noqa: E402
from pipeline.kafka_io import raw_article_bytes  # noqa: E402
from pipeline.models import RawArticle  # noqa: E402
from pipeline.nlp.entities import MODEL_NAME, NON_NER_COMPONENTS, load_ner  # noqa: E402
from pipeline.nlp.split import split_page  # noqa: E402
from pipeline.output_size import PARAGRAPH_SEPARATOR  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.topics import create_topics  # noqa: E402
from pipeline.tuning import pin_all_threads, tune_malloc  # noqa: E402
from pipeline.worker_process import worker_process  # noqa: E402

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"
# The consumer that reads the workers' (and the naive peer's) results fetches in bulk: every
# figure comes from the records' own timestamps, set when they were produced, so when they are
# fetched changes no figure, and a fetch per produced record would load the broker the
# pipeline shares its cores with.
RESULTS_CONSUMER = {
    "group_id": None,
    "auto_offset_reset": "earliest",
    "fetch_min_bytes": 256 * 1024,
    "fetch_max_wait_ms": 200,
}
PARTITIONS = 6  # the input topic's default; every phase's topics have the same
READ_TIMEOUT_S = 1800.0  # a phase that has not finished by then has failed
READY_TIMEOUT_S = 180.0
PHASES = ("limit", "kafka", "one", "two", "eos", "eos2", "naive")
LATENCY_GROUPS = ("one", "eos")  # the groups whose produce-to-enriched latency is measured
LIMIT_NAMES = {"limit": "NER limit", "limit-blis": "NER on BLIS"}  # the two NER-only phases
# the worker groups: phase, workers, processing guarantee
GROUPS = (
    ("one", 1, "at_least_once"),
    ("two", 2, "at_least_once"),
    ("eos", 1, "exactly_once"),
    ("eos2", 2, "exactly_once"),
)
# A stopped group's members keep their partitions while the other phases of a round run, up to
# this long (faust refuses a session timeout above its 90 s request timeout); a group stopped
# longer rejoins when continued, which the probe below absorbs.
PARKED_SESSION_TIMEOUT_S = 80.0
# ...and a send in flight when a group is stopped (its story agents forward and assign after a
# burst is counted) must not time out on the clock that ran while it was stopped: a forward
# that did stopped the worker at the run's end, as an undeliverable send should.
PARKED_REQUEST_TIMEOUT_S = 3600.0
# Articles (the shortest, under other ids, not counted) sent through a group just continued,
# before the clock starts: its timers, heartbeats and any rejoin settle on them.
PROBE_ARTICLES = PARTITIONS
LATENCY_LOAD = 0.5  # latency is measured at this fraction of the one-worker maximum rate
LATENCY_BUCKETS_S = (0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)  # the histogram's upper edges
# Real articles (under other ids) each phase runs before round 1, not counted: a process that
# just started pays for its first big pages (memory, caches). Round 1 stays the slowest for
# every phase all the same, in part because with 1000 articles its slice holds 7% more story
# text per article than the other three (3,448 characters against 3,182 to 3,233).
WARM_UP_ARTICLES = 64

# the bars of issue 11, raised by issue 29 (one worker, two workers ÷ one, the split alone)
BAR_ONE_VS_LIMIT = 0.85
BAR_ONE_VS_NAIVE = 1.5
BAR_TWO_VS_ONE = 1.75
BAR_SPLIT_IN_WORKER = 1.2  # the split's CPU in one worker ÷ its CPU alone
BAR_TWO_VS_NAIVE = 2.5
BAR_P99_S = 1.0
BAR_EOS_VS_ONE = 0.9  # issue 25: exactly-once costs at most a tenth of the throughput


@dataclass(frozen=True)
class Article:
    key: bytes
    payload: bytes  # the RawArticle JSON exactly as a producer sends it
    story: str  # the story text our split produces (what the pipeline tags)


@dataclass
class Run:
    """One phase's outcome: elapsed seconds for `count` articles, latencies, peak RSS."""

    count: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    peak_rss_mb: list[float] = field(default_factory=list)
    stage_ms: dict[str, float] = field(default_factory=dict)  # in-worker ms per article
    cpu_ms: dict[str, float] = field(default_factory=dict)  # CPU ms per article, by process
    batch_size: int | None = None  # the NER limit's nlp.pipe batch size
    # seconds the first worker to finish waited for the last, summed over combined runs
    end_wait_s: float = 0.0

    @property
    def rate(self) -> float:
        return self.count / self.seconds


# --- the articles ---------------------------------------------------------------------------


SPLIT_ALONE_MS: list[float] = []  # the split's ms per article here, before any worker starts
SPLIT_ALONE_CPU_MS: list[float] = []  # and its CPU (thread) ms


def load_articles(count: int) -> tuple[list[Article], int]:
    """`count` articles from the dragnet pages, cycled (repeats get a new id); also returns how
    many distinct pages there are. Times the split of each (`SPLIT_ALONE_MS`): the same pages
    as the workers split, in a process that does nothing else, to set beside the split's
    in-worker figure (issue 29: within 20%)."""
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in lines]
    story_cap = Settings().ner_max_story_chars  # the part of the story the workers tag
    articles = []
    for index in range(count):
        page = pages[index % len(pages)]
        cycle = index // len(pages)
        article_id = page["id"] if cycle == 0 else f"{page['id']}-{cycle}"
        raw = RawArticle(id=article_id, body=page["html"], content_type="text/html")
        started, cpu_started = time.perf_counter(), time.thread_time()
        split = split_page(raw.body, raw.content_type, raw.fetched_at)
        SPLIT_ALONE_MS.append((time.perf_counter() - started) * 1000)
        SPLIT_ALONE_CPU_MS.append((time.thread_time() - cpu_started) * 1000)
        story = PARAGRAPH_SEPARATOR.join(split.paragraphs)[:story_cap]
        articles.append(Article(article_id.encode(), raw_article_bytes(raw), story))
    return articles, min(count, len(pages))


def dealt(articles: Sequence[Article], in_turn: bool = False) -> list[tuple[bytes, bytes, int]]:
    """(key, payload, partition) of each article, dealt by `deal` (or `deal_in_turn`)."""
    partitions = deal_in_turn(articles) if in_turn else deal(articles)
    return [(a.key, a.payload, p) for a, p in zip(articles, partitions, strict=True)]


def with_suffix(article: Article, suffix: str) -> tuple[bytes, bytes]:
    """The same article under another id (so a later phase's events are told apart)."""
    data = json.loads(article.payload)
    data["id"] = f"{data['id']}{suffix}"
    return data["id"].encode(), json.dumps(data).encode()


def warm_up_articles(articles: Sequence[Article]) -> list[Article]:
    """The first WARM_UP_ARTICLES articles under ids no measured article has."""
    return [
        Article(*with_suffix(article, "-warm-up"), article.story)
        for article in articles[:WARM_UP_ARTICLES]
    ]


# --- the limit ------------------------------------------------------------------------------


@cache
def spacy_default_ner() -> Language:
    """The NER-only pipeline on spaCy's default ops (BLIS), as a team would load it."""
    return spacy.load(MODEL_NAME, exclude=NON_NER_COMPONENTS)


def ner_seconds(
    articles: Sequence[Article], batch_sizes: Sequence[int], nlp: Language
) -> dict[int, float]:
    """Seconds of spaCy NER-only `nlp.pipe` over the story texts at each of `batch_sizes` (the
    limit is the fastest: the least any pipeline could spend)."""
    list(nlp.pipe(["A warm-up story about Peru and Kenya."]))
    seconds = {}
    with one_cpu():  # as the workers run
        for batch_size in batch_sizes:
            started = time.perf_counter()
            for _ in nlp.pipe([a.story for a in articles], batch_size=batch_size):
                pass
            seconds[batch_size] = time.perf_counter() - started
    return seconds


@contextmanager
def one_cpu() -> Iterator[None]:
    """This process on its first allowed CPU for the block, as the workers are pinned."""
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, allowed)


async def kafka_passthrough(settings: Settings, articles: Sequence[Article]) -> Run:
    """Produce every payload and consume it back, no processing: the broker's and the
    clients' share of any pipeline on this machine."""
    topic = "bench.passthrough"
    await _create(settings, [topic])
    consumer = AIOKafkaConsumer(
        topic, **{**consumer_options(settings), "group_id": None, "auto_offset_reset": "earliest"}
    )
    await consumer.start()
    producer = AIOKafkaProducer(**producer_options(settings))
    await producer.start()
    try:
        wanted = {a.key for a in articles}
        started = time.perf_counter()
        reading = asyncio.create_task(_read_keys(consumer, wanted))
        sends = [await producer.send(topic, a.payload, key=a.key) for a in articles]
        await asyncio.gather(*sends)
        await reading
        return Run(len(articles), time.perf_counter() - started)
    finally:
        await producer.stop()
        await consumer.stop()


# --- the pipeline ---------------------------------------------------------------------------


def phase_settings(settings: Settings, phase: str) -> Settings:
    """Own topics and group per phase, so no phase sees another's records."""
    return settings.model_copy(
        update={
            "app_id": f"bench-{phase}",
            "topic_raw": f"bench.{phase}.raw",
            "topic_enriched": f"bench.{phase}.enriched",
            "topic_sidebar": f"bench.{phase}.sidebar",
            "topic_deadletter": f"bench.{phase}.deadletter",
            "topic_stats": f"bench.{phase}.stats",
        }
    )


@dataclass
class Group:
    """Worker processes in one consumer group, with the bench's clients that feed and read
    them; `pids` are the workers'."""

    settings: Settings
    pids: list[int]
    producer: AIOKafkaProducer
    consumer: AIOKafkaConsumer
    owner: dict[int, int]  # input partition -> index of the worker holding it
    ports: list[int]  # the workers' web ports
    parked: bool = False  # its workers stopped (SIGSTOP) while another phase runs
    probes: int = 0  # probe bursts run after a SIGCONT

    def peak_rss_mb(self) -> list[float]:
        return [peak_rss_mb(pid) for pid in self.pids]


@asynccontextmanager
async def running_group(
    settings: Settings, workers: int, logs: Path, phase: str, pinned: bool = True
) -> AsyncIterator[Group]:
    """`workers` worker processes in a group of their own (own topics), ready and warmed up:
    every worker has taken its partitions and run a batch."""
    # the whole pipeline: the story agents on, whatever the default
    settings = phase_settings(settings, phase).model_copy(
        update={
            "stories_enabled": True,
            "session_timeout_s": PARKED_SESSION_TIMEOUT_S,
            "producer_request_timeout_s": PARKED_REQUEST_TIMEOUT_S,
        }
    )
    await create_topics(settings)
    with ExitStack() as stack:
        out = stack.enter_context(logs.open("ab"))
        ports = [free_port() for _ in range(workers)]
        # each worker on its own CPU, as the README advises (PIPELINE_WORKER_CPU)
        procs = [
            stack.enter_context(
                worker_process(
                    settings.model_copy(
                        update={"web_port": port, "worker_cpu": cpu if pinned else None}
                    ),
                    out,
                )
            )
            for cpu, port in enumerate(ports)
        ]
        await _wait_ready(ports)
        producer = AIOKafkaProducer(**producer_options(settings))
        consumer = AIOKafkaConsumer(
            settings.topic_enriched, **{**consumer_options(settings), **RESULTS_CONSUMER}
        )
        await producer.start()
        await consumer.start()
        try:
            await _warm_up(producer, consumer, settings.topic_raw)
            owner = await _owners(ports, settings.topic_raw)
            yield Group(settings, [p.pid for p in procs], producer, consumer, owner, ports)
            STAGE_CPU[phase.removeprefix("pipeline-")] = await asyncio.to_thread(_stage_cpu, ports)
        finally:
            await producer.stop()
            await _stop_quietly(consumer)


async def _stop_quietly(consumer: AIOKafkaConsumer) -> None:
    """Stop a results consumer, whatever its last fetch did. The NER limit runs on this
    script's event loop and holds it for seconds, so a fetch in flight times out and retries;
    aiokafka's stop, cancelling that retry, raises its CancelledError, which would end the run
    after every figure was taken and before any was printed."""
    try:
        await consumer.stop()
    except (asyncio.CancelledError, KafkaError) as error:
        print(f"(the results consumer stopped with {error!r})", file=sys.stderr)


async def group_burst(
    group: Group,
    slice_: Sequence[Article],
    idle: Sequence[int],
    broker_pid: int,
    in_turn: bool = False,
) -> Run:
    """One slice through `group`, first produce to last enriched event; `idle` are the
    pids of the other group's workers, idle meanwhile (their CPU is shown, not hidden)."""
    processes = {"workers": group.pids, "broker": [broker_pid], "bench": [os.getpid()]}
    if idle:
        processes["idle workers"] = list(idle)
    return await _burst(
        group.producer,
        group.consumer,
        group.settings.topic_raw,
        dealt(slice_, in_turn),
        processes,
        group.owner,
    )


def deal(articles: Sequence[Article]) -> list[int]:
    """Each article's input partition: longest story first, each to the partition with the
    least story text so far; sent in their own order all the same.

    Over a real backfill, hashing the keys gives every partition its share of the work; over a
    slice of a few hundred it does not, and neither does dealing in turn: stories run from none
    to 60,000 characters, and of the default run's four 250-article slices, dealt in turn, two
    gave partitions 0, 2 and 4 22% and 16% more story text than partitions 1, 3 and 5. With two
    workers the round then waits for the later one, and the figure measures the slice's luck
    instead of the workers."""
    text = [0] * PARTITIONS
    partitions = [0] * len(articles)
    for index in sorted(range(len(articles)), key=lambda i: -len(articles[i].story)):
        lightest = min(range(PARTITIONS), key=text.__getitem__)
        partitions[index] = lightest
        text[lightest] += len(articles[index].story)
    return partitions


def deal_in_turn(articles: Sequence[Article]) -> list[int]:
    """Each article's input partition, dealt in turn: equal counts, unequal story text."""
    return [index % PARTITIONS for index in range(len(articles))]


def combine(runs: Sequence[Run]) -> Run:
    """Runs over different slices as one: their articles over their summed seconds; CPU and
    stage times per article weighted by each run's articles; the batch size they share."""
    total = sum(run.count for run in runs)
    combined = Run(total, sum(run.seconds for run in runs))
    combined.end_wait_s = sum(run.end_wait_s for run in runs)
    if len(batch_sizes := {run.batch_size for run in runs}) == 1:
        combined.batch_size = batch_sizes.pop()
    for attribute in ("cpu_ms", "stage_ms"):
        sums: Counter[str] = Counter()
        for run in runs:
            sums.update({name: ms * run.count for name, ms in getattr(run, attribute).items()})
        setattr(combined, attribute, {name: ms / total for name, ms in sums.items()})
    return combined


def place(groups: Mapping[str, Group], measured: str) -> None:
    """The measured group's workers on CPU 0 (and 1), as they started; every idle worker on
    the last CPU, off the core of the one worker and of the NER limit (both on CPU 0): an idle
    worker still uses a few percent of a core (faust's timers, the dashboard's loops)."""
    spare = max(os.sched_getaffinity(0))
    for name, group in groups.items():
        for index, pid in enumerate(group.pids):
            pin_all_threads(pid, index if name == measured else spare)


def park(groups: Mapping[str, Group], measured: str | None) -> bool:
    """Continue (SIGCONT) the measured group's workers and stop (SIGSTOP) every other group's;
    `measured` None: continue all. Idle, a worker still wakes for faust's timers, the
    dashboard's loops and its story agent, on the core the broker and this script share; six
    of them cost the measured worker a visible share of its rate. Returns whether any worker
    was continued."""
    resumed = False
    for name, group in groups.items():
        running = measured is None or name == measured
        for pid in group.pids:
            os.kill(pid, signal.SIGCONT if running else signal.SIGSTOP)
        if running and group.parked:
            resumed = True
        group.parked = not running
    return resumed


async def measuring(
    groups: Mapping[str, Group],
    measured: str,
    pinned: bool,
    articles: Sequence[Article],
    broker_pid: int,
) -> None:
    """Only `measured` (a group, or the NER limit: no group) running, on its CPUs; a group just
    continued has first run PROBE_ARTICLES of `articles`, not counted."""
    resumed = park(groups, measured)
    if pinned:
        place(groups, measured)
    if resumed:
        group = groups[measured]
        group.probes += 1
        shortest = sorted(articles, key=lambda article: len(article.story))[:PROBE_ARTICLES]
        probe = [
            Article(*with_suffix(article, f"-probe-{group.probes}"), article.story)
            for article in shortest
        ]
        await group_burst(group, probe, [], broker_pid)


def rotated(phases: Sequence[str], round_: int) -> list[str]:
    """The round's order: each phase goes first in turn, so none always runs last."""
    shift = round_ % len(phases) if phases else 0
    return [*phases[shift:], *phases[:shift]]


async def interleaved_rounds(
    settings: Settings,
    articles: Sequence[Article],
    phases: set[str],
    rounds: int,
    logs: Path,
    broker_pid: int,
    limit_batch_sizes: Sequence[int],
    latency_seconds: float,
    py_spy: str | None,
    profile_out: Path,
    pinned: bool,
    in_turn: bool = False,
) -> tuple[dict[str, Run], dict[str, list[float]], dict[str, Run]]:
    """The NER limit and the worker groups over the same articles, in `rounds` slices, each
    round running each phase on its slice; a LATENCY_GROUPS group's latency run follows its
    burst in the last round.

    Every group stays up for all rounds (the ones not measured stopped), so a phase's slices
    sit seconds, not minutes, from the others' and the machine's drift falls on all of them alike.
    Returns the combined runs, each phase's per-round rates, and the latency run."""
    slices = [articles[i::rounds] for i in range(rounds)]
    per_round: dict[str, list[Run]] = {}
    limit_models = {"limit": load_ner, "limit-blis": spacy_default_ner}
    # per round: articles, seconds by batch size; for the limit and for spaCy's default ops
    limit_timed: dict[str, list[tuple[int, dict[int, float]]]] = {name: [] for name in limit_models}
    latency: dict[str, Run] = {}
    async with AsyncExitStack() as stack:
        groups: dict[str, Group] = {}
        group_stacks: dict[str, AsyncExitStack] = {}
        for key, workers, guarantee in GROUPS:
            if key in phases:
                print(f"starting the {key}-worker group...", file=sys.stderr)
                group_stacks[key] = AsyncExitStack()
                stack.push_async_callback(group_stacks[key].aclose)  # a second aclose is a no-op
                group_settings = settings.model_copy(update={"processing_guarantee": guarantee})
                groups[key] = await group_stacks[key].enter_async_context(
                    running_group(group_settings, workers, logs, f"pipeline-{key}", pinned)
                )
                # before any group stops: a stopped worker would not answer its SIGTERM
                group_stacks[key].callback(park, {key: groups[key]}, None)
        order = [key for key in ("limit", "one", "two", "eos", "eos2") if key in phases]
        warm = warm_up_articles(articles)
        for key in order:
            print(f"warming up: {key} on {len(warm)} articles...", file=sys.stderr)
            await measuring(groups, key, pinned, articles, broker_pid)
            if key == "limit":
                for load in limit_models.values():
                    ner_seconds(warm, limit_batch_sizes, load())
            else:
                await group_burst(groups[key], warm, [], broker_pid, in_turn)
        spied = False
        for round_, slice_ in enumerate(slices):
            for key in rotated(order, round_):
                print(f"round {round_ + 1}/{rounds}: {key}...", file=sys.stderr)
                await measuring(groups, key, pinned, articles, broker_pid)
                if key == "limit":
                    for name in rotated(list(limit_models), round_):
                        seconds = ner_seconds(slice_, limit_batch_sizes, limit_models[name]())
                        limit_timed[name].append((len(slice_), seconds))
                    continue
                idle = [pid for name, g in groups.items() if name != key for pid in g.pids]
                spy = None
                if key == "one" and py_spy and not spied:
                    spy, spied = _start_py_spy(py_spy, groups["one"].pids[0], profile_out), True
                run = await group_burst(groups[key], slice_, idle, broker_pid, in_turn)
                if spy is not None:
                    spy.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
                    spy.wait(60)
                per_round.setdefault(key, []).append(run)
                if round_ == rounds - 1 and key in LATENCY_GROUPS and latency_seconds > 0:
                    # Right after the group's last burst, while it is warm: a group continued
                    # after minutes stopped rejoins its group first, and that lands in its tail.
                    print(f"steady 50% load on the {key} group...", file=sys.stderr)
                    latency[key] = await steady_latency(
                        groups[key], articles, combine(per_round[key]), latency_seconds
                    )
        for name, timed in limit_timed.items():
            if not timed:
                continue
            # the batch size fastest over all rounds: one choice, not the luckiest per round
            best = min(limit_batch_sizes, key=lambda size: sum(s[size] for _, s in timed))
            per_round[name] = [
                Run(count, seconds[best], batch_size=best) for count, seconds in timed
            ]
        runs = {key: combine(slice_runs) for key, slice_runs in per_round.items()}
        for key, group in groups.items():
            runs[key].peak_rss_mb = group.peak_rss_mb()
    rates = {key: [run.rate for run in slice_runs] for key, slice_runs in per_round.items()}
    return runs, rates, latency


async def steady_latency(
    group: Group, articles: Sequence[Article], one: Run, latency_seconds: float
) -> Run:
    """Articles sent at LATENCY_LOAD of the one worker's measured rate, for the percentiles."""
    rate = LATENCY_LOAD * one.rate
    count = max(1, min(len(articles), round(rate * latency_seconds)))
    records = [with_suffix(a, "-steady") for a in articles[:count]]
    return await _steady(group.producer, group.consumer, group.settings.topic_raw, records, rate)


def _start_py_spy(py_spy: str, pid: int, out: Path | None) -> subprocess.Popen[bytes]:
    command = [py_spy, "record", "--pid", str(pid), "--format", "raw", "--threads", "--idle"]
    command += ["--rate", "100", "--output", str(out or "profile.txt")]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def _burst(
    producer: AIOKafkaProducer,
    consumer: AIOKafkaConsumer,
    topic: str,
    records: Sequence[tuple[bytes, bytes, int]],
    processes: Mapping[str, Sequence[int]],
    owner: Mapping[int, int] | None = None,
) -> Run:
    """Produce every (key, value, partition) at once; seconds from the first send to the last
    enriched event, the CPU ms per article each named group of `processes` used meanwhile
    (where the cores went: workers, broker, this script), and with `owner` (partition ->
    worker), how long the first worker to finish waited for the last. Keys are kept; the
    partition is given, so the records land where the caller dealt them (`deal`)."""
    cpu_before = cpu_seconds_of(processes)
    started = time.time()

    async def send_all() -> None:
        sends = [
            await producer.send(topic, value, key=key, partition=partition)
            for key, value, partition in records
        ]
        await asyncio.gather(*sends)

    stage_ms: Counter[str] = Counter()
    arrived, _ = await asyncio.gather(
        _read_keys(consumer, {key for key, _, _ in records}, stage_ms), send_all()
    )
    run = Run(len(records), max(arrived.values()) - started)
    if owner:
        finished: dict[int, float] = {}  # worker -> its last enriched event's arrival
        for key, _, partition in records:
            worker = owner[partition]
            finished[worker] = max(finished.get(worker, 0.0), arrived[key])
        run.end_wait_s = max(finished.values()) - min(finished.values())
    run.stage_ms = {stage: ms / len(records) for stage, ms in stage_ms.items()}
    cpu_after = cpu_seconds_of(processes)
    run.cpu_ms = {
        name: (cpu_after[name] - cpu_before[name]) * 1000 / len(records) for name in cpu_after
    }
    return run


async def _steady(
    producer: AIOKafkaProducer,
    consumer: AIOKafkaConsumer,
    topic: str,
    records: Sequence[tuple[bytes, bytes]],
    rate: float,
) -> Run:
    """Send at `rate` articles/s on a fixed schedule; latency = enriched event's timestamp
    (set by the worker's producer) minus the moment its article was sent."""
    sent_at: dict[bytes, float] = {}
    started = time.monotonic()

    async def send_all() -> None:
        sends = []
        for index, (key, value) in enumerate(records):
            await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
            sent_at[key] = time.time()
            sends.append(await producer.send(topic, value, key=key))
        await asyncio.gather(*sends)

    arrived, _ = await asyncio.gather(_read_keys(consumer, {k for k, _ in records}), send_all())
    latencies = [arrived[key] - sent_at[key] for key in sent_at]
    return Run(len(records), time.monotonic() - started, latencies)


async def _warm_up(producer: AIOKafkaProducer, consumer: AIOKafkaConsumer, topic: str) -> None:
    """One small article per partition, so every worker has taken its partitions and run a
    batch before the clock starts."""
    keys = {f"warm-up-{p}".encode() for p in range(PARTITIONS)}
    for partition, key in enumerate(sorted(keys)):
        value = json.dumps({"id": key.decode(), "body": "Warm-up story about Peru."}).encode()
        await producer.send_and_wait(topic, value, key=key, partition=partition)
    await _read_keys(consumer, keys)


async def _owners(ports: Sequence[int], topic: str) -> dict[int, int]:
    """Which worker (index into `ports`) holds each partition of `topic`, as the group's
    dashboard summary says once it covers every partition (workers publish every few s)."""
    index = {f"http://127.0.0.1:{p}": i for i, p in enumerate(ports)}
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        summary = await asyncio.to_thread(_summary, ports[0])
        owner = {
            partition: index[worker["url"]]
            for worker in summary["workers"]
            if worker["url"] in index
            for partition in worker["assignment"].get(topic, [])
        }
        if set(owner) == set(range(PARTITIONS)):
            return owner
        if time.monotonic() > deadline:
            raise SystemExit(f"the dashboard never showed who holds {topic}: {owner}")
        await asyncio.sleep(0.5)


# phase -> stage -> (CPU seconds, articles), summed over the group's workers
STAGE_CPU: dict[str, dict[str, tuple[float, int]]] = {}
_STAGE_METRIC = re.compile(r'pipeline_stage_cpu_seconds_(sum|count)\{stage="([a-z_]+)"\} (\S+)')


def _stage_cpu(ports: Sequence[int]) -> dict[str, tuple[float, int]]:
    """Each stage's CPU seconds (its thread's time) and articles so far, from the workers'
    /metrics. Beside the events' stage_ms (wall time, which also counts the moments the
    event loop's threads held the interpreter), and the story stage's only figure (it runs
    after enrichment, so its time is in no enriched event)."""
    seconds: defaultdict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    for port in ports:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            for line in answer.read().decode().splitlines():
                if match := _STAGE_METRIC.match(line):
                    kind, stage, value = match.groups()
                    if kind == "sum":
                        seconds[stage] += float(value)
                    else:
                        counts[stage] += int(float(value))
    return {stage: (seconds[stage], counts[stage]) for stage in counts}


def _summary(port: int) -> dict[str, Any]:
    url = f"http://127.0.0.1:{port}/dashboard/api/summary"
    with urllib.request.urlopen(url, timeout=10) as answer:
        return dict(json.loads(answer.read()))


async def _wait_ready(ports: Sequence[int]) -> None:
    """Until every worker answers /ready at the same time (joined, not rebalancing)."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        answers = await asyncio.gather(*(asyncio.to_thread(_ready, p) for p in ports))
        if all(answers):
            await asyncio.sleep(1.0)  # and still so a second later: the group has settled
            if all(await asyncio.gather(*(asyncio.to_thread(_ready, p) for p in ports))):
                return
        await asyncio.sleep(0.5)
    raise SystemExit(f"workers on ports {list(ports)} were not ready in {READY_TIMEOUT_S} s")


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


async def _read_keys(
    consumer: AIOKafkaConsumer, wanted: set[bytes], stage_ms: Counter[str] | None = None
) -> dict[bytes, float]:
    """Read until every wanted key came; returns each key's first record timestamp (s).
    With `stage_ms`, adds up the stage times the enriched events carry."""
    arrived: dict[bytes, float] = {}
    deadline = time.monotonic() + READ_TIMEOUT_S
    while len(arrived) < len(wanted):
        if time.monotonic() > deadline:
            raise SystemExit(f"{len(wanted) - len(arrived)} records never came back")
        for batch in (await consumer.getmany(timeout_ms=200)).values():
            for record in batch:
                if record.key in wanted and record.key not in arrived:
                    arrived[record.key] = record.timestamp / 1000
                    if stage_ms is not None and record.value is not None:
                        event = json.loads(record.value)  # the naive peer's have no stages
                        stage_ms.update(event.get("pipeline", {}).get("stage_ms", {}))
    return arrived


async def _create(settings: Settings, topics: Sequence[str]) -> None:
    admin = AIOKafkaAdminClient(**common_options(settings))
    await admin.start()
    try:
        await admin.create_topics([NewTopic(t, PARTITIONS, 1) for t in topics])
    finally:
        await admin.close()


def cpu_seconds(pid: int, main_thread_only: bool = False) -> float:
    """User plus system CPU seconds the process (all its threads, or only its main thread: a
    worker's event loop) has used so far."""
    stat = f"/proc/{pid}/task/{pid}/stat" if main_thread_only else f"/proc/{pid}/stat"
    fields = Path(stat).read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds_of(processes: Mapping[str, Sequence[int]]) -> dict[str, float]:
    """CPU seconds used so far by each named group of processes; for the group "workers",
    also by their event loops alone (the main threads: the stages run on another thread)."""
    used = {name: sum(map(cpu_seconds, pids)) for name, pids in processes.items()}
    if "workers" in processes:
        loops = sum(cpu_seconds(pid, main_thread_only=True) for pid in processes["workers"])
        used = {"workers": used["workers"], "of which event loops": loops, **used}
    return used


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM), MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- the naive peer -------------------------------------------------------------------------


async def naive_peer(bootstrap: str, topic_in: str, topic_out: str, group: str) -> None:
    """What a team writes first: one message at a time, the full spaCy pipeline, await each
    send. Runs in its own process (`--naive-peer`), like a worker."""
    import spacy

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # pinned, like the workers
    nlp = spacy.load(MODEL_NAME)  # the model's full default pipeline
    nlp("Warm-up story about Peru.")
    consumer = AIOKafkaConsumer(
        topic_in,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=8 * 1024 * 1024,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", max_request_size=8 * 1024 * 1024
    )
    await consumer.start()
    await producer.start()
    try:
        async for message in consumer:
            article = json.loads(message.value)
            page = split_page(article["body"], article.get("content_type", "text/plain"))
            text = "\n\n".join(page.paragraphs)
            doc = nlp(text)
            event = {
                "id": article["id"],
                "title": page.title,
                "story": text,
                "entities": [
                    {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char}
                    for e in doc.ents
                ],
            }
            await producer.send_and_wait(topic_out, json.dumps(event).encode(), key=message.key)
    finally:
        await producer.stop()
        await consumer.stop()


@contextmanager
def naive_process(settings: Settings, topic_in: str, topic_out: str, logs: Path) -> Iterator[int]:
    with logs.open("ab") as out:
        command = [sys.executable, __file__, "--naive-peer"]
        command += [settings.kafka_bootstrap_servers or "", topic_in, topic_out, "bench-naive"]
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def naive_run(
    settings: Settings, articles: Sequence[Article], logs: Path, broker_pid: int
) -> Run:
    topic_in, topic_out = "bench.naive.raw", "bench.naive.enriched"
    await _create(settings, [topic_in, topic_out])
    with naive_process(settings, topic_in, topic_out, logs) as pid:
        producer = AIOKafkaProducer(**producer_options(settings))
        consumer = AIOKafkaConsumer(topic_out, **{**consumer_options(settings), **RESULTS_CONSUMER})
        await producer.start()
        await consumer.start()
        try:
            await _warm_up(producer, consumer, topic_in)
            warm = warm_up_articles(articles)
            await _burst(producer, consumer, topic_in, dealt(warm), {})
            run = await _burst(
                producer,
                consumer,
                topic_in,
                dealt(articles),
                {"naive peer": [pid], "broker": [broker_pid], "bench": [os.getpid()]},
            )
        finally:
            await producer.stop()
            await consumer.stop()
        run.peak_rss_mb = [peak_rss_mb(pid)]
    return run


# --- the table ------------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(
    articles: Sequence[Article],
    distinct: int,
    settings: Settings,
    runs: dict[str, Run],
    latency: Mapping[str, Run],
    loads: tuple[str, str],
    rates: Mapping[str, Sequence[float]],
    limit_batch_sizes: Sequence[int] = (),
) -> None:
    size_mb = sum(len(a.payload) for a in articles) / 1e6
    print(
        f"{len(articles)} articles ({distinct} distinct dragnet pages, {size_mb:.1f} MB of "
        f"RawArticle JSON); batch_size {settings.batch_size}, "
        f"batch_timeout_s {settings.batch_timeout_s}"
    )
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average at start {loads[0]}, at end {loads[1]}"
    )
    print()
    print("| what | articles/s | × NER limit | × naive | peak RSS per process |")
    print("|---|---:|---:|---:|---:|")
    rows = [
        (
            "limit: spaCy NER-only `nlp.pipe`, story texts, no Kafka, as the workers load it",
            "limit",
        ),
        ("spaCy NER-only as above, on spaCy's default ops (BLIS)", "limit-blis"),
        ("limit: Kafka produce → consume, same payloads, no processing", "kafka"),
        ("pipeline, 1 worker (first produce → last enriched event)", "one"),
        ("pipeline, 2 worker processes, one group", "two"),
        ("pipeline, 1 worker, exactly-once (read_committed)", "eos"),
        ("pipeline, 2 workers, exactly-once (read_committed)", "eos2"),
        ("naive peer: aiokafka, 1 message at a time, full spaCy pipeline", "naive"),
    ]
    limit, naive = runs.get("limit"), runs.get("naive")
    for name, key in rows:
        if key not in runs:
            continue
        run = runs[key]
        vs_limit = f"{run.rate / limit.rate:.2f}" if limit else "–"
        vs_naive = f"{run.rate / naive.rate:.2f}" if naive else "–"
        rss = ", ".join(f"{mb:.0f} MB" for mb in run.peak_rss_mb) or "–"
        print(f"| {name} | {run.rate:.1f} | {vs_limit} | {vs_naive} | {rss} |")
    for key in ("one", "two", "eos", "eos2"):
        if key in runs and runs[key].stage_ms:
            stages = ", ".join(f"{k} {ms:.1f}" for k, ms in runs[key].stage_ms.items())
            print(f"\n{key} worker(s): stage ms per article inside the workers: {stages}")
        cpu_of = STAGE_CPU.get(key, {})
        if cpu_of:
            stages = ", ".join(
                f"{stage} {s * 1000 / n:.1f}" for stage, (s, n) in cpu_of.items() if n
            )
            print(f"{key} worker(s): stage CPU ms per article (thread time, /metrics): {stages}")
        story_s, story_articles = cpu_of.get("stories", (0.0, 0))
        if key in runs and story_articles and runs[key].cpu_ms.get("workers"):
            story_ms = story_s * 1000 / story_articles
            share = story_ms / runs[key].cpu_ms["workers"]
            print(
                f"{key} worker(s): story stage {story_ms:.2f} CPU ms per article "
                f"({story_articles} articles), {share:.1%} of the workers' CPU per article"
            )
    if SPLIT_ALONE_MS and runs.get("one") and "split" in runs["one"].stage_ms:
        alone = statistics.fmean(SPLIT_ALONE_MS)
        inside = runs["one"].stage_ms["split"]
        print(
            f"\nsplit alone (this process, before the workers start): {alone:.1f} ms per "
            f"article; in one worker {inside:.1f} ms, {inside / alone:.2f}x"
        )
        split_s, split_n = STAGE_CPU.get("one", {}).get("split", (0.0, 0))
        if split_n:
            alone_cpu = statistics.fmean(SPLIT_ALONE_CPU_MS)
            inside_cpu = split_s * 1000 / split_n
            print(
                f"split's CPU alone {alone_cpu:.1f} ms per article; in one worker "
                f"{inside_cpu:.1f} ms, {inside_cpu / alone_cpu:.2f}x"
            )
    print()
    for key in ("one", "two", "eos", "eos2", "naive"):
        if key in runs and runs[key].cpu_ms:
            used = ", ".join(f"{name} {ms:.1f}" for name, ms in runs[key].cpu_ms.items())
            wall = 1000 / runs[key].rate
            print(f"{key}: CPU ms per article: {used} (wall {wall:.1f} ms per article)")
    _print_budget(runs)
    if "two" in runs and runs["two"].end_wait_s:
        two = runs["two"]
        print(
            f"two: the first worker to finish waited for the other {two.end_wait_s:.1f} s in "
            f"all, {two.end_wait_s / two.seconds:.0%} of the rounds' time"
        )
    print()
    for key, what in LIMIT_NAMES.items():
        if key in runs:
            print(
                f"{what} at nlp.pipe batch sizes {' and '.join(map(str, limit_batch_sizes))}, "
                f"the fastest over all rounds kept: batch size {runs[key].batch_size}."
            )
    names = {
        "one": "1 worker",
        "two": "2 workers",
        "eos": "1 worker, exactly-once",
        "eos2": "2 workers, exactly-once",
    }
    for key, what in {**LIMIT_NAMES, **names}.items():
        if rates.get(key):
            each = ", ".join(f"{rate:.1f}" for rate in rates[key])
            print(f"{what}, articles/s in each round: {each}")
    print()
    for key, steady in latency.items():
        q = statistics.quantiles(steady.latencies, n=100)
        print(
            f"produce-to-enriched latency, {names[key]} at {steady.rate:.1f} articles/s "
            f"({LATENCY_LOAD:.0%} of its maximum) for {steady.seconds:.0f} s, "
            f"{steady.count} articles: p50 {q[49]:.2f} s, p95 {q[94]:.2f} s, p99 {q[98]:.2f} s"
        )
        print(f"latency histogram (articles per bucket): {latency_histogram(steady.latencies)}")
        print()
    bars = [
        (f"1 worker ≥ {BAR_ONE_VS_LIMIT}× NER limit", "one", "limit", BAR_ONE_VS_LIMIT),
        (f"1 worker ≥ {BAR_ONE_VS_NAIVE}× naive", "one", "naive", BAR_ONE_VS_NAIVE),
        (f"2 workers ≥ {BAR_TWO_VS_ONE}× 1 worker", "two", "one", BAR_TWO_VS_ONE),
        ("2 workers ≥ 2.5× naive", "two", "naive", BAR_TWO_VS_NAIVE),
        ("exactly-once ≥ 0.9× 1 worker", "eos", "one", BAR_EOS_VS_ONE),
        ("2 workers exactly-once ≥ 0.9× 2 workers", "eos2", "two", BAR_EOS_VS_ONE),
    ]
    for name, top, bottom, bar in bars:
        if top in runs and bottom in runs:
            value = runs[top].rate / runs[bottom].rate
            print(f"{'met    ' if value >= bar else 'NOT met'}  {name}: {value:.2f}")
    for key in ("one", "eos"):
        if key in latency:
            p99 = statistics.quantiles(latency[key].latencies, n=100)[98]
            verdict = "met    " if p99 <= BAR_P99_S else "NOT met"
            print(f"{verdict}  p99 at 50% load ≤ 1 s, {names[key]}: {p99:.2f} s")
    split_s, split_n = STAGE_CPU.get("one", {}).get("split", (0.0, 0))
    if SPLIT_ALONE_CPU_MS and split_n:
        ratio = split_s * 1000 / split_n / statistics.fmean(SPLIT_ALONE_CPU_MS)
        verdict = "met    " if ratio <= BAR_SPLIT_IN_WORKER else "NOT met"
        print(f"{verdict}  split's CPU in one worker ≤ {BAR_SPLIT_IN_WORKER}× alone: {ratio:.2f}")


def _print_budget(runs: Mapping[str, Run]) -> None:
    """What one worker may spend per article to meet BAR_ONE_VS_LIMIT, beside what NER and the
    rest took in it: the arithmetic behind that bar, from this run's own figures."""
    limit, one = runs.get("limit"), runs.get("one")
    entities_s, entities_n = STAGE_CPU.get("one", {}).get("entities", (0.0, 0))
    if not (limit and one and one.cpu_ms.get("workers") and entities_n):
        return
    allowed = 1000 / (BAR_ONE_VS_LIMIT * limit.rate)
    ner = entities_s * 1000 / entities_n
    rest = one.cpu_ms["workers"] - ner
    print(
        f"one: at {BAR_ONE_VS_LIMIT}× the NER limit ({1000 / limit.rate:.1f} ms per article) a "
        f"worker has {allowed:.1f} ms per article; its NER took {ner:.1f} CPU ms, leaving "
        f"{allowed - ner:.1f} ms for all else, which took {rest:.1f} (other stages, event "
        f"loop, threads)"
    )


def latency_histogram(latencies: Sequence[float]) -> str:
    """Counts per bucket, `≤0.1 s 120, ≤0.25 s 80, ..., >2 s 1`: the tail's shape, which three
    percentiles do not show."""
    counts = Counter(
        next((f"≤{edge:g} s" for edge in LATENCY_BUCKETS_S if value <= edge), "more")
        for value in latencies
    )
    labels = [f"≤{edge:g} s" for edge in LATENCY_BUCKETS_S]
    shown = [f"{label} {counts[label]}" for label in labels]
    return ", ".join([*shown, f">{LATENCY_BUCKETS_S[-1]:g} s {counts['more']}"])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="cycled from the pages")
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="slices the articles are measured in: each round runs the NER limit, one worker "
        "and two workers on its slice, so the machine's drift falls on all of them alike",
    )
    parser.add_argument(
        "--latency-seconds", type=float, default=60.0, help="length of the 50%% load run"
    )
    parser.add_argument("--py-spy", help="py-spy binary: profile the one worker's first slice")
    parser.add_argument("--profile-out", type=Path, default=Path("worker-profile.txt"))
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help=f"comma-separated subset of {','.join(PHASES)} (all by default)",
    )
    parser.add_argument(
        "--unpinned",
        action="store_true",
        help="run the workers without PIPELINE_WORKER_CPU (to see what pinning is worth)",
    )
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the table to bench/RESULTS.md (default: only for a full run, every phase "
        "and at least 1000 articles)",
    )
    parser.add_argument(
        "--deal-in-turn",
        action="store_true",
        help="deal the articles to the partitions in turn (equal counts, unequal story text) "
        "instead of by story text, to see what that imbalance costs two workers",
    )
    parser.add_argument(
        "--logs", type=Path, help="keep the workers' and the naive peer's logs in this file"
    )
    parser.add_argument(
        "--broker-cpu",
        type=int,
        help="pin the broker to this CPU (0 shares the one worker's core: what sharing costs)",
    )
    parser.add_argument("--naive-peer", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_peer:
        asyncio.run(naive_peer(*args.naive_peer))
        return
    if not 1 <= args.rounds <= args.articles:
        parser.error("--rounds must be between 1 and --articles")

    settings = Settings()
    if settings.malloc_tuning:
        tune_malloc()  # the NER limit runs under the workers' malloc settings (not the naive peer)
    phases = set(args.phases.split(","))
    loads_start = load_average()
    print(f"loading and splitting {args.articles} articles...", file=sys.stderr)
    articles, distinct = load_articles(args.articles)
    # the agent's part size in a backlog and the configured batch size
    limit_batch_sizes = sorted({BACKLOG_PART, settings.batch_size})
    with private_broker() as (info, tmp):
        if args.broker_cpu is not None:
            pin_all_threads(info.pid, args.broker_cpu)
        settings = settings.model_copy(
            update={"kafka_bootstrap_servers": info.bootstrap_servers, "home": Path(tmp)}
        )
        logs = args.logs or Path(tmp) / "processes.log"
        try:
            runs, rates, latency = asyncio.run(
                measure(settings, articles, phases, args, logs, info.pid, limit_batch_sizes)
            )
        except BaseException:
            if logs.exists():
                print(logs.read_text(errors="replace")[-5000:], file=sys.stderr)
            raise
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        report(
            articles,
            distinct,
            settings,
            runs,
            latency,
            (loads_start, load_average()),
            rates,
            limit_batch_sizes,
        )
    print(printed.getvalue(), end="")
    full_run = phases == set(PHASES) and args.articles >= 1000
    if args.write if args.write is not None else full_run:
        write_results("bench/throughput.py", printed.getvalue())
        print(f"written to {RESULTS}", file=sys.stderr)


async def measure(
    settings: Settings,
    articles: Sequence[Article],
    phases: set[str],
    args: argparse.Namespace,
    logs: Path,
    broker_pid: int,
    limit_batch_sizes: Sequence[int],
) -> tuple[dict[str, Run], dict[str, list[float]], dict[str, Run]]:
    """Every phase asked for, in order: Kafka alone, the interleaved rounds (limit, one and
    two workers, then latency), the naive peer."""
    runs: dict[str, Run] = {}
    if "kafka" in phases:
        print("Kafka produce -> consume...", file=sys.stderr)
        runs["kafka"] = await kafka_passthrough(settings, articles)
    rates: dict[str, list[float]] = {}
    latency: dict[str, Run] = {}
    if phases & {"limit", "one", "two", "eos", "eos2"}:
        measured, rates, latency = await interleaved_rounds(
            settings,
            articles,
            phases,
            args.rounds,
            logs,
            broker_pid,
            limit_batch_sizes,
            args.latency_seconds,
            args.py_spy,
            args.profile_out.resolve(),
            pinned=not args.unpinned,
            in_turn=args.deal_in_turn,
        )
        runs.update(measured)
    if "naive" in phases:
        print("naive peer...", file=sys.stderr)
        runs["naive"] = await naive_run(settings, articles, logs, broker_pid)
    return runs, rates, latency


if __name__ == "__main__":
    main()
