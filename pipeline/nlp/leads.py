"""Sidebar headlines as leads: the countries each one names, so that a consumer can route the
other articles of a page without fetching them.

Each headline goes through the country stage alone, as a title. There is no NER here: spaCy over
a page's dozen headlines would cost more than all the rest of the analysis may add to an article
(bench/RESULTS.md, bench/enrich.py), so the person spans that keep "Jordan" in "Michael Jordan"
from placing a story are stood in for by the headline's shape: a country name that people carry
(`PERSON_COUNTRY_NAMES`) glued to another capitalised word is taken for a person's name. Towns
and regions glued to another capitalised word were already no places ("George Bush").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from pipeline.models import Entity, Mention, SidebarEntry
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.country_cues import PERSON_COUNTRY_NAMES, PLACE_PREFIXES, PLACE_SUFFIXES

_WORD_RE = re.compile(r"\w+")


def headline_countries(headline: str) -> list[str]:
    """ISO codes of the countries a headline names, most weight first."""
    return [country.code for country in tag_countries(headline, "", _people(headline))]


def with_countries(entries: Sequence[SidebarEntry]) -> list[SidebarEntry]:
    """The sidebar entries, each with its headline's countries."""
    return [
        entry.model_copy(update={"countries": headline_countries(entry.headline)})
        for entry in entries
    ]


def _people(headline: str) -> list[Entity]:
    """PERSON stand-ins for names such as "Michael Jordan" in a headline (module docstring):
    two capitalised words one space apart, one of them a country name people carry, neither
    a place word ("North Georgia", "Georgia State")."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(headline)]
    people = []
    for (start, first_end, first), (second_start, end, second) in pairwise(words):
        if headline[first_end:second_start] != " " or not (
            first[0].isupper() and second[0].isupper()
        ):
            continue
        if first not in PERSON_COUNTRY_NAMES and second not in PERSON_COUNTRY_NAMES:
            continue
        if first in PLACE_PREFIXES or second in PLACE_SUFFIXES:
            continue
        text = headline[start:end]
        mention = Mention(section="title", start=start, end=end, text=text)
        people.append(Entity(name=text, label="PERSON", salience=0.0, mentions=[mention]))
    return people
