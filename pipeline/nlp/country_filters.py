"""The country tagger's per-match tests on the text around one gazetteer match.

Pure functions of the text, a span and its candidates: demonyms that are nouns, languages,
cuisines or time zones, fixed expressions ("US dollars"), streets, a name glued into a longer
one, a shouted name, an office's word after a town, a sentence's first word. The scan
(`country_scan.py`) calls them on each match before keeping it, and the entity checks
(`country_entities.py`) read a few; they read only `country_cues.py`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

from pipeline.nlp.country_cues import (
    CLAUSE_ENDS,
    CLOCK_BEFORE_RE,
    CLOCK_LOOKBACK,
    COPULA_WINDOW,
    COPULAS,
    COUNTRY_KIND,
    COUNTY_WORDS,
    CUISINE_AFTER_RE,
    DEMONYM_KIND,
    ERA_BEFORE_RE,
    ERA_LOOKBACK,
    ERA_NAMES,
    EXPRESSION_WORD_RE,
    INSTITUTION_WORDS,
    LANGUAGE_AFTER_RE,
    LANGUAGE_BEFORE_RE,
    LANGUAGE_LOOKBACK,
    LEARNING_BEFORE_RE,
    LIST_AFTER_RE,
    MIN_SHOUTED_LENGTH,
    NEWSPAPER_WORDS,
    NEXT_WORD_RE,
    NOUN_PAIR_RE,
    OBJECT_VERB_LOOKBACK,
    OBJECT_VERB_RE,
    ONE_WORD_RE,
    PLACE_PREFIXES,
    PLACE_SUFFIXES,
    POSSESSIVE_RE,
    PRODUCT_CODE_RE,
    PROSE_WORD_ENDS,
    THOROUGHFARE_WORDS,
    VERB_OR_PREPOSITION_RE,
    ZONE_AFTER_RE,
)
from pipeline.nlp.entity_spans import WEEKDAYS
from pipeline.nlp.gazetteer import Candidate


def shouted_pronoun(text: str, start: int, end: int) -> bool:
    """True for "US" after a shouted verb that takes it as its object: the pronoun of "FOLLOW
    US ON PINTEREST", "CONTACT US", not the country."""
    return text[start:end] == "US" and (
        OBJECT_VERB_RE.search(text, max(0, start - OBJECT_VERB_LOOKBACK), start) is not None
    )


def fixed_expression(
    names: Mapping[str, tuple[Candidate, ...]],
    tokens: Sequence[tuple[int, int, str]],
    i: int,
    n: int,
    text: str,
    end: int,
) -> bool:
    """True when the name and the word after it, after a space or a hyphen, are a non-place of
    the gazetteer ("US dollars", "Spanish flu", "Canada goose", "Greek-letter"), that word
    capitalised or not ("Canadian Goose")."""
    tail = EXPRESSION_WORD_RE.match(text, end)
    if tail is None:
        return False
    key = " ".join(t[2] for t in tokens[i : i + n]) + " " + tail.group(1).lower()
    return names.get(key) == ()


def demonyms(candidates: Sequence[Candidate]) -> bool:
    """True when the name has places and all of them are demonyms ("French", "Moroccan")."""
    return bool(candidates) and all(c.kind == DEMONYM_KIND for c in candidates)


def bare_demonym(text: str, start: int, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym that ends its clause, comes before a verb or a preposition or is in
    the possessive: a noun for people, a team or a language ("an American and an Australian,",
    "the Irish —", "studying Portuguese.", "The Irish need", "Canadians in need", "the
    Italian's trilogy"), not an adjective
    ("Somali refugees", "none of them were British."). Gold toponyms (GeoWebNews) mark the
    adjectives, never the nouns."""
    if not demonyms(candidates):
        return False
    after = end + 1 if text.startswith(" ", end) else end  # "the Irish — left"
    if (
        after < len(text)
        and text[after] not in CLAUSE_ENDS
        and not NOUN_PAIR_RE.match(text, end)
        and not VERB_OR_PREPOSITION_RE.match(text, end)
        and not POSSESSIVE_RE.match(text, end)  # "the Italian's trilogy": a person's
    ):
        return False
    before = ONE_WORD_RE.findall(text[max(0, start - COPULA_WINDOW) : start])
    return not (before and before[-1].lower() in COPULAS)


def language(text: str, start: int, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym that names a language: after a verb of language ("speaks French",
    "translated from Russian", "speaks French and German"), in a list of them after a verb of
    learning ("learn French or Spanish") or before a word of language ("a Japanese word",
    "French-language", "English subtitles"), not an adjective for people or a state."""
    if not demonyms(candidates):
        return False
    return (
        LANGUAGE_AFTER_RE.match(text, end) is not None
        or LANGUAGE_BEFORE_RE.search(text, max(0, start - LANGUAGE_LOOKBACK), start) is not None
        or (
            LIST_AFTER_RE.match(text, end) is not None
            and LEARNING_BEFORE_RE.search(text, max(0, start - LANGUAGE_LOOKBACK), start)
            is not None
        )
    )


def cuisine(text: str, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym before a word of cooking: a cuisine ("Moroccan cuisine", "a
    Vietnamese restaurant", "Bosnian food in Astoria"), served anywhere, not the country."""
    return demonyms(candidates) and CUISINE_AFTER_RE.match(text, end) is not None


def product_code(text: str, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a country's name before a model number: a product line ("Mali T604 GPU"), not
    the country (PRODUCT_CODE_RE)."""
    return (
        all(c.kind == COUNTRY_KIND for c in candidates)
        and PRODUCT_CODE_RE.match(text, end) is not None
    )


def prose_word(text: str, word: str) -> bool:
    """True when the text's prose writes the lower-case word between a space and a space or a
    stop (PROSE_WORD_ENDS); each place the text has it after a space is looked at once."""
    needle = " " + word
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if end < len(text) and text[end] in PROSE_WORD_ENDS:
            return True
        at = text.find(needle, end)
    return False


def inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """True when the position falls inside one of the sorted, disjoint spans."""
    k = bisect.bisect_right(spans, (position + 1, 0)) - 1  # last span starting <= position
    return k >= 0 and spans[k][0] <= position < spans[k][1]


def time_zone(text: str, start: int, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym between a clock time and "time": a time zone ("6pm British time")."""
    return (
        demonyms(candidates)
        and ZONE_AFTER_RE.match(text, end) is not None
        and CLOCK_BEFORE_RE.search(text, max(0, start - CLOCK_LOOKBACK), start) is not None
    )


def compound_tail(
    text: str, tokens: Sequence[tuple[int, int, str]], i: int, matched: Sequence[bool]
) -> bool:
    """True for the second half of a capitalised compound whose first half is no place
    ("Natal" in "KwaZulu-Natal"); "Afghan" in "Pak-Afghan" follows a match and stays, and so
    does a place after a place word ("Mid-Jutland", "North-Rhine")."""
    if i == 0:
        return False
    _, prev_end, prev_word = tokens[i - 1]
    return (
        text[prev_end : tokens[i][0]] == "-"
        and prev_word[0].isupper()
        and not matched[i - 1]
        and prev_word not in PLACE_PREFIXES
    )


def opens_county_body(last_word: str, next_word: str | None) -> bool:
    """True for a county's name (its last word one of COUNTY_WORDS: "Allen County") before the
    name of one of its own bodies ("Red Cross"), or before no capitalised word: a county's
    bodies are there and place the story, its papers ("the Suffolk County Times",
    NEWSPAPER_WORDS) are read anywhere."""
    return last_word in COUNTY_WORDS and (next_word is None or next_word not in NEWSPAPER_WORDS)


def part_of_longer_name(text: str, tokens: Sequence[tuple[int, int, str]], i: int, n: int) -> bool:
    """True when a town or region name is glued to another capitalised word that is not a
    place word: a person ("George Bush", "Paris Hilton") or an organisation ("Kennedy Center").
    Countries are exempt: "Pakistan Foreign Office" still places the story. A shouted name
    ends where the shouting does (`shouted_apart`)."""
    if shouted_apart(text, tokens[i][0], tokens[i + n - 1][1]):
        return False
    if i > 0:
        prev_start, prev_end, prev_word = tokens[i - 1]
        if (
            text[prev_end : tokens[i][0]] == " "
            and prev_word[0].isupper()
            and not sentence_initial(text, prev_start)
            and (
                # a place word before a name that starts with one makes another name: "North
                # Eastern Province" (Kenya) is not "Eastern Province" (Sri Lanka) ...
                tokens[i][2] in PLACE_PREFIXES
                if prev_word in PLACE_PREFIXES
                # ... and a name ending in a place word is a place whatever other capitalised
                # word stands before it ("historically Republican Orange County"): only what
                # follows can make it a paper's name
                else tokens[i + n - 1][2] not in PLACE_SUFFIXES
            )
        ):
            return True
    if i + n < len(tokens):
        next_start, _, next_word = tokens[i + n]
        if (
            text[tokens[i + n - 1][1] : next_start] == " "
            and next_word[0].isupper()
            and next_word not in PLACE_SUFFIXES
            and next_word not in INSTITUTION_WORDS
            # news puts the day right after the place ("in Quezon City Wednesday evening")
            and next_word.casefold() not in WEEKDAYS
            and not opens_county_body(tokens[i + n - 1][2], next_word)
        ):
            return True
    return False


def era(text: str, start: int, end: int) -> bool:
    """True for an era's abbreviation after a year or a century ("30 B.C.", "the fifth
    century BC"): a date, not the region so abbreviated."""
    return text[start:end] in ERA_NAMES and (
        ERA_BEFORE_RE.search(text, max(0, start - ERA_LOOKBACK), start) is not None
    )


def thoroughfare_after(text: str, end: int) -> bool:
    """True when a street's or a crossing's word follows the name: "Holland Tunnel", "Jordan
    Street" and "Washington Square" name a way somewhere else, not the country or capital
    (towns and regions glued to a capitalised word are dropped anyway)."""
    found = NEXT_WORD_RE.match(text, end)
    return found is not None and found.group(1) in THOROUGHFARE_WORDS


def shouted_apart(text: str, start: int, end: int) -> bool:
    """True for a shouted name (a dateline: "OKLAHOMA CITY The Latest on...", "SAN ANTONIO
    Turner Sports analyst...") followed by a word that is not shouted: the change of case
    ends the name, whatever longer name the capitalised words around it seem to make."""
    if end - start < MIN_SHOUTED_LENGTH or not text[start:end].isupper():
        return False
    found = NEXT_WORD_RE.match(text, end)
    return found is not None and not found.group(1).isupper()


def institution_after(text: str, end: int) -> bool:
    """True when an office or public body's word follows a name ("Oklahoma Gov."), perhaps
    after a place word ("Maryland State Police")."""
    found = NEXT_WORD_RE.match(text, end)
    if found is not None and found.group(1) in PLACE_SUFFIXES:
        found = NEXT_WORD_RE.match(text, found.end())
    return found is not None and found.group(1) in INSTITUTION_WORDS


def sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘")
    return not before or before[-1] in ".!?:\n"
