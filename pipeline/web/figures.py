"""The dashboard's figures as pure functions: no Kafka, no web, unit-tested alone.

Two kinds of record travel on the compacted stats topic (`PIPELINE_TOPIC_STATS`):

* `partition:<topic>:<n>`: what one partition of `articles.enriched` holds, counted by
  whichever worker owns it: countries and entities per minute and the latest articles, with
  the offset they cover (so a new owner resumes exactly there after a restart or rebalance);
* `worker:<name>`: one worker's own figures (agents, rates, latencies, assignment).

Every worker reads the topic whole and merges the latest record of each key, so every worker
answers with the same group-wide figures.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from pipeline.models import (
    ArticleSummary,
    Bucket,
    PartitionSnapshot,
    StatsRecord,
    WorkerSnapshot,
)

MINUTE_S = 60
WINDOWS_MIN = (5, 60)  # the "top" windows the page shows, in minutes
KEEP_MIN = max(WINDOWS_MIN)
TOP_N = 10
ENTITIES_PER_ARTICLE = 5  # an article's "top entities": the most salient few
ENTITIES_KEPT_PER_MINUTE = 200  # bounds a snapshot; the long tail never reaches a top 10
LATEST_KEPT = 10  # latest articles kept per partition
AUTHORS_SHOWN = 5  # a byline of more names is cut in the feed
FEED_SIZE = 20
STALE_AFTER_S = 30.0  # a worker silent this long is shown as gone and left out of sums


# --------------------------------------------------------------------------------------------
# Counting the enriched stream


def summarise(value: bytes, *, partition: int, offset: int, timestamp_ms: int) -> ArticleSummary:
    """The few fields the dashboard needs from an EnrichedArticle, read without validating
    the whole event (cheap enough for every record)."""
    event: dict[str, Any] = orjson.loads(value)
    entities = sorted(event.get("entities") or [], key=lambda e: -float(e.get("salience", 0)))
    metadata = event.get("metadata") or {}  # since 1.1
    return ArticleSummary(
        id=str(event.get("id", "")),
        title=event.get("title"),
        countries=[c["code"] for c in event.get("countries") or [] if c.get("focus")],
        entities=[e["name"] for e in entities[:ENTITIES_PER_ARTICLE]],
        sidebar=len(event.get("sidebar") or []),
        partition=partition,
        offset=offset,
        at=timestamp_ms / 1000,
        published=metadata.get("published_at") or metadata.get("published_date"),
        authors=[str(name) for name in metadata.get("authors") or []][:AUTHORS_SHOWN],
    )


def count(snapshot: PartitionSnapshot, article: ArticleSummary) -> None:
    """Add one article to its partition's counts (in place: the owner's working copy)."""
    minute = int(article.at // MINUTE_S)
    bucket = snapshot.buckets.setdefault(minute, Bucket())
    bucket.articles += 1
    for code in article.countries:
        bucket.countries[code] = bucket.countries.get(code, 0) + 1
    for name in article.entities:
        bucket.entities[name] = bucket.entities.get(name, 0) + 1
    snapshot.offset = max(snapshot.offset, article.offset)
    snapshot.latest = sorted([*snapshot.latest, article], key=lambda a: -a.offset)[:LATEST_KEPT]


def prune(snapshot: PartitionSnapshot, now: float) -> None:
    """Drop minutes older than the longest window and cap each minute's entity tail."""
    oldest = int(now // MINUTE_S) - KEEP_MIN
    for minute in [m for m in snapshot.buckets if m <= oldest]:
        del snapshot.buckets[minute]
    for bucket in snapshot.buckets.values():
        if len(bucket.entities) > ENTITIES_KEPT_PER_MINUTE:
            kept = Counter(bucket.entities).most_common(ENTITIES_KEPT_PER_MINUTE)
            bucket.entities = dict(kept)


# --------------------------------------------------------------------------------------------
# Merging what every worker published


def top(
    snapshots: Iterable[PartitionSnapshot], now: float, minutes: int, n: int = TOP_N
) -> dict[str, list[tuple[str, int]]]:
    """Top countries and entities over the last `minutes` (the current minute included)."""
    first = int(now // MINUTE_S) - minutes + 1
    countries: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    articles = 0
    for snapshot in snapshots:
        for minute, bucket in snapshot.buckets.items():
            if minute >= first:
                countries.update(bucket.countries)
                entities.update(bucket.entities)
                articles += bucket.articles
    return {
        "countries": _ranked(countries, n),
        "entities": _ranked(entities, n),
        "articles": [("articles", articles)],
    }


def _ranked(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """Most common first, ties by name, so every worker ranks the same way."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def feed(snapshots: Iterable[PartitionSnapshot], size: int = FEED_SIZE) -> list[ArticleSummary]:
    latest = [article for snapshot in snapshots for article in snapshot.latest]
    return sorted(latest, key=lambda a: (-a.at, a.partition, -a.offset))[:size]


def quantiles(samples: Sequence[float], qs: Sequence[float] = (0.5, 0.95, 0.99)) -> list[float]:
    """Nearest-rank quantiles; zeros when there is nothing to rank."""
    if not samples:
        return [0.0 for _ in qs]
    ordered = sorted(samples)
    return [ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))] for q in qs]


def thin(samples: Sequence[float], most: int = 300) -> list[float]:
    """Every k-th sample of the sorted list, so a snapshot stays small but keeps its shape."""
    if len(samples) <= most:
        return list(samples)
    ordered = sorted(samples)
    step = len(ordered) / most
    return [ordered[int(i * step)] for i in range(most)]


def merge_agents(workers: Iterable[WorkerSnapshot]) -> dict[str, dict[str, Any]]:
    """Per agent, the group's sums, latency quantiles and each worker's state."""
    merged: dict[str, dict[str, Any]] = {}
    samples: dict[str, list[float]] = {}
    for worker in workers:
        for name, figures in worker.agents.items():
            agent = merged.setdefault(
                name,
                {
                    "events_in": 0.0,
                    "events_out": 0.0,
                    "in_per_s": 0.0,
                    "out_per_s": 0.0,
                    "errors": 0.0,
                    "dead_letters": Counter(),
                    "states": {},
                },
            )
            for field in ("events_in", "events_out", "in_per_s", "out_per_s", "errors"):
                agent[field] += getattr(figures, field)
            agent["dead_letters"].update(figures.dead_letters)
            agent["states"][worker.name] = figures.state
            samples.setdefault(name, []).extend(figures.latencies_s)
    for name, agent in merged.items():
        p50, p95, p99 = quantiles(samples[name])
        agent["latency_s"] = {"p50": p50, "p95": p95, "p99": p99}
        agent["dead_letters"] = dict(sorted(agent["dead_letters"].items()))
        agent["state"] = _group_state(agent["states"].values())
    return dict(sorted(merged.items()))


def _group_state(states: Iterable[str]) -> str:
    """The worst state among the workers: one crashed agent is what an operator must see."""
    seen = set(states)
    for state in ("crashed", "stopping", "restarting", "init", "shutdown", "running"):
        if state in seen:
            return state
    return next(iter(seen), "unknown")


def holders(workers: Iterable[WorkerSnapshot]) -> dict[tuple[str, int], str]:
    """(topic, partition) -> the worker that says it holds it."""
    held: dict[tuple[str, int], str] = {}
    for worker in workers:
        for topic, partitions in worker.assignment.items():
            for partition in partitions:
                held[(topic, partition)] = worker.name
    return held


def lag_rows(
    topic: str,
    end_offsets: Mapping[int, int],
    start_offsets: Mapping[int, int],
    committed: Mapping[int, int | None],
    held: Mapping[tuple[str, int], str],
) -> list[dict[str, Any]]:
    """Consumer lag per partition: log-end offset minus the committed offset (or minus the
    log-start offset when the group has committed nothing yet, as it reads from the earliest)."""
    rows = []
    for partition in sorted(end_offsets):
        end = end_offsets[partition]
        position = committed.get(partition)
        if position is None or position < 0:
            position = start_offsets.get(partition, 0)
        rows.append(
            {
                "topic": topic,
                "partition": partition,
                "end_offset": end,
                "committed": committed.get(partition),
                "lag": max(0, end - position),
                "member": held.get((topic, partition), ""),
            }
        )
    return rows


def live(records: Mapping[str, StatsRecord], now: float) -> list[StatsRecord]:
    """Worker records heard from recently; gone workers drop out of sums and states."""
    return [
        record
        for record in records.values()
        if record.worker is not None and now - record.updated_at <= STALE_AFTER_S
    ]


def group_view(
    records: Mapping[str, StatsRecord],
    lag: Sequence[Mapping[str, Any]],
    now: float,
) -> dict[str, Any]:
    """Everything the page and the JSON API show, from the merged stats topic and the lag."""
    workers = [record.worker for record in live(records, now) if record.worker is not None]
    partitions = [record.partition for record in records.values() if record.partition is not None]
    return {
        "generated_at": now,
        "workers": sorted(
            ({"name": w.name, "url": w.url, "assignment": w.assignment} for w in workers),
            key=lambda w: str(w["name"]),
        ),
        "agents": merge_agents(workers),
        "lag": list(lag),
        "total_lag": sum(int(row["lag"]) for row in lag),
        "top": {f"{minutes}m": top(partitions, now, minutes) for minutes in WINDOWS_MIN},
        "feed": [article.model_dump() for article in feed(partitions)],
        "stories": stories_view(live(records, now)),
    }


def stories_view(records: Sequence[StatsRecord]) -> dict[str, Any]:
    """The story agent's figures, from the worker that holds it (the latest to say so: during
    a handover two may), with duplicates per minute over the last hour, empty minutes as 0."""
    held = [r for r in records if r.worker is not None and r.worker.stories is not None]
    if not held:
        return {"latest_at": None, "growing": [], "duplicates_per_minute": []}
    latest = max(held, key=lambda r: r.updated_at)
    assert latest.worker is not None
    assert latest.worker.stories is not None
    stories = latest.worker.stories
    per_minute: list[tuple[int, int]] = []
    if stories.latest_at is not None:
        last = int(stories.latest_at // MINUTE_S)
        per_minute = [
            (minute * MINUTE_S, stories.duplicates_per_minute.get(minute, 0))
            for minute in range(last - KEEP_MIN + 1, last + 1)
        ]
    return {
        "latest_at": stories.latest_at,
        "growing": [story.model_dump() for story in stories.growing],
        "duplicates_per_minute": per_minute,
    }
