"""From raw NER spans to a reader's list of entities: the document pass, as pure functions.

`pipeline.nlp.entities` runs spaCy and hands this module plain `RawMention`s; everything here
works on strings and offsets only, so it is unit-tested without the model. The pass:

1. `trim_name` strips what is not the name from each span (leading "the", titles and roles
   before a person's name, a trailing possessive), so mention offsets cover the name only.
2. `find_acronym_definitions` finds "Long Form Name (LFN)" in the text: the long form becomes
   an entity (ORG unless the model tagged it otherwise) and the acronym an alias of it.
3. `group_mentions` puts mentions of one real-world thing together: same name, defined
   acronyms, initials of a longer name ("US" / "United States"), and short person names that
   are a token-subsequence of exactly one longer PERSON name ("Khan" / "Imran Khan").
4. `vote_label` gives each group one label; `salience` scores it.

Shape rules of news text run between 2 and 3: common words the article itself writes in lower case
go; a wire dateline's place is a GPE and the byline above it a person; the items of a "Name
( Place )" list share one label; results lines, standings rows and sports prose ("side Nice") make
place- or person-named entities teams, as a noun for a team before a full name does ("club
Standard Liege"), and in a story that shows teams a town or region the model called a person by
its one-word name ("Kent") is one; a one-word person whose shares trade is a firm; the portfolio
of a minister's title ("Education Minister") is no organisation; a shouted headline's topic and
dash ("SOCCER - ...") is no name; surnames of people named in full are theirs; a name ending on a
competition's head ("African Nations Cup", "U.S. Open") is an event, as is an adjective of one
("Olympic"), and so is a league in a story that shows teams ("American League"); a demonym no
mention covers ("Mexican", "WELSH") is a nationality; a name ending on a legal form ("Pirelli
SpA") is a firm's, and ends there; names the model joined ("Mercantile and Commerce") are split
when the article names each apart too; a title-case run between quotation marks ("Viva Zapata") is
a work of art; the untagged names of a line-up or a list of scorers whose other names the model
tagged as people are people too; a name right after a noun for a news organisation ("news agency
Tanjug") is one.
bench/entities.py measures them (CoNLL F1, place-name type accuracy).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pipeline.models import Entity, Mention, Section
from pipeline.nlp.entity_shapes import (
    _as_firms,
    _split_joined_names,
    _with_nationalities,
    _with_press_names,
    _with_quoted_titles,
    find_acronym_definitions,
)
from pipeline.nlp.entity_spans import (
    EVENT_LABEL,
    LABEL_PREFERENCE,
    MERGEABLE_INTO_PERSON,
    PLACE_LABELS,
    UNTAGGED,
    WEEKDAYS,
    RawMention,
    _is_title_word,
    _is_word_char,
    initials,
    name_key,
)
from pipeline.nlp.entity_sports import (
    _as_events,
    _crosses_score,
    _is_league,
    _missed_teams,
    _plays_as_team,
    _trades_as_firm,
    _with_lineup_names,
    _with_list_items,
    company_cue_spans,
    is_team,
    results_spans,
    team_cue_spans,
)

# ---------------------------------------------------------------------------------------------
# Groups and the label vote


class _Groups:
    """Union-find over name keys, with each root's mentions."""

    def __init__(self, mentions: Iterable[RawMention]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[RawMention]] = {}
        for mention in mentions:
            key = name_key(mention.text)
            self.parent.setdefault(key, key)
            self.members.setdefault(key, []).append(mention)

    def root(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, short: str, long: str) -> None:
        a, b = self.root(short), self.root(long)
        if a != b:
            self.parent[a] = b
            self.members[b].extend(self.members.pop(a))

    def groups(self) -> list[list[RawMention]]:
        return list(self.members.values())


def group_mentions(
    mentions: Sequence[RawMention], aliases: Mapping[str, str] | None = None
) -> list[list[RawMention]]:
    """Mentions of the same thing together (see the module docstring for the rules).

    `aliases` maps an acronym's name key to its long form's, from `find_acronym_definitions`.
    """
    groups = _Groups(mentions)
    for short, long in (aliases or {}).items():
        if short in groups.parent and long in groups.parent:
            groups.union(short, long)
    _merge_initials(groups)
    _merge_person_names(groups)
    return groups.groups()


def _labels(mentions: Iterable[RawMention]) -> Counter[str]:
    counts = Counter(m.label for m in mentions)
    del counts[UNTAGGED]
    return counts


def _merge_initials(groups: _Groups) -> None:
    """An all-capital name that is the initials of exactly one longer name with the same
    majority label merges into it: "US" into "United States", "UN" into "United Nations"."""
    by_initials: dict[tuple[str, str], set[str]] = {}
    for key, members in groups.members.items():
        name = members[0].text
        if len(name.split()) > 1:
            label = _labels(members).most_common(1)[0][0]
            by_initials.setdefault((initials(name), label), set()).add(key)
    for key in list(groups.members):
        if key not in groups.members:
            continue
        members = groups.members[key]
        name = members[0].text.replace(".", "")
        if not (name.isupper() and name.isalpha() and 2 <= len(name) <= 6):
            continue
        label = _labels(members).most_common(1)[0][0]
        targets = {groups.root(k) for k in by_initials.get((name, label), ())}
        if len(targets) == 1:
            groups.union(key, targets.pop())


def _merge_person_names(groups: _Groups) -> None:
    """A short name that is a token-subsequence of exactly one longer PERSON name merges into
    it ("Khan", "Imran" into "Imran Khan"); a name that fits two persons stays apart."""
    tokens = {key: key.split() for key in groups.members}
    persons = [
        key
        for key, members in groups.members.items()
        if len(tokens[key]) > 1 and any(m.label == "PERSON" for m in members)
    ]
    for key in sorted(tokens, key=lambda k: -len(tokens[k])):
        if key not in groups.members:
            continue  # already merged into something longer
        labels = {m.label for m in groups.members[key]}
        if not labels & MERGEABLE_INTO_PERSON or (
            "PERSON" not in labels and labels - MERGEABLE_INTO_PERSON
        ):
            continue
        targets = {
            groups.root(p)
            for p in persons
            if len(tokens[p]) > len(tokens[key]) and _is_subsequence(tokens[key], tokens[p])
        }
        targets.discard(groups.root(key))
        if len(targets) == 1:
            groups.union(key, targets.pop())


# A preposition of place right before a name: "in Washington" is the city, whoever else is
# called Washington.
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|from|to|outside|across|of)[ \t]+$", re.I)
PREPOSITION_WINDOW = 10  # characters before a mention searched for it


def _merge_surnames_taken_for_places(
    groups: list[list[RawMention]], texts: Mapping[Section, str]
) -> list[list[RawMention]]:
    """A one-word name the model called a place that is the surname of exactly one person the
    article names in full ("Roberto Duran" ... "Duran , 45 ,") joins that person, unless a
    preposition of place comes before one of its mentions ("in Washington")."""
    persons: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        if any(m.label == "PERSON" and " " in m.text for m in group):
            for last in {name_key(m.text).split()[-1] for m in group if " " in m.text}:
                persons.setdefault(last, []).append(index)
    merged: dict[int, int] = {}
    for index, group in enumerate(groups):
        labels = _labels(group)
        if not labels or set(labels) - PLACE_LABELS or any(" " in m.text for m in group):
            continue
        owners = persons.get(name_key(group[0].text), [])
        if len(owners) != 1 or owners[0] == index:
            continue
        if any(_after_place_preposition(m, texts[m.section]) for m in group):
            continue
        merged[index] = owners[0]
    for index, target in merged.items():
        groups[target].extend(groups[index])
    return [group for index, group in enumerate(groups) if index not in merged]


def _after_place_preposition(mention: RawMention, text: str) -> bool:
    before = text[max(0, mention.start - PREPOSITION_WINDOW) : mention.start]
    return _PLACE_PREPOSITION.search(before) is not None


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    remaining = iter(long)
    return all(token in remaining for token in short)


def vote_label(mentions: Sequence[RawMention]) -> str:
    """One label per entity: PERSON when the group holds a multi-word PERSON name (the short
    names merged into it on that evidence), else the majority, ties by `LABEL_PREFERENCE`."""
    if any(m.label == "PERSON" and " " in m.text for m in mentions):
        return "PERSON"
    counts = _labels(mentions)
    best = max(counts.values())
    tied = [label for label, n in counts.items() if n == best]
    return min(tied, key=lambda lb: (_preference(lb), lb))


def _preference(label: str) -> int:
    return LABEL_PREFERENCE.index(label) if label in LABEL_PREFERENCE else len(LABEL_PREFERENCE)


def canonical_name(mentions: Sequence[RawMention]) -> str:
    """The fullest form used: most words, then not all-capital (headlines shout), then the
    longest, then the earliest."""
    return min(
        mentions,
        key=lambda m: (-len(m.text.split()), m.text.isupper(), -len(m.text), _order(m)),
    ).text


def _order(mention: RawMention) -> tuple[int, int]:
    return (0 if mention.section == "title" else 1, mention.start)


# ---------------------------------------------------------------------------------------------
# Common words the model took for names

_LETTERS = re.compile(r"[^\W\d_]+")
# Plural nouns for groups of people that head a results list's events ("Women's 100 metres",
# "Men's singles"), which the model tags as organisations at a line's start.
PEOPLE_NOUNS = frozenset({"men", "women", "boys", "girls", "juniors", "seniors", "veterans"})
# Shorter shouted words are acronyms as often as words ("US", "WHO").
MIN_SHOUTED_WORD = 4


def _lower_words(texts: Iterable[str]) -> frozenset[str]:
    """The words the texts write in lower case: common words, whatever a headline does."""
    return frozenset(word for text in texts for word in _LETTERS.findall(text) if word.islower())


def _shouted_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text's lines without a lower-case letter: shouted headlines."""
    lines = []
    start = 0
    for line in text.split("\n"):
        if not any(c.islower() for c in line):
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


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


def _without_common_words(
    mentions: Sequence[RawMention], texts: Mapping[Section, str], lower: frozenset[str]
) -> list[RawMention]:
    shouted = {section: _shouted_lines(text) for section, text in texts.items()}
    return [m for m in mentions if not _is_common(m, lower, texts[m.section], shouted[m.section])]


# Labels the model gives half of a person's name that it splits in two ("Petra/ORG Langrova").
NAME_HALF_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def _joined_name_halves(
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


def _without_portfolios(
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


# A capitalised word, alone: a first name the model left out of a person's span.
_FIRST_NAME = re.compile(r"(?<![^\W\d_])[A-Z][a-z]+[-']?[A-Za-z]* $")
FIRST_NAME_WINDOW = 24  # characters before a person's mention searched for one


def _with_first_names(
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
                    and not _is_title_word(word)
                    and before
                    and before[-1] not in '.!?:\n"“'
                ):
                    m = RawMention(m.section, start, m.end, text[start : m.end], m.label)
        result.append(m)
    return result


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
    return _place_spans(list(DATELINE.finditer(text)))


def _place_spans(datelines: Sequence[re.Match[str]]) -> list[tuple[int, int]]:
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
        lower = _lower_words([text]) if lower is None else lower
        if not any(w.casefold() in lower for w in _LETTERS.findall(byline["name"])):
            spans.append(byline.span("name"))
    return spans


def _with_datelines(
    mentions: Sequence[RawMention], text: str, datelines: Sequence[re.Match[str]]
) -> list[RawMention]:
    """The story's mentions with each dateline place a GPE mention, and each byline's name a
    PERSON mention, in place of whatever the model saw over them."""
    places = _place_spans(datelines)
    if not places:
        return list(mentions)
    names = _byline_spans(text, datelines)
    spans = places + names
    kept = [
        m
        for m in mentions
        if m.section != "story" or not any(s < m.end and e > m.start for s, e in spans)
    ]
    kept += [RawMention("story", s, e, text[s:e], DATELINE_LABEL) for s, e in places]
    kept += [RawMention("story", s, e, text[s:e], "PERSON") for s, e in names]
    return kept


# ---------------------------------------------------------------------------------------------
# Salience

# Weights of the salience terms; they sum to 1 so salience stays in [0, 1].
SALIENCE_COUNT_WEIGHT = 0.4  # how often, relative to the article's most-mentioned entity
SALIENCE_POSITION_WEIGHT = 0.2  # how early the first mention comes in the story
SALIENCE_TITLE_WEIGHT = 0.25  # named in the headline: what the editor says the story is about
SALIENCE_LEAD_WEIGHT = 0.15  # named in the lead paragraph (news puts the key actors first)


def salience(
    mentions: Sequence[RawMention], max_count: int, story_length: int, lead_end: int
) -> float:
    """How central an entity is to the article, in [0, 1]:

      0.4 · log(1 + n) / log(1 + n_max)      n mentions, n_max of the most-mentioned entity
    + 0.2 · (1 − first / story_length)       first: offset of the first story mention
                                              (a title-only entity counts as first)
    + 0.25 · [named in the title]
    + 0.15 · [named in the lead paragraph]   story text before `lead_end`
    """
    count = SALIENCE_COUNT_WEIGHT * math.log1p(len(mentions)) / math.log1p(max(max_count, 1))
    story_starts = [m.start for m in mentions if m.section == "story"]
    first = min(story_starts) if story_starts else 0
    position = SALIENCE_POSITION_WEIGHT * (1.0 - first / max(story_length, 1))
    title = SALIENCE_TITLE_WEIGHT * any(m.section == "title" for m in mentions)
    lead = SALIENCE_LEAD_WEIGHT * any(m.section == "story" and m.start < lead_end for m in mentions)
    return round(min(1.0, max(0.0, count + position + title + lead)), 4)


# ---------------------------------------------------------------------------------------------
# The document pass


@dataclass(frozen=True, slots=True)
class DocumentEntities:
    """One article's entities, and whether its texts show teams (`team_spans`: results lines,
    fixtures, standings, sports prose), which the type corrections read too
    (`pipeline.nlp.entity_types.settle`)."""

    entities: list[Entity]
    shows_teams: bool


def build_entities(mentions: Sequence[RawMention], title: str, story: str) -> list[Entity]:
    """Entities of one article from its trimmed, kept-label mentions (`build_document`)."""
    return build_document(mentions, title, story).entities


def build_document(mentions: Sequence[RawMention], title: str, story: str) -> DocumentEntities:
    """Entities of one article from its trimmed, kept-label mentions, by salience descending.

    Acronym definitions in either text are applied first: the long form is added as a mention
    (replacing model spans inside it, such as "Pakistan" in "Pakistan Tehreek-e-Insaf") and
    every mention of the acronym takes the long form's label.
    """
    texts: dict[Section, str] = {"title": title, "story": story}
    mentions, aliases = _apply_acronyms(mentions, texts)
    lower = _lower_words(texts.values())  # the words the article writes in lower case
    mentions = _without_common_words(mentions, texts, lower)
    mentions = _joined_name_halves(mentions, texts)
    mentions = _with_first_names(mentions, texts, lower)
    mentions = _without_portfolios(mentions, texts)
    mentions = _as_events(mentions, texts)
    mentions = _as_firms(mentions, texts)
    mentions = _split_joined_names(mentions)
    mentions = _with_quoted_titles(mentions, texts)
    mentions = _with_press_names(mentions, texts)
    datelines = list(DATELINE.finditer(story))  # read once: places, bylines, teams' towns
    mentions = _with_datelines(mentions, story, datelines)
    mentions = _with_list_items(mentions, story)
    mentions = _with_lineup_names(mentions, story)
    mentions = _with_nationalities(mentions, texts, lower)
    results = {section: results_spans(text) for section, text in texts.items()}
    mentions = [m for m in mentions if not _crosses_score(m, results)]
    mentions += _missed_teams(mentions, texts, results)
    teams = {section: spans | team_cue_spans(texts[section]) for section, spans in results.items()}
    firms = {section: company_cue_spans(text) for section, text in texts.items()}
    shows_teams = any(teams.values())
    if not mentions:
        return DocumentEntities([], shows_teams)
    groups = group_mentions(mentions, aliases)
    groups = _merge_surnames_taken_for_places(groups, texts)
    add_repeated_mentions(groups, texts)
    groups = _datelines_apart_from_teams(groups, set(_place_spans(datelines)), teams)
    max_count = max(len(g) for g in groups)
    lead_end = story.find("\n")
    lead_end = len(story) if lead_end < 0 else lead_end
    scored = []
    for group in groups:
        group.sort(key=_order)
        score = salience(group, max_count, len(story), lead_end)
        scored.append((score, _order(group[0]), group))
    scored.sort(key=lambda item: (-item[0], item[1]))
    labels = [vote_label(group) for _, _, group in scored]
    entities = [
        Entity(
            name=canonical_name(group),
            label="ORG"
            if _plays_as_team(label, group, teams, texts) or _trades_as_firm(label, group, firms)
            else EVENT_LABEL
            if shows_teams and label == "ORG" and all(_is_league(m.text) for m in group)
            else label,
            salience=score,
            mentions=[
                Mention(section=m.section, start=m.start, end=m.end, text=m.text) for m in group
            ],
        )
        for (score, _, group), label in zip(scored, labels, strict=True)
    ]
    return DocumentEntities(entities, shows_teams)


def _datelines_apart_from_teams(
    groups: list[list[RawMention]],
    datelines: set[tuple[int, int]],
    teams: Mapping[Section, set[tuple[int, int]]],
) -> list[list[RawMention]]:
    """A team's dateline mentions as an entity of their own: "NICE , France" is the town the
    story was filed from, and "Nice" in it the club; one name, two things."""
    if not datelines:
        return groups
    apart = []
    for group in groups:
        filed = [m for m in group if m.section == "story" and (m.start, m.end) in datelines]
        if filed and len(filed) < len(group) and is_team(group, teams):
            group[:] = [m for m in group if m not in filed]
            apart.append(filed)
    return groups + apart


# Names shorter than this are not searched for in capitals: "US" is already capitals, and "MEN"
# in a results table is not "Men".
MIN_UPPERCASED_FORM = 4


def add_repeated_mentions(groups: list[list[RawMention]], texts: Mapping[Section, str]) -> None:
    """Add the occurrences of an entity's names that the model did not tag, in place.

    A careful reader who has met "Lebed" as a person counts every later "Lebed" too; the model
    misses some, especially in capitalised headlines. A name is searched for as written and,
    when long enough, in capitals, at word boundaries, outside existing mentions. A form used by
    two entities is ambiguous and not searched for.
    """
    owner: dict[str, int] = {}
    for index, group in enumerate(groups):
        _own({m.text for m in group}, index, owner)
    # Then surnames: a name an entity is tagged by is that entity's, not a surname ("Lima" the
    # city, not Ana Lima)
    by_surname: dict[str, int] = {}
    for index, group in enumerate(groups):
        _own(_surnames(group), index, by_surname)
    for form, index in by_surname.items():
        owner.setdefault(form, index)
    forms = [f for f, i in owner.items() if i >= 0]
    for section, text in texts.items():
        taken = sorted((m.start, m.end) for g in groups for m in g if m.section == section)
        for start, end, form in _occurrences(text, forms):
            i = bisect.bisect_left(taken, (end, end))
            if i and taken[i - 1][1] > start:
                continue  # inside or across a mention already there
            groups[owner[form]].append(RawMention(section, start, end, form, UNTAGGED))


def _own(names: Iterable[str], index: int, owner: dict[str, int]) -> None:
    """Record the group `index` as the owner of the names, as written and (long enough) in
    capitals; a form two groups claim belongs to neither (-1)."""
    for name in names:
        for form in {name, name.upper()}:
            if form != name and len(form) < MIN_UPPERCASED_FORM:
                continue
            if owner.setdefault(form, index) != index:
                owner[form] = -1


# Shorter last words are initials or particles ("Li", "Jr"), not a surname to search for.
MIN_SURNAME = 3


def _surnames(group: Sequence[RawMention]) -> set[str]:
    """The last words of a group's full person names: news names a person in full once, then
    by surname ("Tony Adams" ... "Adams said"), which the model misses now and then."""
    found = set()
    for mention in group:
        words = mention.text.split()
        if mention.label == "PERSON" and len(words) > 1:
            last = words[-1]
            if len(last) >= MIN_SURNAME and last[0].isupper() and last[1:].islower():
                found.add(last)
    return found


def _occurrences(text: str, forms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences of the forms at word boundaries, left to right, the longest
    form first where several start at one place: what a regex alternation of the forms sorted
    longest first finds, without compiling one per article (`str.find` runs in C; compiling
    the alternation cost more than the rest of the document pass)."""
    found = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not (_is_word_char(text, start - 1) or _is_word_char(text, end)):
                found.append((start, end, form))
            start = text.find(form, start + 1)
    found.sort(key=lambda item: (item[0], -item[1]))
    kept = []
    last_end = 0
    for start, end, form in found:
        if start >= last_end:
            kept.append((start, end, form))
            last_end = end
    return kept


def _apply_acronyms(
    mentions: Sequence[RawMention], texts: Mapping[Section, str]
) -> tuple[list[RawMention], dict[str, str]]:
    """Mentions with defined long forms added and acronyms relabelled, and the alias map."""
    kept = list(mentions)
    aliases: dict[str, str] = {}
    long_labels: dict[str, str] = {}
    for section, text in texts.items():
        for d in find_acronym_definitions(text):
            inside = [
                m
                for m in kept
                if m.section == section and m.start < d.long_end and m.end > d.long_start
            ]
            if any(m.start < d.long_start or m.end > d.long_end for m in inside):
                continue  # the model saw a name crossing the long form: trust neither
            exact = [m for m in inside if (m.start, m.end) == (d.long_start, d.long_end)]
            label = exact[0].label if exact else "ORG"
            long = RawMention(
                section, d.long_start, d.long_end, text[d.long_start : d.long_end], label
            )
            kept = [m for m in kept if m not in inside]
            kept.append(long)
            short = text[d.short_start : d.short_end]
            if not any(m.section == section and m.start == d.short_start for m in kept):
                kept.append(RawMention(section, d.short_start, d.short_end, short, label))
            aliases[name_key(short)] = name_key(long.text)
            long_labels[name_key(short)] = label
    if long_labels:
        kept = [
            RawMention(m.section, m.start, m.end, m.text, long_labels[k])
            if (k := name_key(m.text)) in long_labels
            else m
            for m in kept
        ]
    return kept, aliases
