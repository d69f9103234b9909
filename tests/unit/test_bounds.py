"""What bounds one article: the work budget (too_slow, the rest of the batch goes on), the size
of its enriched event whatever the input, and what reaches a reader's screen (links only to
http(s), titles and headlines without control or bidi-override characters)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.budget import WorkBudget
from pipeline.core import enrich_batch, warm_up
from pipeline.errors import StageError
from pipeline.models import EnrichedArticle, RawArticle, ReasonCode, SidebarEntry
from pipeline.nlp.sanitize import one_line, safe_url
from pipeline.nlp.split import split_page
from pipeline.output_size import (
    bounded_sidebar,
    bounded_story,
    enriched_size_bound,
    event_fits,
)
from pipeline.settings import Settings

SENTENCE = "The minister said on Monday that talks with Kenya would resume in the spring. "
GOOD = RawArticle(id="good", body="Kenya talks\n" + SENTENCE * 20)


# --------------------------------------------------------------------------------------------
# The work budget


def test_a_budget_overdrawn_raises_too_slow() -> None:
    budget = WorkBudget(0.001)
    budget.charge(0.002)
    with pytest.raises(StageError) as raised:
        budget.check("split")
    assert raised.value.reason_code is ReasonCode.TOO_SLOW
    assert raised.value.stage == "split"
    WorkBudget(1.0).check("split")  # within it: nothing


def test_the_split_checks_the_budget_between_blocks() -> None:
    page = "\n".join([SENTENCE] * 2_000)
    budget = WorkBudget(1e-9)
    with pytest.raises(StageError) as raised, budget.charging():
        split_page(page, "text/plain", budget=budget)
    assert raised.value.reason_code is ReasonCode.TOO_SLOW
    budget = WorkBudget(60.0)
    with budget.charging():
        assert split_page(page, "text/plain", budget=budget).paragraphs


@pytest.fixture(scope="module")
def warm() -> None:
    """The model loaded before any article's budget is charged, as a worker does."""
    warm_up()


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_an_article_past_its_budget_is_refused_and_the_batch_goes_on() -> None:
    slow = RawArticle(id="slow", body="<html><body>" + f"<p>{SENTENCE}</p>" * 20_000)
    tiny = Settings(article_budget_s=0.1)  # a good article takes a few tens of ms
    results = enrich_batch([GOOD, slow, GOOD], settings=tiny)
    assert isinstance(results[0], EnrichedArticle)
    assert isinstance(results[2], EnrichedArticle)
    refused = results[1]
    assert isinstance(refused, StageError)
    assert refused.reason_code is ReasonCode.TOO_SLOW


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_every_article_is_refused_with_a_budget_of_nothing() -> None:
    results = enrich_batch([GOOD, GOOD], settings=Settings(article_budget_s=1e-9))
    assert [getattr(r, "reason_code", None) for r in results] == [ReasonCode.TOO_SLOW] * 2


# --------------------------------------------------------------------------------------------
# Bounded outputs


def test_the_size_bound_of_the_default_settings_fits_the_topic() -> None:
    settings = Settings()
    assert enriched_size_bound(settings) < settings.max_message_bytes
    assert enriched_size_bound(Settings(max_story_chars=2_000_000)) > settings.max_message_bytes


def test_a_long_story_is_cut_and_says_so() -> None:
    paragraphs = ["a" * 60, "b" * 60, "c" * 60]
    story = bounded_story(paragraphs, 1.0, 100)
    assert story.truncated
    assert len(story.text) == 100
    assert story.text == "\n\n".join(story.paragraphs)
    assert story.paragraphs == ["a" * 60, "b" * 38]
    whole = bounded_story(paragraphs, 1.0, 1_000)
    assert not whole.truncated
    assert whole.paragraphs == paragraphs


def test_the_sidebar_is_capped_and_its_fields_cut() -> None:
    settings = Settings(max_sidebar_entries=2, max_headline_chars=10, max_url_chars=30)
    entries = [
        SidebarEntry(headline="A headline far too long", url="https://example.com/" + "x" * 50),
        SidebarEntry(headline="Two", url="javascript:alert(1)"),
        SidebarEntry(headline="Three"),
    ]
    bounded = bounded_sidebar(entries, settings)
    assert [entry.headline for entry in bounded] == ["A headline", "Two"]
    assert [entry.url for entry in bounded] == [None, None]


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_megabytes_of_prose_and_a_huge_title_give_an_event_under_the_limit() -> None:
    settings = Settings(article_budget_s=600)  # the size is tested here, not the time
    # numbered lines: the split tells a paragraph repeated right after itself once
    lines = 4_800_000 // (len(SENTENCE) * 60)
    prose = "".join(f"{number}. {SENTENCE * 60}\n" for number in range(lines))
    raw = RawArticle(id="big", title="Kenya " * 170_000, body=prose)
    assert len(prose) > 4_700_000
    assert len(raw.title or "") > 1_000_000
    (article,) = enrich_batch([raw], settings=settings)
    assert isinstance(article, EnrichedArticle)
    payload = article.to_json()
    assert event_fits(payload, settings.max_message_bytes)
    assert len(payload) < 8 * 1024 * 1024
    assert article.story.truncated
    assert len(article.story.text) <= settings.max_story_chars
    assert article.title is not None
    assert len(article.title) <= settings.max_title_chars


# --------------------------------------------------------------------------------------------
# Links and one-line texts


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        " \x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:a@example.com",
    ],
)
def test_links_other_than_http_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/a", "https://example.com/a"),
        (" http://example.com/a\n", "http://example.com/a"),
        ("/news/1", "/news/1"),
        ("//example.com/x", "//example.com/x"),
        ("story.html?a=b:c", "story.html?a=b:c"),
    ],
)
def test_http_and_relative_links_are_kept(url: str, kept: str) -> None:
    assert safe_url(url) == kept


HOSTILE_LINKS = ["javascript:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html,x"]


@pytest.mark.parametrize("href", HOSTILE_LINKS)
def test_no_script_link_reaches_the_sidebar(href: str) -> None:
    escaped = href.replace("\t", "&#9;")
    items = "".join(
        f'<li><a href="{escaped}">Headline number {i} about the regional economy</a>'
        f"<span>{i} hours ago</span></li>"
        for i in range(1, 6)
    )
    page = f"<html><body><aside class='related'><ul>{items}</ul></aside></body></html>"
    result = split_page(page, "text/html", datetime(2026, 1, 1, tzinfo=UTC))
    assert result.sidebar, "the headline-and-age path must still find the entries"
    assert all(entry.url is None for entry in result.sidebar)


def test_one_line_texts_lose_control_and_bidi_characters() -> None:
    assert one_line("Kenya\u202e talks\x00 resume\u2066 \t now\x85") == "Kenya talks resume now"
    headline = SidebarEntry(headline="Evil\u202eheadline\x1b[31m")
    (bounded,) = bounded_sidebar([headline], Settings())
    assert bounded.headline == "Evilheadline[31m"


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_a_title_loses_control_and_bidi_characters() -> None:
    raw = RawArticle(id="t", title="Evil\u202etitle\x07", body=SENTENCE * 5)
    (article,) = enrich_batch([raw], settings=Settings())
    assert isinstance(article, EnrichedArticle)
    assert article.title == "Eviltitle"
