"""The country tagger's scan: `PlaceMatch`, the gazetteer look-up and the scan of one text.

`_scan` finds the longest gazetteer names inside the text's capitalised phrases and keeps the
ones the per-match tests (`country_filters.py`) let through, each weighed by its section;
`scanned` keeps the last texts' matches. Reads `country_cues.py` and `country_filters.py`; the
qualifiers (`country_lists.py`), the entity checks (`country_entities.py`) and the resolution
(`countries.py`) take its matches.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.models import Section
from pipeline.nlp.country_cues import (
    ACRONYM_RE,
    ADJACENCY_EXEMPT,
    ALWAYS_STRONG_KINDS,
    BODY_WEIGHT,
    COMBINING_FORMS,
    COMBINING_JOIN,
    COUNTIES_RE,
    COUNTRY_KIND,
    COUNTRY_KINDS,
    COUNTY_SUFFIX,
    CREDIT_CUE,
    CREDIT_RE,
    DEMONYM_KIND,
    LEAD_WEIGHT,
    LOWER_WORDS_RE,
    MIN_SHOUTED_LENGTH,
    NAMESAKE_COUNTRY,
    ONE_COUNTRY_BODIES,
    ONE_COUNTRY_BODY_RE,
    ONE_WORD_RE,
    PHRASE_RE,
    SCAN_CACHE_SIZE,
    STANDALONE_PROMINENCE,
    TITLE_WEIGHT,
    TOWN_KIND,
)
from pipeline.nlp.country_filters import (
    bare_demonym,
    compound_tail,
    cuisine,
    era,
    fixed_expression,
    inside,
    language,
    part_of_longer_name,
    product_code,
    prose_word,
    sentence_initial,
    shouted_pronoun,
    thoroughfare_after,
    time_zone,
)
from pipeline.nlp.gazetteer import TOKEN_RE, Candidate, Gazetteer, load_gazetteer


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    section: Section
    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    weight: float
    # spaCy tagged exactly this span GPE/LOC: a place for sure, though not which one.
    confirmed: bool = False

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c.country for c in self.candidates)


def strong(candidate: Candidate) -> bool:
    return candidate.kind in ALWAYS_STRONG_KINDS or candidate.prominence >= STANDALONE_PROMINENCE


def _scan(gazetteer: Gazetteer, section: Section, text: str, lead_end: int) -> Iterator[PlaceMatch]:
    """Longest gazetteer matches, left to right, inside the text's capitalised phrases.

    The phrase regex runs in C over the whole text, so Python only looks at the few spans that
    could hold a name; inside a phrase each capitalised token starts at most a handful of
    dictionary look-ups (bounded by the longest name with that first token).
    """
    names, max_tokens = gazetteer.names, gazetteer.max_tokens
    lower_words: frozenset[str] | None = None  # the text's lower-case words, when first needed
    prose_words: dict[str, bool] = {}  # a country's name: does the prose write it lower-case?
    acronyms: frozenset[str] | None = None  # the acronyms it defines, when first needed
    counties = " count" in text  # "Bergen county", "Bergen and Essex counties"
    credits = [m.span() for m in CREDIT_RE.finditer(text)] if CREDIT_CUE in text else []
    for phrase in PHRASE_RE.finditer(text):
        offset, phrase_end = phrase.span()
        word = phrase.group()
        if (
            word not in max_tokens
            and ONE_WORD_RE.fullmatch(word)
            and not word.isupper()
            and not text.startswith(".", phrase_end)
        ):
            continue  # the common case: one capitalised word that names nothing
        if not counties and not any(
            _may_open_name(names, max_tokens, w) for w in TOKEN_RE.findall(word)
        ):
            continue  # no token of the phrase can start a name: the loop below finds none
        tokens = [
            (m.start() + offset, m.end() + offset, m.group())
            for m in TOKEN_RE.finditer(phrase.group())
        ]
        matched = [False] * len(tokens)
        i = 0
        while i < len(tokens):
            start, _, word = tokens[i]
            if not word[0].isupper() or compound_tail(text, tokens, i, matched):
                i += 1
                continue
            found, candidates = _lookup(names, max_tokens, tokens, i)
            if found <= 1 and word in COMBINING_FORMS:
                combined = _combining_form(names, text, tokens, i)
                if combined is not None:
                    found, candidates = 1, combined
            end = tokens[i + found - 1][1] if found else tokens[i][1]
            if found <= 1 and text.startswith(".", tokens[i][1]) and word + "." in names:
                # "Md.", "Calif.", and "Pa." before the town of Burkina Faso called "Pa"
                candidates = names[word + "."]
                found, end = 1, tokens[i][1] + 1
            if counties and COUNTIES_RE.match(text, end):
                # "Bergen, Essex and Hudson counties": each is a county, not a town so named
                county = names.get(text[start:end] + COUNTY_SUFFIX)
                if county is not None:
                    candidates, found = county, max(found, 1)
            if candidates is None:
                i += 1
                continue
            for k in range(i, i + found):
                matched[k] = True
            if (
                text.startswith("$", end)
                or shouted_pronoun(text, start, end)
                or bare_demonym(text, start, end, candidates)
                or language(text, start, end, candidates)
                or cuisine(text, end, candidates)
                or product_code(text, end, candidates)
                or time_zone(text, start, end, candidates)
                or fixed_expression(names, tokens, i, found, text, end)
                or thoroughfare_after(text, end)
                or era(text, start, end)
            ):
                i += found  # a currency ("US$5m"), people, a language, a food, a street, an era
                continue
            if section == "title":
                weight = TITLE_WEIGHT
            elif start < lead_end:
                weight = LEAD_WEIGHT
            else:
                weight = BODY_WEIGHT
            court = ONE_COUNTRY_BODY_RE.match(text, end)
            if court is not None:
                # "Bristol Crown Court": the town of the one country that has such courts
                homes = ONE_COUNTRY_BODIES[court.group(court.lastindex or 1)]
                kept = tuple(c for c in candidates if c.country in homes)
                if not kept and NAMESAKE_COUNTRY in homes and word in gazetteer.us_town_states:
                    # "Warsaw Community Schools": a US town the gazetteer keeps for Warsaw
                    kept = (Candidate(NAMESAKE_COUNTRY, TOWN_KIND, 0),)
                if kept:
                    yield PlaceMatch(section, start, end, text[start:end], kept, weight, True)
                if kept or len(homes) == 1:
                    i += found
                    continue
            if (
                candidates
                and all(c.kind not in ADJACENCY_EXEMPT for c in candidates)
                and part_of_longer_name(text, tokens, i, found)
            ):
                i += found
                continue
            if (
                found == 1
                and candidates
                and word.isupper()
                and all(c.kind not in ALWAYS_STRONG_KINDS for c in candidates)
            ):
                if acronyms is None:
                    acronyms = _acronyms(names, text)
                if word in acronyms:
                    i += found  # "(ALMA)": an acronym the text defines, not the town
                    continue
            if (
                found == 1
                and candidates
                and not any(strong(c) for c in candidates)
                and sentence_initial(text, start)
            ):
                lowered = word.lower()
                if lower_words is None and lowered in text:  # else the words cannot hold it
                    lower_words = frozenset(LOWER_WORDS_RE.findall(text))
                if lower_words is not None and lowered in lower_words:
                    i += found  # "Many said", "Media reports": the text writes it as a word
                    continue
            if (
                found == 1
                and word.istitle()
                and candidates
                and all(c.kind == COUNTRY_KIND for c in candidates)
                and sentence_initial(text, start)
            ):
                thing = prose_words.get(word)
                if thing is None:
                    thing = prose_words[word] = prose_word(text, word.lower())
                if thing:
                    i += found  # "Turkey prices ... a 16-pound turkey": the bird, not the country
                    continue
            if credits and inside(credits, start):
                i += found  # "(Reporting by Jane Doe in Amman": the reporter's town
                continue
            yield PlaceMatch(section, start, end, text[start:end], candidates, weight)
            i += found


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def scanned(section: Section, text: str, lead_end: int) -> tuple[PlaceMatch, ...]:
    """The matches of one text, kept for the next call: `settle` tags a story twice (with and
    without the entities it may relabel), and the scan does not depend on the entities."""
    return tuple(_scan(load_gazetteer(), section, text, lead_end))


def _may_open_name(
    names: Mapping[str, tuple[Candidate, ...]], max_tokens: Mapping[str, int], word: str
) -> bool:
    """True when a name can start at the token (`_lookup`, `_combining_form`, "Md."): the
    token is a name's first word, its shouted form is, it is a combining form or a name with
    a period after it."""
    return (
        word in max_tokens
        or word in COMBINING_FORMS
        or word + "." in names
        or (word.isupper() and word.isalpha() and word.title() in max_tokens)
    )


def _acronyms(names: Mapping[str, tuple[Candidate, ...]], text: str) -> frozenset[str]:
    """The acronyms the text defines for names that are no place: "African Leaders Malaria
    Alliance (ALMA)" gives ALMA, "New South Wales (NSW)" nothing."""
    found = set()
    for definition in ACRONYM_RE.finditer(text):
        words = definition.group(1).split(" ")
        if not any(names.get(" ".join(words[k:])) for k in range(len(words))):
            found.add(definition.group(2))
    return frozenset(found)


def _combining_form(
    names: Mapping[str, tuple[Candidate, ...]],
    text: str,
    tokens: Sequence[tuple[int, int, str]],
    i: int,
) -> tuple[Candidate, ...] | None:
    """The country of a combining form (COMBINING_FORMS) joined by a hyphen to a country's
    name or adjective ("Austro-Hungarian", "Franco-German"), else None ("Greco-Roman", "Franco"
    alone). Looks at the next token only."""
    if i + 1 >= len(tokens) or text[tokens[i][1] : tokens[i + 1][0]] != COMBINING_JOIN:
        return None
    after = tokens[i + 1][2]
    if after not in COMBINING_FORMS and not any(
        c.kind in COUNTRY_KINDS for c in names.get(after, ())
    ):
        return None
    return (Candidate(COMBINING_FORMS[tokens[i][2]], DEMONYM_KIND, 0),)


def _lookup(
    names: Mapping[str, tuple[Candidate, ...]],
    max_tokens: Mapping[str, int],
    tokens: Sequence[tuple[int, int, str]],
    i: int,
) -> tuple[int, tuple[Candidate, ...] | None]:
    """The longest name starting at token i: (its length in tokens, its candidates)."""
    word = tokens[i][2]
    shout = word.isupper() and word.isalpha()
    longest = max(max_tokens.get(word, 0), max_tokens.get(word.title(), 0) if shout else 0)
    for n in range(min(longest, len(tokens) - i), 0, -1):
        key = " ".join(t[2] for t in tokens[i : i + n])
        candidates = names.get(key)
        if (
            candidates is None
            and shout
            and key.isupper()
            and (n > 1 or len(word) >= MIN_SHOUTED_LENGTH)
        ):
            # datelines and shouted headlines: "BEIRUT", "LOS ANGELES" (a short word alone is
            # an acronym, but not inside a longer shouted name)
            candidates = names.get(key.title())
        if candidates is not None:
            return n, candidates
    return 0, None
