"""The stream memory (`pipeline.memory`): near-copies of the seed, stories, idempotence, the
window and restoring from persisted memos."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest
from rensa import RMinHash

from pipeline.core import enrich_batch
from pipeline.errors import StageError
from pipeline.memory import ArticleMemo, StoryMemory, StoryOutcome, event_time_of
from pipeline.memory.features import shingles, title_key, url_key, words
from pipeline.memory.minhash import NUM_PERM, compact, signature
from pipeline.memory.minhash import SEED as MINHASH_SEED
from pipeline.models import EnrichedArticle, PipelineInfo, RawArticle, Story, StoryState
from pipeline.settings import Settings
from tests.conftest import EXAMPLE_PAGES, REPO, SEED

T0 = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)
SETTINGS = Settings()


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _copy(lines: list[str], *, old: str, new: str) -> str:
    page = "\n".join(lines)
    assert old in page
    return page.replace(old, new, 1)


def _seed_and_copies() -> list[RawArticle]:
    lines = _seed_lines()
    page = "\n".join(lines)
    story_end = next(i for i, line in enumerate(lines) if line.endswith("she added."))
    # another outlet's dateline, byline and headline
    dateline = _copy(
        lines,
        old="Islamabad: Pakistan on Thursday",
        new="By a staff reporter\nISLAMABAD (Wire) — Pakistan on Thursday",
    ).replace(lines[0], "Pakistan rejects US lawmakers' letter on Imran Khan", 1)
    # a paragraph dropped from the middle of the story
    dropped = "\n".join(line for i, line in enumerate(lines) if i != story_end - 6)
    # the same story beside other headlines
    sidebar = "\n".join(
        [*lines[: story_end + 1], ""]
        + [
            f"{headline}\n- {age}\n"
            for headline, age in [
                ("Floods close the coastal highway for a second day", "2 hours ago"),
                ("Central bank holds rates as inflation cools", "4 hours ago"),
                ("Local team wins the regional cup in extra time", "an hour ago"),
                ("New metro line opens to commuters next month", "6 hours ago"),
            ]
        ]
    )
    return [
        RawArticle(id="seed", source="seed.example", body=page),
        RawArticle(id="copy-dateline", source="wire.example", body=dateline),
        RawArticle(id="copy-dropped", source="daily.example", body=dropped),
        RawArticle(id="copy-sidebar", source="weekly.example", body=sidebar),
    ]


def _unrelated() -> list[RawArticle]:
    pages = [
        RawArticle(
            id=path.stem,
            source=path.stem,
            body=path.read_text(encoding="utf-8"),
            content_type="text/html",
        )
        for path in sorted(EXAMPLE_PAGES.glob("*.html"))
    ]
    golden = REPO / "tests" / "golden" / "trafilatura-sample.jsonl.gz"
    with gzip.open(golden, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "html" in record and len(pages) < 5:
                pages.append(
                    RawArticle(
                        id=record["id"],
                        source=record["id"],
                        body=record["html"],
                        content_type="text/html",
                    )
                )
    return pages


def _enriched(raws: list[RawArticle]) -> list[EnrichedArticle]:
    results = enrich_batch(raws)
    assert not any(isinstance(r, StageError) for r in results)
    return [r for r in results if isinstance(r, EnrichedArticle)]


@pytest.fixture(scope="module")
def articles() -> list[EnrichedArticle]:
    """The seed, its three copies and five unrelated pages, interleaved as a stream would."""
    copies = _enriched(_seed_and_copies())
    others = _enriched(_unrelated())
    return [copies[0], others[0], copies[1], others[1], others[2], copies[2], others[3],
            copies[3], others[4]]  # fmt: skip


def _assign_all(
    memory: StoryMemory, articles: Iterable[EnrichedArticle], start: int = 0
) -> list[StoryOutcome]:
    return [
        memory.assign(article, T0 + timedelta(hours=start + i))
        for i, article in enumerate(articles)
    ]


def test_the_seed_and_three_edited_copies_are_one_story_of_four(
    articles: list[EnrichedArticle],
) -> None:
    outcomes = {o.assignment.id: o for o in _assign_all(StoryMemory(SETTINGS), articles)}
    seed = outcomes["seed"].assignment
    assert seed.new_story
    assert seed.duplicate_of is None
    copies = [outcomes[i].assignment for i in ("copy-dateline", "copy-dropped", "copy-sidebar")]
    assert [c.duplicate_of for c in copies] == ["seed", "seed", "seed"]
    assert {c.story_id for c in copies} == {seed.story_id}
    assert all(c.similarity >= SETTINGS.duplicate_containment for c in copies)
    assert copies[0].duplicate_match == "text"  # its headline is another one
    others = [o.assignment for i, o in outcomes.items() if not i.startswith(("seed", "copy"))]
    assert len(others) == 5
    assert all(o.story_id != seed.story_id and o.duplicate_of is None for o in others)
    story = outcomes["copy-sidebar"].story
    assert (story.id, story.size, story.duplicates) == (seed.story_id, 4, 3)
    assert story.first_article_id == "seed"
    assert story.sources == ["daily.example", "seed.example", "weekly.example", "wire.example"]
    assert story.title is not None
    assert story.title.startswith("US lawmakers urge Biden")
    assert {"PK", "US"} <= set(story.countries)
    assert "Imran Khan" in story.entities


def test_a_redelivered_article_gets_its_assignment_again_and_no_memo(
    articles: list[EnrichedArticle],
) -> None:
    memory = StoryMemory(SETTINGS)
    first = _assign_all(memory, articles)
    again = memory.assign(articles[2], T0 + timedelta(hours=40))
    assert again.assignment == first[2].assignment
    assert again.memo is None
    assert again.expired_articles == []
    assert again.story.size == 4  # not counted twice
    assert len(memory) == len(articles)


def test_articles_and_stories_leave_the_window(articles: list[EnrichedArticle]) -> None:
    settings = Settings(story_window_hours=72)
    memory = StoryMemory(settings)
    seed, copy = articles[0], articles[2]
    first = memory.assign(seed, T0)
    inside = memory.assign(copy, T0 + timedelta(hours=71))
    assert inside.assignment.duplicate_of == "seed"
    later = memory.assign(articles[1], T0 + timedelta(hours=72, minutes=30))
    assert later.expired_articles == ["seed"]
    assert later.expired_stories == []  # its copy is still in the window
    last = memory.assign(articles[3], T0 + timedelta(hours=145))
    assert set(last.expired_articles) == {"copy-dateline", articles[1].id}
    assert first.assignment.story_id in last.expired_stories
    assert memory.story(first.assignment.story_id) is None
    assert len(memory) == 1
    memory._compact_postings()
    live = memory._postings.handles()
    assert live == {s.handle for s in memory._stories.values()}


def test_the_footprint_counts_each_part_and_shrinks_when_articles_leave(
    articles: list[EnrichedArticle],
) -> None:
    memory = StoryMemory(SETTINGS)
    _assign_all(memory, articles)
    full = memory.footprint()
    assert full["MinHash signatures"] >= len(articles) * 2 * 128 * 0.5  # most have one
    assert all(size > 0 for name, size in full.items() if name != "LSH band postings")
    memory.assign(articles[0].model_copy(update={"id": "late"}), T0 + timedelta(days=30))
    assert sum(memory.footprint().values()) < sum(full.values())


def test_a_memo_with_full_32_bit_slots_restores_the_same_16_bit_signature() -> None:
    found = shingles(words("The seed story, told once, in words enough to make some shingles."))
    sketch = RMinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    sketch.update(found)
    full = sketch.digest()
    assert max(full) > 0xFFFF  # the old memos' slots did hold more than 16 bits
    assert compact(full).tolist() == signature(found).tolist()


def test_the_cap_on_articles_evicts_the_oldest(articles: list[EnrichedArticle]) -> None:
    memory = StoryMemory(Settings(story_max_articles=3))
    outcomes = _assign_all(memory, articles[:5])
    assert len(memory) == 3
    assert outcomes[3].expired_articles == [articles[0].id]
    assert outcomes[4].expired_articles == [articles[1].id]


def test_restoring_from_memos_and_states_gives_the_same_assignments(
    articles: list[EnrichedArticle],
) -> None:
    live = StoryMemory(SETTINGS)
    before = _assign_all(live, articles[:5])
    memos = [ArticleMemo.from_bytes(o.memo.to_bytes()) for o in before if o.memo is not None]
    states: dict[str, StoryState] = {}
    for outcome in before:
        states[outcome.story.id] = StoryState.model_validate_json(outcome.story.to_json())
    restored = StoryMemory(SETTINGS)
    restored.restore(memos, states.values())
    assert len(restored) == len(live)
    assert restored.story_count == live.story_count
    after_live = _assign_all(live, articles[5:], start=5)
    after_restored = _assign_all(restored, articles[5:], start=5)
    assert [o.assignment for o in after_restored] == [o.assignment for o in after_live]
    assert [o.story for o in after_restored] == [o.story for o in after_live]
    assert [o.memo for o in after_restored] == [o.memo for o in after_live]


def _synthetic(article_id: str, text: str, title: str | None = None) -> EnrichedArticle:
    paragraphs = [p for p in text.split("\n\n") if p]
    return EnrichedArticle(
        id=article_id,
        title=title,
        story=Story(text=text, paragraphs=paragraphs, confidence=1.0),
        sidebar=[],
        entities=[],
        countries=[],
        pipeline=PipelineInfo(version="test", stage_ms={}),
    )


def test_a_copy_cut_to_half_is_a_copy_and_a_quote_is_not() -> None:
    story = "\n\n".join(p for p in _seed_lines()[3:18] if p)
    paragraphs = story.split("\n\n")
    half = "\n\n".join(paragraphs[: len(paragraphs) // 2])
    quote = paragraphs[3]
    memory = StoryMemory(SETTINGS)
    memory.assign(_synthetic("full", story), T0)
    assert memory.assign(_synthetic("half", half), T0).assignment.duplicate_of == "full"
    assert memory.assign(_synthetic("quote", quote), T0).assignment.duplicate_of is None


def test_the_same_canonical_url_is_the_same_article() -> None:
    memory = StoryMemory(SETTINGS)
    one = _synthetic("a", "Short note.").model_copy(
        update={"url": "https://www.example.com/news/1/?utm_source=feed"}
    )
    two = _synthetic("b", "A short note, updated.").model_copy(
        update={"url": "http://example.com/news/1#top"}
    )
    memory.assign(one, T0)
    outcome = memory.assign(two, T0 + timedelta(minutes=5))
    assert (outcome.assignment.duplicate_of, outcome.assignment.duplicate_match) == ("a", "url")


def test_keys_and_shingles() -> None:
    assert url_key("https://www.Example.com/a/b/?utm_medium=x&id=3#c") == "example.com/a/b?id=3"
    assert url_key(None) is None
    assert url_key("not a url") is None
    assert title_key("Pakistan rejects the letter | Daily News") == "pakistan rejects the letter"
    assert title_key("Live updates") is None
    assert shingles(words("one two three")) == ["one two three"]
    assert shingles(words("a b c d a b c d")) == ["a b c d", "b c d a", "c d a b", "d a b c"]


def test_event_time_is_fetched_at_unless_an_earlier_published_time_is_known() -> None:
    article = _synthetic("x", "text").model_copy(update={"fetched_at": T0})
    assert event_time_of(article, T0 + timedelta(days=1)) == T0
    assert event_time_of(_synthetic("y", "text"), T0) == T0
