"""Sports in the entity document pass: competitions, teams, "Name ( Place )" lists, line-ups.

Called by `canonical.py`'s `build_document` between trimming and grouping; reads
`entity_spans.py` only. A name ending on a competition's head is an event, as is an adjective
of one ("Olympic"); results lines, standings rows and sports prose make place- or person-named
entities teams (`team_spans`, `team_cue_spans`, which `entity_types.py` reads too); the items
of a "Name ( Place )" list share one label; the untagged names of a line-up or a list of
scorers whose other names are people are people too.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import pycountry

from pipeline.models import Section
from pipeline.nlp.entity_spans import (
    EVENT_LABEL,
    EVENT_TAIL,
    ORDINAL,
    PLACE_LABELS,
    TEAM_LABELS,
    WORD_CAPITAL,
    MentionIndex,
    RawMention,
    ascii_twin,
    for_text,
    is_event_name,
    is_title_word,
    is_word_char,
    line_matches,
    name_key,
)
from pipeline.nlp.gazetteer import load_gazetteer

# ---------------------------------------------------------------------------------------------
# Competitions in the text: names ending on an event's head, event adjectives ("Olympic")


def as_events(mentions: Sequence[RawMention], texts: Mapping[Section, str]) -> list[RawMention]:
    """Mentions of competitions as EVENTs: a name that ends on an event's head ("PGA Tour" the
    model called an ORG), and a name the head follows, which the model stopped short of
    ("U.S." of "U.S. Open"), extended over it."""
    ordered = sorted(mentions, key=lambda m: (m.section, m.start))
    result: list[RawMention] = []
    skip_to: dict[Section, int] = {}
    for m in ordered:
        if m.start < skip_to.get(m.section, 0):
            continue  # inside an event's name extended over it
        text = texts[m.section]
        tail = None if is_event_name(m.text) else EVENT_TAIL.match(text, m.end)
        if tail is not None:
            end = tail.end()
            skip_to[m.section] = end
            result.append(RawMention(m.section, m.start, end, text[m.start : end], EVENT_LABEL))
        elif m.label != EVENT_LABEL and (is_event_name(m.text) or m.text in EVENT_ADJECTIVES):
            result.append(RawMention(m.section, m.start, m.end, m.text, EVENT_LABEL))
        else:
            result.append(m)
    return _with_event_adjectives(result, texts)


# Adjectives of competitions, which the model tags as buildings or dates, or misses ("former
# Olympic sprint champions", "Olympic 100 metres champion"): events, as CoNLL has them (MISC).
EVENT_ADJECTIVES = frozenset({"Olympic", "OLYMPIC", "Paralympic", "PARALYMPIC"})


def _with_event_adjectives(
    mentions: list[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """The mentions plus an EVENT mention for each competition's adjective no mention covers."""
    added = []
    for section, text in texts.items():
        if not any(word in text for word in EVENT_ADJECTIVES):
            continue  # most texts hold none: no need to sort the mentions
        taken = sorted((m.start, m.end) for m in mentions if m.section == section)
        for word in EVENT_ADJECTIVES:
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                i = bisect.bisect_left(taken, (end, end))
                if not (
                    is_word_char(text, start - 1)
                    or is_word_char(text, end)
                    or (i and taken[i - 1][1] > start)
                ):
                    added.append(RawMention(section, start, end, word, EVENT_LABEL))
                start = text.find(word, end)
    return mentions + added if added else mentions


# ---------------------------------------------------------------------------------------------
# Sports teams named after their place

# A name starts at a word's start: tried inside a long capitalised word, at each of its
# letters, the search was quadratic in the word's length.
TEAM_NAME = rf"{WORD_CAPITAL}[^\W\d_]*\.?(?:[ '-][A-Z][^\W\d_]*\.?){{0,3}}"
# A team's town as a letter or two in parentheses after its name, which is part of it
# ("Mladost ( L )", "Rad (B)"); a country's code there ("( US )") is the team's country instead,
# and `results_spans` leaves it out.
TEAM_QUALIFIER = r" ?\( ?[A-Z]{1,2}\.? ?\)"
# A results line: "Leeds 2 Chelsea 1", "San Diego 3 NEW YORK 2 ( 10 innings )", "Rad ( B ) 1
# Zemun 0", and with the home side's scorers after its score: "Leeds 2 ( Ann Lee 2 ) Chelsea 1".
SCORE_LINE = re.compile(
    rf"^[ \t]*(?P<a>{TEAM_NAME})(?P<aq>{TEAM_QUALIFIER})?[ \t]+\d{{1,3}}"
    rf"(?:[ \t]+\([^()\n]{{0,80}}\))?"
    rf"[ \t]+(?P<b>{TEAM_NAME})(?P<bq>{TEAM_QUALIFIER})?[ \t]+\d{{1,3}}\b",
    re.M,
)
# A fixture "Birmingham v Barnsley" and results told in words: "Essex beat Kent".
PAIR_WORDS = (
    "v",
    "vs.",
    "vs",
    "beat",
    "beats",
    "defeated",
    "edged",
    "thrashed",
    "routed",
    "drew with",
)
TEAM_PAIR = re.compile(
    rf"(?P<a>{TEAM_NAME}) (?:{'|'.join(map(re.escape, PAIR_WORDS))})"
    rf" (?P<b>{TEAM_NAME})(?![^\W\d_])"
)
_PAIR_CUES = tuple(f" {word} " for word in PAIR_WORDS)  # a pair's word between its spaces
# A line of a schedule of games: "KANSAS CITY AT DETROIT", "Rivertown at Lakeside", the whole
# line: the visiting team, then where it plays, a place. One such line may be a headline ("FIRE
# AT REFINERY"): a schedule lists games, so only a text with `MIN_FIXTURE_LINES` of them counts.
FIXTURE_LINE = re.compile(
    rf"^[ \t]*(?P<a>{TEAM_NAME})(?P<aq>{TEAM_QUALIFIER})? (?:at|AT)"
    rf" (?P<b>{TEAM_NAME})(?P<bq>{TEAM_QUALIFIER})?[ \t]*$",
    re.M,
)
MIN_FIXTURE_LINES = 2


# A ranked line of an individual event's results with each rider's or athlete's team after
# his country: "3. Ann Lee ( Norland ) Rivertown Cycling 1:23", "9. Bo Ek ( Sudria ) Vela
# same time". The team's name ends the line, or a time or a lower-case word follows it.
RANKED_TEAM = re.compile(
    rf"^[ \t]*\d{{1,3}}\.?[ \t]+[A-Z][^()\n]{{0,60}}\([^()\n]{{1,40}}\)[ \t]+"
    rf"(?P<a>{TEAM_NAME})(?![^\W\d_])(?=[ \t]*(?:$|\d|[a-z]))",
    re.M,
)


# A row of a table of standings: a name, then at least three small numbers and nothing else
# ("BALTIMORE 71 63 .530 4", "Red Star 4 4 0 0 9 3 12", "MONTREAL 71 62 .534 12 1/2"):
# games won, drawn and lost belong to teams. Numbers with thousands separators are money or
# shares (a company's accounts), and do not count.
_STANDING = r"(?:\d{1,3}|\.\d{3}|\d{1,2}/\d|-)"
STANDINGS_ROW = re.compile(
    rf"^[ \t]*(?P<a>{TEAM_NAME})(?P<aq>{TEAM_QUALIFIER})?(?:[ \t]+{_STANDING}){{3,}}[ \t]*$",
    re.M,
)


# A name that sports prose shows to be a team: after "club" or "side", or before a player's
# role ("Warwickshire captain", "Newcastle team mate", "a Karlsruhe goal").
TEAM_NOUNS = ("club", "side", "champions", "rivals", "team")
TEAM_ROLES = (
    "coach",
    "manager",
    "skipper",
    "captain",
    "striker",
    "midfielder",
    "goalkeeper",
    "keeper",
    "defender",
    "team-mate",
    "teammate",
    "team mate",
    "goal",
)
TEAM_CUE = re.compile(
    rf"\b(?:{'|'.join(TEAM_NOUNS)}) (?P<a>{TEAM_NAME})(?![^\W\d_])"
    rf"|(?P<b>{TEAM_NAME}) (?:{'|'.join(TEAM_ROLES)})\b"
)
# What a match holds: a noun and the space after it, or a space and a role.
_TEAM_CUES = tuple(f"{noun} " for noun in TEAM_NOUNS) + tuple(f" {role}" for role in TEAM_ROLES)


# A name that business prose shows to be a firm: its shares and stock are traded ("shares of
# Jones", "Jones common stock", "Magna 's shares"). People own shares; they are not them.
COMPANY_CUE = re.compile(
    rf"\b(?:shares|stock|stake) (?:of|in) (?P<a>{TEAM_NAME})(?![^\W\d_])"
    rf"|(?P<b>{TEAM_NAME})(?: 's)? (?:common |preferred |ordinary )?(?:shares|stock|stockholders"
    rf"|shareholders)\b"
)
_ASCII_TEAM_CUE = ascii_twin(TEAM_CUE)
_ASCII_COMPANY_CUE = ascii_twin(COMPANY_CUE)
# Every match of `COMPANY_CUE` holds one of these: a text with none skips the search.
_COMPANY_WORDS = ("share", "stock", "stake")


# A noun for a team right before a name ("club Standard Liege", "team Deportivo Coruna").
_TEAM_NOUN = re.compile(rf"\b(?:{'|'.join(TEAM_NOUNS)}) $")
TEAM_NOUN_WINDOW = 12  # characters before a mention searched for one


def _after_team_noun(mention: RawMention, texts: Mapping[Section, str]) -> bool:
    """True when a noun for a team comes right before the mention: a team even when the
    model read its two words as a person's name."""
    before = texts[mention.section][max(0, mention.start - TEAM_NOUN_WINDOW) : mention.start]
    return _TEAM_NOUN.search(before) is not None


def company_cue_spans(text: str) -> set[tuple[int, int]]:
    """Spans of capitalised words that business prose shows to be firms ("Jones stock")."""
    if not _holds_any(text, _COMPANY_WORDS):
        return set()  # the search would find nothing: most texts are no business news
    cues = for_text(COMPANY_CUE, _ASCII_COMPANY_CUE, text)
    return {m.span("a" if m.group("a") else "b") for m in cues.finditer(text)}


def _holds_any(text: str, words: Sequence[str]) -> bool:
    """Whether any of the words occurs in the text: a test in C before a regex search that
    cannot match without one, cheaper than the search's try at every offset."""
    return any(word in text for word in words)


def team_spans(text: str) -> set[tuple[int, int]]:
    """Spans of names that the text shows to be teams: in its results or schedule, or by
    sports prose."""
    return results_spans(text) | schedule_spans(text)[0] | team_cue_spans(text)


def results_spans(text: str) -> set[tuple[int, int]]:
    """Spans of names that the text's results lines, fixtures and standings show to be teams."""
    spans = set()
    for match in line_matches(SCORE_LINE, text):
        spans.add(_team_span(match, "a"))
        spans.add(_team_span(match, "b"))
    if _holds_any(text, _PAIR_CUES):  # each pair's word stands between spaces
        for match in TEAM_PAIR.finditer(text):
            spans.add(match.span("a"))
            spans.add(match.span("b"))
    spans.update(_team_span(match, "a") for match in line_matches(STANDINGS_ROW, text))
    spans.update(match.span("a") for match in line_matches(RANKED_TEAM, text))
    return spans


def schedule_spans(text: str) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Spans of the teams and of the places of a schedule's games (`FIXTURE_LINE`)."""
    fixtures = line_matches(FIXTURE_LINE, text)
    if len(fixtures) < MIN_FIXTURE_LINES:
        return set(), set()
    return {_team_span(m, "a") for m in fixtures}, {_team_span(m, "b") for m in fixtures}


def with_venues(
    mentions: Sequence[RawMention],
    texts: Mapping[Section, str],
    venues: Mapping[Section, set[tuple[int, int]]],
) -> list[RawMention]:
    """The mentions with each place of a schedule's game (`schedule_spans`) a GPE mention, in
    place of whatever the model saw over it ("BOSTON AT OAKLAND" as one name)."""
    if not any(venues.values()):
        return list(mentions)
    index = {section: MentionIndex.of_spans(spans, section) for section, spans in venues.items()}
    kept = [m for m in mentions if not index[m.section].touched(m.start, m.end)]
    for section, spans in venues.items():
        text = texts[section]
        kept += [RawMention(section, s, e, text[s:e], PLACE_LABEL) for s, e in sorted(spans)]
    return kept


def _team_span(match: re.Match[str], side: str) -> tuple[int, int]:
    """A team's span in a results line: its name, and the town letters after it
    (`TEAM_QUALIFIER`) unless they are a place's name ("( US )": the team's country)."""
    start, end = match.span(side)
    qualifier = match.group(side + "q")
    if qualifier and not load_gazetteer().names.get(qualifier.strip(" ()")):
        end = match.end(side + "q")
    return start, end


def team_cue_spans(text: str) -> set[tuple[int, int]]:
    """Spans of capitalised words that sports prose shows to be teams ("side Nice"): evidence
    for a name the model tagged, never a name by themselves ("Former captain")."""
    if not _holds_any(text, _TEAM_CUES):
        return set()  # the search would find nothing: most texts are no sports news
    cues = for_text(TEAM_CUE, _ASCII_TEAM_CUE, text)
    return {m.span("a" if m.group("a") else "b") for m in cues.finditer(text)}


@functools.cache
def _country_keys() -> frozenset[str]:
    """Name keys of countries (and the UK's nations): national teams keep their place label,
    as CoNLL and most readers do ("South Africa beat Wales")."""
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if value := getattr(country, attr, None):
                names.add(name_key(value))
    for subdivision in pycountry.subdivisions:
        if subdivision.type in ("Country", "Nation"):
            names.add(name_key(subdivision.name.split(" [")[0]))
    return frozenset(names)


def plays_as_team(
    label: str,
    group: Sequence[RawMention],
    teams: Mapping[Section, set[tuple[int, int]]],
    texts: Mapping[Section, str],
) -> bool:
    """True when an entity labelled a place, or a person by a one-word name ("Kent", "Wigan"),
    is a team the text shows (`is_team`): a full name is a person's, whatever line it is on,
    unless the text calls it a club or team (`_after_team_noun`). In a story that shows teams
    at all, a person by a one-word name that is a town's or a region's is a team too ("Essex
    and Kent both face tense finishes"): players are named in full, or by one name after their
    role ("midfielder Donato"), which keeps them people."""
    if label == "PERSON" and any(" " in m.text for m in group):
        return any(_after_team_noun(m, texts) for m in group)
    if (
        label == "PERSON"
        and any(teams.values())
        and all(_is_town(m.text) for m in group)
        and not any(_after_title_word(m, texts) for m in group)
    ):
        return True
    return label in TEAM_LABELS and is_team(group, teams)


# A word right before a mention: a role or title names a person ("midfielder Donato").
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
WORD_BEFORE_WINDOW = 16  # characters before a mention searched for it
# Title words that qualify a team as well as a person ("former Blackburn and Southampton skipper").
TITLE_MODIFIERS = frozenset({"former", "late", "acting", "deputy"})


# Last words of the name of a league or of its divisions ("American League", "EASTERN DIVISION").
LEAGUE_HEADS = frozenset({"league", "division", "conference"})


def is_league(name: str) -> bool:
    """True when a name of two or more words ends on a league's head word: in a story that shows
    teams, a league the teams play in, which is a competition (EVENT) like a cup, not a body."""
    words = name.split()
    return len(words) > 1 and words[-1][0].isupper() and words[-1].casefold() in LEAGUE_HEADS


# A league or division named by capitalised words before its head, shouted or not ("NATIONAL
# LEAGUE", "Central Division"): a table's heading or a results line's, which the model misses.
LEAGUE_WORDS = ("League", "LEAGUE", "Division", "DIVISION", "Conference", "CONFERENCE")
LEAGUE_NAME = re.compile(
    rf"{WORD_CAPITAL}[^\W\d_]*(?:[ \t][A-Z][^\W\d_]*)?[ \t]"
    rf"(?:{'|'.join(LEAGUE_WORDS)})(?![^\W\d_])"
)


NATIONALITY_LABELS = frozenset({"NORP", "LANGUAGE"})


def with_league_names(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> list[RawMention]:
    """The mentions plus an EVENT mention for each league name (`LEAGUE_NAME`) no mention
    touches; for a text that shows teams, where a league is one the teams play in. A country's
    league ("ENGLISH LEAGUE", "Spanish First Division") is left to its nationality: a demonym
    the gazetteer knows, or a word the text tags as a nationality or language elsewhere."""
    added = []
    names = load_gazetteer().names
    peoples = {name_key(m.text).title() for m in mentions if m.label in NATIONALITY_LABELS}
    for section, text in texts.items():
        if not _holds_any(text, LEAGUE_WORDS):
            continue  # each league's name ends on one of them
        index = MentionIndex(mentions, section)
        for match in LEAGUE_NAME.finditer(text):
            first = match.group().split()[0].title()
            demonym = first in peoples or (
                first in names and all(c.kind == "d" for c in names[first])
            )
            if not demonym and not index.touched(*match.span()):
                added.append(RawMention(section, *match.span(), match.group(), EVENT_LABEL))
    return [*mentions, *added] if added else list(mentions)


def _after_title_word(mention: RawMention, texts: Mapping[Section, str]) -> bool:
    before = texts[mention.section][max(0, mention.start - WORD_BEFORE_WINDOW) : mention.start]
    found = _WORD_BEFORE.search(before)
    return (
        found is not None
        and is_title_word(found.group(1))
        and found.group(1).casefold() not in TITLE_MODIFIERS
    )


# Kinds of gazetteer places a team is named after: towns, capitals, regions (not countries, whose
# national teams stay places, nor demonyms).
TEAM_PLACE_KINDS = frozenset({"t", "p", "a"})


def _is_town(name: str) -> bool:
    """True when the gazetteer knows a one-word name as a town or region and as no country."""
    if " " in name or name_key(name) in _country_keys():
        return False
    candidates = load_gazetteer().names.get(name.title() if name.isupper() else name, ())
    return bool(candidates) and all(c.kind in TEAM_PLACE_KINDS for c in candidates)


def trades_as_firm(
    label: str, group: Sequence[RawMention], firms: Mapping[Section, set[tuple[int, int]]]
) -> bool:
    """True when an entity the model called a person by one-word names only ("Magna") has
    shares or stock in the text: a firm."""
    return (
        label == "PERSON"
        and not any(" " in m.text for m in group)
        and any((m.start, m.end) in firms[m.section] for m in group)
    )


def is_team(mentions: Sequence[RawMention], teams: Mapping[Section, set[tuple[int, int]]]) -> bool:
    """True when a place-named entity plays in a results line or fixture, and is no country."""
    return any((m.start, m.end) in teams[m.section] for m in mentions) and not any(
        name_key(m.text) in _country_keys() for m in mentions
    )


def without_score_crossings(
    mentions: Sequence[RawMention],
    texts: Mapping[Section, str],
    teams: Mapping[Section, set[tuple[int, int]]],
) -> list[RawMention]:
    """The mentions but model slips over a results line's teams: a span with a digit over one
    ("Atlanta 5 PITTSBURGH"), a span over two ("Rivertown v Lakeside"), and a part of a team
    whose name ends on its town's letters ("Mladost" of "Mladost ( L )"); `missed_teams` puts
    the teams in their place."""
    if not any(teams.values()):
        return list(mentions)  # no team to cross: most texts show none
    index = {section: MentionIndex.of_spans(spans, section) for section, spans in teams.items()}
    return [m for m in mentions if not _crosses_teams(m, index[m.section], texts[m.section])]


def _crosses_teams(mention: RawMention, index: MentionIndex, text: str) -> bool:
    crossed, over = index.over(mention.start, mention.end)
    if not crossed and not over:
        return False
    if any(c.isdigit() for c in mention.text) or crossed + len(over) > 1:
        return True
    span = over[0] if over else index.last_before(mention.start)
    return (
        span is not None
        and text[span.start : span.end].endswith(")")
        and (span.start, span.end) != (mention.start, mention.end)
    )


def missed_teams(
    mentions: Sequence[RawMention],
    texts: Mapping[Section, str],
    teams: Mapping[Section, set[tuple[int, int]]],
) -> list[RawMention]:
    """Team names of results lines that no mention touches: ORG, or GPE for a country."""
    added = []
    for section, spans in teams.items():
        if not spans:
            continue
        index = MentionIndex(mentions, section)
        for start, end in spans:
            if index.touched(start, end):
                continue
            name = texts[section][start:end]
            label = "GPE" if name_key(name) in _country_keys() else "ORG"
            added.append(RawMention(section, start, end, name, label))
    return added


# ---------------------------------------------------------------------------------------------
# Lists of names with their country: "Tim Henman ( Britain ) beat Doug Flach ( U.S. )"

# A name, then a place in parentheses. Results, line-ups and casualty lists write each person
# or team so; the model tags some items and misses or mislabels others of the same list.
LIST_ITEM = re.compile(rf"(?P<name>{TEAM_NAME}) ?\( ?(?P<place>[A-Z][^()\n]{{0,40}}?) ?\)")
# An item's parenthesis and its place's capital: a literal-led regex the engine finds in C, for
# a count of them before the search for whole items.
_ITEM_PLACE_START = re.compile(r"\( ?[A-Z]")
# Labels a list's items take, and how many tagged items make a list whose majority counts.
LIST_LABELS = ("PERSON", "ORG")
PLACE_LABEL = "GPE"  # the label of a list's place the model did not tag
MIN_LIST_ITEMS = 3


def with_list_items(mentions: Sequence[RawMention], text: str) -> list[RawMention]:
    """The story's mentions with every "Name ( Place )" item of a list of them labelled as most
    of the items the model tagged: items of one list are one kind of thing (people, or teams),
    and what the list puts in parentheses is a place when most of it is.

    A list is at least `MIN_LIST_ITEMS` items whose parenthesis holds a name the model tagged
    as a place in the text, two in three of all items; an item whose name is covered by a
    mention running outside the item is left as it is.
    """
    if len(_ITEM_PLACE_START.findall(text)) < MIN_LIST_ITEMS:
        return list(mentions)  # each item holds one; a list needs `MIN_LIST_ITEMS` items
    items = list(LIST_ITEM.finditer(text))
    if len(items) < MIN_LIST_ITEMS:
        return list(mentions)  # too few items to hold a list's `MIN_LIST_ITEMS` placed ones
    places = {name_key(m.text) for m in mentions if m.label in PLACE_LABELS}
    placed = sum(name_key(item.group("place")) in places for item in items)
    if placed < MIN_LIST_ITEMS or placed * 3 < len(items) * 2:
        return list(mentions)
    story = [m for m in mentions if m.section == "story"]
    votes: Counter[str] = Counter()
    labels_at: dict[tuple[int, int], list[str]] = {}
    for m in story:
        labels_at.setdefault((m.start, m.end), []).append(m.label)
    for item in items:
        votes.update(labels_at.get(item.span("name"), ()))
    label, count = max(((lb, votes[lb]) for lb in LIST_LABELS), key=lambda lc: lc[1])
    if count < MIN_LIST_ITEMS or count * 2 <= sum(votes.values()):
        return list(mentions)
    index = MentionIndex(mentions, "story")
    dropped: set[int] = set()
    added = []
    for item in items:
        crossed, over = index.over(item.start(), item.end())
        if crossed or any(m.end > item.end() for m in over):
            continue  # the model saw a longer name: trust it
        start, end = item.span("place")
        if not any(m.start < end and m.end > start and m.label in PLACE_LABELS for m in over):
            added.append(RawMention("story", start, end, text[start:end], PLACE_LABEL))
        start, end = item.span("name")
        dropped.update(id(m) for m in over if m.start < end)
        added.append(RawMention("story", start, end, text[start:end], label))
    return [m for m in mentions if id(m) not in dropped] + added


# ---------------------------------------------------------------------------------------------
# Line-ups and scorers: "Belgium - 1 - Filip De Wilde , 2 - Bertrand Crasson ( 15 - Nico ... )"

# What separates the items of a list of people on one line.
LINEUP_SEPARATOR = re.compile(r"[,;()]")
# A person's name: capitalised words, with the lower-case particles of surnames between them.
_NAME_WORD = r"[A-Z][^\W\d_]*(?:['’.-][A-Za-z]+)*\.?"
_PARTICLE = r"(?:de|da|das|do|dos|del|della|di|du|van|von|der|den|ter|le|la|bin|ibn|al|el)"
LINEUP_NAME = re.compile(rf"{_NAME_WORD}(?: (?:{_PARTICLE} )*{_NAME_WORD}){{0,3}}")
MIN_LINEUP_PERSONS = 2  # people the model tagged on the line, at least half its names
MAX_LINEUP_ITEM = 80  # characters: a longer item is prose, not a name with a number


def _lineup_names(line: str, offset: int) -> list[tuple[int, int, bool]]:
    """Spans of the items of a line, split at commas, semicolons and parentheses, that are a
    name after whatever number, place or team and dash come before it ("6 - Gunther Schepens",
    "Romania - Viorel Moldovan", "11- Luis Oliveira"), each with whether something came
    before it (a line-up's number, a scorer's team)."""
    spans = []
    start = 0
    for sep in [*LINEUP_SEPARATOR.finditer(line), None]:
        end = sep.start() if sep else len(line)
        item_start, item_end = start, end
        start = sep.end() if sep else len(line)
        listed = False
        if item_end - item_start > MAX_LINEUP_ITEM:
            continue
        dash = line.rfind("- ", item_start, item_end)
        if dash >= 0:
            item_start = dash + 2
        while item_start < item_end and not line[item_start].isalpha():
            listed = line[item_start].isdigit() or listed
            item_start += 1
        listed = listed or dash >= 0
        while item_end > item_start and (
            line[item_end - 1] in " \t" or line.startswith(" .", item_end - 2)
        ):
            item_end -= 1  # spaces, and a sentence's end as tokenised text writes it
        if item_start < item_end and LINEUP_NAME.fullmatch(line, item_start, item_end):
            spans.append((offset + item_start, offset + item_end, listed))
    return spans


# A scorer: a name with the minute of the goal in parentheses after it, after a team and a dash
# or a comma ("Norland - Ann Lee ( 61st )", ", Bo Ek ( 3rd minute )"), or a substitute with the
# minute he came on inside them ("( Cy Dahl 77th )"); not an ordinal of something else ("World
# Cup ( 2nd round )").
_MINUTE = r"\d{1,3}(?:st|nd|rd|th)(?![^\W\d_])"
SCORER = re.compile(
    rf"(?:^|- |, )(?P<a>{LINEUP_NAME.pattern}) \( ?{_MINUTE}(?= ?[),]| minute)"
    rf"|\( ?(?P<b>{LINEUP_NAME.pattern}) {_MINUTE} ?\)",
    re.M,
)


def with_scorers(mentions: Sequence[RawMention], text: str) -> list[RawMention]:
    """The story's mentions plus a PERSON for each scorer's or substitute's name (`SCORER`)
    no mention touches: a minute is a player's."""
    if "(" not in text or not ORDINAL.search(text):
        return list(mentions)  # every match holds a parenthesis and a minute, an ordinal
    index: MentionIndex | None = None  # built at the first match: most stories have none
    added = []
    for match in SCORER.finditer(text):
        if index is None:
            index = MentionIndex(mentions, "story")
        start, end = match.span("a" if match.group("a") else "b")
        if not index.touched(start, end):
            added.append(RawMention("story", start, end, text[start:end], "PERSON"))
    return [*mentions, *added] if added else list(mentions)


def with_lineup_names(mentions: Sequence[RawMention], text: str) -> list[RawMention]:
    """The story's mentions with every untagged name of a list of people a PERSON: a line-up or
    a list of scorers, whose items are names after a number or a team and a dash, the model
    tagging some and missing others of one line. A line is such a list when the model tagged
    at least `MIN_LINEUP_PERSONS` of its names as persons, and more than it tagged otherwise;
    an untagged item of one word counts only after a number or a dash ("However , ..."). An
    item of two or more words the model called an organisation is a person there too ("Stuart
    McCall , Alistair McCoist ( Gordon Durie 75th )")."""
    story = sorted((m.start, m.end, m.label) for m in mentions if m.section == "story")
    starts = [m[0] for m in story]
    # a list's line holds persons the model tagged: a line with fewer is not read for items
    person_starts = [start for start, _, label in story if label == "PERSON"]
    added = []
    relabelled: set[tuple[int, int]] = set()
    offset = 0
    for line in text.split("\n"):
        first = bisect.bisect_left(person_starts, offset)
        if (
            first + MIN_LINEUP_PERSONS <= len(person_starts)
            and person_starts[first + MIN_LINEUP_PERSONS - 1] < offset + len(line)
            and ("," in line or "(" in line)
        ):
            persons, others, untagged, firms = 0, 0, [], []
            for start, end, listed in _lineup_names(line, offset):
                i = bisect.bisect_left(starts, end)
                over = [m for m in story[max(0, i - 1) : i] if m[1] > start]
                if not over:
                    if listed or " " in text[start:end]:
                        untagged.append((start, end))
                elif over[0][:2] == (start, end) and over[0][2] == "PERSON":
                    persons += 1
                else:
                    others += 1
                    if (
                        over[0][:2] == (start, end)
                        and over[0][2] == "ORG"
                        and " " in text[start:end]
                    ):
                        firms.append((start, end))
            if persons >= MIN_LINEUP_PERSONS and persons > others:
                added += [RawMention("story", s, e, text[s:e], "PERSON") for s, e in untagged]
                relabelled.update(firms)
        offset += len(line) + 1
    if not added and not relabelled:
        return list(mentions)
    kept = [
        RawMention(m.section, m.start, m.end, m.text, "PERSON")
        if m.section == "story" and (m.start, m.end) in relabelled
        else m
        for m in mentions
    ]
    return [*kept, *added]
