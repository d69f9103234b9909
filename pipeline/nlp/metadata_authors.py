"""The metadata stage's choice of authors among its sources, and the page's last places for a
byline: one closing the story, a labelled field after it, an author box for a first name.

`chosen_authors` takes the first source that names anyone, unless the byline the page shows
over its story names other people; `closing_byline` and `fields_after_story` read a page
nothing else names an author for; `whole_names` makes a first name alone whole. Reads
`metadata_cues.py` only; the stage's API (`metadata.py`) calls them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.nlp.blocks import Block, Hint
from pipeline.nlp.metadata_cues import (
    CLOSING_PARAGRAPHS,
    FIELD_LINES_AFTER_STORY,
    LABELLED_FIELD,
    MAX_BYLINE_LINE,
    MAX_LINE_CHARS,
    MAX_LINE_FIELDS,
    MAX_SCAN_BLOCKS,
    MetadataSource,
)
from pipeline.nlp.people import clean_authors, is_byline
from pipeline.nlp.split import PageSplit


def chosen_authors(sources: Sequence[MetadataSource], site_names: Sequence[str]) -> list[str]:
    """The names of the first source whose author values give any; but a byline the page
    shows over its story (the last source, page text) that names none of the same people wins:
    the markup's may be the account that posted it, the reader sees who wrote it."""
    names: list[str] = []
    chosen: MetadataSource | None = None
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


def whole_names(names: list[str], blocks: Sequence[Block], site_names: Sequence[str]) -> list[str]:
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


def fields_after_story(split: PageSplit, site_names: Sequence[str]) -> list[str]:
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
        for part in LABELLED_FIELD.split(line)[1:MAX_LINE_FIELDS]:
            if is_byline(part) and (names := clean_authors([part], site_names)):
                return names
    return []


def closing_byline(paragraphs: Sequence[str], site_names: Sequence[str]) -> list[str]:
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
