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

The stage is cut into modules a newcomer can read one at a time: this one (`extract_metadata`,
the story's start, the other fields, htmldate) calls `metadata_markup.py` (JSON-LD, meta tags,
`itemprop`, `<time>`, byline elements), `metadata_text.py` (the page text's bylines and dated
lines), `metadata_dates.py` (choosing the dates among the sources) and `metadata_authors.py`
(choosing the authors; bylines closing the story or after it), which all read
`metadata_cues.py` (limits, patterns, and `MetadataSource`, what one kind of source says).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import urljoin

from pipeline.models import ArticleMetadata
from pipeline.nlp.dateline import find_dateline
from pipeline.nlp.dates import Stamp, in_month, month_in_url, parse_date
from pipeline.nlp.metadata_authors import (
    chosen_authors,
    closing_byline,
    fields_after_story,
    whole_names,
)
from pipeline.nlp.metadata_cues import (
    HTMLDATE_MAX_CHARS,
    MAX_LINES_TITLE_TO_STORY,
    MAX_TAGS,
    MetadataSource,
)
from pipeline.nlp.metadata_dates import (
    after_markup,
    first_date,
    local_day,
    shown_wins,
    structured_published,
    time_days,
    visible_days,
    written_days,
)
from pipeline.nlp.metadata_markup import markup_sources
from pipeline.nlp.metadata_text import page_text_date, text_source
from pipeline.nlp.sanitize import one_line, safe_url
from pipeline.nlp.split import PageSplit

log = logging.getLogger(__name__)


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
    sources: list[MetadataSource] = []
    if page is not None and page.tree is not None:
        sources.extend(markup_sources(page.tree))
    start = _story_body(split)
    text = text_source(split.blocks, start, fetched_at, split.title)
    base = url or (page.base_url if page is not None else None)
    canonical = _link(_first(sources, "canonical"), base)
    published, source = structured_published(sources, latest, lambda: visible_days(split.blocks))
    if published is not None:
        published = local_day(
            published,
            sources,
            url or canonical,
            text,
            latest,
            lambda: written_days(split.blocks) | time_days(split.blocks),
        )
        if shown_wins(text, published, latest, split.blocks):
            published, source = text.shown or published, "text"
    else:
        published, source = after_markup(url or canonical, text, latest)
    # a URL that spells the month of its post (/2017/09/slug) rules out the page's other
    # dates (a reviewed book's release, a quoted event's day)
    month = month_in_url(url or canonical or "")
    if published is not None and source == "text" and month and not in_month(published, month):
        published, source = None, None
    found = None if published is not None else page_text_date(split.blocks, start, latest)
    if found is not None and month and not in_month(found[1], month):
        found = None
    if found is not None and found[0]:  # the page's own date line: htmldate is not asked
        published, source = found[1], "text"
    if published is None and use_htmldate and body is not None and page is not None:
        published = _htmldate(body, url or canonical, latest)
        source = "htmldate" if published is not None else None
    if published is None and found is not None:  # a list's or a caption's: after htmldate
        published, source = found[1], "text"
    modified = first_date([*sources, text], "modified", latest)
    site_names = _all(sources, "site_name")
    authors = (
        chosen_authors([*sources, text], site_names)
        or closing_byline(split.paragraphs, site_names)
        or fields_after_story(split, site_names)
    )
    if authors and all(" " not in name for name in authors):
        authors = whole_names(authors, split.blocks, site_names)
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


def _first(sources: Sequence[MetadataSource], key: str) -> str | None:
    for source in sources:
        values: list[str] = getattr(source, key)
        if values:
            return values[0]
    return None


def _all(sources: Sequence[MetadataSource], key: str) -> list[str]:
    return [value for source in sources for value in getattr(source, key)]


def _tags(sources: Sequence[MetadataSource]) -> list[str]:
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
