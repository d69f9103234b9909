"""The bottom of the entity document pass: labels, mentions and where a name's span ends.

`canonical.py` (the driver) and the rule modules it calls (`entity_sports.py`,
`entity_shapes.py`, `entity_words.py`) all read this one, which imports none of them: the
labels the pass keeps and prefers, `RawMention` (a trimmed NER span) with the name keys
mentions are grouped by, `trim_name`/`trim_names` (step 1 of the pass: what of a span is not
the name) and the names of competitions ("World Cup", "U.S. Open") that trimming and the
events rule both need.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.models import Section

# ---------------------------------------------------------------------------------------------
# Labels

# spaCy OntoNotes labels a reader would list; the numeric ones (CARDINAL, DATE, MONEY...) are not.
KEPT_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "EVENT",
        "PRODUCT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)

# Tie-break of the label vote: a single token tagged PERSON once and GPE once is more often a
# place the model did not recognise in that context than a person named like a place.
LABEL_PREFERENCE = ("GPE", "ORG", "PERSON", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")

# Labels of places, which a sports team named after its city is not.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Labels the model gives a team named after its town: a place, or a person ("Kent", "Wigan").
TEAM_LABELS = PLACE_LABELS | {"PERSON"}

# The label of a mention found by the document pass, not the model: it takes no part in votes.
UNTAGGED = ""

# Labels whose short names may merge into a longer PERSON name: the model often tags a lone
# surname or first name as ORG ("Imran" said...). Places are left alone ("Washington" is not
# "George Washington").
MERGEABLE_INTO_PERSON = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})

# ---------------------------------------------------------------------------------------------
# Name trimming

# Words of a title or role written before a person's name ("Former Prime Minister", "US
# Representative", "Foreign Office Spokesperson"), compared case-folded without a final dot.
_TITLE_WORDS_TEXT = """
    mr mrs ms miss mx dr prof professor sir dame lord lady
    president vice prime minister premier chancellor secretary spokesperson spokesman
    spokeswoman senator sen representative rep congressman congresswoman governor gov mayor
    judge justice chief chairman chairwoman ceo director ambassador envoy commissioner
    general gen lieutenant lt colonel col captain capt sergeant sgt admiral adm commander
    marshal king queen prince princess pope sheikh emir former late acting deputy foreign
    finance defence defense interior home state coach manager skipper striker midfielder
    goalkeeper defender reverend rev father bishop archbishop cardinal rabbi imam
"""
TITLE_WORDS = frozenset(_TITLE_WORDS_TEXT.split())
# Title words that are never a surname, so a span holding only one of them is no name.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sen", "rep", "gov"})
# Lower-case words allowed inside a title ("Secretary of State", "Minister for Finance").
TITLE_CONNECTIVES = frozenset({"of", "for", "the", "and"})
# A short all-capital word before a title is a country or body qualifying it ("US President").
TITLE_QUALIFIER = re.compile(r"^[A-Z]{2,4}$")
# "The" is part of a work's title ("The Crying Game"), not of a country's or a ministry's.
KEEPS_ARTICLE = frozenset({"WORK_OF_ART"})
LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
# A capitalised preposition that opens a sentence and the model ran into the name after it
# ("Beyond Vela Dorn, ..."): no person's or place's name starts with one; firms' and works'
# may ("Under Armour").
LEADING_PREPOSITION = re.compile(
    r"(?:Beyond|Inside|Outside|Across|Along|Around|Behind|Despite|During|Within|Throughout"
    r"|Towards?|Among|Amid|Against|Near|From|In|At)[ \t]+(?=[A-Z])"
)
LEADING_PREPOSITION_LABELS = frozenset({"PERSON", "GPE", "LOC"})
TRAILING_POSSESSIVE = re.compile(r"(?<!\s)\s*['’](?:[sS])?$")  # from a run's start: linear
WORD = re.compile(r"\S+")


def _is_honorific(word: str) -> bool:
    return word.rstrip(".").casefold() in HONORIFICS


def is_title_word(word: str) -> bool:
    return word.rstrip(".").casefold() in TITLE_WORDS


def trim_name(text: str, label: str) -> tuple[int, int]:
    """Offsets of the name inside a span's `text`: (0, 0) when nothing of a name is left.

    Leading "the", a trailing possessive and a parenthesis left open go for every label; titles
    and roles only before a PERSON (an ORG may well be "Prime Minister's Office"). CoNLL-style
    spans and a reader's list both exclude them, and mentions of one person must compare equal
    for grouping.
    """
    start, end = 0, len(text)
    opening = text.find("(")
    if opening > 0 and text.find(")", opening) < 0:
        # a parenthesis opened and not closed: the model ran the name on into what follows it
        # ("National League for Democracy ( NLD", "Scott Draper ( Australia")
        end = len(text[:opening].rstrip())
    start, end = _inside_quotes(text, end)
    if match := TRAILING_POSSESSIVE.search(text, start, end):
        end = match.start()
    if label not in KEEPS_ARTICLE and (match := LEADING_ARTICLE.match(text, start, end)):
        start = match.end()
    if label in LEADING_PREPOSITION_LABELS and (
        match := LEADING_PREPOSITION.match(text, start, end)
    ):
        start = match.end()
    if label == "PERSON":
        words = [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]
        cut = _title_prefix_length(text, words)
        if cut == len(words) and (cut > 1 or _is_honorific(text[words[0][0] : words[0][1]])):
            return (0, 0)  # only a title ("Prime Minister", "Mr"): not a name
        if cut == len(words):
            cut = 0  # one title word alone is a surname as often as not ("King", "Bishop")
        if cut:
            start = words[cut][0]
    if label not in KEEPS_ARTICLE:
        end = _without_trailing_lower_words(text, start, end)
    if label in PLAIN_NAME_LABELS:
        start, end = _without_dates_and_numbers(text, start, end, label != "PERSON")
    end = _without_event_stage(text, start, end)
    if not any(c.isalpha() for c in text[start:end]):
        return (0, 0)  # "1998" tagged EVENT, a lone quote mark: not a name
    if "\n" in text[start:end]:
        return (0, 0)  # names do not run across paragraphs: a headline glued to a line
    if " - " in text[start:end] and not any(c.islower() for c in text[start:end]):
        return (0, 0)  # a shouted headline run over its topic ("SOCCER - LEAGUE RESULTS")

    return (start, end)


# Labels whose names hold no date or number: a month or weekday before one ("August Chicago
# NAPM") and numbers after it ("Dublin Newsroom +353", "Red Star 4 4") are what the model ran
# the span over. Products, events and works keep theirs ("Boeing 747", "Euro 96").
PLAIN_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
_MONTHS_TEXT = """
    january february march april may june july august september october november december
"""
_WEEKDAYS_TEXT = "monday tuesday wednesday thursday friday saturday sunday"
MONTHS = frozenset(_MONTHS_TEXT.split())
# Weekdays name no one, unlike months (April, May, June, August): a person's span may lose one.
WEEKDAYS = frozenset(_WEEKDAYS_TEXT.split())  # also the country stage's, case-folded
# Nouns for a settlement or an administrative area that come before "of" and a place's name ("the
# town of Tacoma", "the island of Bohol"): the entity stage's and the type corrections' cue.
SETTLEMENT_NOUNS = (
    *("town", "city", "village", "hamlet", "suburb", "port", "island", "municipality"),
    *("province", "state", "region", "district", "county", "prefecture"),
)
SETTLEMENT_NOUN_PATTERN = "|".join(SETTLEMENT_NOUNS)
DATE_WORDS = MONTHS | WEEKDAYS
# An ordinal after a name is a minute or a place in a list ("Gordon Durie 75th"), not a name.
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def trim_names(text: str, label: str) -> list[tuple[int, int]]:
    """Offsets of the name inside a span's `text` (`trim_name`), the line breaks it opens or
    ends with left out ("National League\n": a heading the model ran on to the next line's
    start); a span with a line break inside holds no one name, and none is returned."""
    lead = len(text) - len(text.lstrip("\n"))
    inner = text[lead:].rstrip("\n")
    start, end = trim_name(inner, label) if inner.strip() else (0, 0)
    return [(lead + start, lead + end)] if start < end else []


QUOTE_MARKS = '"“”'


def _inside_quotes(text: str, end: int) -> tuple[int, int]:
    """The span without a quotation mark it opens with, and cut before one it leaves unpaired:
    the model ran a name over the quotation marks of a title (`" Red Shirts`, `Sleeping Bread "
    Puig`); a nickname between paired marks stays (`Hector " Macho " Camacho`)."""
    start = 0
    while start < end and (text[start] in QUOTE_MARKS or (start and text[start] == " ")):
        start += 1
    if start and not any(c.isalpha() for c in text[start:end]):
        return 0, end
    marks = [i for i in range(start, end) if text[i] in QUOTE_MARKS]
    if len(marks) % 2:
        end = len(text[: marks[0]].rstrip())
    return start, end


def _without_dates_and_numbers(text: str, start: int, end: int, dates: bool) -> tuple[int, int]:
    """The span without trailing words that hold no letter or are ordinals ("Gordon Durie 75th")
    and without a leading weekday followed by another capitalised word ("Friday Mitchell"), or
    month when `dates` (people are named April, May, June and August)."""
    words = [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    first, last = 0, len(words)
    while last - first > 1 and (
        not any(c.isalpha() for c in text[slice(*words[last - 1])])
        or ORDINAL.fullmatch(text, *words[last - 1])
    ):
        last -= 1
    leading = text[slice(*words[0])].casefold() if words else ""
    if (
        (leading in WEEKDAYS or (dates and leading in DATE_WORDS))
        and last - first > 1
        and text[words[1][0]].isupper()
    ):
        first = 1
    if (first, last) == (0, len(words)):
        return start, end
    return words[first][0], words[last - 1][1]


def _without_trailing_lower_words(text: str, start: int, end: int) -> int:
    """The end of a span without the lower-case words it ends with: a name ends on a capitalised
    word ("Xinhua news agency", "Jiangsu province", "Faik Nerweyi of"); a title may not, which
    is why works of art keep theirs."""
    found = list(WORD.finditer(text, start, end))
    words = [m.group() for m in found]
    ends = [m.end() for m in found]
    kept = len(words)
    while kept > 1 and words[kept - 1].isalpha() and words[kept - 1].islower():
        kept -= 1
    return ends[kept - 1] if kept < len(words) else end


def _title_prefix_length(text: str, words: Sequence[tuple[int, int]]) -> int:
    """How many leading words form a title: qualifiers, title words and connectives, ending
    on a title word and followed by a capitalised word (the name)."""
    cut = 0
    for i, (s, e) in enumerate(words):
        word = text[s:e]
        if is_title_word(word):
            cut = i + 1
        elif not (TITLE_QUALIFIER.match(word) or (cut and word in TITLE_CONNECTIVES)):
            break
    while 0 < cut < len(words) and not text[words[cut][0]].isupper():
        cut -= 1  # "Chief executive" tagged as a name: keep it whole rather than cut mid-title
    return cut


# ---------------------------------------------------------------------------------------------
# Competitions named by their kind: "World Cup", "U.S. Open", "Italian Grand Prix"

# Last words of the name of a competition or a sports event. The model calls many such names an
# organisation ("African Nations Cup", "PGA Tour") or a place, or stops before the last word
# ("U.S." of "U.S. Open"); they are events, to a reader as to CoNLL (MISC).
EVENT_HEADS = (
    "Cup",
    "Open",
    "Championship",
    "Championships",
    "Grand Prix",
    "Olympics",
    "Trophy",
    "Classic",
    "Tour",
)
_EVENT_HEAD_KEYS = frozenset(head.casefold() for head in EVENT_HEADS)
EVENT_LABEL = "EVENT"
# Up to two capitalised words and a head right after a mention, with no capitalised word after
# the head ("U.S. Open", "U.S. Amateur Championship"; not "U.S. Open Market Committee").
_HEAD_FORMS = "|".join(f"{head}|{head.upper()}" for head in EVENT_HEADS)
EVENT_TAIL = re.compile(
    rf"[ \t]+(?:[A-Z][^\W\d_]*\.?[ \t]+){{0,2}}(?:{_HEAD_FORMS})(?![^\W\d_])(?![ \t]+[A-Z])"
)
# A stage of a competition, which a span may run on to after its name ("WORLD CUP QUALIFIER").
_EVENT_STAGES_TEXT = """
    qualifier qualifiers qualifying final finals semifinal semifinals semi-final semi-finals
    quarterfinal quarterfinals quarter-final quarter-finals preliminary match tie draw
"""
EVENT_STAGES = frozenset(_EVENT_STAGES_TEXT.split())


def _event_head_ends(words: Sequence[str], last: int) -> bool:
    """True when words[: last + 1] ends on a capitalised head of an event's name, after at
    least one other word ("World Cup", "Italian Grand Prix"; not "Cup" alone)."""
    word = words[last]
    if not word[:1].isupper():
        return False
    if last >= 1 and word.casefold() in _EVENT_HEAD_KEYS:
        return True
    return last >= 2 and f"{words[last - 1]} {word}".casefold() in _EVENT_HEAD_KEYS


def is_event_name(name: str) -> bool:
    """True when a name ends on the head of a competition's name ("African Nations Cup")."""
    words = name.split()
    return bool(words) and _event_head_ends(words, len(words) - 1)


def _without_event_stage(text: str, start: int, end: int) -> int:
    """The end of a span without the stage words that follow an event's name in it ("WORLD CUP
    QUALIFIER", "Davis Cup final"): the name is the competition's."""
    last = text.rfind(" ", start, end)
    if last < 0 or text[last + 1 : end].casefold() not in EVENT_STAGES:
        return end
    found = list(WORD.finditer(text, start, end))
    words = [m.group() for m in found]
    kept = len(words)
    while kept > 1 and words[kept - 1].casefold() in EVENT_STAGES:
        kept -= 1
    if kept == len(words) or not _event_head_ends(words, kept - 1):
        return end
    return found[kept - 1].end()


# ---------------------------------------------------------------------------------------------
# Mentions and their name keys

# A capital letter that starts a word (no letter before it), for the rules' regexes. The
# letter comes first and the look back after it: a regex that opens with a character class lets
# the engine skip to the next capital in C, one that opens with a look-behind is tried at every
# offset, which took twice the time for the same matches.
WORD_CAPITAL = r"[A-Z](?<![^\W\d_][A-Z])"

# The words of a name, split at spaces and hyphens: its initials, an acronym's long form.
NAME_PART = re.compile(r"[^\s\-–]+")


@dataclass(frozen=True, slots=True)
class RawMention:
    """A trimmed NER span: where it is, what it says, what the model called it."""

    section: Section
    start: int
    end: int
    text: str
    label: str


class MentionIndex:
    """One section's mentions by start, for rules that look at the mentions over each match of
    a pattern: a bisection per match, not a scan of every mention (which made those rules
    quadratic in their matches). A rule that adds or drops mentions inside a match, left to
    right, leaves later matches, which do not overlap it, as the index has them."""

    def __init__(self, mentions: Iterable[RawMention], section: Section) -> None:
        self._mentions = sorted((m for m in mentions if m.section == section), key=_start)
        self._starts = [m.start for m in self._mentions]
        # the furthest end of the mentions up to each: is one running into a later span?
        self._reach = list(itertools.accumulate((m.end for m in self._mentions), max))

    def over(self, start: int, end: int) -> tuple[bool, list[RawMention]]:
        """Whether a mention that starts before `start` runs into the span, and the mentions
        that start inside it."""
        lo = bisect.bisect_left(self._starts, start)
        crossed = lo > 0 and self._reach[lo - 1] > start
        hi = bisect.bisect_left(self._starts, end, lo)
        return crossed, [m for m in self._mentions[lo:hi] if m.end > start]

    def last_before(self, start: int) -> RawMention | None:
        """The mention that starts last before `start`: the one running into a span from
        before, when the mentions do not overlap each other."""
        lo = bisect.bisect_left(self._starts, start)
        return self._mentions[lo - 1] if lo else None

    def touched(self, start: int, end: int) -> bool:
        """Whether any mention overlaps the span."""
        crossed, over = self.over(start, end)
        return crossed or bool(over)

    @classmethod
    def of_spans(cls, spans: Iterable[tuple[int, int]], section: Section) -> MentionIndex:
        """An index of bare spans (a rule's matches), to ask which a mention touches."""
        return cls((RawMention(section, s, e, "", "") for s, e in spans), section)


def _start(mention: RawMention) -> int:
    return mention.start


def name_key(name: str) -> str:
    """The form under which two names count as the same: case, dots, apostrophe style and
    spacing ignored ("U.S." = "US", "LEICESTERSHIRE" = "Leicestershire")."""
    return " ".join(name.replace(".", "").replace("’", "'").casefold().split())


def initials(name: str) -> str:
    """Initials of the capitalised words of a name: "United States" → "US"."""
    return "".join(p[0] for p in NAME_PART.findall(name) if p[0].isupper())


def is_word_char(text: str, index: int) -> bool:
    """True when text[index] exists and is what the regex `\\w` matches."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def line_starts(text: str) -> list[int]:
    """The offsets where the text's lines start."""
    starts = [0]
    end = text.find("\n")
    while end >= 0:
        starts.append(end + 1)
        end = text.find("\n", end + 1)
    return starts


def line_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern that starts with `^` (re.M) and never
    reads past a line break: a match at each line's start at most, each tried there only (the
    regex engine's search tries the `^` at every offset, which cost more than the matching)."""
    found = []
    for start in line_starts(text):
        match = pattern.match(text, start)
        if match is not None:
            found.append(match)
    return found


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with re.ASCII, for the texts `for_text` gives it: in an ASCII text it finds
    what the pattern finds (`\\w`, `\\d`, `\\b` mean the same there), and the regex engine reads
    its classes without Unicode tables, up to twice as fast. Not for a pattern with `\\s` (the
    Unicode class holds ASCII control characters the ASCII one lacks) or a case-blind one with
    other than ASCII in it (which Unicode case-folding can match to ASCII letters)."""
    source = pattern.pattern
    if "\\s" in source or "\\S" in source or (pattern.flags & re.I and not source.isascii()):
        raise ValueError(f"no ASCII twin finds what {source!r} finds")
    return re.compile(source, (pattern.flags & ~re.UNICODE) | re.ASCII)


def for_text(pattern: re.Pattern[str], twin: re.Pattern[str], text: str) -> re.Pattern[str]:
    """The pattern, or its `ascii_twin` for an ASCII text (a flag Python keeps: no scan)."""
    return twin if text.isascii() else pattern
