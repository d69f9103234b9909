"""Hostile pages built from the grammar the splitter reads, for the linear-time fuzzing.

A page is a list of segments, each a piece of that grammar (comments, tags with and without
their ">", closers, comment markers, ages, long words, links, scripts, prose...) repeated some
number of times; `render(segments, scale)` multiplies every repeat count by `scale`, so the
same page at scale 2 is the same shape twice as large. `analyse` runs the text analysis that
reads a page, without spaCy's NER (its input is bounded, and its time is spaCy's): the decode
check, the split, and the document passes on the story (team names, acronyms, countries).
tests/unit/test_fuzz.py runs a short derandomized search; bench/fuzz.py a long one.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from hypothesis import strategies as st

from pipeline.decode import starts_as_html
from pipeline.errors import StageError
from pipeline.models import ContentType
from pipeline.nlp import entity_shapes, entity_sports
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.split import split_page

Segment = tuple[str, int]

MAX_PAGE_CHARS = 100_000  # the doubled page; the single one is at most half of it

TAGS = ["div", "p", "b", "a", "span", "li", "td", "svg", "math", "x1", "p¤", "body", "script"]
_ATTRIBUTES = ["", ' class="related"', " a1 a2", ' href="/x"', " t='>'", ' v="', " =x", " /"]


def _tag(name: str, attributes: str, closed: bool) -> str:
    return f"<{name}{attributes}" + (">" if closed else " ")


PIECES = st.one_of(
    st.sampled_from(
        [
            "<!---->",
            "<!--",
            "-->",
            "--!>",
            "<!-- x -->",
            "<!DOCTYPE html>",
            "</",
            "<",
            ">",
            "</div>",
            "</span>",
            "</x>",
            "</p>",
            "</script>",
            "<br>",
            "\n",
            "\n\n",
            " ",
            "\t",
            "-",
            "--",
            "...",
            " | ",
            "&amp;",
            "Reply",
            "Kurt says:",
            "12:30 pm",
            "a--b--c 1",
            "March 3, 2024",
            "(score: 5)",
            "5 hours ago",
            " - 3 days ago",
            "yesterday",
            "Mar 3",
            "Related stories",
            "Comments",
            "Share this",
            "Essex beat Kent ",
            "Leeds 2 Chelsea 1\n",
            "Ministry of Foreign Affairs (MOFA) ",
            "The minister said on Monday that talks with Kenya would resume. ",
            "Pakistan and the United States ",
            '<a href="java\tscript:x">Headline number one about the economy</a>',
        ]
    ),
    st.builds(_tag, st.sampled_from(TAGS), st.sampled_from(_ATTRIBUTES), st.booleans()),
    st.builds(
        lambda letter, n: letter * n,
        st.sampled_from(["A", "a", "Aa", "É", "1", "-"]),
        st.integers(1, 200),
    ),
)
SEGMENTS = st.lists(
    st.tuples(PIECES, st.sampled_from([1, 2, 5, 20, 100, 500, 2_000])), min_size=1, max_size=12
)
CONTENT_TYPES: list[ContentType] = ["text/html", "text/plain"]
PAGES = st.tuples(SEGMENTS, st.sampled_from(CONTENT_TYPES))


def render(segments: Sequence[Segment], scale: int = 1) -> str:
    return "".join(piece * (count * scale) for piece, count in segments)


def fitted(segments: Sequence[Segment], target: int = MAX_PAGE_CHARS // 2) -> list[Segment]:
    """The segments with their counts scaled so the page is about `target` characters (at
    most): small pages take microseconds, where noise is all a timer sees."""
    size = len(render(segments))
    if size == 0:
        return list(segments)
    factor = target / size
    return [(piece, max(1, int(count * factor))) for piece, count in segments]


def describe(segments: Sequence[Segment], content_type: str) -> str:
    """A short readable form of a page's shape, for reports."""
    parts = [f"{piece[:30]!r}x{count}" for piece, count in segments]
    return f"{content_type}: " + " + ".join(parts)


def analyse(body: str, content_type: ContentType) -> None:
    """The text analysis that reads a page, NER aside (see the module docstring)."""
    starts_as_html(body[:4096])
    with suppress(StageError):  # a page refused is fine: only the time matters
        page = split_page(body, content_type)
        story = "\n\n".join(page.paragraphs)
        title = page.title or ""
        for text in (title, story):
            entity_sports.team_spans(text)
            entity_shapes.find_acronym_definitions(text)
        tag_countries(title, story, [])
