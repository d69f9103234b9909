"""The project's Prometheus metrics, served at the worker's `/metrics` beside faust's own.

Counters live in the worker process's default registry; the agent updates them per batch,
the dashboard (pipeline.web.stats) reads them back and sets the lag gauge.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from prometheus_client import Counter, Gauge, Histogram, Summary


class RecentHistogram(Histogram):
    """A Histogram that also keeps its recent samples, so the dashboard can give exact
    p50/p95/p99 over the last minute (Prometheus buckets are too coarse for that)."""

    RECENT_S = 60.0

    def observe(self, amount: float, exemplar: dict[str, str] | None = None) -> None:
        super().observe(amount, exemplar)
        samples: deque[tuple[float, float]] = self.__dict__.setdefault(
            "_recent", deque(maxlen=20_000)
        )
        samples.append((time.monotonic(), amount))

    def recent(self, window_s: float = RECENT_S) -> list[float]:
        """The samples observed in the last `window_s` seconds (this child only)."""
        samples: deque[tuple[float, float]] = self.__dict__.get("_recent", deque())
        since = time.monotonic() - window_s
        return [value for at, value in samples if at >= since]


ARTICLES = Counter("pipeline_articles_total", "Input records handled, by outcome.", ["outcome"])
DEAD_LETTERS = Counter(
    "pipeline_dead_letters_total",
    "Records sent to the dead-letter topic.",
    ["reason_code", "stage"],
)
EVENTS_SENT = Counter(
    "pipeline_events_sent_total", "Records the enrich agent produced, by topic.", ["topic"]
)
SEND_ERRORS = Counter(
    "pipeline_send_errors_total",
    "Records the broker did not acknowledge; their batch is never acked (the worker stops).",
)
TRANSACTIONS = Counter(
    "pipeline_transactions_total",
    "exactly_once: per-partition transactions, by outcome (committed, aborted, fenced).",
    ["outcome"],
)
AGENT_CRASHES = Counter(
    "pipeline_agent_crashes_total", "Agents that stopped on an error, by agent.", ["agent"]
)
BATCH_SECONDS = RecentHistogram(
    "pipeline_batch_seconds",
    "Time to decode, enrich and send one batch, acknowledgements included.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
)
STORY_STAGE = "stories"  # the stage named in the story agent's dead letters
STORY_ARTICLES = Counter(
    "pipeline_story_articles_total",
    "Articles the story agent handled, by outcome: new_story, joined, duplicate, seen_before "
    "(redelivered, assigned as before) or dead_lettered.",
    ["outcome"],
)
STORY_BATCH_SECONDS = RecentHistogram(
    "pipeline_story_batch_seconds",
    "Time to assign, record and send one batch of the story agent, acknowledgements included.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5),
)
STORY_RESTORE_SECONDS = Gauge(
    "pipeline_story_restore_seconds",
    "How long the story agent's last rebuild of its engine from its tables took.",
)
STORY_WINDOW = Gauge(
    "pipeline_story_window", "Articles and stories in the story agent's window.", ["kind"]
)
STAGE_SECONDS = Histogram(
    "pipeline_stage_seconds",
    "Wall time per article in each stage, of the articles enriched.",
    ["stage"],
    buckets=(0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5),
)
# CPU beside wall time: where the two part, the enrich thread waited (for the GIL, the core)
STAGE_CPU_SECONDS = Summary(
    "pipeline_stage_cpu_seconds",
    "CPU time of the enrich thread per article in each stage (NER: the article's share of "
    "its part's, by text length), of every article that ran the stage; `stories`: the story "
    "agent's thread, per article of its batch.",
    ["stage"],
)


@cache
def stage_seconds(stage: str) -> Histogram:
    """STAGE_SECONDS of one stage; the child is looked up once, not once per article."""
    return STAGE_SECONDS.labels(stage)


@cache
def stage_cpu_seconds(stage: str) -> Summary:
    """STAGE_CPU_SECONDS of one stage, looked up once."""
    return STAGE_CPU_SECONDS.labels(stage)


def forget_stage_cpu() -> None:
    """Drop STAGE_CPU_SECONDS's samples so far (a warm-up's, which loaded the models)."""
    STAGE_CPU_SECONDS.clear()
    stage_cpu_seconds.cache_clear()  # its children left the family


@dataclass(frozen=True, slots=True)
class StageTime:
    """One stage's totals so far: articles, wall and CPU seconds."""

    count: float
    wall_s: float
    cpu_count: float
    cpu_s: float


def stage_times() -> dict[str, StageTime]:
    """Every stage's totals so far, read from STAGE_SECONDS and STAGE_CPU_SECONDS, in the
    order each stage was first seen."""
    wall = _sums_and_counts(STAGE_SECONDS)
    cpu = _sums_and_counts(STAGE_CPU_SECONDS)
    return {
        stage: StageTime(*wall.get(stage, (0.0, 0.0)), *cpu.get(stage, (0.0, 0.0)))
        for stage in dict.fromkeys([*cpu, *wall])
    }


def stage_summary(times: dict[str, StageTime]) -> str:
    """One log line: each stage's wall and CPU ms per article, `split 9.1/8.7 ms`."""
    parts = [
        f"{stage} {_per(spent.wall_s, spent.count)}/{_per(spent.cpu_s, spent.cpu_count)}"
        for stage, spent in times.items()
    ]
    return "stage ms per article, wall/CPU: " + (", ".join(parts) if parts else "none yet")


def _per(seconds: float, count: float) -> str:
    return f"{seconds * 1000 / count:.1f}" if count else "-"


def _sums_and_counts(metric: Histogram | Summary) -> dict[str, tuple[float, float]]:
    """(count, sum) per `stage` label of a histogram or summary."""
    found: dict[str, list[float]] = {}
    for family in metric.collect():
        for sample in family.samples:
            slot = {"_count": 0, "_sum": 1}.get(sample.name.removeprefix(family.name))
            if slot is not None:
                found.setdefault(sample.labels["stage"], [0.0, 0.0])[slot] = sample.value
    return {stage: (count, total) for stage, (count, total) in found.items()}


@cache
def events_sent(topic: str) -> Counter:
    """EVENTS_SENT of one topic, looked up once."""
    return EVENTS_SENT.labels(topic)


def totals_by(counter: Counter, label: str) -> dict[str, float]:
    """A counter's totals summed per value of one label, read from that counter alone: the
    registry's own lookup collects every metric (the process's too, from /proc)."""
    by_value: dict[str, float] = {}
    for labels, value in _totals(counter):
        by_value[labels[label]] = by_value.get(labels[label], 0.0) + value
    return by_value


def dead_letters_by_reason(*, stories: bool) -> dict[str, float]:
    """DEAD_LETTERS per reason, of the story agent's stage or of every other (the enrich
    agent's): each agent's row on the dashboard shows its own."""
    by_reason: dict[str, float] = {}
    for labels, value in _totals(DEAD_LETTERS):
        if (labels["stage"] == STORY_STAGE) == stories:
            by_reason[labels["reason_code"]] = by_reason.get(labels["reason_code"], 0.0) + value
    return by_reason


def total(counter: Counter) -> float:
    """A counter's total over all its labels."""
    return sum(value for _, value in _totals(counter))


def _totals(counter: Counter) -> Iterator[tuple[dict[str, str], float]]:
    """Each child's labels and total (the `_total` samples, not `_created`)."""
    for family in counter.collect():
        for sample in family.samples:
            if sample.name.endswith("_total"):
                yield sample.labels, sample.value


def articles_handled(outcome: str) -> float:
    """ARTICLES of one outcome so far."""
    return totals_by(ARTICLES, "outcome").get(outcome, 0.0)


CONSUMER_LAG = Gauge(
    "pipeline_consumer_lag",
    "Log-end offset minus the group's committed offset, per input partition, with its holder.",
    ["topic", "partition", "member"],
)


def agent_crashed(agent: str) -> bool:
    """Whether `agent` has stopped on an error in this process."""
    return totals_by(AGENT_CRASHES, "agent").get(agent, 0.0) > 0
