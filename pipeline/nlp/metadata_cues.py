"""The metadata stage's cues: its limits and patterns, and `MetadataSource`, what one kind of
source says.

Nothing here reads a page: the markup readers (`metadata_markup.py`) and the page text's
(`metadata_text.py`) fill a `MetadataSource` each, the choosers (`metadata_dates.py`,
`metadata_authors.py`) and the stage's API (`metadata.py`) read them. Every pattern is
linear-time by construction; the rules that use one are described in `metadata.py`'s docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from pipeline.models import DateSource
from pipeline.nlp.blocks import Hint
from pipeline.nlp.dates import Stamp

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
SENTENCE_END = re.compile(r"[^\d\s][.!?]$")
# The signature line of an embedded social post ("— Jane Doe (@jane) November 5, 2023"): its
# date is the post's, not the page's.
QUOTED_POST = re.compile(r"\(@\w{1,30}\)")
# A publication date the page shows this close to the story's start (lines over it, or its
# first lines) is the one its readers see: it wins over a structured day that differs (a CMS
# field of the page's creation or import, a republication's date).
SHOWN_DATE_REACH = 3  # a line that announces it ("Published", a byline) counts up to the headline
MAX_BARE_DATE_CHARS = 40
# A line of a numeric date and a name, the byline of a page that writes no "By"
# ("11.12.2019 - Jane Doe", "Jane Doe | 2019-12-11"); each part bounded.
DATED_NAME = re.compile(
    r"(?:[\d./-]{8,10}\s[-–|·•]\s(?P<name>[^\W\d_][^\d|·•–]{3,40})"
    r"|(?P<before>[^\W\d_][^\d|·•–]{3,40})\s[-–|·•]\s[\d./-]{8,10})$"
)
MAX_LABEL_CHARS = 12  # a byline's label alone on its line ("Autorin:"), its name on the next
# A byline closing the story: in its last paragraphs, a short one.
CLOSING_PARAGRAPHS = 3
MAX_BYLINE_LINE = 100
# Between the fields of a line over the story ("News | By Jane Doe | April 13, 2020").
FIELD_SEPARATOR = re.compile(r"\s[|·•]\s")
MAX_LINE_FIELDS = 6
# A line of labelled fields after the story ("Datum: ... Autor: Jane Doe Quelle: ..."): split
# before each label; read this many lines after the story's last paragraph.
LABELLED_FIELD = re.compile(r"\s(?=[^\W\d_]{3,20}:\s)")
FIELD_LINES_AFTER_STORY = 4
# A blog theme's post line, its byline after its category or date ("Posted in News by jane on
# August 3, 2019"): the words between bounded, so the match is linear.
POSTED_THEN_BY = re.compile(
    r"(?:posted|published|filed|veröffentlicht|geschrieben|erstellt|publié|publicado)\s"
    r"[^|]{1,80}?\s(?=(?:by|von|par|por)\s)",
    re.IGNORECASE,
)
MAX_LINE_WORDS = 20
MAX_LINE_CHARS = 400
# Lines whose bare dates may be other things' (a list of events, a table, a photo's caption):
# read after htmldate, where the page's own date lines are read before it.
NOT_OWN_DATE = Hint.LIST_ITEM | Hint.TABLE_ROW | Hint.CAPTION | Hint.BIO | Hint.FORM
# The last resort's reach: lines of a page read for a date when nothing else gave one.
MAX_SCAN_BLOCKS = 2_000
MAX_DATE_LINE_CHARS = 100  # a longer line is prose, not a date line
# htmldate reads at most this much of the page: dates sit in the head and the story's top.
HTMLDATE_MAX_CHARS = 500_000
MAX_TAGS = 50
# The zones furthest west and east of UTC.
ZONE_WEST, ZONE_EAST = timedelta(hours=12), timedelta(hours=14)
MAX_FIELD_CHARS = 2_000  # any one text read from the page, before output_size cuts it


@dataclass(slots=True)
class MetadataSource:
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
