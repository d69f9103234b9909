"""The metadata stage and its parts: dates, author names, datelines, and what a page gives."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pipeline.models import ArticleMetadata
from pipeline.nlp import metadata as metadata_module
from pipeline.nlp.countries import dateline_country
from pipeline.nlp.dateline import find_dateline
from pipeline.nlp.dates import (
    Stamp,
    date_alone,
    date_at_edge,
    date_in_url,
    date_inside,
    date_opening_story,
    dates_inside,
    days_written,
    footer_date,
    in_month,
    labelled_date,
    month_in_url,
    parse_date,
    text_date,
)
from pipeline.nlp.metadata import extract_metadata
from pipeline.nlp.metadata_text import text_source
from pipeline.nlp.people import clean_authors, is_byline
from pipeline.nlp.split import split_page, split_story_only
from pipeline.output_size import MAX_AUTHORS, bounded_metadata
from pipeline.settings import Settings

FETCHED = datetime(2024, 3, 21, 12, 0, tzinfo=UTC)
STORY = "<p>" + "The minister said the talks would resume in the spring, officials added. " * 4
STORY += "</p>"

# --------------------------------------------------------------------------------------------
# Dates


def test_a_time_with_its_zone_is_an_instant() -> None:
    stamp = parse_date("2024-03-12T10:45:00+05:00")
    plus_five = timezone(timedelta(hours=5))
    assert stamp == Stamp(date(2024, 3, 12), datetime(2024, 3, 12, 10, 45, tzinfo=plus_five))
    assert parse_date("2024-03-12T05:45:00.123Z") == Stamp(
        date(2024, 3, 12), datetime(2024, 3, 12, 5, 45, tzinfo=UTC)
    )
    assert parse_date("Tue, 12 Mar 2024 10:45:00 GMT") == Stamp(
        date(2024, 3, 12), datetime(2024, 3, 12, 10, 45, tzinfo=UTC)
    )
    # seconds written with one digit still leave the zone read: the moment, not just its day
    assert parse_date("2024-03-12T23:15:0Z") == Stamp(
        date(2024, 3, 12), datetime(2024, 3, 12, 23, 15, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-12",
        "2024-03-12T10:45:00",  # a time without a zone: the day is all that is known
        "2024/03/12",
        "20240312",
        "March 12, 2024",
        "Tuesday, 12 March 2024",
        "12. März 2024",
        "12 de marzo de 2024",
        "12.03.2024",
    ],
)
def test_a_day_alone_stays_a_day(text: str) -> None:
    assert parse_date(text) == Stamp(date(2024, 3, 12))


@pytest.mark.parametrize("text", ["03/04/2024", "2024-13-01", "1850-01-01", "yesterday", "", "12"])
def test_what_is_no_single_day_gives_none(text: str) -> None:
    assert parse_date(text) is None


def test_a_slash_date_is_read_when_one_number_cannot_be_a_month() -> None:
    assert parse_date("03/25/2024") == Stamp(date(2024, 3, 25))
    assert parse_date("25/03/2024") == Stamp(date(2024, 3, 25))


def test_a_day_is_in_the_future_only_once_it_has_begun_somewhere() -> None:
    evening = datetime(2024, 3, 21, 11, 0, tzinfo=UTC)  # 01:00 on the 22nd at UTC+14
    assert not Stamp(date(2024, 3, 22)).after(evening)
    assert Stamp(date(2024, 3, 23)).after(evening)
    assert Stamp(date(2024, 3, 21), datetime(2024, 3, 21, 11, 1, tzinfo=UTC)).after(evening)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/world/2024/03/12/talks-resume", date(2024, 3, 12)),
        ("https://example.com/2024-03-12-talks-resume.html", date(2024, 3, 12)),
        ("https://example.com/news/20240312/talks", date(2024, 3, 12)),
        ("https://example.com/2024/03/talks-resume", None),  # a month is no day
        ("https://example.com/story/123420241399", None),
        ("https://2024-03-12.example.com/talks", None),  # the host is not the path
    ],
)
def test_the_url_date_pattern(url: str, day: date | None) -> None:
    assert date_in_url(url) == (Stamp(day) if day else None)


def test_dated_lines_and_ages_in_page_text() -> None:
    assert text_date("Published 12 March 2024", None) == ("published", Stamp(date(2024, 3, 12)))
    assert text_date("Last updated: 3 hours ago", FETCHED) == (
        "modified",
        Stamp(date(2024, 3, 21), datetime(2024, 3, 21, 9, 0, tzinfo=UTC)),
    )
    assert text_date("Updated 3 hours ago", None) is None  # nothing to count back from
    assert text_date("Published by the ministry of things", FETCHED) is None


# --------------------------------------------------------------------------------------------
# Authors


@pytest.mark.parametrize(
    ("values", "names"),
    [
        (["By Jane Doe and John Roe, Reuters"], ["Jane Doe", "John Roe"]),
        (["Jane Doe; John Roe"], ["Jane Doe", "John Roe"]),
        (["JANE DOE | Staff Writer"], ["Jane Doe"]),
        (["Doe, Jane"], ["Jane Doe"]),
        (["jane.doe@example.com"], []),
        (["By Jane Doe jane.doe@example.com"], ["Jane Doe"]),
        (["Reuters Staff", "AFP"], []),
        (["https://www.facebook.com/janedoe"], []),
        (["Ursula von der Leyen"], ["Ursula von der Leyen"]),
        (["Von Jane Doe, 12. März 2024"], ["Jane Doe"]),
        (["Jane Doe", "JANE DOE", "jane  doe"], ["Jane Doe"]),
        (["admin"], []),
        (["Post author By Jane Doe"], ["Jane Doe"]),  # a label, then the "By"
        (["ByJane Doe"], ["Jane Doe"]),  # glued by the markup
        (["VON JANE DOE am 21. April 2020"], ["Jane Doe"]),  # the word before the date
        (["Interview: Jane Doe"], ["Jane Doe"]),
        (["Redacci&oacute;n Central", "Jane Do&eacute;"], ["Jane Doé"]),  # entities read
        (["Jane Doe Jane Doe"], ["Jane Doe"]),  # a link and its text
        (["Nicolas Gutierrez C."], ["Nicolas Gutierrez C."]),  # a final initial
        (["example.com", "Site.de"], []),  # sites
        (["Die Zeitschrift", "The Local", "Naturstrom AG", "Copyright Example"], []),
        # organisations: a legal form or an organisation's last word is no role to drop
        (["Example Media GmbH", "Example Kitchens", "Bund der Leser e.V."], []),
        (["Jane Doe Senior Writer"], ["Jane Doe"]),  # a role is
        (["Jane Doe e Mario Rossi", "E. Funck"], ["Jane Doe", "Mario Rossi", "E. Funck"]),
        (["TVT-Redaktion", "Online-Experte Jane Doe"], []),  # a desk, a role, hyphenated
        # a date's weekday, an age's "ago"
        (["Von Jane Doe Fr, 18. Oktober 2019"], ["Jane Doe"]),
        (["Jane Doe y John Roe Hace 13 horas"], ["Jane Doe", "John Roe"]),
        (
            ["By Theresa May March 5, 2024", "By Jane Doe Fri, Mar 5, 2024"],
            ["Theresa May", "Jane Doe"],
        ),
    ],
)
def test_author_values_become_person_names(values: list[str], names: list[str]) -> None:
    assert clean_authors(values) == names


def test_a_word_in_a_list_of_names_is_no_pen_name() -> None:
    # a place or a desk, even in a field that holds authors
    names = clean_authors(["Jane Doe, London, John Roe"], single_words=True)
    assert names == ["Jane Doe", "John Roe"]
    assert clean_authors(["example.com, Frankfurt, Germany"], single_words=True) == []
    assert clean_authors(["gnaddrig"], single_words=True) == ["gnaddrig"]


def test_a_one_word_name_a_byline_announces_is_a_pen_name() -> None:
    assert clean_authors(["Posted by gnaddrig", "Von Ulrike 18.10.2019"]) == ["gnaddrig", "Ulrike"]
    assert clean_authors(["gnaddrig", "Ulrike"]) == []  # unannounced free text: no
    # a handle keeps its digits (not cut to "jane" at them), a pen name as its letters are
    assert clean_authors(["Von jane1", "Autor: c1ph4 am 22.01.2020"]) == ["jane1", "c1ph4"]
    assert clean_authors(["jane1"]) == []  # unannounced: no
    assert clean_authors(["Jane Doe2"]) == []  # a person's name holds no digits
    assert clean_authors(["Von Example1"], ["Example"]) == []  # the site's own account
    assert clean_authors(["Von kb_redaktion", "by the_pain"]) == ["the_pain"]  # a desk, a handle
    # a label that is no byline ("Text Size"), a news agency ("Af Ritzau", "By PTI")
    assert not is_byline("Text Size")
    # a column's or a post's byline ("Eine Kolumne von", "Erstellt von")
    assert clean_authors(["Eine Kolumne von Jane Doe", "Erstellt von John Roe am 6. Mai 2014"]) == [
        "Jane Doe",
        "John Roe",
    ]
    assert clean_authors(["Af Ritzau", "By PTI Updated: March 16, 2020"]) == []
    # a desk, a publication or a credit in other languages; a date's "as of" label
    assert (
        clean_authors(["Redação", "Jornal O Globo", "Συντακτική ομάδα", "Developed by Jane Doe"])
        == []
    )
    assert clean_authors(["Jane Doe Stand: 12.03.2020"]) == ["Jane Doe"]
    assert clean_authors(["Text: Jane Doe", "Text by John Roe"]) == ["Jane Doe", "John Roe"]
    # "Autor*innen" is the label, not a name
    assert clean_authors(["Autor*innen: Jane Doe und John Roe"]) == ["Jane Doe", "John Roe"]


def test_the_site_name_is_no_author() -> None:
    assert clean_authors(["Daily Planet", "Lois Lane"], ["Daily Planet"]) == ["Lois Lane"]
    assert clean_authors(["Metro Gazette Online"], []) == []
    # spelt as its domain, or as one part of a "Site | Slogan" name
    assert clean_authors(["La Planète", "Lois Lane"], ["LaPlanète.fr"]) == ["Lois Lane"]
    assert clean_authors(["dailyplanet"], ["News | DailyPlanet.com"], single_words=True) == []
    # a domain is no pen name
    assert clean_authors(["dailyplanet.com", "metropolis.de"], single_words=True) == []


# --------------------------------------------------------------------------------------------
# Datelines


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("Islamabad: Pakistan on Thursday strongly reacted", "Islamabad"),
        ("ISLAMABAD (Reuters) - Pakistan on Thursday", "Islamabad"),
        ("KARACHI, Pakistan — Police said", "Karachi, Pakistan"),
        ("WASHINGTON, March 3 (AP) — The Senate", "Washington"),
        ("NEW YORK — Stocks rose", "New York"),
        ("Update: the talks resumed", None),
        ("Washington-based groups said on Monday", None),
        ("The minister said - again - that", None),
        ("Pakistan on Thursday strongly reacted", None),
    ],
)
def test_the_dateline_place(paragraph: str, dateline: str | None) -> None:
    assert find_dateline(paragraph) == dateline


def test_a_datelines_country() -> None:
    assert dateline_country("Islamabad") == "PK"
    assert dateline_country("Karachi, Pakistan") == "PK"
    assert dateline_country("Nowhere In Particular") is None


# --------------------------------------------------------------------------------------------
# Pages


def _html(
    head: str, body: str = "", url: str | None = None, latest: datetime | None = None
) -> ArticleMetadata:
    page = f"<html><head>{head}</head><body><article>{body}{STORY}</article></body></html>"
    split = split_page(page, "text/html")
    return extract_metadata(split, url=url, body=page, latest=latest, use_htmldate=False)


JSON_LD_GRAPH = """<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "https://example.com/#website", "name": "Example Times"},
  {"@type": "Person", "@id": "https://example.com/#/schema/person/1", "name": "Jane Doe"},
  {"@type": ["NewsArticle"], "@id": "https://example.com/a#article",
   "datePublished": "2024-03-12T10:45:00+05:00", "dateModified": "2024-03-13T08:00:00+00:00",
   "author": [{"@id": "https://example.com/#/schema/person/1"},
              {"@type": "Organization", "name": "Example Times"}],
   "publisher": {"@id": "https://example.com/#website"},
   "articleSection": ["World"], "keywords": "talks, spring ,Talks",
   "image": {"@type": "ImageObject", "url": "/img/lead.jpg"}}
]}
</script>"""


def test_json_ld_in_a_graph_gives_dates_authors_and_the_rest() -> None:
    meta = _html(JSON_LD_GRAPH, url="https://example.com/a")
    plus_five = timezone(timedelta(hours=5))
    assert meta.published_at == datetime(2024, 3, 12, 10, 45, tzinfo=plus_five)
    assert meta.published_date == date(2024, 3, 12)
    assert meta.published_source == "json-ld"
    assert meta.modified_at == datetime(2024, 3, 13, 8, 0, tzinfo=UTC)
    assert meta.authors == ["Jane Doe"]
    assert meta.site_name == "Example Times"
    assert meta.section == "World"
    assert meta.tags == ["talks", "spring"]
    assert meta.image == "https://example.com/img/lead.jpg"


OPEN_GRAPH = """
<link rel="canonical" href="/world/talks">
<meta property="og:site_name" content="Example Times">
<meta property="og:description" content="Talks resume in spring.">
<meta property="og:image" content="javascript:alert(1)">
<meta property="article:published_time" content="2024-03-12T10:45:00Z">
<meta property="article:author" content="https://www.facebook.com/example">
<meta name="author" content="By Jane Doe and John Roe">
<meta property="article:tag" content="Talks"><meta property="article:tag" content="Spring">
"""


def test_open_graph_and_meta_tags() -> None:
    meta = _html(OPEN_GRAPH, url="https://example.com/world/talks?ref=home")
    assert meta.published_at == datetime(2024, 3, 12, 10, 45, tzinfo=UTC)
    assert meta.published_source == "meta"
    assert meta.authors == ["Jane Doe", "John Roe"]
    assert meta.canonical_url == "https://example.com/world/talks"
    assert meta.description == "Talks resume in spring."
    assert meta.image is None  # a script link is no image
    assert meta.tags == ["Talks", "Spring"]


def test_a_date_only_value_stays_a_date() -> None:
    meta = _html('<meta name="date" content="2024-03-12">')
    assert meta.published_date == date(2024, 3, 12)
    assert meta.published_at is None
    assert meta.published_source == "meta"


def test_a_later_source_gives_the_time_of_the_same_day() -> None:
    head = '<meta name="date" content="2024-03-12">'
    body = '<time class="published" datetime="2024-03-12T10:45:00Z">12 March</time>'
    meta = _html(head, body)
    assert meta.published_at == datetime(2024, 3, 12, 10, 45, tzinfo=UTC)


def test_a_date_in_the_future_is_refused() -> None:
    head = '<meta property="article:published_time" content="2024-03-25T10:00:00Z">'
    latest = FETCHED + timedelta(hours=1)
    meta = _html(head, url="https://example.com/2024/03/20/talks", latest=latest)
    assert meta.published_date == date(2024, 3, 20)  # the URL's day, not the future one
    assert meta.published_source == "url"
    assert _html(head, latest=latest).published_date is None


def test_bylines_in_the_markup_but_not_the_commenters() -> None:
    body = (
        '<div class="byline">By <a rel="author" href="/jane">Jane Doe</a></div>'
        '<div class="comment-author">Joe Bloggs</div>'
    )
    assert _html("", body).authors == ["Jane Doe"]


def test_a_page_without_metadata_gets_none_made_up() -> None:
    meta = _html("<title>Talks resume</title>", url="https://example.com/world/talks")
    assert meta == ArticleMetadata()


def test_page_text_gives_its_byline_date_and_dateline() -> None:
    text = (
        "Talks resume in the spring\n"
        "By Jane Doe\n"
        "Published 12 March 2024\n"
        "Islamabad: " + "The minister said the talks would resume in the spring. " * 5 + "\n"
        "Another paragraph of the story follows here, as stories go on and on.\n"
    )
    meta = extract_metadata(split_page(text, "text/plain"), fetched_at=FETCHED)
    assert meta.authors == ["Jane Doe"]
    assert meta.published_date == date(2024, 3, 12)
    assert meta.published_source == "text"
    assert meta.dateline == "Islamabad"


def test_story_only_gets_the_dateline_and_the_urls_day() -> None:
    split = split_story_only("ISLAMABAD (Reuters) - Talks resumed on Monday.")
    meta = extract_metadata(split, url="https://example.com/2024/03/12/talks")
    assert (meta.dateline, meta.published_date, meta.authors) == (
        "Islamabad",
        date(2024, 3, 12),
        [],
    )


def test_metadata_is_bounded() -> None:
    settings = Settings(max_url_chars=40)
    meta = ArticleMetadata(
        authors=[f"Author Number{i}" for i in range(100)],
        tags=["x" * 500],
        description="d\u202e" * 5_000,
        canonical_url="https://example.com/" + "a" * 100,
        image="data:image/png;base64,AAAA",
    )
    bounded = bounded_metadata(meta, settings)
    assert len(bounded.authors) == MAX_AUTHORS
    assert all(len(tag) <= 100 for tag in bounded.tags)
    assert bounded.description is not None
    assert "\u202e" not in bounded.description
    assert len(bounded.description) <= 1_000
    assert bounded.canonical_url is None
    assert bounded.image is None


def test_a_utc_instant_takes_its_day_from_a_source_that_gives_the_local_one() -> None:
    late_evening_in_new_york = (
        '<meta property="article:published_time" content="2023-11-09T03:28:35Z">'
    )
    meta = _html(late_evening_in_new_york, url="https://example.com/2023/11/08/story")
    assert meta.published_date == date(2023, 11, 8)  # the URL's day, within the zones of it
    assert meta.published_at == datetime(2023, 11, 9, 3, 28, 35, tzinfo=UTC)  # the moment
    same_moment_local = '<meta name="date" content="Thu, 09 Nov 2023 00:28:35 -0300">'
    meta = _html(late_evening_in_new_york + same_moment_local)
    assert meta.published_date == date(2023, 11, 9)
    assert meta.published_at is not None
    assert meta.published_at.utcoffset() == -timedelta(hours=3)
    far = _html(late_evening_in_new_york, url="https://example.com/2023/11/01/story")
    assert far.published_date == date(2023, 11, 9)  # a week off is another date, not a zone


def test_htmldate_dates_a_page_the_structured_sources_leave_undated() -> None:
    page = (
        "<html><head><title>Talks</title></head><body><article>"
        f"{STORY * 4}"  # a date line below the story's first lines: the text source passes it
        '<div class="post-info">Veröffentlicht am 12.03.2024 um 10:00 Uhr in der Rubrik Welt'
        " und Politik, mit Beiträgen und Kommentaren der Redaktion und unserer Leserinnen</div>"
        "</article></body></html>"
    )  # a line too long for the text source's scan
    split = split_page(page, "text/html")
    meta = extract_metadata(split, url="https://example.com/talks", body=page)
    assert (meta.published_date, meta.published_source) == (date(2024, 3, 12), "htmldate")
    assert extract_metadata(split, body=page, use_htmldate=False).published_date is None
    too_early = FETCHED.replace(year=2023)
    assert extract_metadata(split, body=page, latest=too_early).published_date is None
    short = page.replace(" und Politik, mit Beiträgen und Kommentaren der Redaktion und", "")
    short = short.replace(" unserer Leserinnen", "")  # short: the page text's own last resort
    meta = extract_metadata(split_page(short, "text/html"), body=short, use_htmldate=False)
    assert (meta.published_date, meta.published_source) == (date(2024, 3, 12), "text")


def test_an_hatom_author_is_named_by_its_hcard() -> None:
    body = (
        '<span class="author vcard"><a class="url fn n" href="/author/gnaddrig">gnaddrig</a></span>'
        '<div class="comment-author vcard"><cite class="fn">Joe Bloggs</cite></div>'
    )
    assert _html("", body).authors == ["gnaddrig"]  # a pen name as the page gives it


def test_a_placeholder_is_no_author() -> None:
    assert clean_authors(["No Author"], single_words=True) == []
    # a word and a number is a name's start ("Studio 54", "Bündnis 90"), not a pen name
    assert clean_authors(["Studio 54/Example Group"], single_words=True) == []
    assert clean_authors(["gnaddrig"], single_words=True) == ["gnaddrig"]
    assert clean_authors(["Jane Doe Chefredakteur"]) == ["Jane Doe"]


def test_a_date_inside_a_byline_line_over_the_story() -> None:
    assert date_inside("Von Jane Doe | 12. März 2024, 10:45 Uhr") == Stamp(date(2024, 3, 12))
    assert date_inside("Posted by jane on March 12th, 2024 in News") == Stamp(date(2024, 3, 12))
    assert date_inside("In 12 cases of 2024 the court said") is None
    body = '<div class="byline">Jane Doe · 12. März 2024</div>'
    meta = _html("", body)
    assert (meta.published_date, meta.published_source) == (date(2024, 3, 12), "text")
    # a short line with a date over the story, in no byline markup, dates it too
    meta = _html("", "<h1>Talks resume</h1><p>Press release of 12.03.2024</p>")
    assert (meta.published_date, meta.published_source) == (date(2024, 3, 12), "text")


def test_an_author_given_as_the_iri_of_a_person_in_the_graph() -> None:
    graph = (
        '<script type="application/ld+json">{"@graph": [{"@type": "Person", "@id": "#jane", '
        '"name": "Jane Doe"}, {"@type": "BlogPosting", "author": "#jane"}]}</script>'
    )
    assert _html(graph).authors == ["Jane Doe"]


def test_json_ld_with_raw_line_breaks_in_its_strings_is_read() -> None:
    script = (
        '<script type="application/ld+json">{"@type": "BlogPosting",\n "articleBody": "One\n'
        'two\tthree", "datePublished": "2019-12-03", "author": {"@type": "Person",\n'
        '"name": "Jane Doe"}}</script>'
    )
    meta = _html(script)
    assert (meta.authors, meta.published_date) == (["Jane Doe"], date(2019, 12, 3))
    assert meta.published_source == "json-ld"


def test_the_byline_over_the_story_wins_over_markup_naming_other_people() -> None:
    assert is_byline("Interview: Jane Doe")
    assert not is_byline("Interview mit Jane Doe")  # who was interviewed
    head = '<meta name="author" content="Web Editor">'
    body = "<h1>Talks resume</h1><p>Von Jane Doe</p>"
    assert _html(head.replace("Web Editor", "John Roe"), body).authors == ["Jane Doe"]
    # the same person in both: the markup's spelling stands
    assert _html(head.replace("Web Editor", "Jane Q. Doe"), body).authors == ["Jane Q. Doe"]
    assert _html(head.replace("Web Editor", "John Roe")).authors == ["John Roe"]
    # a photo's credit over the story is no byline
    photo = "<h1>Talks resume</h1><p>Photo by Jane Doe</p>"
    assert _html(head.replace("Web Editor", "John Roe"), photo).authors == ["John Roe"]
    # the markup's first name alone, the page's whole name: the page's
    assert _html(head.replace("Web Editor", "Jane"), body).authors == ["Jane Doe"]
    assert _html('<meta name="author" content="Jane">').authors == ["Jane"]


def test_a_byline_label_alone_on_its_line_names_the_next_one() -> None:
    assert _html("", "<h1>Talks resume</h1><h4>Autorin</h4><p>Jane Doe</p>").authors == ["Jane Doe"]
    # a label over a heading is no byline
    assert _html("", "<h1>Talks resume</h1><h4>Autorin</h4><p>Porträt</p>").authors == []


def test_a_line_of_a_date_and_a_name_over_the_story_is_its_byline() -> None:
    for line in ("11.12.2019 - Jane Doe", "Jane Doe | 2019-12-11"):
        assert _html("", f"<h1>Talks resume</h1><p>{line}</p>").authors == ["Jane Doe"]
    # a place or a section with its date is none
    assert _html("", "<h1>Talks resume</h1><p>11.12.2019 - Berlin</p>").authors == []
    # with no "By", such a line never outweighs another source's names
    head = '<meta name="author" content="John Roe">'
    assert _html(head, "<h1>Talks resume</h1><p>11.12.2019 - Jane Doe</p>").authors == ["John Roe"]


def test_a_byline_among_a_lines_fields_over_the_story() -> None:
    body = "<h1>Talks resume</h1><p>News | By Jane Doe | April 13, 2020</p>"
    assert _html("", body).authors == ["Jane Doe"]
    assert _html("", body.replace("By Jane Doe", "Jane Doe")).authors == []  # no "By": none


def test_a_byline_closing_the_story_names_an_otherwise_unnamed_author() -> None:
    closing = "<p>Von Jane Doe</p>"
    assert _html("", STORY * 3 + closing).authors == ["Jane Doe"]
    # another source's author stands
    assert _html('<meta name="author" content="John Roe">', STORY * 3 + closing).authors == [
        "John Roe"
    ]


def test_the_microdata_authors_of_cited_works_are_not_the_pages() -> None:
    head = '<meta name="citation_author" content="Jane Doe">'
    cited = "".join(
        f'<li itemscope itemtype="https://schema.org/ScholarlyArticle">'
        f'<meta itemprop="author" content="{names}"></li>'
        for names in ("John Roe, Mary Major", "Richard Miles")
    )
    assert _html(head, f"<ol>{cited}</ol>").authors == ["Jane Doe"]
    # alone, the first one gives the names, as a byline does
    assert _html("", f"<ol>{cited}</ol>").authors == ["John Roe", "Mary Major"]


def test_a_blog_whose_publisher_is_its_author_keeps_the_author() -> None:
    graph = (
        '<script type="application/ld+json">{"@graph": [{"@type": ["Person", "Organization"], '
        '"@id": "#me", "name": "Jane Doe"}, {"@type": "WebSite", "name": "Jane\'s Notes", '
        '"publisher": {"@id": "#me"}}, {"@type": "BlogPosting", "author": {"@id": "#me"}, '
        '"publisher": {"@id": "#me"}}]}</script>'
    )
    meta = _html(graph)
    assert meta.authors == ["Jane Doe"]
    assert meta.site_name == "Jane's Notes"
    # an organisation's name stays a site name, and no author
    org = graph.replace('["Person", "Organization"]', '"Organization"')
    assert _html(org).authors == []


def test_the_date_shown_over_the_story_wins_over_a_structured_day_that_differs() -> None:
    imported = '<meta property="article:published_time" content="2021-12-20T09:00:00+01:00">'
    meta = _html(imported, "<h1>Talks resume</h1><p>27.01.2022 · News desk</p>")
    assert (meta.published_date, meta.published_source) == (date(2022, 1, 27), "text")
    assert _html(imported, "<h1>Talks resume</h1><p>20.12.2021</p>").published_at == datetime(
        2021, 12, 20, 8, tzinfo=UTC
    )  # the same day: the structured instant stays
    sidebar = '<p><a href="/other">[ 27.01.2022 ] Another story altogether</a></p>'
    assert _html(imported, f"<h1>Talks resume</h1>{sidebar}").published_date == date(2021, 12, 20)
    far = "".join(f"<div>Share {n}</div>" for n in range(5))
    byline = "<h1>Talks resume</h1><div>Von Jane Doe · 27.01.2022, 15:25 Uhr</div>"
    assert _html(imported, byline + far).published_date == date(2022, 1, 27)
    bare = "<h1>Talks resume</h1><div>27.01.2022</div>"
    assert _html(imported, bare + far).published_date == date(2021, 12, 20)  # too far up
    in_a_phrase = "<h1>Talks resume</h1><p>Minutes of the meeting of 27.01.2022 accepted</p>"
    assert _html(imported, in_a_phrase).published_date == date(2021, 12, 20)
    in_the_story = "<p>Fares rise from 27.01.2022 for every ticket, the network said today.</p>"
    assert _html(imported, in_the_story).published_date == date(2021, 12, 20)


def test_a_date_between_the_headline_and_a_story_far_below_it() -> None:
    lines = "".join(f"<div>Share {n}</div>" for n in range(7))
    body = f"<h1>Talks resume</h1><div>Posted 12.03.2024</div>{lines}"
    page = f"<html><head><title>Talks resume</title></head><body>{body}{STORY}</body></html>"
    split = split_page(page, "text/html")
    meta = extract_metadata(split, body=page, use_htmldate=False)
    assert (meta.published_date, meta.published_source) == (date(2024, 3, 12), "text")
    text = text_source(split.blocks, split.story_start, None, split.title)
    assert text.published == ["Posted 12.03.2024"]
    assert text_source(split.blocks, split.story_start, None, "Other words").published == []


def test_bylines_all_over_the_page_give_the_first_ones_names() -> None:
    assert clean_authors(["By Jane Doe and John Roe", "By Max Other"], first_only=True) == [
        "Jane Doe",
        "John Roe",
    ]
    teasers = "".join(f'<div class="byline">By Teaser Writer{n}</div>' for n in "ABC")
    meta = _html("", f'<div class="byline">By Jane Doe</div>{STORY}{teasers}')
    assert meta.authors == ["Jane Doe"]


def test_a_byline_line_of_page_text_in_another_language() -> None:
    meta = _html("", "<h1>Talks resume</h1><p>Von Jane Doe, 12. März 2024</p>")
    assert meta.authors == ["Jane Doe"]
    assert (meta.published_date, meta.published_source) == (date(2024, 3, 12), "text")
    assert _html("", "<h1>Talks resume</h1><p>Von Montag an gilt das</p>").authors == []


def test_page_text_dates_nearest_the_story_and_announced_first() -> None:
    profile = "<div>Member since: 18.09.2008</div><div>Posts: 12</div>"
    meta = _html("", f"<h1>Talks resume</h1>{profile}<div>r23 » 21.01.2009, 05:42</div>")
    assert meta.published_date == date(2009, 1, 21)  # the nearest line, not the profile's
    announced = "<div>Geschrieben von Jane Doe am 25.08.2015</div><div>Term from 1.9.2015</div>"
    assert _html("", f"<h1>Talks resume</h1>{announced}").published_date == date(2015, 8, 25)
    prose = "<p>The next meeting takes place on Wednesday, 5. Februar 2020 at the cafe.</p>"
    assert _html("", f"<h1>Talks resume</h1>{prose}").published_date is None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("27.01.2022 News desk", date(2022, 1, 27)),
        ("By Jane Doe · 12. März 2024, 10:45 Uhr", date(2024, 3, 12)),
        ("Stand: 28.04.2020 18:00 Uhr", date(2020, 4, 28)),
        ("Minutes of the meeting of 5.8.2019 accepted", None),
        ("", None),
    ],
)
def test_a_date_at_the_edge_of_a_line(line: str, day: date | None) -> None:
    stamp = date_at_edge(line)
    assert (stamp.day if stamp else None) == day


def test_a_page_nothing_else_dates_takes_a_date_line_anywhere_outside_its_boilerplate() -> None:
    story = STORY * 6
    meta = _html("", f"{story}<div>Apr 7, 2009</div>")
    assert (meta.published_date, meta.published_source) == (date(2009, 4, 7), "text")
    assert _html("", f"{story}<footer><div>Apr 7, 2009</div></footer>").published_date is None
    link = '<div><a href="/older">Apr 7, 2009</a></div>'
    assert _html("", f"{story}{link}").published_date is None


def test_a_day_first_date_with_a_two_digit_year_in_a_byline() -> None:
    assert date_inside("von Jane Doe, 8.5.12") == Stamp(date(2012, 5, 8))
    assert date_at_edge("02.12.19") == Stamp(date(2019, 12, 2))
    assert date_inside("31.12.99") == Stamp(date(1999, 12, 31))
    assert date_inside("VN:F [1.9.22_1171]") is None  # a version number, not a date
    assert date_inside("Version 1.2.3.4") is None
    meta = _html("", "<h1>Talks resume</h1><p>von Jane Doe, 8.5.12</p>")
    assert (meta.published_date, meta.published_source) == (date(2012, 5, 8), "text")


def test_the_date_of_an_embedded_social_post_is_not_the_pages() -> None:
    structured = '<meta property="article:published_time" content="2023-11-06T13:14:51+00:00">'
    post = "<h1>Talks resume</h1><blockquote><p>— Jane Roe (@janeroe) November 5, 2023</p>"
    post += "</blockquote>"
    meta = _html(structured, post)
    assert (meta.published_date, meta.published_source) == (date(2023, 11, 6), "meta")
    assert _html("", post).published_date is None  # nor the page's only date


def test_several_dates_over_the_story_are_a_list_not_the_date_shown() -> None:
    structured = '<meta property="article:published_time" content="2023-10-15T19:12:14+02:00">'
    listed = "<h1>Talks resume</h1><div>1. November 2023</div><div>30. Oktober 2023</div>"
    meta = _html(structured, listed)
    assert (meta.published_date, meta.published_source) == (date(2023, 10, 15), "meta")
    one = "<h1>Talks resume</h1><div>Teaser</div><div>30. Oktober 2023</div>"
    assert _html(structured, one).published_date == date(2023, 10, 30)  # one date: shown


def test_the_date_shown_at_the_story_wins_over_a_date_line_further_up() -> None:
    header = "<div>Tuesday, May 11, 2022</div>" + "".join(
        f"<div>Section {n}</div>" for n in range(4)
    )
    story = STORY + "<p>Staff | May 10, 2022 01:52 PM</p>"  # the story's second line
    meta = _html("", header + story)
    assert (meta.published_date, meta.published_source) == (date(2022, 5, 10), "text")


def test_structured_sources_that_disagree_the_one_the_page_shows_wins() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2022-01-04T07:29:00.000Z"}</script>'
        '<meta property="article:published_time" content="2022-01-06T08:29:34+01:00">'
    )
    shown = STORY + "<div>06.01.2022</div>"  # the day shown far from the story's start
    meta = _html(head, shown)
    assert (meta.published_date, meta.published_source) == (date(2022, 1, 6), "meta")
    meta = _html(head)  # no day shown: the order of trust stands
    assert (meta.published_date, meta.published_source) == (date(2022, 1, 4), "json-ld")
    assert dates_inside("From 1.2.2022 to 06.01.2022") == [
        Stamp(date(2022, 2, 1)),
        Stamp(date(2022, 1, 6)),
    ]


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/news/2022/5/3/talks-resume", date(2022, 5, 3)),
        ("https://example.com/meldungen/29-10-2021", date(2021, 10, 29)),
        ("https://example.com/talks-03-04-2024", None),  # March or April: no day
        ("https://example.com/v/2024/13/1/", None),
        ("https://example.com/p/12345-10-2021", None),
    ],
)
def test_a_urls_day_unpadded_or_day_first(url: str, day: date | None) -> None:
    stamp = date_in_url(url)
    assert (stamp.day if stamp else None) == day


@pytest.mark.parametrize(
    "line",
    [
        "Veröffentlichung: 04.02.2022 Label: House of Clio",
        "Veröffentlicht am 4. Februar 2022",
        "Publié le 4 février 2022 à 16h28",
        "Publicado el 4 de febrero de 2022",
        "Pubblicato il 4 Febbraio 2022",
        "Publiziert: 04.02.2022, 12:35",
        "Publicerad den 4 februari 2022",
        "Udgivet 4. februar 2022",
        "Publisert 4. februar 2022",
        "Julkaistu 4.2.2022",
        "Zveřejněno: 4. února 2022",
        "Objavljeno: 04.02.2022",
        "Yayınlanma: 04.02.2022",
        "Опубликовано: 4 февраля 2022",
        "Δημοσιεύθηκε: 4 Φεβρουαρίου 2022",
    ],
)
def test_a_publication_announced_in_another_language(line: str) -> None:
    assert text_date(line, None) == ("published", Stamp(date(2022, 2, 4)))


@pytest.mark.parametrize(
    "line", ["Uppdaterad 4 februari 2022", "Обновлено: 04.02.2022", "Güncellendi: 04.02.2022"]
)
def test_a_change_announced_in_another_language(line: str) -> None:
    assert text_date(line, None) == ("modified", Stamp(date(2022, 2, 4)))


@pytest.mark.parametrize(
    "text",
    [
        "15 августа 2016, 13:43",  # Russian
        "15 серпня 2016",  # Ukrainian
        "15 sierpnia 2016",  # Polish
        "15 de agosto de 2016",  # Portuguese, Spanish
        "15. srpna 2016",  # Czech
        "15 Ağustos 2016",  # Turkish
        "Δευτέρα 15 Αυγούστου 2016",  # Greek, the month's genitive
        "15 ΑΥΓΟΥΣΤΟΥ 2016",  # Greek in capitals, unaccented
    ],
)
def test_month_names_of_more_languages(text: str) -> None:
    assert parse_date(text) == Stamp(date(2016, 8, 15))
    assert date_inside(f"Germany {text}") == Stamp(date(2016, 8, 15))
    assert parse_date("12 października 2021") == Stamp(date(2021, 10, 12))  # twelve letters


def test_a_chinese_japanese_or_korean_date() -> None:
    # read where a date is expected (a structured value, a <time>, a date line's start)
    assert parse_date("2016年8月15日 13:43") == Stamp(date(2016, 8, 15))
    assert parse_date("2016년 8월 15일") == Stamp(date(2016, 8, 15))
    assert parse_date("2016年13月15日") is None
    meta = _html("", "<h1>Talks resume</h1><p><time>2016年8月15日</time></p>")
    assert meta.published_date == date(2016, 8, 15)


def test_an_arabic_date_with_its_weekday() -> None:
    stamp = parse_date("الأربعاء، 07 أكتوبر 2020 - 12:09 م")  # Wednesday, 7 October 2020
    assert stamp == Stamp(date(2020, 10, 7))
    head = '<meta property="article:published_time" content="الأربعاء، 07 أكتوبر 2020 - 12:09 م">'
    assert _html(head).published_date == date(2020, 10, 7)


@pytest.mark.parametrize(
    "line",
    [
        "Aktualisiert am 19.02.2020",
        "Geändert am 19.02.2020",
        "Mis à jour le 19 février 2020",
        "Actualizado el 19 de febrero de 2020",
        "Last edited on 19 February 2020",
    ],
)
def test_a_change_announced_in_another_language_is_no_publication(line: str) -> None:
    assert text_date(line, None) == ("modified", Stamp(date(2020, 2, 19)))


def test_an_updated_line_is_the_date_shown_only_when_no_publication_day_is() -> None:
    head = '<meta property="article:published_time" content="2020-04-03T10:35:41+02:00">'
    updated = "<h1>Talks resume</h1><div>Jane Doe</div><div>Aktualisiert: 11.04.2020, 10:27</div>"
    meta = _html(head, updated)  # the only date the reader sees
    assert (meta.published_date, meta.published_source) == (date(2020, 4, 11), "text")
    assert meta.modified_date == date(2020, 4, 11)
    # the structured day written on the page (a permalink over the story) stands
    shown = '<h1>Talks resume</h1><div><a href="/2020/04/03/x">3. April 2020</a></div>'
    meta = _html(head, shown + "<div>Jane Doe</div><div>Aktualisiert: 11.04.2020, 10:27</div>")
    assert (meta.published_date, meta.published_source) == (date(2020, 4, 3), "meta")


def test_a_story_opening_with_its_date_dates_an_undated_page() -> None:
    opening = (
        "31. Oktober 2023. Die Gespräche werden im Frühjahr fortgesetzt, sagte die Ministerin."
    )
    meta = _html("", f"<h1>Talks resume</h1><p>{opening * 3}</p>")
    assert (meta.published_date, meta.published_source) == (date(2023, 10, 31), "text")
    phrase = "March 12, 2024, the ministry said, is when the talks would resume in the spring."
    assert _html("", f"<h1>Talks resume</h1><p>{phrase * 3}</p>").published_date is None
    assert date_opening_story("July 7, 2020 The letter below will appear in print.") == Stamp(
        date(2020, 7, 7)
    )


def test_a_story_paragraph_after_its_lead_and_byline_opening_with_its_date() -> None:
    # the split's story may start at the lead over the byline; the paragraph after it opens
    # with the day ("27.1.2022 - Bei der ..."), as a dateline does
    lead = "Zum Gedenktag erinnern die Vereine an die Opfer, deren Geschichte oft vergessen wird. "
    opening = "27.1.2022 - Bei der Erinnerung an die Verfolgten waren viele Opfer unsichtbar. "
    body = f"<h1>Gedenktag</h1><h2>{lead * 2}</h2><p>Von Jane Doe</p><p>{opening * 3}</p>"
    meta = _html("", body)
    assert (meta.published_date, meta.published_source) == (date(2022, 1, 27), "text")
    # only the story's first paragraphs: a date opening one further down is no dateline
    later = "".join(f"<p>{lead * 2}</p>" for _ in range(4))
    assert _html("", f"<h1>Gedenktag</h1>{later}<p>{opening * 3}</p>").published_date is None


def test_a_urls_month_rules_out_text_dates_of_other_months() -> None:
    assert month_in_url("https://example.blogspot.com/2017/09/review-of-a-book.html") == (2017, 9)
    assert month_in_url("https://example.com/2017/09/12/slug") == (2017, 9)
    assert month_in_url("https://example.com/2017/13/slug") is None
    assert in_month(Stamp(date(2017, 8, 31)), (2017, 9))  # a zone apart
    assert in_month(Stamp(date(2017, 12, 31)), (2017, 12))
    assert not in_month(Stamp(date(2017, 8, 14)), (2017, 9))
    released = "<h1>Review: a book</h1><div>Jane Doe</div><div>Release date: 14.08.2017</div>"
    blog = "https://example.blogspot.com/2017/09/review-of-a-book.html"
    assert _html("", released, url=blog).published_date is None  # the book's, not the post's
    other = "https://example.com/reviews/review-of-a-book.html"
    assert _html("", released, url=other).published_date == date(2017, 8, 14)
    posted = released + "<div>Posted 9 September 2017</div>"
    assert _html("", posted, url=blog).published_date == date(2017, 9, 9)


def test_the_pages_own_date_line_is_read_before_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    """htmldate (its page parse paid) is asked only when no line of the page's own text
    dates it; a date in a list, a table or a caption (other things') is read after it."""
    asked: list[str] = []

    def fake_htmldate(body: str, url: str | None, latest: datetime | None) -> Stamp:
        asked.append(body)
        return Stamp(date(2016, 3, 9))

    monkeypatch.setattr(metadata_module, "_htmldate", fake_htmldate)

    def dated(tail: str) -> tuple[date | None, str | None]:
        page = f"<html><body><article><h1>Talks</h1>{STORY * 6}{tail}</article></body></html>"
        meta = extract_metadata(split_page(page, "text/html"), body=page, use_htmldate=True)
        return meta.published_date, meta.published_source

    assert dated("<div>14.01.2022 um 09:25</div>") == (date(2022, 1, 14), "text")
    assert dated("<p>Erstellt am: 14.01.2022</p>") == (date(2022, 1, 14), "text")
    assert not asked
    assert dated("<ul><li>14.01.2022 um 09:25</li></ul>") == (date(2016, 3, 9), "htmldate")
    assert dated("<figure><figcaption>14.01.2022</figcaption></figure>")[1] == "htmldate"


def test_a_utc_instant_takes_the_day_of_its_zones_the_page_writes() -> None:
    assert days_written("03/05/2022 21:44") == {date(2022, 5, 3), date(2022, 3, 5)}
    assert date(2020, 8, 18) in days_written("2020. 08. 18. 21:35")
    assert days_written("v1.2.3") == set()
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2022-05-04T00:44:52.000Z"}</script>'
    )
    local = "<h1>Talks resume</h1><div>Jane Doe</div><div>Teaser</div><div>Photo</div>"
    meta = _html(head, local + STORY * 3 + "<div>03/05/2022 21:44</div>")
    assert meta.published_date == date(2022, 5, 3)  # 21:44 the evening before, west of UTC
    assert meta.published_at == datetime(2022, 5, 4, 0, 44, 52, tzinfo=UTC)
    meta = _html(head, local + STORY * 3 + "<div>04/05/2022 00:44</div>")
    assert meta.published_date == date(2022, 5, 4)  # the UTC day written: it stands
    assert _html(head, local).published_date == date(2022, 5, 4)  # nothing written


def test_a_date_written_with_bars_between_its_numbers() -> None:
    # "26 | 01 | 2022" over a story: read like a slash date, only when one number cannot be a
    # month; a table row of small numbers is no date
    assert parse_date("26 | 01 | 2022") == Stamp(date(2022, 1, 26))
    assert date_at_edge("26|01|2022") == Stamp(date(2022, 1, 26))
    assert parse_date("03 | 04 | 2022") is None
    assert date_inside("1 | 2 | 3") is None
    story = STORY * 6
    meta = _html("", f"<div>26 | 01 | 2022</div><div>Text: Jane Doe</div>{story}")
    assert (meta.published_date, meta.published_source) == (date(2022, 1, 26), "text")


@pytest.mark.parametrize(
    ("line", "day"),
    [
        (
            "This entry was posted on Saturday, December 3rd, 2011 at 10:00 am and is filed "
            "under Politics. You can follow any responses to this entry through the RSS feed.",
            date(2011, 12, 3),
        ),
        (
            "Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 10:00 Uhr veröffentlicht und "
            "unter Cybercrime gespeichert. Sie können Kommentare zu diesem Artikel schreiben.",
            date(2011, 12, 3),
        ),
        (
            "Literatur und Typografie wurde am 19. Mai 2010 um 23:03 Uhr gepostet und unter "
            "Lesenswert, Literatur abgelegt. Du kannst die Kommentare verfolgen.",
            date(2010, 5, 19),
        ),
        # prose: what "wurde am" dates is no post ("eröffnet"), nor is a sentence's later date
        ("Das Museum wurde am 19. Mai 2010 eröffnet und zieht seither viele Besucher an.", None),
        ("The minister said on 3 December 2011 that this entry was posted.", None),
        (
            "This entry was posted in Politics. " + "Filed and tagged. " * 10 + "3 December 2011",
            None,
        ),
    ],
)
def test_a_blog_posts_closing_sentence_dates_it(line: str, day: date | None) -> None:
    stamp = footer_date(line)
    assert (stamp.day if stamp else None) == day


def test_a_published_label_among_a_footers_fields_dates_an_undated_page() -> None:
    line = "Letzte Änderung: 31.10.2023 Erschienen am: 01.11.2023 Lesungen: 61"
    assert labelled_date(line) == Stamp(date(2023, 11, 1))
    assert labelled_date("Letzte Änderung: 31.10.2023 Lesungen: 61") is None  # a change only
    assert labelled_date("Erschienen am: 01.11.2023") is None  # no fields: a lone line
    footer = "<footer><p>Letzte Änderung: 31.10.2023 - 14:49<br>Erschienen am: 01.11.2023</p>"
    meta = _html("", STORY * 4 + footer + "</footer>")
    assert (meta.published_date, meta.published_source) == (date(2023, 11, 1), "text")


def test_a_page_nothing_else_dates_takes_its_closing_sentences_date() -> None:
    footer = (
        "<p>This entry was posted on Saturday, December 3rd, 2011 at 10:00 am and is filed "
        "under Politics. You can follow any responses to this entry through the RSS feed.</p>"
    )
    meta = _html("", STORY * 6 + footer)
    assert (meta.published_date, meta.published_source) == (date(2011, 12, 3), "text")
    # the same sentence in the page's footer (boilerplate) is not the story's
    assert _html("", STORY * 6 + f"<footer>{footer}</footer>").published_date is None
    # one that names the post by its title first dates it wherever the theme puts it
    about = (
        "<aside><h3>Über diesen Artikel</h3><p>Talks resume wurde am 19. Mai 2010 um 23:03 Uhr "
        "gepostet und unter Politik abgelegt.</p></aside>"
    )
    meta = _html("", STORY * 6 + about)
    assert (meta.published_date, meta.published_source) == (date(2010, 5, 19), "text")


def test_a_date_line_in_the_header_a_run_from_the_headline_takes_in() -> None:
    """The split's run may start at the headline and take in the article's header (a
    caption, the byline box, the date line) that it leaves out of the story's paragraphs:
    the date line is then over the story's first paragraph, not deep in the story."""
    head = (
        "<title>Federal workers return</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "datePublished": "2020-07-08"}</script>'
    )
    header = (
        "<h1>Federal workers return</h1><figure><figcaption>A guard checks the cars of the "
        "staff outside an office in the city this spring.</figcaption></figure>"
        "<div class='author-bio'><div>By</div><div><a href='/jane'>Jane Doe</a></div>"
        "<div>Reporter covering the budget and the civil service</div>"
        "<div><a href='/e'>Email</a> <a href='/b'>Bio</a></div></div>"
        "<div class='display-date'>July 9, 2020 at 6:40 PM EDT</div>"
    )
    page = f"<html><head>{head}</head><body><article>{header}{STORY}{STORY}</article></body></html>"
    split = split_page(page, "text/html")
    assert split.blocks[split.story_start].text == STORY[3:-4].strip()
    assert split.paragraphs[0] == split.blocks[split.story_start].text
    from_headline = dataclasses.replace(split, story_start=0)  # the run as it may start
    assert from_headline.blocks[0].text == "Federal workers return"
    for read in (split, from_headline):
        meta = extract_metadata(read, body=page, use_htmldate=False)
        assert (meta.published_date, meta.published_source) == (date(2020, 7, 9), "text")
    # a run from the headline whose story has no paragraph in reach reads from its start
    bare = dataclasses.replace(from_headline, paragraphs=["Nothing on this page"])
    meta = extract_metadata(bare, body=page, use_htmldate=False)
    assert (meta.published_date, meta.published_source) == (date(2020, 7, 8), "json-ld")


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("mardi 10.12.19", date(2019, 12, 10)),
        ("Tuesday, 12 March 2024, 10:45", date(2024, 3, 12)),
        ("12.03.2024", date(2024, 3, 12)),
        ("[ 27.01.2022 ] Another story altogether", None),  # a headline with its date
        ("By Jane Doe 12.03.2024", None),
        ("12.03.2024 Talks resume", None),
    ],
)
def test_a_line_that_is_a_date_alone(line: str, day: date | None) -> None:
    stamp = date_alone(line)
    assert (stamp.day if stamp else None) == day


def test_a_date_line_over_the_story_that_is_a_link_is_the_date_shown() -> None:
    """Blog themes link the post's date to its permalink: a line that is only a date is
    shown even when it is a link; a linked line with words besides is a sidebar's headline."""
    structured = '<meta property="article:published_time" content="2019-12-09T19:00:49+01:00">'
    linked = '<h1>Talks resume</h1><div><a href="/2019/12/10/">mardi 10.12.19</a></div>'
    meta = _html(structured, linked)
    assert (meta.published_date, meta.published_source) == (date(2019, 12, 10), "text")
    headline = '<h1>Talks resume</h1><div><a href="/other">10.12.19 Other talks</a></div>'
    assert _html(structured, headline).published_date == date(2019, 12, 9)


def test_a_label_for_the_text_and_its_pictures_opens_a_byline() -> None:
    # "Text & Fotos: Jane Doe" credits the writer (and photographer) as "Text: Jane Doe" does;
    # without its colon it is a heading's words, no label
    assert is_byline("Text & Fotos: Jane Doe")
    assert clean_authors(["Text und Bild: Jane Doe", "Texto y fotos: John Roe"]) == [
        "Jane Doe",
        "John Roe",
    ]
    assert not is_byline("Text & Fotos aus dem Archiv")
    meta = _html("", f"<h1>Hechte im Winter</h1><div>Text &amp; Fotos: Jane Doe</div>{STORY * 3}")
    assert meta.authors == ["Jane Doe"]


def test_a_handle_with_digits_a_byline_announces_is_its_author() -> None:
    meta = _html("", f"<h1>Kürbis schneiden</h1><div>von marianne1 am 20.09.2020</div>{STORY}")
    assert meta.authors == ["marianne1"]


def test_a_blog_themes_post_line_ends_with_its_byline() -> None:
    # "Posted in <category> by <name> on <date>": the byline after the category
    line = "<div>Posted in Datenschutz by janedoe on August 3, 2019</div>"
    meta = _html("", f"<h1>Office 365</h1>{line}{STORY}")
    assert meta.authors == ["janedoe"]
    # a sentence that says "published ... by" names no byline
    prose = "<div>Published in the journal by the society</div>"
    assert _html("", f"<h1>Office 365</h1>{prose}{STORY}").authors == []


def test_a_first_name_alone_is_made_whole_by_the_authors_box() -> None:
    head = '<meta name="author" content="Stefanus">'
    bio = (
        "<div class='author-bio'><p>Stefanus Stahl - Maschinenbauer, Abenteurer und "
        "Projektleiter.</p></div>"
    )
    assert _html(head, f"<h1>Tubeless</h1>{STORY}{bio}").authors == ["Stefanus Stahl"]
    # a link to the author's other posts writes the whole name too
    more = "<div><a href='/autor/henry'>MEHR VON STEFANUS STAHL</a></div>"
    assert _html(head, f"<h1>Tubeless</h1>{STORY}{more}").authors == ["Stefanus Stahl"]
    # another person's box does not rename the author
    other = "<div class='author-bio'><p>Jane Doe - Reporterin.</p></div>"
    assert _html(head, f"<h1>Tubeless</h1>{STORY}{other}").authors == ["Stefanus"]


def test_a_time_elements_own_text_tells_a_utc_instants_local_day() -> None:
    # two <time> elements on a line ("3 de mayo de 2022", "21:25"): the day they write (a
    # zone west of UTC) is the UTC instant's local day
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "Wed, 04 May 2022 00:25:56 GMT"}</script>'
    )
    shown = (
        "<h1>Jugada del oficialismo</h1><div><time>3 de mayo de 2022</time><time>21:25</time></div>"
    )
    assert _html(head, shown).published_date == date(2022, 5, 3)
    assert _html(head, "<h1>Jugada del oficialismo</h1>").published_date == date(2022, 5, 4)


def test_a_time_right_under_the_headline_is_the_date_line_however_far_the_story() -> None:
    # the split's story starts after a table of contents; the <time> under the headline is
    # the date the reader sees, over the structured one (the page's first version's)
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2021-01-01T11:00:00Z", "dateModified": "2023-04-01T10:00:00Z"}'
        "</script>"
    )
    contents = "".join(f'<li><a href="#s{i}">Abschnitt {i} im Test</a></li>' for i in range(8))
    body = (
        "<h1>Cloud-Gaming im Test</h1><p>Welcher Dienst liefert die besten Spiele?</p>"
        '<div><time datetime="2023-04-01 12:00">01.04.2023, 12:00</time> Uhr</div>'
        f"<div>Jane Doe</div><ul>{contents}</ul>{STORY * 3}"
    )
    meta = _html(head, body)
    assert (meta.published_date, meta.published_source) == (date(2023, 4, 1), "text")
    # a <time> further down (a teaser's, a comment's) is no date line of the headline's
    lower = body.replace(
        "<div><time",
        "<p>Ein Satz.</p><p>Noch einer.</p><p>Und einer.</p><p>Ein vierter.</p><div><time",
    )
    assert _html(head, lower).published_date == date(2021, 1, 1)


def test_a_line_of_labelled_fields_after_the_story_names_its_author() -> None:
    def authors(head: str, after: str) -> list[str]:
        page = (
            f"<html><head>{head}</head><body><article><h1>Zur Ruhe kommen</h1>{STORY * 4}"
            f"</article>{after}<footer><a href='/i'>Impressum</a></footer></body></html>"
        )
        return extract_metadata(split_page(page, "text/html"), use_htmldate=False).authors

    fields = "<div class='meta'>Datum: 19.11.2021 Autor: Jane Doe Quelle: Example</div>"
    assert authors("", fields) == ["Jane Doe"]
    # a page another source names keeps that name; a field line far below is not read
    assert authors('<meta name="author" content="John Roe">', fields) == ["John Roe"]
    far = "".join(f"<div>Weitere Zeile {i} mit etwas Text</div>" for i in range(5))
    assert authors("", far + fields) == []
