"""`pipeline enrich` run as a user runs it: a subprocess reading files and stdin."""

from __future__ import annotations

import json
import subprocess
import sys

import orjson
import pytest

from pipeline.models import EnrichedArticle
from tests.conftest import REPO, SEED, seed_parts

pytestmark = [pytest.mark.system, pytest.mark.slow]


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
        cwd=REPO,
    )


def test_the_seed_file_gives_one_enriched_line() -> None:
    result = run_cli("enrich", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    (line,) = result.stdout.splitlines()
    article = EnrichedArticle.model_validate_json(line)
    assert article.title is not None
    assert article.title.startswith("US lawmakers urge Biden")
    assert len(article.sidebar) == 12


def test_story_only_takes_the_body_as_the_story() -> None:
    body = "First paragraph about Kenya.\n\nSecond paragraph about Nairobi."
    result = run_cli("enrich", "--story-only", stdin=orjson.dumps({"body": body}) + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    article = EnrichedArticle.model_validate_json(result.stdout)
    assert article.title is None
    assert article.sidebar == []
    assert article.story.paragraphs == [
        "First paragraph about Kenya.",
        "Second paragraph about Nairobi.",
    ]
    assert [c.code for c in article.countries] == ["KE"]


def test_a_bad_record_is_reported_and_the_rest_still_written() -> None:
    lines = [
        orjson.dumps({"id": "one", "body": "Rain in Oslo today."}),
        b"this is not json",
        orjson.dumps({"id": "three", "title": "no body"}),
        orjson.dumps({"id": "four", "body": "Snow in Bergen tomorrow."}),
    ]
    result = run_cli("enrich", "-", stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["one", "four"]
    errors = result.stderr.decode()
    assert "<stdin>:2: not_json" in errors
    assert "<stdin>:3: empty_body" in errors


def test_fetched_at_resolves_sidebar_ages_of_pages_that_do_not_say() -> None:
    result = run_cli("enrich", "--fetched-at", "2024-03-12T09:30:00+00:00", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    article = EnrichedArticle.model_validate_json(result.stdout)
    assert article.fetched_at is not None
    assert article.fetched_at.isoformat() == "2024-03-12T09:30:00+00:00"
    first = article.sidebar[0]
    assert first.age == "5 hours ago"
    assert first.published_at is not None
    assert first.published_at.isoformat() == "2024-03-12T04:30:00+00:00"


def test_stories_marks_the_copies_of_the_seed_and_keeps_the_rest_apart() -> None:
    title, story, page = seed_parts()
    dateline = page.replace("Islamabad: Pakistan", "ISLAMABAD (Wire) — Pakistan", 1)
    paragraphs = story.split("\n\n")
    shorter = "\n\n".join(paragraphs[: len(paragraphs) // 2])
    records = [
        {"id": "seed", "title": title, "body": page, "fetched_at": "2024-03-14T09:00:00+00:00"},
        {"id": "other", "body": "Snow closed the mountain passes of Norway on Sunday, and "
         "trains between Oslo and Bergen stopped for the night.",
         "fetched_at": "2024-03-14T09:30:00+00:00"},
        {"id": "wire", "title": title, "body": dateline, "fetched_at": "2024-03-14T10:00:00+00:00"},
        {"id": "cut", "body": shorter, "fetched_at": "2024-03-14T11:00:00+00:00"},
    ]  # fmt: skip
    stdin = b"".join(orjson.dumps(r) + b"\n" for r in records)
    result = run_cli("stories", stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["seed", "other", "wire", "cut"]
    seed, other, wire, cut = lines
    assert seed["duplicate_of"] is None
    assert seed["story_id"] == wire["story_id"] == cut["story_id"] != other["story_id"]
    assert wire["duplicate_of"] == "seed"
    assert cut["duplicate_of"] == "seed"
    assert cut["similarity"] >= 0.7
    assert other["duplicate_of"] is None


def test_stories_has_help() -> None:
    result = run_cli("stories", "--help")
    assert result.returncode == 0
    assert b"StoryAssignment" in result.stdout
