"""What the story agents send, as pure functions of what they received and decided."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.memory import StoryOutcome
from pipeline.models import SourceRecord, StoryAssignment, StoryState
from pipeline.routing import TOMBSTONE, Received
from pipeline.settings import Settings
from pipeline.story_routing import StoryRoutes, forward, route_outcome, story_tombstones

AT = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
ROUTES = StoryRoutes.of(Settings(kafka_bootstrap_servers="unused:9092", app_id="app"))


def outcome(article_id: str, story_id: str) -> StoryOutcome:
    assignment = StoryAssignment(
        id=article_id,
        story_id=story_id,
        new_story=False,
        duplicate_of="first",
        duplicate_match="text",
        similarity=0.93,
        event_time=AT,
    )
    story = StoryState(
        id=story_id,
        first_article_id="first",
        first_at=AT,
        last_at=AT,
        size=2,
        duplicates=1,
        sources=["a.example", "b.example"],
        title="A title",
        entities=["Imran Khan"],
        countries=["PK"],
    )
    return StoryOutcome(assignment, story, None, [], [])


def test_the_assignment_is_keyed_by_article_and_the_state_by_story_ids_deterministic() -> None:
    first = route_outcome(outcome("a-2", "s-1"), ROUTES)
    again = route_outcome(outcome("a-2", "s-1"), ROUTES)
    assignment, state = first
    assert (assignment.topic, assignment.key) == ("articles.assignments", b"a-2")
    assert (state.topic, state.key) == ("articles.stories", b"s-1")
    assert StoryAssignment.model_validate_json(assignment.value).duplicate_of == "first"
    assert StoryState.model_validate_json(state.value).size == 2
    headers = [dict(out.headers) for out in first]
    assert [h["ce_type"] for h in headers] == [
        b"org.article-pipeline.assignment.v1",
        b"org.article-pipeline.story.v1",
    ]
    assert [h["ce_id"] for h in headers] == [dict(out.headers)["ce_id"] for out in again]
    assert headers[0]["ce_source"] == b"/article-pipeline/app"


def test_stories_that_left_the_window_get_tombstones() -> None:
    (tombstone,) = story_tombstones(["s-9"], ROUTES)
    assert (tombstone.topic, tombstone.key, tombstone.kind) == (
        "articles.stories",
        b"s-9",
        TOMBSTONE,
    )


def test_forward_keeps_the_key_and_the_bytes_and_skips_keyless_records() -> None:
    source = SourceRecord(topic="articles.enriched", partition=4, offset=7, key="a-1")
    out = forward(Received(b'{"id": "a-1"}', b"a-1", source), ROUTES)
    assert out is not None
    assert (out.topic, out.key, out.value) == ("articles.stories.in", b"a-1", b'{"id": "a-1"}')
    assert forward(Received(b"{}", None, source), ROUTES) is None
