"""The metadata stage: what a page says about its article (dates, authors, links, dateline).

Sources, in order of trust, the first that gives a valid value winning field by field:

1. JSON-LD: the schema.org Article/NewsArticle/BlogPosting... object (inside `@graph` too,
   authors given by `@id` looked up in it), then a WebPage's dates;
2. OpenGraph and `article:*` meta tags;
3. other meta tags (Dublin Core, Parse.ly, Sailthru, `author`, `date`, ...);
4. the markup: `itemprop` elements, `<time pubdate>`, bylines (`rel=author`, byline classes);
5. the URL's date pattern (/2024/03/12/);
6. the page text: a "Published 12 March 2024" / "By Jane Doe" line at the story's start, or
   a date one of the story's first paragraphs opens with; a byline there that names none of
   the markup's people (or the whole name of its first name) wins over the markup's; a byline
   closing the story names an author no other source gives; an author given by a first name
   alone takes the whole name the page's author box writes;
7. (dates only) a short date line of the page's own text outside its boilerplate (or a blog
   theme's sentence naming the post, "<title> wurde am ... gepostet", wherever it is), the
   nearest the story (not a list's, a table's or a caption's);
8. (dates only) htmldate over the page, with its extensive search off, where none of the
   above gave a publication date: it costs a second parse of the page (bench/RESULTS.md;
   its extensive search is left off: dateparser costs tens of ms on some pages);
9. (dates only) a date line of a list, a table or a caption.

The story's start is its first paragraph, not the split's run, which may begin at the
headline and take in the article's header (its byline and date lines are over the story).
A publication day the page shows right over the story (or in its first short lines, or in a
<time> right under its headline) wins over a structured day that differs: readers, and the
dev sets' annotators, see that one; so does, among structured sources that disagree, the one
whose day the page writes anywhere.
An "Updated ..." line counts as shown only when no publication day is. Several different
dates over the story (a list) and an embedded post's date show none. A URL that spells a
month (/2017/09/slug) rules out page-text dates of other months. A UTC instant takes its
local day from a source that gives it or, failing one, the day of its zones the page writes
(in its lines, or in a <time> element's own text).
A date later than `latest` (the fetch time plus PIPELINE_METADATA_MAX_FUTURE_SKEW_S) is
refused. The HTML is the tree the split parsed (`HtmlPage.tree`), walked once for every
element this stage reads; htmldate parses its own copy (it reads lxml trees only), so it runs
only on pages all the others leave without a date. Every value is bounded here or in
`pipeline.output_size`.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import Any
from urllib.parse import urljoin

import orjson
from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.models import ArticleMetadata, DateSource
from pipeline.nlp.blocks import BOILERPLATE, Block, Hint
from pipeline.nlp.dateline import find_dateline
from pipeline.nlp.dates import (
    Stamp,
    date_alone,
    date_at_edge,
    date_in_url,
    date_inside,
    date_opening_story,
    date_value,
    dates_inside,
    days_written,
    footer_date,
    in_month,
    labelled_date,
    month_in_url,
    parse_date,
    text_date,
    titled_post_date,
)
from pipeline.nlp.people import byline_names, clean_authors, is_byline, person_name
from pipeline.nlp.sanitize import one_line, safe_url
from pipeline.nlp.split import PageSplit


def _words(spec: str) -> list[str]:
    """Names written as one space-separated string, easier to read in a long list."""
    return spec.split()


log = logging.getLogger(__name__)

# JSON-LD: scripts read per page, characters read per script, objects walked per page.
MAX_JSONLD_SCRIPTS = 20
MAX_JSONLD_CHARS = 200_000
MAX_JSONLD_NODES = 5_000
# Elements whose text is read (dates, bylines): nested ones would each read the same text
# again, so they are counted; and the longest byline taken.
MAX_ELEMENT_TEXTS = 40
MAX_TIME_TEXTS = 20  # <time> elements whose text is read as a day the page writes
MAX_BYLINE_TEXT = 200
# Lines of page text read for a byline or a date: some above the story, its first few.
LINES_ABOVE_STORY = 6
LINES_INTO_STORY = 3
# ...or up to the headline, when it is at most this many lines over the story.
MAX_LINES_TITLE_TO_STORY = 30
# A line that is a date alone is read only this many lines over the story (or in it).
BARE_DATE_REACH = 2
HEADLINE_DATE_REACH = 4  # lines under the headline where a <time> is its date line
# A line of prose ("The next meeting is on 5 February 2020."): its dates are not the page's.
_SENTENCE_END = re.compile(r"[^\d\s][.!?]$")
# The signature line of an embedded social post ("— Jane Doe (@jane) November 5, 2023"): its
# date is the post's, not the page's.
_QUOTED_POST = re.compile(r"\(@\w{1,30}\)")
# A publication date the page shows this close to the story's start (lines over it, or its
# first lines) is the one its readers see: it wins over a structured day that differs (a CMS
# field of the page's creation or import, a republication's date).
SHOWN_DATE_REACH = 3  # a line that announces it ("Published", a byline) counts up to the headline
MAX_BARE_DATE_CHARS = 40
# A line of a numeric date and a name, the byline of a page that writes no "By"
# ("11.12.2019 - Jane Doe", "Jane Doe | 2019-12-11"); each part bounded.
_DATED_NAME = re.compile(
    r"(?:[\d./-]{8,10}\s[-–|·•]\s(?P<name>[^\W\d_][^\d|·•–]{3,40})"
    r"|(?P<before>[^\W\d_][^\d|·•–]{3,40})\s[-–|·•]\s[\d./-]{8,10})$"
)
MAX_LABEL_CHARS = 12  # a byline's label alone on its line ("Autorin:"), its name on the next
# A byline closing the story: in its last paragraphs, a short one.
CLOSING_PARAGRAPHS = 3
MAX_BYLINE_LINE = 100
# Between the fields of a line over the story ("News | By Jane Doe | April 13, 2020").
_FIELD_SEPARATOR = re.compile(r"\s[|·•]\s")
MAX_LINE_FIELDS = 6
# A line of labelled fields after the story ("Datum: ... Autor: Jane Doe Quelle: ..."): split
# before each label; read this many lines after the story's last paragraph.
_LABELLED_FIELD = re.compile(r"\s(?=[^\W\d_]{3,20}:\s)")
FIELD_LINES_AFTER_STORY = 4
# A blog theme's post line, its byline after its category or date ("Posted in News by jane on
# August 3, 2019"): the words between bounded, so the match is linear.
_POSTED_THEN_BY = re.compile(
    r"(?:posted|published|filed|veröffentlicht|geschrieben|erstellt|publié|publicado)\s"
    r"[^|]{1,80}?\s(?=(?:by|von|par|por)\s)",
    re.IGNORECASE,
)
MAX_LINE_WORDS = 20
MAX_LINE_CHARS = 400
# Lines whose bare dates may be other things' (a list of events, a table, a photo's caption):
# read after htmldate, where the page's own date lines are read before it.
_NOT_OWN_DATE = Hint.LIST_ITEM | Hint.TABLE_ROW | Hint.CAPTION | Hint.BIO | Hint.FORM
# The last resort's reach: lines of a page read for a date when nothing else gave one.
MAX_SCAN_BLOCKS = 2_000
MAX_DATE_LINE_CHARS = 100  # a longer line is prose, not a date line
# htmldate reads at most this much of the page: dates sit in the head and the story's top.
HTMLDATE_MAX_CHARS = 500_000
MAX_TAGS = 50
# The zones furthest west and east of UTC.
_WEST, _EAST = timedelta(hours=12), timedelta(hours=14)
MAX_FIELD_CHARS = 2_000  # any one text read from the page, before output_size cuts it

# schema.org types of the article itself, and of the page that carries it (weaker).
_ARTICLE_SUFFIXES = ("Article", "Posting", "Report")
_PAGE_TYPES = frozenset({"WebPage", "ItemPage", "MedicalWebPage"})  # not lists of pages
# Control characters, which JSON allows only escaped inside strings, and as whitespace outside
# them, where a space is as good.
_CONTROL_AS_SPACE = dict.fromkeys(range(32), " ")
# Keys under which JSON-LD nests the page's own object.
_OWN_KEYS = frozenset({"@graph", "mainEntity"})
_PERSON_TYPES = frozenset({"Person"})
_ORGANISATION_TYPES = frozenset(
    {"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "Brand", "Thing"}
)

# Meta tag names (property, name or itemprop, lower case) and the field each gives. OpenGraph
# and article:* are the second source, all others the third.
_OG_META = {
    "article:published_time": "published",
    "og:article:published_time": "published",
    "article:published": "published",
    "og:published_time": "published",
    "article:modified_time": "modified",
    "og:article:modified_time": "modified",
    "article:modified": "modified",
    "og:updated_time": "modified",
    "article:author": "authors",
    "og:article:author": "authors",
    "article:section": "section",
    "og:article:section": "section",
    "article:tag": "tags",
    "og:article:tag": "tags",
    "og:site_name": "site_name",
    "og:description": "description",
    "og:image": "image",
    "og:image:url": "image",
    "og:image:secure_url": "image",
    "og:url": "canonical",
}
_OTHER_META = {
    **dict.fromkeys(
        _words(
            """
            datepublished pubdate publishdate publish-date publish_date published_date date
            dc.date dc.date.issued dc.date.created dcterms.issued dcterms.created
            dcterms.date sailthru.date parsely-pub-date article.published
            citation_publication_date citation_date originalpublicationdate
            rnews:datepublished date_published pub_date article_date_original datecreated
            created
            """
        ),
        "published",
    ),
    **dict.fromkeys(
        _words(
            """
            datemodified dc.date.modified dcterms.modified last-modified lastmod
            article.updated date_modified revised
            """
        ),
        "modified",
    ),
    **dict.fromkeys(
        _words(
            """
            author byl dc.creator dcterms.creator sailthru.author parsely-author
            citation_author article.author authors
            """
        ),
        "authors",
    ),
    **dict.fromkeys(_words("section parsely-section article.section category"), "section"),
    **dict.fromkeys(_words("keywords news_keywords parsely-tags sailthru.tags"), "tags"),
    **dict.fromkeys(_words("description twitter:description dc.description"), "description"),
    **dict.fromkeys(_words("twitter:image twitter:image:src"), "image"),
    **dict.fromkeys(_words("application-name"), "site_name"),
}
# Markup that names the author or the publication time.
_SELECTOR = (
    'meta, script[type="application/ld+json"], link[rel="canonical"], [itemprop], time, '
    '[rel="author"], [class*="byline"], [class*="author"], .author.vcard .fn'
)
# hCard's formatted name inside an hAtom `author vcard` (a commenter's is a `comment-author`)
_HCARD_NAME = "fn"
_TIME_CLASS_WORDS = ("publish", "posted", "entry-date", "post-date", "created", "dateline")


@dataclass(slots=True)
class _Source:
    """What one kind of source says, each field in page order."""

    name: DateSource
    # whether its author values are fields meant for names (one-word pen names are taken)
    named: bool = True
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    # page text: names no "By" announces ("11.12.2019 - Jane Doe"), read after its bylines
    # and never over another source's names
    unannounced: list[str] = field(default_factory=list)
    canonical: list[str] = field(default_factory=list)
    site_name: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    image: list[str] = field(default_factory=list)
    # Values already read as dates (page text: ages resolved against the fetch time).
    stamps: dict[str, Stamp] = field(default_factory=dict)
    # Page text: the publication date shown nearest the story's start (SHOWN_DATE_REACH).
    shown: Stamp | None = None
    shown_distance: int = (
        MAX_LINES_TITLE_TO_STORY + 1
    )  # its line's distance over the story (0: in it)
    shown_updated: bool = False  # `shown` is the date of a change ("Updated ..."): no other shown

    def add(self, key: str, value: str) -> None:
        value = value.strip()[:MAX_FIELD_CHARS]
        if value:
            getattr(self, key).append(value)


def extract_metadata(
    split: PageSplit,
    *,
    url: str | None = None,
    body: str | None = None,
    fetched_at: datetime | None = None,
    latest: datetime | None = None,
    use_htmldate: bool = True,
) -> ArticleMetadata:
    """The article's metadata from the page the split read (`split.page` for HTML, its
    lines for page text), the page's URL and, for htmldate, its HTML `body`. Relative dates
    in the text resolve against `fetched_at`; dates after `latest` are refused."""
    page = split.page
    sources: list[_Source] = []
    if page is not None and page.tree is not None:
        sources.extend(_markup_sources(page.tree))
    start = _story_body(split)
    text = _text_source(split.blocks, start, fetched_at, split.title)
    base = url or (page.base_url if page is not None else None)
    canonical = _link(_first(sources, "canonical"), base)
    published, source = _published(sources, latest, lambda: _visible_days(split.blocks))
    if published is not None:
        published = _local_day(
            published,
            sources,
            url or canonical,
            text,
            latest,
            lambda: _written_days(split.blocks) | _time_days(split.blocks),
        )
        if _shown_wins(text, published, latest, split.blocks):
            published, source = text.shown or published, "text"
    else:
        published, source = _after_markup(url or canonical, text, latest)
    # a URL that spells the month of its post (/2017/09/slug) rules out the page's other
    # dates (a reviewed book's release, a quoted event's day)
    month = month_in_url(url or canonical or "")
    if published is not None and source == "text" and month and not in_month(published, month):
        published, source = None, None
    found = None if published is not None else _page_text_date(split.blocks, start, latest)
    if found is not None and month and not in_month(found[1], month):
        found = None
    if found is not None and found[0]:  # the page's own date line: htmldate is not asked
        published, source = found[1], "text"
    if published is None and use_htmldate and body is not None and page is not None:
        published = _htmldate(body, url or canonical, latest)
        source = "htmldate" if published is not None else None
    if published is None and found is not None:  # a list's or a caption's: after htmldate
        published, source = found[1], "text"
    modified = _first_date([*sources, text], "modified", latest)
    site_names = _all(sources, "site_name")
    authors = (
        _authors([*sources, text], site_names)
        or _closing_byline(split.paragraphs, site_names)
        or _fields_after_story(split, site_names)
    )
    if authors and all(" " not in name for name in authors):
        authors = _whole_names(authors, split.blocks, site_names)
    return ArticleMetadata(
        published_at=published.instant if published else None,
        published_date=published.day if published else None,
        published_source=source,
        modified_at=modified.instant if modified else None,
        modified_date=modified.day if modified else None,
        authors=authors,
        canonical_url=canonical,
        site_name=_text(_first(sources, "site_name")),
        section=_text(_first(sources, "section")),
        tags=_tags(sources),
        description=_text(_first(sources, "description")),
        image=_link(_first(sources, "image"), canonical or base),
        dateline=find_dateline(split.paragraphs[0]) if split.paragraphs else None,
    )


def _story_body(split: PageSplit) -> int:
    """The index of the story's first paragraph, where the page's date and byline lines are
    read from: the split's run may start higher, at the headline, taking in the article's
    header (a caption, the byline, the author's bio, the date line) that the split leaves out
    of the story's paragraphs. Those lines are over the story, not in it."""
    start = split.story_start
    if not split.paragraphs:
        return start
    story = set(split.paragraphs)
    end = min(len(split.blocks), start + MAX_LINES_TITLE_TO_STORY)
    return next((i for i in range(start, end) if split.blocks[i].text in story), start)


# --------------------------------------------------------------------------------------------
# Choosing among the sources


def _published(
    sources: Sequence[_Source], latest: datetime | None, visible: Callable[[], set[date]]
) -> tuple[Stamp | None, DateSource | None]:
    """The structured sources' publication date, with the instant of a later source that
    agrees on the day when the first gives only the day. When they disagree on the day, the
    first whose day the page shows in its text wins (`visible`: the days written in it); the
    others date something else (a CMS import, a scheduled slot, a republication)."""
    candidates = [
        (index, stamp)
        for index, source in enumerate(sources)
        if (stamp := _valid(source.published, latest)) is not None
    ]
    if not candidates:
        return None, None
    index, stamp = candidates[0]
    if any(other.day != stamp.day for _, other in candidates):
        shown = visible()
        index, stamp = next(((i, s) for i, s in candidates if s.day in shown), candidates[0])
    if stamp.instant is None:
        for later, other in candidates:
            if later > index and other.day == stamp.day and other.instant is not None:
                return other, sources[index].name
    return stamp, sources[index].name


def _shown_wins(
    text: _Source, published: Stamp, latest: datetime | None, blocks: Sequence[Block]
) -> bool:
    """Whether the day shown over the story replaces the structured one; a change's date
    ("Updated ...") only stands for a publication day the page does not write anywhere."""
    shown = text.shown
    if shown is None or shown.day == published.day or shown.after(latest):
        return False
    return not text.shown_updated or published.day not in _visible_days(blocks, links=True)


def _visible_days(blocks: Sequence[Block], *, links: bool = False) -> set[date]:
    """The days written in the page's short lines outside its boilerplate (not an embedded
    post's; not in lists of links, unless `links`: a post's date is often its permalink)."""
    days: set[date] = set()
    for line in _date_lines(blocks, links=links):
        days.update(stamp.day for stamp in dates_inside(line))
    return days


def _written_days(blocks: Sequence[Block]) -> set[date]:
    """The days those lines may write, numeric dates of unknown order read both ways
    (`days_written`)."""
    days: set[date] = set()
    for line in _date_lines(blocks, links=False):
        days |= days_written(line)
    return days


def _time_days(blocks: Sequence[Block]) -> set[date]:
    """The days the page's <time> elements write in their text, each read alone."""
    texts = (value[:MAX_BARE_DATE_CHARS] for block in blocks for value in block.time_texts)
    return {
        stamp.day
        for value in islice(texts, MAX_TIME_TEXTS)
        if (stamp := date_inside(value) or parse_date(value)) is not None
    }


def _date_lines(blocks: Sequence[Block], *, links: bool) -> Iterator[str]:
    """The page's short lines outside its boilerplate that are not an embedded post's, and
    not mostly links unless `links`."""
    for block in blocks[:MAX_SCAN_BLOCKS]:
        line = block.text
        if len(line) > MAX_DATE_LINE_CHARS or block.hints & BOILERPLATE:
            continue
        if (not links and block.link_density > 0.5) or _QUOTED_POST.search(line):
            continue
        yield line


def _local_day(
    stamp: Stamp,
    sources: Sequence[_Source],
    url: str | None,
    text: _Source,
    latest: datetime | None,
    written_days: Callable[[], set[date]],
) -> Stamp:
    """A UTC instant does not say on which day the article came out where it was published:
    another source that gives the same moment in a local zone, or a day within the world's
    zones of it (the URL's, a date without a time, a day the page writes), tells the day."""
    instant = stamp.instant
    if instant is None or instant.utcoffset():
        return stamp
    earliest, last = (instant - _WEST).date(), (instant + _EAST).date()
    others = [_valid(source.published, latest) for source in sources]
    others += [date_in_url(url) if url else None, _valid(text.published, latest, text.stamps)]
    for other in others:
        if other is None or (other.instant is not None and not other.instant.utcoffset()):
            continue
        if other.instant is not None and other.instant == instant:
            return other  # the same moment in its own zone
        if other.instant is None and earliest <= other.day <= last and other.day != stamp.day:
            return Stamp(other.day, instant)
    # else the one day of its zones the page writes, when it does not write the UTC one
    written = written_days()
    if stamp.day not in written:
        local = [day for day in written if earliest <= day <= last]
        if len(local) == 1:
            return Stamp(local[0], instant)
    return stamp


def _after_markup(
    url: str | None, text: _Source, latest: datetime | None
) -> tuple[Stamp | None, DateSource | None]:
    """The URL's day, else a dated line of the page text: the date shown right over the
    story (or at its start) first, as it wins over the structured sources."""
    stamp = date_in_url(url) if url else None
    if stamp is not None and not stamp.after(latest):
        return stamp, "url"
    if text.shown is not None and not text.shown.after(latest):
        return text.shown, "text"
    stamp = _valid(text.published, latest, text.stamps)
    return (stamp, "text") if stamp is not None else (None, None)


def _first_date(sources: Sequence[_Source], key: str, latest: datetime | None) -> Stamp | None:
    for source in sources:
        stamp = _valid(getattr(source, key), latest, source.stamps)
        if stamp is not None:
            return stamp
    return None


def _valid(
    values: Sequence[str], latest: datetime | None, stamps: dict[str, Stamp] | None = None
) -> Stamp | None:
    """The first value that reads as a date no later than `latest`."""
    for value in values:
        stamp = stamps[value] if stamps and value in stamps else parse_date(value)
        if stamp is not None and not stamp.after(latest):
            return stamp
    return None


def _authors(sources: Sequence[_Source], site_names: Sequence[str]) -> list[str]:
    """The names of the first source whose author values give any; but a byline the page
    shows over its story (the last source, page text) that names none of the same people wins:
    the markup's may be the account that posted it, the reader sees who wrote it."""
    names: list[str] = []
    chosen: _Source | None = None
    for source in sources:
        names = clean_authors(
            [*source.authors, *source.unannounced],
            site_names,
            single_words=source.named,
            first_only=source.name == "markup",  # bylines all over the page
        )
        if names:
            chosen = source
            break
    text = sources[-1] if sources else None
    if text is None or text.name != "text" or not text.authors or chosen is text:
        return names
    shown = clean_authors(text.authors, site_names, first_only=True)
    if shown and not _name_words(shown) & _name_words(names):
        return shown
    if shown and all(
        " " not in name and _name_words([name]) <= _name_words(shown) for name in names
    ):
        return shown  # the markup's first name ("Nils"), the page's whole one ("Nils Doe")
    return names


# A link to the author's other posts ("Mehr von Jane Doe", "More from Jane Doe").
_MORE_BY = re.compile(
    r"(?:mehr|more|alle (?:artikel|beiträge)|all (?:posts|articles|stories)|weitere artikel)"
    r"\s+(?:von|from|by)\s+",
    re.IGNORECASE,
)


def _whole_names(names: list[str], blocks: Sequence[Block], site_names: Sequence[str]) -> list[str]:
    """First names alone ("Stefanus", a profile's display name) made whole where the page's
    author box writes the name they begin ("Stefanus Stahl - Maschinenbauer, ...") or a link
    to the author's other posts does ("Mehr von Stefanus Stahl")."""
    wanted = {name.casefold() for name in names}
    whole: dict[str, str] = {}
    for block in blocks[:MAX_SCAN_BLOCKS]:
        line = block.text
        if (more := _MORE_BY.match(line)) is not None and len(line) <= MAX_BYLINE_LINE:
            line = f"By {line[more.end() :]}"  # "Mehr von Jane Doe": the author's other posts
        elif not block.hints & Hint.BIO or len(line) > MAX_LINE_CHARS * 2:
            continue
        for name in clean_authors([line[:MAX_LINE_CHARS]], site_names):
            first = name.split()[0].casefold()
            if first in wanted and " " in name:
                whole.setdefault(first, name)
    return [whole.get(name.casefold(), name) for name in names]


def _fields_after_story(split: PageSplit, site_names: Sequence[str]) -> list[str]:
    """On a page nothing else names an author for, a line of labelled fields right after the
    story that has an author's among them ("Datum: 19.11.2021 Autor: Jane Doe Quelle:
    Example"); not its first field (a lone "Von ..." there may name the desk: "red")."""
    if not split.paragraphs:
        return []
    last = split.paragraphs[-1]
    blocks = split.blocks
    end = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].text == last), None)
    if end is None:
        return []
    for block in blocks[end + 1 : end + 1 + FIELD_LINES_AFTER_STORY]:
        line = block.text
        if len(line) > MAX_BYLINE_LINE or block.link_density > 0.5:
            continue
        for part in _LABELLED_FIELD.split(line)[1:MAX_LINE_FIELDS]:
            if is_byline(part) and (names := clean_authors([part], site_names)):
                return names
    return []


def _closing_byline(paragraphs: Sequence[str], site_names: Sequence[str]) -> list[str]:
    """On a page nothing else names an author for, a byline that closes the story ("Von Jane
    Doe", "Autorin: Jane Doe, Projektleiterin"): a short paragraph among its last ones."""
    for paragraph in paragraphs[-CLOSING_PARAGRAPHS:]:
        if len(paragraph) <= MAX_BYLINE_LINE and is_byline(paragraph):
            names = clean_authors([paragraph], site_names)
            if names:
                return names
    return []


def _name_words(names: Sequence[str]) -> set[str]:
    return {word for name in names for word in name.casefold().split()}


def _first(sources: Sequence[_Source], key: str) -> str | None:
    for source in sources:
        values: list[str] = getattr(source, key)
        if values:
            return values[0]
    return None


def _all(sources: Sequence[_Source], key: str) -> list[str]:
    return [value for source in sources for value in getattr(source, key)]


def _tags(sources: Sequence[_Source]) -> list[str]:
    for source in sources:
        if not source.tags:
            continue
        tags: list[str] = []
        seen: set[str] = set()
        for value in source.tags:
            for part in value.replace(";", ",").split(","):
                tag = one_line(part)
                if tag and tag.casefold() not in seen:
                    seen.add(tag.casefold())
                    tags.append(tag)
        return tags[:MAX_TAGS]
    return []


def _text(value: str | None) -> str | None:
    return (one_line(value) or None) if value else None


def _link(value: str | None, base: str | None) -> str | None:
    """An absolute http(s) link, relative ones resolved against `base`."""
    if not value:
        return None
    link = safe_url(value)
    if link is None:
        return None
    if base and not link.startswith(("http://", "https://")):
        try:
            link = urljoin(base, link)
        except ValueError:
            return None
    link = safe_url(link)
    return link if link and link.startswith(("http://", "https://")) else None


# --------------------------------------------------------------------------------------------
# Reading the markup


def _markup_sources(tree: LexborHTMLParser) -> list[_Source]:
    """JSON-LD, OpenGraph meta, other meta, markup: read in one pass over the tree."""
    json_ld, og, meta, markup = (
        _Source("json-ld"),
        _Source("meta"),
        _Source("meta"),
        _Source("markup"),
    )
    bylines = _Source("markup", named=False)  # elements of byline classes: free text
    scripts: list[str] = []
    texts_left = MAX_ELEMENT_TEXTS
    for node in tree.css(_SELECTOR):
        tag = node.tag
        if tag == "meta":
            _read_meta(node.attributes, og, meta, markup)
        elif tag == "script":
            if len(scripts) < MAX_JSONLD_SCRIPTS:
                scripts.append(node.text(deep=True)[:MAX_JSONLD_CHARS])
        elif tag == "link":
            markup.add("canonical", node.attributes.get("href") or "")
        elif texts_left > 0 and tag:
            texts_left -= _read_element(node, tag, node.attributes, markup, bylines)
    if markup.canonical:  # <link rel=canonical> comes before og:url
        og.canonical[:0] = markup.canonical[:1]
    _read_json_ld(scripts, json_ld)
    return [json_ld, og, meta, markup, bylines]


def _read_meta(attrs: dict[str, str | None], og: _Source, meta: _Source, markup: _Source) -> None:
    content = attrs.get("content")
    if not content:
        return
    for attribute in ("property", "name", "itemprop"):
        key = (attrs.get(attribute) or "").lower()
        if not key:
            continue
        if (name := _OG_META.get(key)) is not None:
            og.add(name, content)
            return
        if (name := _OTHER_META.get(key)) is not None:
            # a microdata author is its item's, anywhere in the page (a cited work's, a
            # review's): read with the markup's, the first that names any
            (markup if attribute == "itemprop" and name == "authors" else meta).add(name, content)
            return


def _read_element(
    node: LexborNode, tag: str, attrs: dict[str, str | None], markup: _Source, bylines: _Source
) -> int:
    """Dates and authors of the markup: `itemprop` and `rel=author` name them, elements of a
    byline class hold free text. Returns 1 when it read the element's text, else 0."""
    prop = (attrs.get("itemprop") or "").lower()
    if prop in ("datepublished", "datecreated", "datemodified"):
        key = "modified" if prop == "datemodified" else "published"
        if value := attrs.get("content") or attrs.get("datetime"):
            markup.add(key, value)
            return 0
        markup.add(key, node.text(deep=True))
        return 1
    if tag == "time":
        css = (attrs.get("class") or "").lower()
        if "pubdate" in attrs or any(word in css for word in _TIME_CLASS_WORDS):
            if value := attrs.get("datetime"):
                markup.add("published", value)
                return 0
            markup.add("published", node.text(deep=True))
            return 1
        return 0
    css = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if "comment" in css:
        return 0  # a commenter is no author
    if prop == "author":
        named = node.css_first('[itemprop="name"]')
        holder = named if named is not None else node
        value, source = holder.attributes.get("content") or holder.text(deep=True), markup
    elif attrs.get("rel") == "author" or (not prop and _HCARD_NAME in css.split()):
        value, source = node.text(deep=True, separator=" "), markup
    elif prop:
        return 0
    else:
        value, source = node.text(deep=True, separator=" "), bylines
    if value and len(value) <= MAX_BYLINE_TEXT:
        source.add("authors", value)
    return 1


def _read_json_ld(scripts: Sequence[str], source: _Source) -> None:
    """The article object of the page's JSON-LD (or else its web page object)."""
    nodes: list[tuple[int, dict[str, Any]]] = []  # (rank, object): 0 article, 1 page
    ids: dict[str, dict[str, Any]] = {}
    for script in scripts:
        if (data := _json(script)) is None:
            continue
        for node, own in _json_objects(data):
            if isinstance(node_id := node.get("@id"), str) and len(node) > 1:
                ids.setdefault(node_id, node)
            rank = _rank(node.get("@type")) if own else None
            if rank is not None:
                nodes.append((rank, node))
            elif (
                own and "WebSite" in _types(node.get("@type")) and isinstance(node.get("name"), str)
            ):
                source.add("site_name", node["name"])
    nodes.sort(key=lambda pair: pair[0])  # stable: page order within a rank
    for _, node in nodes:
        _read_article(node, ids, source)


def _json(script: str) -> Any:
    """A JSON-LD script's document; one whose strings hold raw line breaks or tabs (a CMS
    pasting an article's body into it), which strict JSON refuses, read with them as spaces."""
    try:
        return orjson.loads(script.strip())
    except orjson.JSONDecodeError:
        pass
    try:
        return orjson.loads(script.translate(_CONTROL_AS_SPACE).strip())
    except orjson.JSONDecodeError:
        return None


def _json_objects(data: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every object in a JSON-LD document, outermost first (at most MAX_JSONLD_NODES), and
    whether it can be the page's own: at the top, in `@graph`, or its `mainEntity`; the
    articles listed deeper (an ItemList, `hasPart`) are other pages'."""
    queue: deque[tuple[Any, bool]] = deque([(data, True)])
    seen = 0
    while queue and seen < MAX_JSONLD_NODES:
        item, own = queue.popleft()
        seen += 1
        if isinstance(item, list):
            queue.extend((value, own) for value in item)
        elif isinstance(item, dict):
            yield item, own
            queue.extend(
                (value, own and key in _OWN_KEYS)
                for key, value in item.items()
                if isinstance(value, dict | list)
            )


def _types(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {item for item in value if isinstance(item, str)}
    return set()


def _rank(value: Any) -> int | None:
    types = _types(value)
    if any(t.endswith(_ARTICLE_SUFFIXES) for t in types):
        return 0
    if types & _PAGE_TYPES:
        return 1
    return None


def _read_article(node: dict[str, Any], ids: dict[str, dict[str, Any]], source: _Source) -> None:
    for key, name in (
        ("datePublished", "published"),
        ("dateCreated", "published"),
        ("dateModified", "modified"),
        ("description", "description"),
        ("articleSection", "section"),
        ("keywords", "tags"),
        ("image", "image"),
        ("thumbnailUrl", "image"),
        ("url", "canonical"),
    ):
        for value in _strings(node.get(key), ids, ("url", "contentUrl", "@id")):
            source.add(name, value)
    for key in ("author", "creator"):
        for person in _people(node.get(key), ids):
            source.add("authors", person)
    for value in _strings(node.get("publisher"), ids, ("name",), skip_types=_PERSON_TYPES):
        source.add("site_name", value)  # a blog's publisher may be its author: not a site


def _strings(
    value: Any,
    ids: dict[str, dict[str, Any]],
    keys: Sequence[str],
    skip_types: frozenset[str] = frozenset(),
) -> Iterator[str]:
    """The strings of a JSON-LD value: itself, its items, or an object's first of `keys`
    (objects of any of `skip_types` left out)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            item = _resolved(item, ids)
            if _types(item.get("@type")) & skip_types:
                continue
            found = next((item[k] for k in keys if isinstance(item.get(k), str)), None)
            if found is not None:
                yield found


def _people(value: Any, ids: dict[str, dict[str, Any]]) -> Iterator[str]:
    """The names of a JSON-LD author value, organisations left out; an author given as the
    IRI of an object in the document is that object."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item in ids:
            item = ids[item]
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            item = _resolved(item, ids)
            types = _types(item.get("@type"))
            if types & _ORGANISATION_TYPES and not types & _PERSON_TYPES:
                continue  # Yoast types a blog's owner both Person and Organization
            name = item.get("name")
            if isinstance(name, str):
                yield name
            elif isinstance(given := item.get("givenName"), str) and isinstance(
                family := item.get("familyName"), str
            ):
                yield f"{given} {family}"


def _resolved(item: dict[str, Any], ids: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An object given only by its `@id` (Yoast's @graph), looked up."""
    node_id = item.get("@id")
    if isinstance(node_id, str) and len(item) == 1:
        return ids.get(node_id, item)
    return item


# --------------------------------------------------------------------------------------------
# Page text, the URL, htmldate


def _text_source(
    blocks: Sequence[Block], story_start: int, fetched_at: datetime | None, title: str | None = None
) -> _Source:
    """Bylines and dated lines just above the story (up to its headline) and at its start. A
    line that is only a date or an age ("5 hours ago") counts right over the story or in it,
    not further up, where it may date a sidebar's headline; a short line with a full date inside it
    ("Press release of 20.01.2022", "Desk · 02.02.2022") counts anywhere in that reach."""
    source = _Source("text", named=False)
    first = max(0, story_start - LINES_ABOVE_STORY)
    headline = -1  # the headline's line, when it is found over the story
    if title:  # a headline further up: the lines between it and the story are the story's
        for index in range(first - 1, max(0, story_start - MAX_LINES_TITLE_TO_STORY) - 1, -1):
            if blocks[index].text == title:
                first = headline = index
                break
    ranked: list[tuple[int, int, str]] = []  # (announced or not, distance, line)
    bare_days: set[date] = set()  # days of the lines near the story that do not announce them
    shown_bare = True  # until a line is shown
    updated: Stamp | None = None  # an "Updated ..." line's date, shown when no other is
    opened = False  # a paragraph of the story's first lines opened with its date
    end = story_start + LINES_INTO_STORY
    for index, block in enumerate(blocks[first : end + 1], start=first):
        line = block.text
        if len(line) > MAX_LINE_CHARS or len(line.split()) > MAX_LINE_WORDS:
            # a paragraph (the length settles most without splitting them); one of the
            # story's first may open with its date, as a dateline does (the split's story may
            # start at a lead over the byline: "Von Jane Doe", "27.1.2022 - Bei der ...")
            if (
                not opened
                and index >= story_start
                and (opening := date_opening_story(line)) is not None
            ):
                opened = True
                source.stamps[line] = opening
                ranked.append((True, LINES_ABOVE_STORY, line))
            continue
        if index >= end:
            break  # the line after the story's first: read for a paragraph's date only
        if _QUOTED_POST.search(line):
            continue
        byline = is_byline(line)
        if byline and byline_names(line):
            source.add("authors", line)  # and its date, if it gives one, read below
        elif byline and len(line) <= MAX_LABEL_CHARS and index + 1 < len(blocks):
            # a label alone ("Autor", "Text:"), the name on the next line
            labelled = f"{line} {blocks[index + 1].text[:MAX_LINE_CHARS]}"
            names = byline_names(labelled)
            if names and all(" " in name for name in names):  # not a heading: "Porträt"
                source.add("authors", labelled)
        elif (by := _byline_after_separator(line) or _byline_after_posted(line)) is not None:
            source.add("authors", by)  # "News | By Jane Doe | April 13", "Posted in News by"
        elif (dated := _DATED_NAME.match(line)) is not None:
            name = dated["name"] or dated["before"]
            if person_name(name) is not None:
                source.add("unannounced", name)  # "11.12.2019 - Jane Doe"
        kind, stamp = text_date(line, fetched_at) or ("published", None)
        announced = stamp is not None or byline
        near = index >= story_start - BARE_DATE_REACH
        timed = block.timed
        if stamp is None and near and timed:
            stamp = _time_value(block, fetched_at)
        elif stamp is None and near and len(line) <= MAX_BARE_DATE_CHARS:
            stamp = date_value(line, fetched_at)
        if stamp is None and not _SENTENCE_END.search(line):
            stamp = date_inside(line)  # "Jane Doe · 12. März 2024", a line with a date in it
        if stamp is None:
            continue
        source.stamps[line] = stamp
        distance = story_start - index
        if kind == "modified":
            source.add(kind, line)
            if updated is None:
                updated = _shown(block, distance, stamp, announced=True)
            continue
        # "Published ..." lines first, then the nearest the story's start, lines over it
        # before the story's own: a line further up may be a profile's or a sidebar's date.
        ranked.append(
            (not announced, distance if distance > 0 else LINES_ABOVE_STORY - distance, line)
        )
        # a <time> right under the headline is the article's date line, however far the
        # story's first paragraph is (a lead, a table of contents between)
        under = headline >= 0 and timed and 0 < index - headline <= HEADLINE_DATE_REACH
        shown = _shown(block, distance, stamp, announced=announced or under)
        if shown is None:
            continue
        if not announced:
            bare_days.add(shown.day)
        if (not announced, distance) < (shown_bare, source.shown_distance):
            source.shown, source.shown_distance = shown, max(distance, 0)
            shown_bare = not announced
    if shown_bare and len(bare_days) > 1:
        source.shown = None  # dates of a list (other articles', events'): none is the page's
    elif source.shown is None and updated is not None:
        source.shown, source.shown_updated = updated, True  # the one date shown, of a change
    for _, _, line in sorted(ranked):
        source.add("published", line)
    return source


def _time_value(block: Block, fetched_at: datetime | None) -> Stamp | None:
    """The first date or age a <time> of the line writes, else its first datetime attribute
    read (of a <time> showing no text)."""
    for value in (*block.time_texts, *block.time_datetimes):
        if (stamp := date_value(value, fetched_at)) is not None:
            return stamp
    return None


def _byline_after_separator(line: str) -> str | None:
    """The byline among a line's fields after the first ("News | By Jane Doe | April 13")."""
    for part in _FIELD_SEPARATOR.split(line)[1:MAX_LINE_FIELDS]:
        if is_byline(part) and byline_names(part):
            return part
    return None


def _byline_after_posted(line: str) -> str | None:
    """The byline a blog theme's post line ends with ("Posted in News by jane on August 3,
    2019", "Veröffentlicht am 3. August 2019 von Jane Doe")."""
    if (posted := _POSTED_THEN_BY.match(line)) is None:
        return None
    part = line[posted.end() :]
    return part if byline_names(part) else None


def _shown(block: Block, distance: int, stamp: Stamp, *, announced: bool) -> Stamp | None:
    """The line's date as one shown over the story when it is near enough (over the story,
    or a short line of its first ones), not mostly links (a sidebar's headline), and the
    date read from the words the reader sees, not a <time>'s attribute; a line that does not
    announce it (no "Published", no byline) must open or close with it."""
    reach = MAX_LINES_TITLE_TO_STORY if announced else SHOWN_DATE_REACH
    if not (-LINES_INTO_STORY < distance <= reach):
        return None
    if block.link_density > 0.5 and not date_alone(block.text):
        return None
    if distance <= 0 and len(block.text) > MAX_BARE_DATE_CHARS:
        return None  # a sentence of the story: "fares rise from 1 January"
    if not announced:  # a line that only holds a date somewhere: at its edge, not in a phrase
        return date_at_edge(block.text) or parse_date(block.text)
    if block.timed:
        visible = date_inside(block.text) or parse_date(block.text)
        return visible if visible is not None else stamp
    return stamp


def _page_text_date(
    blocks: Sequence[Block], story_start: int, latest: datetime | None
) -> tuple[bool, Stamp] | None:
    """The last resort, on a page nothing else dated: a line anywhere outside the page's
    boilerplate that announces its date ("Published ...") or is a short one opening or
    closing with a full date, the nearest the story's start winning; lines of links (other
    articles) are passed over. Returns whether the line announced it or is one of the page's
    own lines (not a list's, a table's, a caption's: other things' dates), and the date."""
    best: tuple[int, int, Stamp] | None = None
    for index, block in enumerate(blocks[:MAX_SCAN_BLOCKS]):
        line = block.text
        if block.link_density > 0.5:
            continue
        if block.hints & BOILERPLATE:
            # a "Published" label among the fields of a footer ("Last change: ... Published:
            # ..."), or a theme's sentence naming the post by its title ("<title> wurde am 19.
            # Mai 2010 gepostet"): the page's date, where the boilerplate's other dates are not
            labelled = (
                labelled_date(line) or titled_post_date(line)
                if len(line) <= MAX_LINE_CHARS
                else None
            )
            if labelled is None:
                continue
            announced: tuple[str, Stamp] | None = ("published", labelled)
        elif len(line) > MAX_DATE_LINE_CHARS:
            # a blog theme's closing sentence ("This entry was posted on ...") announces it
            footer = footer_date(line) if len(line) <= MAX_LINE_CHARS else None
            announced = ("published", footer) if footer is not None else None
        elif _QUOTED_POST.search(line):
            continue
        else:
            announced = text_date(line, None)
        if announced is not None and announced[0] == "published":
            found: tuple[int, int, Stamp] | None = (0, abs(index - story_start), announced[1])
        else:
            stamp = date_at_edge(line)
            tier = 1 if block.hints & _NOT_OWN_DATE else 0
            found = (tier, abs(index - story_start), stamp) if stamp is not None else None
        if (
            found is not None
            and not found[2].after(latest)
            and (best is None or found[:2] < best[:2])
        ):
            best = found
    return (best[0] == 0, best[2]) if best is not None else None


def _htmldate(body: str, url: str | None, latest: datetime | None) -> Stamp | None:
    """htmldate's publication day, on pages the structured sources leave without one."""
    from htmldate import find_date  # imported on first use: it loads lxml and dateparser

    html = body[:HTMLDATE_MAX_CHARS]
    if html.lstrip().startswith("http") and " " not in html:
        return None  # htmldate would take it for a URL and download it
    try:
        found = find_date(
            html,
            extensive_search=False,
            original_date=True,
            url=url,
            max_date=latest.astimezone(UTC).replace(tzinfo=None) if latest else None,
        )
    except Exception:  # a page htmldate cannot read has no date from it
        log.debug("htmldate failed", exc_info=True)
        return None
    stamp = parse_date(found) if found else None
    return stamp if stamp is not None and not stamp.after(latest) else None
