"""`enrich`, offline: the seed as the issue describes it, real pages validated against the
schemas (the `pipeline enrich` command itself is tested in tests/system/test_cli.py)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import islice

import orjson
import pytest
from jsonschema import Draft202012Validator

from pipeline.core import enrich, enrich_batch
from pipeline.errors import StageError
from pipeline.inputs import read_inputs
from pipeline.models import EnrichedArticle, RawArticle, SidebarItem
from pipeline.schemas import event_schemas, schema_file_name
from pipeline.settings import Settings
from tests.conftest import EXTRACTION_DATA, SEED

pytestmark = pytest.mark.slow

SIDEBAR_HEADLINES = [
    "Trump and Musk have huge conflicts of interest. Who’s policing them?",
    "25mn worshippers, pilgrims flock to Masjid Al-Haram during 10 days of Ramadan",
    "Red Sox's Giolito (hammy) to start season on IL",
    "Staff level agreement between Pakistan, IMF not reached",
    "AI is coming for the laptop class",
    "CTD arrests suicide bomber planning major attack in Lahore",
    "Sources: Cowboys, Turpin agree to 3-year deal",
    "Guard tortures citizen in Lahore: Private company office sealed",
    "Terrorists attack two police stations, checkpoint in Bannu",
    "Torkham border closed: Pak-Afghan annual trade volume reduces by $1bn",
    "Trump’s EPA insists climate change isn’t a danger",
    "Senior Indian actor passes away at 83",
]


def validator(event: str) -> Draft202012Validator:
    return Draft202012Validator(event_schemas()[schema_file_name(event)])


@pytest.fixture(scope="module")
def seed_article() -> EnrichedArticle:
    (record,) = read_inputs([str(SEED)], max_body_bytes=5_000_000)  # as `pipeline enrich` reads
    assert record.article is not None
    return enrich(record.article)


def test_seed_title_is_the_first_line(seed_article: EnrichedArticle) -> None:
    first_line = SEED.read_text().splitlines()[0]
    assert seed_article.title == first_line


def test_seed_story_is_the_story_and_nothing_else(seed_article: EnrichedArticle) -> None:
    story = seed_article.story
    assert story.text.startswith("Islamabad: Pakistan on Thursday")
    assert story.text.endswith("she added.")
    assert story.text == "\n\n".join(story.paragraphs)
    for headline in SIDEBAR_HEADLINES:
        assert headline not in story.text
    assert "hours ago" not in story.text


def test_seed_sidebar_has_the_twelve_headlines_in_order(seed_article: EnrichedArticle) -> None:
    assert [entry.headline for entry in seed_article.sidebar] == SIDEBAR_HEADLINES
    assert seed_article.sidebar[0].age == "5 hours ago"
    assert seed_article.sidebar[3].age == "an hour ago"


def test_seed_sidebar_items_carry_their_headlines_countries(
    seed_article: EnrichedArticle,
) -> None:
    items = SidebarItem.from_article(seed_article)
    countries = {item.headline: item.countries for item in items}
    assert countries == {entry.headline: entry.countries for entry in seed_article.sidebar}
    assert all(item.schema_version == "1.1" for item in items)
    for headline in SIDEBAR_HEADLINES:
        if "Lahore" in headline or "Bannu" in headline or "IMF" in headline:
            assert countries[headline] == ["PK"], headline
    torkham = next(h for h in SIDEBAR_HEADLINES if h.startswith("Torkham"))
    assert sorted(countries[torkham] or []) == ["AF", "PK"]
    # Names of people, teams and firms bring no country (Trump, Musk, Giolito, Turpin).
    for index in (0, 2, 4, 6, 10):
        assert countries[SIDEBAR_HEADLINES[index]] == [], SIDEBAR_HEADLINES[index]
    # Non-English stories are not tagged, so their sidebars are not either (null, not []).
    untagged = enrich(RawArticle(body=SEED.read_text(), language="fr"))
    assert all(entry.countries is None for entry in untagged.sidebar)
    assert "leads" not in untagged.pipeline.stage_ms


def test_seed_countries_pakistan_and_us_are_the_focus(seed_article: EnrichedArticle) -> None:
    focus = {country.code for country in seed_article.countries if country.focus}
    assert focus == {"PK", "US"}
    assert abs(sum(country.score for country in seed_article.countries) - 1.0) < 1e-6


def test_mention_offsets_index_their_section(seed_article: EnrichedArticle) -> None:
    sections = {"title": seed_article.title or "", "story": seed_article.story.text}
    mentions = [m for e in seed_article.entities for m in e.mentions]
    mentions += [m for c in seed_article.countries for m in c.mentions]
    assert mentions
    for mention in mentions:
        assert sections[mention.section][mention.start : mention.end] == mention.text


def test_seed_metadata_is_its_dateline_and_nothing_made_up(seed_article: EnrichedArticle) -> None:
    metadata = seed_article.metadata
    assert metadata is not None
    assert (metadata.dateline, metadata.dateline_country) == ("Islamabad", "PK")
    assert metadata.authors == []
    assert metadata.published_date is None
    assert metadata.published_at is None
    assert metadata.modified_date is None
    assert "metadata" in seed_article.pipeline.stage_ms


def test_sidebar_ages_become_times_when_fetched_at_is_known() -> None:
    fetched_at = datetime(2024, 3, 21, 12, 0, tzinfo=UTC)
    article = enrich(RawArticle(body=SEED.read_text(), fetched_at=fetched_at))
    assert article.sidebar[0].published_at == datetime(2024, 3, 21, 7, 0, tzinfo=UTC)
    # the sidebar's ages date other articles, not this one
    assert article.metadata is not None
    assert article.metadata.published_date is None
    items = SidebarItem.from_article(article)
    assert [item.position for item in items] == list(range(len(SIDEBAR_HEADLINES)))
    assert len({item.id for item in items}) == len(items)


def test_the_seed_output_validates_against_the_schema(seed_article: EnrichedArticle) -> None:
    validator("EnrichedArticle").validate(seed_article.model_dump(mode="json"))
    for item in SidebarItem.from_article(seed_article):
        validator("SidebarItem").validate(item.model_dump(mode="json"))


def _dragnet_pages(count: int) -> Iterator[RawArticle]:
    with gzip.open(EXTRACTION_DATA / "dragnet.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in islice(lines, count):
            page = json.loads(line)
            yield RawArticle(id=page["id"], body=page["html"], content_type="text/html")


@pytest.mark.skipif(
    not (EXTRACTION_DATA / "dragnet.jsonl.gz").exists(),
    reason="the shared development data is not beside this clone",
)
def test_fifty_real_pages_validate_against_the_schema() -> None:
    schema = validator("EnrichedArticle")
    results = enrich_batch(list(_dragnet_pages(50)))
    articles = [r for r in results if not isinstance(r, StageError)]
    assert len(results) == 50
    assert len(articles) >= 48, [r.message for r in results if isinstance(r, StageError)]
    for article in articles:
        schema.validate(orjson.loads(article.to_json()))
    assert sum(bool(a.story.paragraphs) for a in articles) >= 45


def test_a_backlog_goes_in_parts_and_a_small_batch_article_by_article() -> None:
    from pipeline.agents.enrich import BACKLOG_PART, part_size

    assert part_size(32, full=32) == BACKLOG_PART > 1
    assert part_size(31, full=32) == BACKLOG_PART  # a burst's last batch
    assert part_size(BACKLOG_PART + 1, full=32) == BACKLOG_PART
    assert part_size(BACKLOG_PART, full=32) == 1  # one part's worth: the worker keeps up
    assert part_size(1, full=32) == 1
    assert part_size(1, full=1) == BACKLOG_PART


def test_ner_reads_a_story_up_to_its_cap_the_country_tagger_all_of_it() -> None:
    filler = "The talks went on through the night and into the next morning. " * 20
    story = f"Kenya hosted the talks in Nairobi.\n\n{filler}\n\nAngela Merkel flew in from Berlin."
    raw = RawArticle(id="capped", body=story, title="Talks")
    cap = story.index("Angela")  # the last paragraph's names lie past it
    assert cap >= 1_000  # the setting's floor

    def tagged(settings: Settings) -> tuple[set[str], set[str]]:
        (result,) = enrich_batch([raw], settings=settings, story_only=True)
        assert isinstance(result, EnrichedArticle)
        return {entity.name for entity in result.entities}, {c.code for c in result.countries}

    uncapped, countries = tagged(Settings(ner_max_story_chars=100_000))
    assert {"Kenya", "Nairobi", "Angela Merkel"} <= uncapped
    assert {"KE", "DE"} <= countries
    capped, capped_countries = tagged(Settings(ner_max_story_chars=cap))
    assert {"Kenya", "Nairobi"} <= capped
    assert "Angela Merkel" not in capped
    assert capped_countries == countries  # the country tagger reads the whole story
