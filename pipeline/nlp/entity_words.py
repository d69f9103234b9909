"""What the article's own words and lines say in the entity document pass: common words,
datelines, bylines.

Called by `canonical.py`'s `build_document` between trimming and grouping; reads
`entity_spans.py` only. Words the article itself writes in lower case, a shouted headline's
topic, a minister's portfolio are no names; first names and name halves join the person they
belong to; a wire dateline's place is a GPE and the byline above it a person.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence

from pipeline.models import Section
from pipeline.nlp.entity_spans import (
    SETTLEMENT_NOUN_PATTERN,
    WEEKDAYS,
    MentionIndex,
    RawMention,
    ascii_twin,
    for_text,
    is_title_word,
    trim_name,
)

# ---------------------------------------------------------------------------------------------
# Common words the model took for names

_LETTERS = re.compile(r"[^\W\d_]+")
# Plural nouns for groups of people that head a results list's events ("Women's 100 metres",
# "Men's singles"), which the model tags as organisations at a line's start.
PEOPLE_NOUNS = frozenset({"men", "women", "boys", "girls", "juniors", "seniors", "veterans"})
# Shorter shouted words are acronyms as often as words ("US", "WHO").
MIN_SHOUTED_WORD = 4


def lower_words(texts: Iterable[str]) -> frozenset[str]:
    """The words the texts write in lower case: common words, whatever a headline does."""
    # Each distinct whitespace-separated token read once (a text repeats most of its words;
    # `str.split` is many times faster than a regex scan): a token of letters only is one
    # word, and only a token with other characters in it needs the regex for its words.
    # Whitespace is no letter, so the words found are those of the whole text.
    found: set[str] = set()
    for text in texts:
        for token in set(text.split()):
            if token.isalpha():
                if token.islower():
                    found.add(token)
            else:
                found.update(word for word in _LETTERS.findall(token) if word.islower())
    return frozenset(found)


def _shouted_lines(text: str, breaks: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) of the text's lines without a lower-case letter: shouted headlines;
    `breaks`, the text's line breaks' offsets."""
    starts = [0, *(b + 1 for b in breaks)]
    ends = [*breaks, len(text)]
    return [
        (start, end)
        for start, end in zip(starts, ends, strict=True)
        if not any(c.islower() for c in text[start:end])
    ]


def _is_common(
    mention: RawMention, lower: frozenset[str], text: str, shouted: Sequence[tuple[int, int]]
) -> bool:
    """True when a mention is no name by the way the article writes it: no capital at all
    ("methanol"), or in words all of which the article writes in lower case elsewhere and
    shouted in a shouted line ("ATHLETICS", "CLUB FINED") or alone at a sentence's start
    ("Riot police")."""
    name = mention.text
    if not any(c.isupper() for c in name) or name.casefold() in PEOPLE_NOUNS:
        return True
    words = _LETTERS.findall(name)
    if not words or not all(w.casefold() in lower for w in words):
        return False
    if name.isupper():
        # in a shouted line only, and no short word: an acronym in prose ("WHO", "US") is a
        # name however the article writes the word
        i = bisect.bisect_right(shouted, (mention.start, len(text)))
        in_shout = i > 0 and shouted[i - 1][1] >= mention.end
        return in_shout and all(len(w) >= MIN_SHOUTED_WORD for w in words)
    before = text[max(0, mention.start - 3) : mention.start].rstrip(" \t\"“‘'")
    return len(words) == 1 and (before == "" or before[-1] in "\n.!?:")


# Labels of a results report's fields, at a line's start before a colon ("Attendance : 15,000",
# "Referee : Ann Lee"), which the model takes for people's names.
FIELD_LABELS = frozenset(
    {"attendance", "crowd", "referee", "referees", "umpire", "umpires", "scorer", "scorers"}
    | {"venue", "halftime", "half-time"}
)
# Column heads of a table, a line of them alone: "W L PCT GB", "P W D L F A PTS".
_COLUMN_HEAD = re.compile(r"[A-Z]{1,3}")
MIN_COLUMN_HEADS = 3
MAX_INDENT = 8  # spaces around a field's label or a line of heads, at most
_LINE_BREAK = re.compile("\n")


def _is_field_label(mention: RawMention, text: str, breaks: Sequence[int]) -> bool:
    """True for a report field's label ("Attendance :") or a line of a table's column heads;
    `breaks`, the text's line breaks' offsets, for a bisection (no scan back to the line's
    start per mention)."""
    i = bisect.bisect_left(breaks, mention.start)
    line_start = breaks[i - 1] + 1 if i else 0
    if mention.start - line_start > MAX_INDENT or text[line_start : mention.start].strip():
        return False
    if mention.text.casefold() in FIELD_LABELS:
        return text[mention.end : mention.end + 2].lstrip().startswith(":")
    words = mention.text.split()
    line_end = breaks[i] if i < len(breaks) else len(text)
    return (
        len(words) >= MIN_COLUMN_HEADS
        and all(_COLUMN_HEAD.fullmatch(w) for w in words)
        and line_end - mention.end <= MAX_INDENT
        and not text[mention.end : line_end].strip()
    )


def without_common_words(
    mentions: Sequence[RawMention], texts: Mapping[Section, str], lower: frozenset[str]
) -> list[RawMention]:
    """The mentions but common words (`_is_common`) and field labels (`_is_field_label`)."""
    breaks = {
        section: [m.start() for m in _LINE_BREAK.finditer(text)] for section, text in texts.items()
    }
    shouted = {section: _shouted_lines(text, breaks[section]) for section, text in texts.items()}
    return [
        m
        for m in mentions
        if not _is_common(m, lower, texts[m.section], shouted[m.section])
        and not _is_field_label(m, texts[m.section], breaks[m.section])
    ]


# Labels the model gives half of a person's name that it splits in two ("Petra/ORG Langrova").
NAME_HALF_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def joined_name_halves(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """Two mentions one space apart, one a person and the other one capitalised word the model
    called something else but a place or nationality, are one person's name split in two
    ("Petra" ORG + "Langrova" PERSON, "Marco Tonchetti" PERSON + "Provera" MISC)."""
    ordered = sorted(mentions, key=lambda m: (m.section, m.start))
    joined: list[RawMention] = []
    for mention in ordered:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.section == mention.section
            and last.end + 1 == mention.start
            and texts[mention.section][last.end] == " "
            and "PERSON" in (last.label, mention.label)
            and _name_half(last)
            and _name_half(mention)
            and (" " not in last.text or " " not in mention.text)
        ):
            text = texts[mention.section][last.start : mention.end]
            joined[-1] = RawMention(mention.section, last.start, mention.end, text, "PERSON")
        else:
            joined.append(mention)
    return joined


# A minister's or secretary's title right after a word: "Education Minister", "Agriculture
# Secretary" name a person's office, and the portfolio word in them is no organisation.
_MINISTER_TITLE = re.compile(r" (?:Minister|Secretary)\b")


def without_portfolios(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """The mentions but one-word organisations that open a minister's title ("Education" of
    "Education Minister Ann Lee"): the office is part of the person's title, not a body."""
    return [
        m
        for m in mentions
        if not (
            m.label == "ORG"
            and " " not in m.text
            and _MINISTER_TITLE.match(texts[m.section], m.end)
        )
    ]


# A capitalised word, alone or with name particles: a first name the model left out of a
# person's span ("Ogun" of "Ogun Temizkanoglu", "Maarten den" of "Maarten den Bakker").
# Name particles ("van", "den", "da"), in first names and before surnames alike.
_NAME_PARTICLES = "van|von|der|den|de|da|di|du|del|della|dos|das|ter|ten"
_LEADING_PARTICLES = rf"(?:(?:{_NAME_PARTICLES}) ){{0,2}}"
_FIRST_NAME = re.compile(rf"(?<![^\W\d_])[A-Z][a-z]+[-']?[A-Za-z]* {_LEADING_PARTICLES}$")
FIRST_NAME_WINDOW = 24  # characters before a person's mention searched for one


def with_first_names(
    mentions: Sequence[RawMention], texts: Mapping[Section, str], lower: frozenset[str]
) -> list[RawMention]:
    """A person's mention with the capitalised word right before it when that word is in no
    mention, is no title or weekday, does not open a sentence and is never written in lower
    case: the model cut the first name off ("Ogun" of "Ogun Temizkanoglu")."""
    taken = {(m.section, i) for m in mentions for i in (m.start, m.end)}
    result = []
    for m in mentions:
        if m.label == "PERSON" and " " not in m.text:
            text = texts[m.section]
            window = text[max(0, m.start - FIRST_NAME_WINDOW) : m.start]
            found = _FIRST_NAME.search(window)
            if found:
                start = m.start - len(window) + found.start()
                word = found.group().strip()
                before = text[max(0, start - 3) : start].rstrip()
                if (
                    (m.section, start + len(word)) not in taken
                    and word.casefold() not in lower
                    and word.casefold() not in WEEKDAYS
                    and not is_title_word(word)
                    and before
                    and before[-1] not in '.!?:\n"“'
                ):
                    m = RawMention(m.section, start, m.end, text[start : m.end], m.label)
        result.append(m)
    return result


# What ends a person's name after the part the model tagged: a regnal number ("Henry VIII"),
# name particles and the name they lead to ("Maarten van Dijk", "Kengo wa Dondo"), or an East
# Asian given name of two hyphenated syllables after a one-word family name ("Kim Dae-jung").
_REGNAL = r"(?P<regnal>I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3})"
_PARTICLES = rf"(?:(?:{_NAME_PARTICLES}|wa|bin|ibn)[ \t]){{1,2}}"  # and "Kengo wa Dondo"
_NAME_TAIL = re.compile(
    rf"[ \t](?:{_REGNAL}|(?P<particle>{_PARTICLES}[A-Z][\w'’-]*)"
    rf"|(?P<syllables>[A-Z][a-z]{{0,4}}-[a-z]{{1,5}}))(?![\w'’-])"
)


def with_name_tails(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """A person's mention run on over the end of the name the model cut off (`_NAME_TAIL`),
    swallowing a mention inside that end ("Dondo" tagged apart): the regnal "I" and the
    syllables only after a one-word name ("Pedro I", "Kim Dae-jung"), two words being a full
    name already."""
    extended: dict[RawMention, RawMention] = {}
    swallowed: set[RawMention] = set()
    indexes: dict[Section, MentionIndex] = {}  # built at a section's first tail: most have none
    for m in mentions:
        if m.label != "PERSON" or m in swallowed:
            continue
        section = m.section
        text = texts[section]
        found = _NAME_TAIL.match(text, m.end)
        if found is None:
            continue
        index = indexes.get(section)
        if index is None:
            index = indexes[section] = MentionIndex(mentions, section)
        one_word = " " not in m.text
        if (found.group("regnal") == "I" or found.group("syllables")) and not one_word:
            continue
        crossed, inside = index.over(found.start() + 1, found.end())
        if crossed or any(o.end > found.end() for o in inside):
            continue
        extended[m] = RawMention(
            section, m.start, found.end(), text[m.start : found.end()], m.label
        )
        swallowed.update(inside)
    return [extended.get(m, m) for m in mentions if m not in swallowed]


def _name_half(mention: RawMention) -> bool:
    return mention.label in NAME_HALF_LABELS and all(
        w[:1].isupper() and not w.isupper() for w in mention.text.split()
    )


# ---------------------------------------------------------------------------------------------
# Datelines

# A wire story's dateline: a line that starts with the place it was filed from, in capitals,
# maybe its region or country, then the date or the agency: "NICE , France 1996-08-30",
# "LONDON, Aug. 30 (Reuters)", "WASHINGTON (AP)". The model reads a shouted town as anything.
# Words are runs without spaces, so the line splits into words one way only: linear.
_SHOUTED_WORD = r"[A-Z][A-Z.'’-]*[A-Z.]"
_REGION_WORD = r"[A-Z][A-Za-z.'’-]*"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    rf"^[ \t]*(?P<place>{_SHOUTED_WORD}(?: {_SHOUTED_WORD}){{0,3}})"
    rf"(?: ?, (?P<region>{_REGION_WORD}(?: {_REGION_WORD}){{0,2}}))?"
    rf" ?,? (?:\d{{4}}-\d\d-\d\d\b|{_MONTH} \d{{1,2}}\b|\([A-Z][A-Za-z]*\))",
    re.M,
)
# The label of a dateline's place: a town or country (OntoNotes GPE).
DATELINE_LABEL = "GPE"


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the places of the text's datelines: the town, and its region when named."""
    return place_spans(list(DATELINE.finditer(text)))


def place_spans(datelines: Sequence[re.Match[str]]) -> list[tuple[int, int]]:
    spans = []
    for match in datelines:
        spans.append(match.span("place"))
        if match.group("region"):
            spans.append(match.span("region"))
    return spans


# A byline: the line right above a dateline that is only a name, maybe after "By"
# ("Vera Haller\nVENICE , Italy 1996-08-31", "By Ann Lee\nLONDON (Reuters)").
BYLINE = re.compile(r"(?:[Bb]y )?(?P<name>[A-Z][^\W\d_]+(?:[ '-][A-Z][^\W\d_]+){1,3})[ \t]*")
MAX_BYLINE = 60  # characters: a longer line is no byline


def byline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the names of the bylines right above the text's datelines: a line of two to
    four capitalised words none of which the text writes in lower case ("Storm Hits Coast" is
    a headline)."""
    return _byline_spans(text, list(DATELINE.finditer(text)))


def _byline_spans(text: str, datelines: Sequence[re.Match[str]]) -> list[tuple[int, int]]:
    lower: frozenset[str] | None = None
    spans = []
    for match in datelines:
        end = match.start() - 1
        if end <= 0 or text[end] != "\n":
            continue
        start = text.rfind("\n", max(0, end - MAX_BYLINE), end) + 1
        if start == 0 and end > MAX_BYLINE:
            continue
        byline = BYLINE.fullmatch(text, start, end)
        if byline is None:
            continue
        lower = lower_words([text]) if lower is None else lower
        if not any(w.casefold() in lower for w in _LETTERS.findall(byline["name"])):
            spans.append(byline.span("name"))
    return spans


def with_datelines(
    mentions: Sequence[RawMention], text: str, datelines: Sequence[re.Match[str]]
) -> list[RawMention]:
    """The story's mentions with each dateline place a GPE mention, and each byline's name a
    PERSON mention, in place of whatever the model saw over them."""
    places = place_spans(datelines)
    if not places:
        return list(mentions)
    names = _byline_spans(text, datelines)
    index = MentionIndex.of_spans(places + names, "story")
    kept = [m for m in mentions if m.section != "story" or not index.touched(m.start, m.end)]
    kept += [RawMention("story", s, e, text[s:e], DATELINE_LABEL) for s, e in places]
    kept += [RawMention("story", s, e, text[s:e], "PERSON") for s, e in names]
    return kept


# ---------------------------------------------------------------------------------------------
# Nouns for places around a name

# A noun for a settlement or an administrative area and "of" right before a name ("the town of
# Tacoma", "the state of Oaxaca"): the name is a place whatever the model called it, and one the
# model missed is tagged (news names small towns this way when it expects readers not to know
# them). Up to three capitalised words, hyphens and apostrophes inside ("Saint-Louis").
PLACE_NOUN_BEFORE = re.compile(
    rf"\b(?:{SETTLEMENT_NOUN_PATTERN})s? of (?P<name>[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){{0,2}})"
)
_ASCII_PLACE_NOUN_BEFORE = ascii_twin(PLACE_NOUN_BEFORE)
# The same nouns for areas right after a name ("Oaxaca state", "the Rift Valley province"),
# lower-case: a person or an organisation is not followed by one.
PLACE_NOUN_AFTER = re.compile(
    r"[ \t]+(?:province|state|region|district|county|prefecture|governorate|oblast|area)\b"
)
PLACE_CUE_LABEL = "GPE"
# A noun for a building or site right after a name, lower-case ("the Al-Noor mosque", "Kemayoran
# airport"): a facility (OntoNotes FAC), not the person or firm the model saw. Not "stadium"
# or "camp", which a club or a politician comes before ("the Arsenal stadium", "the Smith camp").
BUILDING_NOUN_AFTER = re.compile(
    r"[ \t]+(?:mosque|church|cathedral|temple|shrine|synagogue|airport|airbase|palace|harbour|"
    r"harbor|port|bridge|square|prison|streets?|roads?|avenues?)\b"
)
BUILDING_LABEL = "FAC"
# The last word of a building's or site's own name ("Colchester General Hospital", "the Princes
# Theatre"), which names the body that runs it as often; after a preposition of place ("taken
# to X Hospital", "at the X Centre") it is the building. Not "University" or "Club": bodies.
BUILDING_HEADS = frozenset(
    {"hospital", "clinic", "infirmary", "theatre", "theater", "armory", "armoury", "museum"}
    | {"stadium", "arena", "centre", "center", "palace", "cathedral", "mosque", "temple"}
    | {"airport", "prison", "jail", "penitentiary", "hotel", "gallery"}
)
# The last word of a street's or square's own name ("Elm Street", "Kell St.", "Tolan Square")
# or the first of a foreign one's or a hotel's ("Rue Verte", "Hotel Orrin"): a way, an open
# place or a building wherever it stands (CoNLL has them LOC), not the person or firm the model
# saw. Not "Lane", "Bridge" or "Park": surnames and clubs ("Queen's Park").
WAY_HEADS = frozenset(
    {"street", "st.", "avenue", "ave.", "road", "rd.", "drive", "boulevard", "blvd."}
    | {"square", "plaza", "highway", "armory", "armoury"}
)
WAY_HEADS_FIRST = frozenset({"rue", "palais", "piazza", "plaza", "avenida", "calle", "hotel"})
_LOCATIVE_BEFORE = re.compile(r"\b(?:at|in|inside|outside|near|into|to)[ \t]+(?:the[ \t]+)?$")
BUILDING_LOCATIVE_WINDOW = 16  # characters before a mention searched for a preposition of place
# Labels the place-noun cues overturn: a place noun names no person, firm or nationality.
PLACE_CUE_CORRECTS = frozenset({"PERSON", "ORG", "NORP"})
# Of those, the labels a noun after the name overturns: a nationality before "state" or
# "square" is an adjective ("Chinese state media", "Tahrir" aside).
AFTER_CUE_CORRECTS = frozenset({"PERSON", "ORG"})


def place_noun_matches(texts: Mapping[Section, str]) -> dict[Section, list[re.Match[str]]]:
    """Each text's matches of `PLACE_NOUN_BEFORE`, read once for `with_place_nouns` and
    `place_cue_starts`."""
    return {
        section: list(for_text(PLACE_NOUN_BEFORE, _ASCII_PLACE_NOUN_BEFORE, text).finditer(text))
        for section, text in texts.items()
    }


def place_cue_starts(
    mentions: Sequence[RawMention],
    texts: Mapping[Section, str],
    nouns: Mapping[Section, Sequence[re.Match[str]]],
) -> dict[tuple[Section, int], str]:
    """(section, start) of the mentions a noun for a place comes right before ("the town of
    X", `nouns`: `place_noun_matches`) or right after ("X province", "X mosque"), with the
    label the noun gives them."""
    starts = {(section, match.start("name")) for section, found in nouns.items() for match in found}
    found: dict[tuple[Section, int], str] = {}
    for m in mentions:
        key = (m.section, m.start)
        if m.label not in PLACE_CUE_CORRECTS and m.label != PLACE_CUE_LABEL:
            continue
        if key in starts:
            found[key] = PLACE_CUE_LABEL
        elif m.label in AFTER_CUE_CORRECTS:
            text = texts[m.section]
            if PLACE_NOUN_AFTER.match(text, m.end):
                found[key] = PLACE_CUE_LABEL
            elif (
                BUILDING_NOUN_AFTER.match(text, m.end)
                or _is_building_visited(m, text)
                or _is_way_name(m.text)
            ):
                found[key] = BUILDING_LABEL
    return found


def _is_way_name(name: str) -> bool:
    """True when a name of two words or more ends on a street's or square's head word, or
    starts on a foreign one ("Elm Street", "Rue Verte"), both capitalised."""
    first, _, rest = name.partition(" ")
    if not rest:
        return False
    last = rest.rsplit(" ", 1)[-1]
    return (last[:1].isupper() and last.casefold() in WAY_HEADS) or (
        first[:1].isupper() and first.casefold() in WAY_HEADS_FIRST
    )


def _is_building_visited(mention: RawMention, text: str) -> bool:
    """True when a name ends on a building's head word and a preposition of place comes right
    before it: "died at Lakeside General Hospital", "a show at the Princes Theatre"."""
    last = mention.text.rsplit(" ", 1)[-1]
    if " " not in mention.text or not last[:1].isupper() or last.casefold() not in BUILDING_HEADS:
        return False
    before = text[max(0, mention.start - BUILDING_LOCATIVE_WINDOW) : mention.start]
    return _LOCATIVE_BEFORE.search(before) is not None


def with_place_nouns(
    mentions: Sequence[RawMention],
    texts: Mapping[Section, str],
    nouns: Mapping[Section, Sequence[re.Match[str]]],
) -> list[RawMention]:
    """The mentions plus a place for each name after a noun for a place and "of" (`nouns`:
    `place_noun_matches`) that no mention touches ("the village of Xyz", which the model
    missed)."""
    found = list(mentions)
    for section, text in texts.items():
        index: MentionIndex | None = None  # built at the section's first match: most have none
        for match in nouns[section]:
            if index is None:
                index = MentionIndex(mentions, section)
            start = match.start("name")
            cut, end = trim_name(match.group("name"), PLACE_CUE_LABEL)  # a possessive goes
            end += start
            if cut == 0 and end > start and not index.touched(start, end):
                found.append(RawMention(section, start, end, text[start:end], PLACE_CUE_LABEL))
    return found
