"""The dateline: the place a story was filed from, written at the start of its first paragraph.

"Islamabad: Pakistan on Thursday...", "ISLAMABAD (Reuters) - ...", "KARACHI, Pakistan — ...",
"WASHINGTON, March 3 (AP) — ...". The place is taken only when the gazetteer knows it (or the
region after it) as a place, or when a news agency's name follows it in parentheses: a story
that opens "Update: ..." or "Warning - ..." has no dateline. Linear: one anchored pattern over
the paragraph's first DATELINE_MAX_CHARS characters.
"""

from __future__ import annotations

import re

from pipeline.nlp.gazetteer import load_gazetteer, name_key


def _words(spec: str) -> list[str]:
    """Names written as one space-separated string, easier to read in a long list."""
    return spec.split()


# A dateline sits in the first characters of a story; nothing further is read.
DATELINE_MAX_CHARS = 120

_WORD = r"[^\W\d_][^\W\d_.'’\-]*(?:[.'’\-][^\W\d_]+)*\.?"
_PHRASE = rf"{_WORD}(?: {_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"(?P<place>{_PHRASE})"
    rf"(?:, (?P<region>{_PHRASE}))?"
    r"(?:,? (?:[^\W\d_]{3,9}\.? \d{1,2}(?:, \d{4})?))?"  # ", March 3": the day it was filed
    r"(?: ?\((?P<agency>[^()]{2,40})\))?"
    # ":" or a dash; a hyphen only between spaces ("Washington-based" is no dateline)
    r"(?: ?: ?| ?[—–] ?| (?:--|-) )(?=\S)"
)
# Lower-case words inside place names ("Rio de Janeiro", "Isle of Man").
_PARTICLES = frozenset(
    _words(
        """
        of and the de du da do del la le les al el upon on en y au aux
        """
    )
)


def find_dateline(paragraph: str) -> str | None:
    """The dateline's place ("Islamabad", "Karachi, Pakistan"), capitalised as a name is
    when the page shouts it, or None."""
    match = _DATELINE.match(paragraph[:DATELINE_MAX_CHARS])
    if match is None:
        return None
    place, region = match["place"], match["region"]
    if not _capitalised(place) or (region is not None and not _capitalised(region)):
        return None
    if not (match["agency"] or _is_place(place) or (region and _is_place(region))):
        return None
    parts = [_as_name(place)] if region is None else [_as_name(place), _as_name(region)]
    return ", ".join(parts)


def _capitalised(phrase: str) -> bool:
    return all(word[0].isupper() or word in _PARTICLES for word in phrase.split(" "))


def _is_place(name: str) -> bool:
    """The gazetteer knows the name as a place (some names are known as no place at all)."""
    names = load_gazetteer().names
    key = name_key(_as_name(name))
    return bool(names.get(key) or names.get(key + "."))


def _as_name(text: str) -> str:
    """A shouted name capitalised: "NEW YORK" -> "New York", "D.C." stays."""
    if not text.isupper():
        return text
    return " ".join(word if "." in word[:-1] else word.capitalize() for word in text.split(" "))
