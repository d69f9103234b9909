"""The country tagger's checks against the model's entities and the people the text names.

`entity_checked` drops a match inside a non-place entity and marks one the model calls a place (or a
qualifier or postal abbreviation makes one); `unnamed_opener` and
`without_unconfirmed_lone_places` read the model's silence; `surname` drops a town named
like a person the text names. Reads the cues, the per-match tests, the scan's `PlaceMatch` and the
qualifiers (`country_lists.py`); `tag_countries` (`countries.py`) calls it between the scan and
the resolution.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.models import Entity, Section
from pipeline.nlp.country_cues import (
    ALWAYS_STRONG_KINDS,
    COUNTRY_KIND,
    COUNTRY_KINDS,
    GIVEN_NAME_RE,
    LOCAL_KINDS,
    NAME_WORD_AFTER_RE,
    NAME_WORD_BEFORE_RE,
    NAME_WORD_LOOKBACK,
    NEXT_WORD_RE,
    NON_PLACE_LABELS,
    ONE_COUNTRY_BODY_RE,
    ONE_WORD_RE,
    PARTICLE_SURNAME_RE,
    PERSON_COUNTRY_NAMES,
    PERSON_LABEL,
    PLACE_LABELS,
    POSSESSIVE_RE,
    SCAN_CACHE_SIZE,
    TITLE_CASE_MIN_LENGTH,
    TITLE_CASE_MIN_WORDS,
    TITLED_NAME_RE,
    TOWN_BODY_AFTER_RE,
    TOWN_PEOPLE_BEFORE_RE,
    TOWN_PEOPLE_LOOKBACK,
    TOWN_PERSON_RE,
    TOWN_PLACE_BEFORE_RE,
    TOWN_PLACE_LOOKBACK,
)
from pipeline.nlp.country_filters import (
    demonyms,
    institution_after,
    opens_county_body,
    sentence_initial,
    shouted_apart,
)
from pipeline.nlp.country_lists import postal_region, qualified, restricted, state_town
from pipeline.nlp.country_scan import PlaceMatch
from pipeline.nlp.entity_words import lower_words


@dataclass(frozen=True, slots=True)
class _Spans:
    """One section's entity spans, sorted by start, for overlap look-ups by bisection."""

    starts: list[int]
    spans: list[tuple[int, int, str]]
    longest: int

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, end)
        while i > 0 and self.starts[i - 1] > start - self.longest:
            i -= 1
            span = self.spans[i]
            if span[1] > start:
                yield span


NO_SPANS = _Spans([], [], 0)


def entity_spans(entities: Iterable[Entity]) -> dict[Section, _Spans]:
    spans: dict[Section, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            spans[mention.section].append((mention.start, mention.end, entity.label))
    out: dict[Section, _Spans] = {}
    for section, items in spans.items():
        items.sort()
        longest = max(end - start for start, end, _ in items)
        out[section] = _Spans([start for start, _, _ in items], items, longest + 1)
    return out


def entity_checked(match: PlaceMatch, spans: _Spans, text: str) -> PlaceMatch | None:
    """Drop a match that sits inside a non-place entity; mark one that spaCy calls a place."""
    is_country = any(c.kind in COUNTRY_KINDS for c in match.candidates)
    demonym = demonyms(match.candidates)
    if not is_country and (qualified(text, match) or ONE_COUNTRY_BODY_RE.match(text, match.end)):
        # "Klamath Falls, Oregon": a place for sure, whatever label the model gave it.
        return match if match.confirmed else dataclasses.replace(match, confirmed=True)
    confirmed = False
    for start, end, label in spans.overlapping(match.start, match.end):
        exact = start == match.start and end == match.end
        if label in PLACE_LABELS and exact:
            confirmed = True
        elif exact and label in NON_PLACE_LABELS and (cue := written_as_town(match, text)):
            # "a Leeds man", "Manchester's school board": the town, whatever the model called
            # it; "She comes from Nashua" keeps it only, to count beside its country's other
            # places ("kisses from Allison", "offers from Honda" are people and firms).
            confirmed = confirmed or cue == TOWN_FOR_SURE
        elif label == PERSON_LABEL:
            # The small model also calls bare country names people ("Botswana"): trust an
            # exact PERSON on a country name only for the names people really carry.
            if not (is_country and exact) or match.text in PERSON_COUNTRY_NAMES:
                return None
        elif (
            start <= match.start
            and end > match.end
            and not is_country
            and county_body(text, match)
            and not text.startswith(COUNTY_COUNCIL, match.end)
        ):
            # "the Audrain County Circuit Court", "York County Prison": a county named with its
            # word is a place for sure, and its own body is there, whatever the label; a
            # county council is England's as much as Maryland's ("Essex County Council"), and
            # its county is left to the story's other places.
            confirmed = True
        elif (
            label in NON_PLACE_LABELS
            and start <= match.start
            and end >= match.end
            and not exact
            and not is_country
            and not institution_after(text, match.end)
            and not shouted_apart(text, match.start, match.end)
            and not POSSESSIVE_RE.match(text, match.end)
            and not county_body(text, match)
        ):
            # Inside an organisation a town names the organisation ("New York Times"), while a
            # country mostly names its institutions ("the Bank of Japan", "U.S. Centers for
            # Disease Control"), which do place the story; so does a county its own ("the
            # Allen County Red Cross"): no paper or firm far away is named after one.
            return None
        elif (
            label in NON_PLACE_LABELS
            and demonym
            and start < match.start
            and end >= match.end
            and GIVEN_NAME_RE.fullmatch(text, start, match.start)
        ):
            # A demonym right after the one word that starts a name is a surname or a brand
            # ("the Percy French Hotel", "Royal Dutch Shell"); one that starts the name names an
            # institution ("the Nigerian Army", "BBC Russian Service").
            return None
    postal = postal_region(text, match)
    if postal is not None and not is_country:
        # "Reston, VA": a place in that country for sure; one the gazetteer has only elsewhere
        # is a namesake it lacks ("Stroud, ON" is no English town).
        if postal not in match.codes:
            return state_town(text, match)
        return dataclasses.replace(restricted(match, {postal}), confirmed=True)
    if confirmed and not match.confirmed:
        return dataclasses.replace(match, confirmed=True)
    return match


COUNTY_COUNCIL = " Council"
TOWN_FOR_SURE = 2  # `written_as_town`: as its people or before its local body
TOWN_MAYBE = 1  # after a preposition of place


def county_body(text: str, match: PlaceMatch) -> bool:
    """True for a county's name opening the name of one of its bodies ("the Allen County Red
    Cross"), not of a newspaper ("the Suffolk County Times")."""
    after = NEXT_WORD_RE.match(text, match.end)
    return opens_county_body(match.text.rsplit(" ", 1)[-1], after.group(1) if after else None)


def written_as_town(match: PlaceMatch, text: str) -> int:
    """How surely the text writes a town's one-word name (no country, demonym or capital among
    its places) as a town's: TOWN_FOR_SURE as its people ("a Leeds man") or before its local
    body ("Manchester's school board", "Hamilton police"), TOWN_MAYBE after a preposition of
    place ("from Nashua", which people and firms also follow), else 0."""
    if (
        not match.candidates
        or any(c.kind not in LOCAL_KINDS for c in match.candidates)
        or not ONE_WORD_RE.fullmatch(match.text)
    ):
        return 0
    if TOWN_BODY_AFTER_RE.match(text, match.end) or (
        TOWN_PEOPLE_BEFORE_RE.search(text, max(0, match.start - TOWN_PEOPLE_LOOKBACK), match.start)
        and TOWN_PERSON_RE.match(text, match.end)
    ):
        return TOWN_FOR_SURE
    if TOWN_PLACE_BEFORE_RE.search(text, max(0, match.start - TOWN_PLACE_LOOKBACK), match.start):
        return TOWN_MAYBE
    return 0


def unnamed_opener(match: PlaceMatch, spans: _Spans, text: str, title: bool) -> bool:
    """True for a town's or region's one-word name, not shouted (a dateline), where capitals
    say nothing (a sentence's first word, any word of a title-case headline) and no entity of
    the model covers: the model read it as a word ("Nice.", "Para leer"), not a name."""
    if (
        not match.candidates
        or match.confirmed  # "Severn, Md. —": a place for sure
        or any(c.kind not in LOCAL_KINDS for c in match.candidates)
        or not ONE_WORD_RE.fullmatch(match.text)
        or match.text.isupper()
    ):
        return False
    if not (sentence_initial(text, match.start) or (title and _title_case(text))):
        return False
    return next(spans.overlapping(match.start, match.end), None) is None


def _title_case(text: str) -> bool:
    """True for a headline whose longer words all start with a capital ("Serbia Becomes a Hub
    for Surgery"): capitals there say nothing about names."""
    words = [word for word in ONE_WORD_RE.findall(text) if len(word) > TITLE_CASE_MIN_LENGTH]
    return len(words) >= TITLE_CASE_MIN_WORDS and all(word[0].isupper() for word in words)


def without_unconfirmed_lone_places(
    resolved: Sequence[tuple[PlaceMatch, str]],
) -> list[tuple[PlaceMatch, str]]:
    """The resolved mentions without a country named only once, by a town's or region's name
    that the model did not call a place: a name the model read as a person, a word or no name
    at all ("Bo could end up", "in Gaming", "Bradford bombed one"), which nothing else in the
    story bears out."""
    count: dict[str, int] = defaultdict(int)
    for _, code in resolved:
        count[code] += 1
    return [
        (match, code)
        for match, code in resolved
        if count[code] > 1
        or match.confirmed
        or any(c.kind not in LOCAL_KINDS for c in match.candidates if c.country == code)
    ]


def full_name_surnames(entities: Iterable[Entity]) -> frozenset[str]:
    """The last words of the people named in full ("Luis Gomes Sambo" -> "Sambo")."""
    return frozenset(
        e.name.rsplit(" ", 1)[1] for e in entities if e.label == PERSON_LABEL and " " in e.name
    )


def full_name_given_names(entities: Iterable[Entity]) -> frozenset[str]:
    """The first words of the people named in full ("Julio Jones" -> "Julio")."""
    return frozenset(
        e.name.split(" ", 1)[0] for e in entities if e.label == PERSON_LABEL and " " in e.name
    )


def in_person_name(
    match: PlaceMatch,
    text: str,
    is_surname: Callable[[str, Section, int], bool],
    given_names: frozenset[str],
    lower: Callable[[], frozenset[str]],
) -> bool:
    """True for a country's name (not an abbreviation) that is part of a person's name the
    model did not call one: before a name particle and a surname ("Chad le Clos"), before a
    surname the story gives a person ("Taiwan Jones" beside "Lara Jones" or "Jones said"), or
    after a given name it gives one ("Katie England" beside "Katie Lowe") that the story never
    writes in lower case ("Air Zimbabwe" beside a person "Air Zim" is no name where it writes
    "on air"). `is_surname` takes the word, its section and offset; `lower`, the story's
    lower-case words, is read only for such a given name."""
    if match.text.isupper() or not any(c.kind == COUNTRY_KIND for c in match.candidates):
        return False
    if PARTICLE_SURNAME_RE.match(text, match.end):
        return True
    after = NAME_WORD_AFTER_RE.match(text, match.end)
    if after is not None and is_surname(after.group(1), match.section, after.start(1)):
        return True
    before = NAME_WORD_BEFORE_RE.search(text, max(0, match.start - NAME_WORD_LOOKBACK), match.start)
    return (
        before is not None
        and before.group(1) in given_names
        and before.group(1).casefold() not in lower()
    )


def without_person_names(
    matches: Sequence[PlaceMatch], texts: Mapping[Section, str], entities: Sequence[Entity]
) -> list[PlaceMatch]:
    """The matches but countries' names inside people's names (`in_person_name`), read
    against the people the entities name: the surnames of those named in full, the one-word
    names the story writes elsewhere ("Jones said"; one only right after the country's name
    may be the model's misreading of a school's or firm's word), the given names of those named
    in full; the lower-case words only when needed."""
    full = full_name_surnames(entities)
    alone: dict[str, list[tuple[Section, int]]] = defaultdict(list)
    for e in entities:
        if e.label == PERSON_LABEL and " " not in e.name:
            alone[e.name].extend((m.section, m.start) for m in e.mentions)
    if not full and not alone:
        return list(matches)

    def is_surname(word: str, section: Section, start: int) -> bool:
        return word in full or any(at != (section, start) for at in alone.get(word, ()))

    given_names = full_name_given_names(entities)
    found: list[frozenset[str]] = []

    def lower() -> frozenset[str]:
        if not found:
            found.append(lower_words(texts.values()))
        return found[0]

    return [
        match
        for match in matches
        if not in_person_name(match, texts[match.section], is_surname, given_names, lower)
    ]


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def titled_surnames(text: str) -> frozenset[str]:
    """The last words of the names a person's title or honorific comes before ("President
    Obama" -> "Obama", "Gov. Bobby Jindal" -> "Jindal"); kept, as `settle` tags twice."""
    return frozenset(TITLED_NAME_RE.findall(text))


def is_local_place(match: PlaceMatch) -> bool:
    """True for a town's or region's name (no country, demonym or capital among its places)."""
    return bool(match.candidates) and all(
        c.kind not in ALWAYS_STRONG_KINDS for c in match.candidates
    )


def surname(match: PlaceMatch, surnames: frozenset[str], spans: _Spans = NO_SPANS) -> bool:
    """True for a town or region named like a person the text names in full: a news story
    calls a person by the surname after the first mention ("Sambo said"), which the model
    does not always tag. Countries, demonyms and capitals are exempt ("Jordan", "Washington")
    unless the model calls this very mention a person: then it is that person's surname
    ("Tom Holland ... Holland said"), not the country, whatever the name; an abbreviation
    ("UK" after a firm's name the model read as a person's) is no one's surname."""
    if match.text not in surnames:
        return False
    if all(c.kind not in ALWAYS_STRONG_KINDS for c in match.candidates):
        return True
    return not match.text.isupper() and any(
        label == PERSON_LABEL and start == match.start and end == match.end
        for start, end, label in spans.overlapping(match.start, match.end)
    )
