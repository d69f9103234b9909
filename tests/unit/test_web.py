"""The dashboard's pure parts: counting, merging, ranking, quantiles, lag, the assets."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from pipeline.metrics import ARTICLES, DEAD_LETTERS, RecentHistogram, articles_handled, totals_by
from pipeline.models import (
    AgentFigures,
    PartitionSnapshot,
    StatsRecord,
    StoryAssignment,
    StoryState,
    WorkerSnapshot,
)
from pipeline.story_activity import StoryActivity
from pipeline.web.figures import (
    MINUTE_S,
    count,
    group_view,
    lag_rows,
    merge_agents,
    prune,
    quantiles,
    summarise,
    thin,
    top,
)
from pipeline.web.views import STATIC, static_file

NOW = 1_800_000_000.0


def _event(article_id: str, countries: list[str], entities: list[tuple[str, float]]) -> bytes:
    return orjson.dumps(
        {
            "id": article_id,
            "title": f"<b>{article_id}</b>",
            "countries": [{"code": c, "focus": True} for c in countries]
            + [{"code": "ZZ", "focus": False}],
            "entities": [{"name": n, "salience": s} for n, s in entities],
            "sidebar": [{"headline": "x"}] * 3,
        }
    )


def _snapshot(partition: int) -> PartitionSnapshot:
    return PartitionSnapshot(topic="t", partition=partition, offset=-1, buckets={}, latest=[])


def _counted(partition: int, events: list[tuple[int, bytes, float]]) -> PartitionSnapshot:
    snapshot = _snapshot(partition)
    for offset, value, at in events:
        count(
            snapshot,
            summarise(value, partition=partition, offset=offset, timestamp_ms=int(at * 1000)),
        )
    return snapshot


def test_summarise_keeps_focus_countries_and_the_most_salient_entities() -> None:
    value = _event("a", ["PK", "US"], [(f"e{n}", n / 10) for n in range(8)])
    article = summarise(value, partition=1, offset=7, timestamp_ms=5000)
    assert article.countries == ["PK", "US"]  # ZZ is not a focus
    assert article.entities == ["e7", "e6", "e5", "e4", "e3"]
    assert (article.title, article.sidebar, article.partition, article.offset, article.at) == (
        "<b>a</b>",
        3,
        1,
        7,
        5.0,
    )


def test_summarise_carries_the_published_time_and_authors_of_a_1_1_event() -> None:
    event = orjson.loads(_event("a", ["PK"], []))
    assert summarise(orjson.dumps(event), partition=0, offset=0, timestamp_ms=0).authors == []
    event["metadata"] = {
        "published_at": None,
        "published_date": "2024-03-12",
        "authors": ["Jane Doe", "John Roe"],
    }
    article = summarise(orjson.dumps(event), partition=0, offset=0, timestamp_ms=0)
    assert article.published == "2024-03-12"
    assert article.authors == ["Jane Doe", "John Roe"]
    event["metadata"]["published_at"] = "2024-03-12T09:30:00+05:00"
    article = summarise(orjson.dumps(event), partition=0, offset=0, timestamp_ms=0)
    assert article.published == "2024-03-12T09:30:00+05:00"


def test_tops_are_the_same_however_partitions_are_split() -> None:
    events = [
        (n, _event(f"a{n}", ["PK"] if n % 2 else ["PK", "KE"], [("Imran Khan", 0.9)]), NOW - n)
        for n in range(10)
    ]
    whole = _counted(0, events)
    halves = [_counted(0, events[:4]), _counted(1, events[4:])]
    assert top([whole], NOW, 5) == top(halves, NOW, 5)
    assert top([whole], NOW, 5)["countries"] == [("PK", 10), ("KE", 5)]
    assert whole.offset == 9


def test_windows_only_count_their_minutes() -> None:
    old = NOW - 30 * MINUTE_S
    snapshot = _counted(
        0, [(0, _event("old", ["PE"], []), old), (1, _event("new", ["JP"], []), NOW)]
    )
    assert top([snapshot], NOW, 5)["countries"] == [("JP", 1)]
    assert top([snapshot], NOW, 60)["countries"] == [("JP", 1), ("PE", 1)]
    prune(snapshot, NOW + 61 * MINUTE_S)
    assert snapshot.buckets == {}


def test_snapshot_round_trips_through_the_stats_topic() -> None:
    snapshot = _counted(2, [(5, _event("a", ["PK"], [("X", 0.5)]), NOW)])
    record = StatsRecord(kind="partition", updated_at=NOW, partition=snapshot)
    again = StatsRecord.model_validate_json(record.to_json())
    assert again == record
    assert again.partition is not None
    assert top([again.partition], NOW, 5) == top([snapshot], NOW, 5)


def test_quantiles_and_thin() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert quantiles(samples) == [50.0, 95.0, 99.0]
    assert quantiles([]) == [0.0, 0.0, 0.0]
    assert len(thin(samples * 10, most=100)) == 100
    assert quantiles(thin(samples * 10, most=100)) == [50.0, 95.0, 99.0]


def _worker(name: str, enrich_in: float, state: str = "running") -> WorkerSnapshot:
    figures = AgentFigures(
        state=state,
        events_in=enrich_in,
        events_out=enrich_in,
        in_per_s=1.0,
        out_per_s=2.0,
        errors=0,
        dead_letters={"not_json": 1},
        latencies_s=[0.1, 0.2],
    )
    return WorkerSnapshot(name=name, url="", agents={"enrich": figures}, assignment={"raw": [0]})


def test_agents_are_summed_over_the_group_and_the_worst_state_wins() -> None:
    merged = merge_agents([_worker("a", 3), _worker("b", 4, state="crashed")])
    enrich = merged["enrich"]
    assert enrich["events_in"] == 7
    assert enrich["in_per_s"] == 2.0
    assert enrich["dead_letters"] == {"not_json": 2}
    assert enrich["state"] == "crashed"
    assert enrich["latency_s"]["p99"] == 0.2


def test_lag_is_end_minus_committed_else_end_minus_start() -> None:
    rows = lag_rows("raw", {0: 10, 1: 5}, {0: 0, 1: 2}, {0: 7, 1: None}, {("raw", 0): "w1"})
    assert [(r["partition"], r["lag"], r["member"]) for r in rows] == [(0, 3, "w1"), (1, 3, "")]


def test_gone_workers_leave_the_view() -> None:
    records = {
        "worker:a": StatsRecord(kind="worker", updated_at=NOW, worker=_worker("a", 1)),
        "worker:b": StatsRecord(kind="worker", updated_at=NOW - 600, worker=_worker("b", 1)),
    }
    view = group_view(records, [], NOW)
    assert [w["name"] for w in view["workers"]] == ["a"]
    assert view["agents"]["enrich"]["events_in"] == 1


def test_recent_histogram_keeps_the_last_minute() -> None:
    histogram = RecentHistogram("test_recent_seconds", "test", registry=None)
    for value in (0.1, 0.2, 0.3):
        histogram.observe(value)
    assert histogram.recent() == [0.1, 0.2, 0.3]


def test_articles_handled_reads_the_counter_of_one_outcome() -> None:
    enriched, dead = articles_handled("enriched"), articles_handled("dead_lettered")
    ARTICLES.labels("enriched").inc(3)
    ARTICLES.labels("dead_lettered").inc(2)
    assert articles_handled("enriched") == enriched + 3
    assert articles_handled("dead_lettered") == dead + 2
    assert articles_handled("no such outcome") == 0.0


def test_totals_by_sums_over_the_other_labels() -> None:
    before = totals_by(DEAD_LETTERS, "reason_code").get("test_reason", 0.0)
    DEAD_LETTERS.labels("test_reason", "decode").inc()
    DEAD_LETTERS.labels("test_reason", "split").inc(2)
    assert totals_by(DEAD_LETTERS, "reason_code")["test_reason"] == before + 3


def test_the_page_never_writes_data_as_html() -> None:
    script = static_file("dashboard.js").decode()
    assert "innerHTML" not in script
    assert "insertAdjacentHTML" not in script
    assert "textContent" in script
    page = static_file("index.html").decode()
    assert "http://" not in page  # no CDN: works offline
    assert "https://" not in page
    for name in STATIC:
        assert static_file(name)


def _story(story_id: str, size: int) -> StoryState:
    at = datetime.fromtimestamp(NOW, UTC)
    return StoryState(
        id=story_id,
        first_article_id=f"{story_id}-a",
        first_at=at,
        last_at=at,
        size=size,
        duplicates=0,
        sources=[f"s{n}.example" for n in range(size)],
        title=f"<i>{story_id}</i>",
        entities=[],
        countries=["PK"],
    )


def _joined(article_id: str, story_id: str, at: float, copy_of: str | None) -> StoryAssignment:
    return StoryAssignment(
        id=article_id,
        story_id=story_id,
        new_story=False,
        duplicate_of=copy_of,
        similarity=0.9,
        event_time=datetime.fromtimestamp(at, UTC),
    )


def test_stories_growing_fastest_count_the_last_hour_and_duplicates_per_minute() -> None:
    activity = StoryActivity()
    # "old" grew by 8 more than an hour before the newest article, and once since
    for n in range(8):
        activity.observe(_joined(f"o{n}", "old", NOW - 4000 + n, None), _story("old", n + 1))
    activity.observe(_joined("o8", "old", NOW - 100, None), _story("old", 9))
    for n in range(3):
        activity.observe(_joined(f"f{n}", "fast", NOW - 60 * n, "f-first"), _story("fast", n + 1))
    snapshot = activity.snapshot()
    assert [(s.id, s.joined, s.size) for s in snapshot.growing] == [("fast", 3, 3), ("old", 1, 9)]
    assert snapshot.growing[1].sources == [f"s{n}.example" for n in range(5)]
    assert snapshot.growing[1].source_count == 9
    assert sum(snapshot.duplicates_per_minute.values()) == 3

    worker = WorkerSnapshot(name="w", url="u", agents={}, assignment={}, stories=snapshot)
    record = StatsRecord(kind="worker", updated_at=NOW, worker=worker)
    view = group_view({"worker:w": record}, [], NOW)["stories"]
    assert [s["id"] for s in view["growing"]] == ["fast", "old"]
    per_minute = view["duplicates_per_minute"]
    assert len(per_minute) == 60
    assert sum(n for _, n in per_minute) == 3
    assert per_minute[-1] == (int(NOW // MINUTE_S) * MINUTE_S, 1)

    activity.forget(["fast"])
    assert [s.id for s in activity.snapshot().growing] == ["old"]
