"""Names known by their shape in the entity document pass: firms, joined names, quoted titles,
acronyms, press names, nationalities.

Called by `canonical.py`'s `build_document` between trimming and grouping; reads
`entity_spans.py` and `entity_sports.py`. A name ending on a legal form ("Pirelli SpA") is a
firm's; names the model joined ("Mercantile and Commerce") are split when the article names each
apart; a title-case run in quotation marks is a work of art; "Long Form Name (LFN)" defines an
acronym (step 2 of the pass); a name right after a noun for a news organisation is one
(`after_press_noun`, which `entity_types.py` reads too); a demonym no mention covers is a
nationality.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.models import Section
from pipeline.nlp.entity_spans import (
    DATE_WORDS,
    NAME_PART,
    WORD,
    WORD_CAPITAL,
    MentionIndex,
    RawMention,
    ascii_twin,
    for_text,
    initials,
    name_key,
)
from pipeline.nlp.entity_sports import PLACE_LABEL, TEAM_NAME
from pipeline.nlp.gazetteer import load_gazetteer
from pipeline.nlp.gazetteer import name_key as gazetteer_key

# ---------------------------------------------------------------------------------------------
# Firms by their legal form: "Pirelli SpA", "Homegate Hospitality Inc"

# The legal form a firm's name ends with: whatever the model called the name, it is a firm's, and
# it ends there ("Daniels Pharmaceuticals Inc of St. Petersburg", "Computer Systems Inc Q2").
LEGAL_FORMS = frozenset(
    {"Inc", "Corp", "Ltd", "Plc", "PLC", "plc", "LLC", "LLP", "SpA", "AG", "GmbH", "NV", "Bhd"}
)
# Ends of firms' names that may end other names too ("Bay Co" a county, "Grupo Limited"), and so
# relabel a name they end but cut none.
FIRM_ENDS = LEGAL_FORMS | {"Co", "Corporation", "Limited", "Bancorp", "Bancshares"}
FIRM_LABEL = "ORG"
# Labels a firm's name may not keep: a firm is no person, place, building or nationality.
NOT_FIRM_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP"})
# After a firm's name: "of" and the place it is based in ("Kia Motor Corp of South Korea").
_FIRM_SEAT = re.compile(r" of ([A-Z][^\W\d_]*\.?(?: [A-Z][^\W\d_]*\.?){0,2}) ?$")


def as_firms(mentions: Sequence[RawMention], texts: Mapping[Section, str]) -> list[RawMention]:
    """Mentions ending on a firm's legal form relabelled ORG; one that runs on past a legal form
    cut after it, and the place of a trailing "of Place" that the gazetteer knows a GPE. A
    firm's units and its short name take its name ("Pirelli SpA", "Pirelli Cables", "Magna
    International Inc" ... "Magna"): a person's name whose first word opens such a firm's name is
    a firm's too (a surname of a person named in full still joins that person's entity)."""
    result: list[RawMention] = []
    for m in mentions:
        words = list(WORD.finditer(m.text))
        ends = [i for i, w in enumerate(words) if i and w.group().rstrip(".") in FIRM_ENDS]
        if not ends:
            result.append(m)
            continue
        last = ends[-1]
        if last == len(words) - 1:
            if m.label in NOT_FIRM_LABELS:
                m = RawMention(m.section, m.start, m.end, m.text, FIRM_LABEL)
            result.append(m)
            continue
        if words[last].group().rstrip(".") not in LEGAL_FORMS:
            result.append(m)
            continue
        cut = m.start + words[last].end()
        text = texts[m.section]
        label = FIRM_LABEL if m.label in NOT_FIRM_LABELS else m.label
        result.append(RawMention(m.section, m.start, cut, text[m.start : cut], label))
        seat = _FIRM_SEAT.match(m.text, words[last].end())
        if seat and _is_place_name(seat.group(1)):
            start, end = m.start + seat.start(1), m.start + seat.end(1)
            result.append(RawMention(m.section, start, end, text[start:end], PLACE_LABEL))
    brands = {m.text.split()[0] for m in result if m.label == FIRM_LABEL and _ends_as_firm(m)}
    if not brands:
        return result
    return [
        RawMention(m.section, m.start, m.end, m.text, FIRM_LABEL)
        if m.label == "PERSON" and m.text.split()[0] in brands
        else m
        for m in result
    ]


def _ends_as_firm(mention: RawMention) -> bool:
    words = mention.text.split()
    return len(words) > 1 and words[-1].rstrip(".") in FIRM_ENDS


def _is_place_name(name: str) -> bool:
    """True when the gazetteer knows the name as a place (not only as a demonym)."""
    candidates = load_gazetteer().names.get(gazetteer_key(name), ())
    return any(c.kind != "d" for c in candidates)


# ---------------------------------------------------------------------------------------------
# Two names the model read as one: "Mercantile and Commerce", "Mercantile , Commerce"

# What joins the items of a list of names inside one span.
NAME_JOINT = re.compile(r" ?, (?:and |or )?| and | or ")
MAX_NAME_PREFIX = 3  # words of a longer name that count as naming it


def split_joined_names(mentions: Sequence[RawMention]) -> list[RawMention]:
    """A span that joins names by a comma, "and" or "or" split into one mention per name, when
    the article names each of them elsewhere, alone or as the start of a longer name
    ("Mercantile Bancorp Inc." ... "Mercantile and Commerce" ... "Commerce Bancshares Inc."):
    "Bosnia and Herzegovina" or "Procter and Gamble" stay whole."""
    joined = {id(m): list(NAME_JOINT.finditer(m.text)) for m in mentions}
    if not any(joined.values()):
        return list(mentions)  # nothing to split, and most articles join no names
    alone: set[str] = set()
    for m in mentions:
        if not joined[id(m)]:
            words = name_key(m.text).split()
            longest = min(len(words), MAX_NAME_PREFIX)
            alone.update(" ".join(words[:n]) for n in range(1, longest + 1))
    result: list[RawMention] = []
    for m in mentions:
        joints = joined[id(m)]
        if not joints:
            result.append(m)
            continue
        bounds = [0, *(i for j in joints for i in j.span()), len(m.text)]
        parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        if all(s < e and m.text[s].isupper() and name_key(m.text[s:e]) in alone for s, e in parts):
            result += [
                RawMention(m.section, m.start + s, m.start + e, m.text[s:e], m.label)
                for s, e in parts
            ]
        else:
            result.append(m)
    return result


# ---------------------------------------------------------------------------------------------
# Titles in quotation marks: 'best known for " Viva Zapata " and " On the Waterfront "'

# Words of a title: capitalised words or numbers, with the short words titles keep in lower case.
_TITLE_SMALL_WORDS = r"(?:of|the|and|in|a|an|on|for|to|at|with|from|by|or)"
_TITLE_WORD = r"[A-Z0-9][\w'’.-]*"
MAX_TITLE_WORDS = 12
# Two to twelve such words, and nothing else, between quotation marks (tokenised text puts spaces
# inside them, and may keep a comma before the closing one).
QUOTED_TITLE = re.compile(
    rf"(?:\"|“) ?(?P<title>{_TITLE_WORD}(?: (?:{_TITLE_SMALL_WORDS} )*{_TITLE_WORD})"
    rf"{{1,{MAX_TITLE_WORDS - 1}}})(?: ,)? ?(?:\"|”)"
)
TITLE_LABEL = "WORK_OF_ART"
# Labels of a mention over a whole quoted title that stand: a quoted name is a person's, and an
# event, a product or a law is no work of art.
QUOTED_NAME_LABELS = frozenset({"PERSON", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})


def with_quoted_titles(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """The mentions with each title-case run of two or more words between quotation marks a
    WORK_OF_ART mention in place of the mentions inside it: the model misses titles of films and
    books, or tags the place or person they name ("Ice Cold in Alex"). A title a mention runs
    across ("Roberto " Hands of Stone " Duran"), or that a mention names whole as a person or
    another kind of title, stays as the model has it."""
    dropped: set[int] = set()
    added = []
    for section, text in texts.items():
        if '"' not in text and "“" not in text:
            continue
        index = MentionIndex(mentions, section)
        for match in QUOTED_TITLE.finditer(text):
            start, end = match.span("title")
            crossed, over = index.over(start, end)
            if crossed or any(m.end > end for m in over):
                continue
            if any(
                (m.start, m.end) == (start, end) and m.label in QUOTED_NAME_LABELS for m in over
            ):
                continue
            dropped.update(id(m) for m in over)
            added.append(RawMention(section, start, end, text[start:end], TITLE_LABEL))
    return [m for m in mentions if id(m) not in dropped] + added


# ---------------------------------------------------------------------------------------------
# Acronyms defined in the text


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """ "Pakistan Tehreek-e-Insaf (PTI)": the long form's offsets and the acronym's."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int


# Spaces inside the parentheses are allowed: tokenised text writes "( PTI )".
ACRONYM_IN_PARENS = re.compile(r"\( ?([A-Z][A-Za-z&]{1,9}) ?\)")
# How many words back from "(" a long form may start: the acronym's letters plus a few
# lower-case connectives ("Ministry of Foreign Affairs (MOFA)").
ACRONYM_EXTRA_WORDS = 3


def find_acronym_definitions(text: str) -> list[AcronymDefinition]:
    """Long forms defined with their initials in parentheses.

    The acronym's capital letters must be, in order, the initials of the capitalised words
    just before the parenthesis (hyphenated parts count as words, lower-case connectives such
    as "of" or the "e" of "Tehreek-e-Insaf" may be skipped). A simplified Schwartz & Hearst
    (2003): strict enough that "(AP)" after a random phrase does not match.
    """
    found = _acronyms_before_long_forms(text)
    for match in ACRONYM_IN_PARENS.finditer(text):
        short = match.group(1)
        letters = [c for c in short if c.isupper()]
        if len(letters) < 2 or sum(c.isupper() for c in short) * 2 < len(short):
            continue
        before = text[: match.start()].rstrip()
        parts = list(NAME_PART.finditer(before, max(0, len(before) - 200)))
        long_start = _match_initials(parts, letters)
        if long_start is not None:
            found.append(AcronymDefinition(long_start, len(before), match.start(1), match.end(1)))
    return found


# An acronym, then its long form in parentheses: "The FOMC ( Federal Open Market Committee )".
ACRONYM_BEFORE_PARENS = re.compile(
    rf"(?P<short>{WORD_CAPITAL}[A-Za-z&]{{1,9}}) \( ?(?P<long>[A-Z][^()\n]{{2,80}}?) ?\)"
)


def _acronyms_before_long_forms(text: str) -> list[AcronymDefinition]:
    """Acronyms written first, their long forms in the parentheses after them, when the long
    form's capitalised words have the acronym's capitals as initials, in order and all of them
    ("FOMC ( Federal Open Market Committee )", "KDP (Kurdistan Democratic Party)")."""
    found: list[AcronymDefinition] = []
    if " (" not in text:
        return found  # the acronym stands a space before the parenthesis
    for match in ACRONYM_BEFORE_PARENS.finditer(text):
        short = match.group("short")
        letters = "".join(c for c in short if c.isupper())
        if len(letters) < 2 or len(letters) * 2 < len(short):
            continue
        if initials(match.group("long")) == letters:
            found.append(AcronymDefinition(*match.span("long"), *match.span("short")))
    return found


def _match_initials(parts: Sequence[re.Match[str]], letters: Sequence[str]) -> int | None:
    """Start offset of the long form whose initials are `letters`, matching backwards."""
    remaining = list(letters)
    budget = len(letters) + ACRONYM_EXTRA_WORDS
    for part in reversed(parts[-budget:]):
        word = part.group().strip("\"'“”‘’,")
        if not word:
            return None
        if remaining and word[0].upper() == remaining[-1] and word[0].isupper():
            remaining.pop()
            if not remaining:
                return part.start()
        elif word[0].isupper():
            return None  # a capitalised word that is not an initial: not this long form
    return None


# ---------------------------------------------------------------------------------------------
# News organisations named after a noun for one: "the Yugoslav news agency Tanjug"

# A noun for a news organisation, then its name: the model misses or mistypes the little-known
# ones ("the official newspaper Granma", "the daily Sueddeutsche Zeitung").
PRESS_NOUNS = (
    "news agency",
    "agency",
    "newspaper",
    "daily",
    "weekly",
    "magazine",
    "tabloid",
    "broadcaster",
)
PRESS_CUE = re.compile(rf"\b(?:{'|'.join(PRESS_NOUNS)}) (?P<a>{TEAM_NAME})(?![^\W\d_])")
PRESS_LABEL = "ORG"
# The noun alone, right before a mention: what `after_press_noun` looks for.
_PRESS_NOUN = re.compile(rf"\b(?:{'|'.join(PRESS_NOUNS)}) $")
PRESS_NOUN_WINDOW = 16  # characters before a mention searched for it


def after_press_noun(text: str, start: int) -> bool:
    """True when a noun for a news organisation comes right before `start` ("the official
    newspaper Granma"): the name there is the organisation's, whatever place it is named for."""
    return _PRESS_NOUN.search(text[max(0, start - PRESS_NOUN_WINDOW) : start]) is not None


# Labels a news organisation's name may not keep: it is no person, place or nationality.
NOT_PRESS_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def with_press_names(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """The mentions with the name right after a noun for a news organisation an ORG: added when
    no mention touches it, relabelled when the model gave exactly it a person's or a place's
    label; a month or weekday is no name ("twice daily Monday")."""
    dropped: set[int] = set()
    added = []
    for section, text in texts.items():
        if not any(noun in text for noun in PRESS_NOUNS):
            continue  # each match starts with one, and most texts name no news organisation
        index = MentionIndex(mentions, section)
        for match in PRESS_CUE.finditer(text):
            start, end = match.span("a")
            name = text[start:end]
            if name.split()[0].casefold() in DATE_WORDS:
                continue
            crossed, over = index.over(start, end)
            if crossed:
                continue
            if not over:
                added.append(RawMention(section, start, end, name, PRESS_LABEL))
            elif (
                len(over) == 1
                and (over[0].start, over[0].end) == (start, end)
                and over[0].label in NOT_PRESS_LABELS
            ):
                dropped.add(id(over[0]))
                added.append(RawMention(section, start, end, name, PRESS_LABEL))
    return [m for m in mentions if id(m) not in dropped] + added


# ---------------------------------------------------------------------------------------------
# Nationalities the model did not tag: "little-known Mexican Ariel Cruz", "WELSH RESULTS"

# A capitalised word (shouted or not), whole: a demonym is looked up by it.
_CAPITALISED_WORD = re.compile(rf"{WORD_CAPITAL}[^\W\d_]+(?![^\W\d_])")
_ASCII_CAPITALISED_WORD = ascii_twin(_CAPITALISED_WORD)
NATIONALITY_LABEL = "NORP"


@functools.cache
def _demonyms() -> frozenset[str]:
    """One-word names the gazetteer knows as a country's demonym or adjective only ("Mexican",
    "Welsh", "Swiss"), never as a place."""
    names = load_gazetteer().names
    return frozenset(
        key
        for key, candidates in names.items()
        if candidates and " " not in key and all(c.kind == "d" for c in candidates)
    )


def with_nationalities(
    mentions: Sequence[RawMention], texts: Mapping[Section, str], lower: frozenset[str]
) -> list[RawMention]:
    """The mentions plus a NORP mention for each demonym no mention covers, unless the article
    writes the word in lower case too ("polish", "swiss roll"); two nationalities joined by a
    hyphen or a space are one ("Arab-Israeli" talks, "Sino-Japanese", "Bosnian Serb")."""
    demonyms = _demonyms()
    result = list(mentions)
    for section, text in texts.items():
        taken = sorted((m.start, m.end) for m in mentions if m.section == section)
        found: list[RawMention] = []
        for match in for_text(_CAPITALISED_WORD, _ASCII_CAPITALISED_WORD, text).finditer(text):
            word = match.group()
            key = word if not word.isupper() else word.title()
            if key not in demonyms or word.casefold() in lower:
                continue
            start, end = match.span()
            i = bisect.bisect_left(taken, (end, end))
            if i and taken[i - 1][1] > start:
                continue  # inside a name the model tagged ("Panamanian Boxing Association")
            found.append(RawMention(section, start, end, word, NATIONALITY_LABEL))
        result += found
    return _joined_nationalities(result, texts)


# A hyphen and a lower-case word after a nationality: one compound adjective ("Brazilian-born",
# "Kurdish-controlled"), which is no place, so the nationality's mention may take it in.
_COMPOUND_TAIL = re.compile(r"-[a-z]+(?![^\W\d_])")


def _joined_nationalities(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """Two NORP mentions joined by a hyphen or a space as one ("Arab" "-" "Israeli", "Bosnian"
    "Serb": a people named by the country it lives in), and a NORP mention with the lower-case
    rest of its hyphenated word ("British-ruled")."""
    ordered = sorted(mentions, key=lambda m: (m.section, m.start))
    joined: list[RawMention] = []
    for m in ordered:
        if m.label == NATIONALITY_LABEL and (tail := _COMPOUND_TAIL.match(texts[m.section], m.end)):
            end = tail.end()
            m = RawMention(m.section, m.start, end, texts[m.section][m.start : end], m.label)
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.section == m.section
            and last.label == m.label == NATIONALITY_LABEL
            and last.end + 1 == m.start
            and texts[m.section][last.end] in "- "
        ):
            text = texts[m.section][last.start : m.end]
            joined[-1] = RawMention(m.section, last.start, m.end, text, NATIONALITY_LABEL)
        else:
            joined.append(m)
    return joined
