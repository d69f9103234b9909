"""The metadata stage's page-text readers: bylines and dated lines over the story and at its
start, the date shown nearest it, and the last resort's date line anywhere on the page.

`text_source` reads the lines around the story's start into the page text's `MetadataSource`
(its `shown` date is the one readers see); `page_text_date` scans the page for a date line when
nothing else dated it. Reads `metadata_cues.py` only; the stage's API (`metadata.py`) calls
them, and the choosers (`metadata_dates.py`, `metadata_authors.py`) weigh what they found.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from pipeline.nlp.blocks import BOILERPLATE, Block
from pipeline.nlp.dates import (
    Stamp,
    date_alone,
    date_at_edge,
    date_inside,
    date_opening_story,
    date_value,
    footer_date,
    labelled_date,
    parse_date,
    text_date,
    titled_post_date,
)
from pipeline.nlp.metadata_cues import (
    BARE_DATE_REACH,
    DATED_NAME,
    FIELD_SEPARATOR,
    HEADLINE_DATE_REACH,
    LINES_ABOVE_STORY,
    LINES_INTO_STORY,
    MAX_BARE_DATE_CHARS,
    MAX_DATE_LINE_CHARS,
    MAX_LABEL_CHARS,
    MAX_LINE_CHARS,
    MAX_LINE_FIELDS,
    MAX_LINE_WORDS,
    MAX_LINES_TITLE_TO_STORY,
    MAX_SCAN_BLOCKS,
    NOT_OWN_DATE,
    POSTED_THEN_BY,
    QUOTED_POST,
    SENTENCE_END,
    SHOWN_DATE_REACH,
    MetadataSource,
)
from pipeline.nlp.people import byline_names, is_byline, person_name


def text_source(
    blocks: Sequence[Block], story_start: int, fetched_at: datetime | None, title: str | None = None
) -> MetadataSource:
    """Bylines and dated lines just above the story (up to its headline) and at its start. A
    line that is only a date or an age ("5 hours ago") counts right over the story or in it,
    not further up, where it may date a sidebar's headline; a short line with a full date inside it
    ("Press release of 20.01.2022", "Desk · 02.02.2022") counts anywhere in that reach."""
    source = MetadataSource("text", named=False)
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
        if QUOTED_POST.search(line):
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
        elif (dated := DATED_NAME.match(line)) is not None:
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
        if stamp is None and not SENTENCE_END.search(line):
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
    for part in FIELD_SEPARATOR.split(line)[1:MAX_LINE_FIELDS]:
        if is_byline(part) and byline_names(part):
            return part
    return None


def _byline_after_posted(line: str) -> str | None:
    """The byline a blog theme's post line ends with ("Posted in News by jane on August 3,
    2019", "Veröffentlicht am 3. August 2019 von Jane Doe")."""
    if (posted := POSTED_THEN_BY.match(line)) is None:
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


def page_text_date(
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
        elif QUOTED_POST.search(line):
            continue
        else:
            announced = text_date(line, None)
        if announced is not None and announced[0] == "published":
            found: tuple[int, int, Stamp] | None = (0, abs(index - story_start), announced[1])
        else:
            stamp = date_at_edge(line)
            tier = 1 if block.hints & NOT_OWN_DATE else 0
            found = (tier, abs(index - story_start), stamp) if stamp is not None else None
        if (
            found is not None
            and not found[2].after(latest)
            and (best is None or found[:2] < best[:2])
        ):
            best = found
    return (best[0] == 0, best[2]) if best is not None else None
