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
place- or person-named entities teams (and a schedule's "X AT Y" lines make X a team and Y
the place of the game), as a noun for a team before a full name does ("club
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
tagged as people are people too, as is a name with a goal's minute ("Ann Lee ( 61st )"); a name
right after a noun for a news organisation ("news agency Tanjug") is one; in a text that shows
teams, a league or division no mention covers ("NATIONAL LEAGUE") is an event; a results report's
field labels ("Attendance :") and a table's column heads ("W L PCT GB") are no names; a building's
name after a preposition of place ("taken to X Hospital") is a facility.
bench/entities.py measures them (CoNLL F1, place-name type accuracy).

This module holds the grouping, the vote, salience and the driver, `build_document`; the rules
live in flat modules it calls, none of which imports it: `entity_spans.py` (labels,
`RawMention`, name trimming, competition names), `entity_sports.py` (competitions, teams,
"Name ( Place )" lists, line-ups), `entity_shapes.py` (firms, joined names, quoted titles,
acronyms, press names, nationalities) and `entity_words.py` (common words, datelines, bylines).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pipeline.models import Entity, Section
from pipeline.nlp.entity_shapes import (
    as_firms,
    find_acronym_definitions,
    split_joined_names,
    with_nationalities,
    with_press_names,
    with_quoted_titles,
)
from pipeline.nlp.entity_spans import (
    EVENT_LABEL,
    LABEL_PREFERENCE,
    MERGEABLE_INTO_PERSON,
    PLACE_LABELS,
    UNTAGGED,
    RawMention,
    ascii_twin,
    for_text,
    initials,
    is_word_char,
    line_matches,
    name_key,
)
from pipeline.nlp.entity_sports import (
    as_events,
    company_cue_spans,
    is_league,
    is_team,
    missed_teams,
    plays_as_team,
    results_spans,
    schedule_spans,
    team_cue_spans,
    trades_as_firm,
    with_league_names,
    with_lineup_names,
    with_list_items,
    with_scorers,
    with_venues,
    without_score_crossings,
)
from pipeline.nlp.entity_words import (
    DATELINE,
    PLACE_CUE_CORRECTS,
    joined_name_halves,
    lower_words,
    place_cue_starts,
    place_noun_matches,
    place_spans,
    with_datelines,
    with_first_names,
    with_name_tails,
    with_place_nouns,
    without_common_words,
    without_portfolios,
)
from pipeline.nlp.gazetteer import load_gazetteer
from pipeline.nlp.gazetteer import name_key as gazetteer_key

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
    orgs = _OrganisationIndex.of(groups)
    if orgs.prefixes:
        _merge_body_heads(groups, orgs)  # first: "Court" of two courts goes, whatever it starts
        _merge_organisation_short_forms(groups, orgs)
    return groups.groups()


def _labels(mentions: Iterable[RawMention]) -> dict[str, int]:
    """How many mentions have each label, in order of first use; untagged ones left out (a
    plain dict: a `Counter` per group cost more than the grouping's own work)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.label != UNTAGGED:
            counts[m.label] = counts.get(m.label, 0) + 1
    return counts


def _majority(counts: dict[str, int]) -> str:
    """The most frequent label, the first used on a tie (as `Counter.most_common`)."""
    return max(counts, key=counts.__getitem__)


def _merge_initials(groups: _Groups) -> None:
    """An all-capital name that is the initials of exactly one longer name with the same
    majority label merges into it: "US" into "United States", "UN" into "United Nations"."""
    by_initials: dict[tuple[str, str], set[str]] = {}
    for key, members in groups.members.items():
        name = members[0].text
        if len(name.split()) > 1:
            label = _majority(_labels(members))
            by_initials.setdefault((initials(name), label), set()).add(key)
    for key in list(groups.members):
        if key not in groups.members:
            continue
        members = groups.members[key]
        name = members[0].text.replace(".", "")
        if not (name.isupper() and name.isalpha() and 2 <= len(name) <= 6):
            continue
        label = _majority(_labels(members))
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
    # the persons by each of their words: a longer name holding a short one holds its first
    # word, so each short name tests those, not every person
    by_word: dict[str, list[str]] = {}
    for p in persons:
        for word in dict.fromkeys(tokens[p]):
            by_word.setdefault(word, []).append(p)
    for key in sorted(tokens, key=lambda k: -len(tokens[k])):
        if key not in groups.members:
            continue  # already merged into something longer
        labels = {m.label for m in groups.members[key]}
        if not labels & MERGEABLE_INTO_PERSON or (
            "PERSON" not in labels and labels - MERGEABLE_INTO_PERSON
        ):
            continue
        candidates = by_word.get(tokens[key][0], []) if tokens[key] else persons
        targets = {
            groups.root(p)
            for p in candidates
            if len(tokens[p]) > len(tokens[key]) and _is_subsequence(tokens[key], tokens[p])
        }
        targets.discard(groups.root(key))
        if len(targets) == 1:
            groups.union(key, targets.pop())


# The labels the model gives the first word of a firm's or body's name when it stands alone
# ("Wikimedia" of "Wikimedia Foundation" as a place); not a nationality ("European" of
# "European Commission"), a natural place ("Cauvery" of "Cauvery Board") or a person ("Trump"
# of "Trump Administration"), which bodies are named after and which stay what they are.
SHORT_FORM_LABELS = frozenset({"ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"})
# Shorter first words are initials or abbreviations ("St" of "St. Louis Police").
MIN_SHORT_FORM = 3
# A short form has at most this many words ("Constitutional Court" of "Constitutional Court of
# X"): each name gives that many prefixes, not one per word (quadratic in a very long name).
MAX_SHORT_FORM_WORDS = 3


def _merge_organisation_short_forms(groups: _Groups, orgs: _OrganisationIndex) -> None:
    """A name that is the first word(s) of a longer ORG name the article gives ("Wikimedia" of
    "Wikimedia Foundation") names that organisation: it takes the ORG label, and joins it when
    exactly one organisation starts so. A name the gazetteer knows (a place or a nationality:
    "California" of "California Avocado Commission"), a word of a person's full name ("Ford"
    when "Gerald Ford" is named) and a league's name ("Major League") stay apart; a short form
    of several words must be the model's ORG already ("South Waziristan" of "South Waziristan
    Agency" is the place)."""
    known = load_gazetteer().names
    for key, roots in orgs.prefixes.items():
        if key not in groups.members or key in orgs.person_words or len(key) < MIN_SHORT_FORM:
            continue  # no group of that name alone, or a person's name
        members = groups.members[key]
        labels = _labels(members)
        if not labels or set(labels) - (SHORT_FORM_LABELS if " " not in key else {"ORG"}):
            continue
        if any(name_key(m.text) != key for m in members):
            continue  # a group of several names already: not a short form alone
        if is_league(members[0].text) or any(_known_place(m.text, known) for m in members):
            continue
        _relabel(members, "ORG")
        targets = {groups.root(root) for root in roots}
        if len(targets) == 1:
            groups.union(key, targets.pop())


# Nouns for a kind of body, which a story writes alone, capitalised, for the body it named in
# full before ("the Constitutional Court of X ... the Court").
BODY_HEADS = frozenset(
    {
        "agency",
        "army",
        "assembly",
        "authority",
        "bank",
        "board",
        "bureau",
        "cabinet",
        "church",
        "commission",
        "committee",
        "company",
        "corporation",
        "council",
        "court",
        "department",
        "foundation",
        "government",
        "institute",
        "ministry",
        "parliament",
        "party",
        "senate",
        "tribunal",
        "university",
    }
)


def _merge_body_heads(groups: _Groups, orgs: _OrganisationIndex) -> None:
    """A lone capitalised noun for a kind of body ("Court") is the body the article names in
    full with that head ("Constitutional Court of X", "Supreme Court"): it joins the one such
    body, and names none of its own when there are several (it goes)."""
    for key, roots in orgs.heads.items():
        if key not in groups.members:
            continue
        members = groups.members[key]
        if any(name_key(m.text) != key for m in members):
            continue
        targets = {groups.root(root) for root in roots}
        targets.discard(key)
        if len(targets) == 1:
            _relabel(members, "ORG")
            groups.union(key, targets.pop())
        elif targets:
            del groups.members[key]


def _known_place(name: str, known: Mapping[str, object]) -> bool:
    """Whether the gazetteer has the name, as written or (shouted in capitals) in title case."""
    return gazetteer_key(name) in known or (name.isupper() and gazetteer_key(name.title()) in known)


@dataclass(slots=True)
class _OrganisationIndex:
    """The groups of ORG names of several words (by majority) under the name keys of their
    first words (`prefixes`) and of their head nouns of `BODY_HEADS` (`heads`), and the words
    of people's full names: read in one pass, so each short name finds its organisations in
    one look-up, not a pass over every organisation."""

    prefixes: dict[str, set[str]]
    heads: dict[str, set[str]]
    person_words: set[str]

    @classmethod
    def of(cls, groups: _Groups) -> _OrganisationIndex:
        index = cls({}, {}, set())
        for root, members in groups.members.items():
            long = {m.text for m in members if " " in m.text}
            if not long:
                continue
            labels = _labels(members)
            if "PERSON" in labels:
                for m in members:
                    if m.label == "PERSON" and " " in m.text:
                        index.person_words.update(name_key(m.text).split())
            if not labels or _majority(labels) != "ORG":
                continue
            for name in long:
                words = name.split()
                for n in range(1, min(len(words), MAX_SHORT_FORM_WORDS + 1)):
                    if words[n - 1][:1].isupper() and not words[n - 1].endswith("."):
                        # first words that end on a name, not "Bank of" or "St."
                        index.prefixes.setdefault(name_key(" ".join(words[:n])), set()).add(root)
                head = _name_head(words)
                if head in BODY_HEADS:
                    index.heads.setdefault(head, set()).add(root)
        return index


def _name_head(words: Sequence[str]) -> str:
    """The name key of the noun a name of a body is built on: the word before its first "of"
    ("Court of Appeal"), else its last word ("Supreme Court"); "" when not capitalised."""
    end = words.index("of") if "of" in words else len(words)
    return name_key(words[end - 1]) if end > 0 and words[end - 1][:1].isupper() else ""


def _relabel(members: list[RawMention], label: str) -> None:
    """The tagged mentions given `label`, in place (untagged ones stay out of the vote)."""
    members[:] = [
        m if m.label in (UNTAGGED, label) else RawMention(m.section, m.start, m.end, m.text, label)
        for m in members
    ]


# A capital right after a small letter inside a word: "WeMissTurkey", "eBay", "McCoy".
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
# What comes before the inner capital of a person's name: "McCoy", "DeLauro", "LaToya".
NAME_PARTICLES = frozenset(
    {"abd", "abdel", "abdul", "da", "das", "de", "del", "della", "di", "dos", "du", "fitz"}
    | {"la", "le", "mac", "mc", "van", "von"}
)
# A shorter run before the inner capital may be a given name's ("JaVale", "DeShawn").
MIN_HANDLE_PART = 3


def is_handle(word: str) -> bool:
    """Whether one word is written in camel case as hashtags, handles and brands are
    ("WeMissTurkey", "ThinkLandscape", "iPhone", "kW"), not as a person's name is ("McCoy",
    "DeLauro", "deGrom", "JaVale"): a capital inside it after a small letter, not after a
    name particle, and either the word starts small, or has two such capitals, or the run
    before its capital is a word's length."""
    inner = [m.start() + 1 for m in _INNER_CAPITAL.finditer(word)]
    if not inner:
        return False
    letters = word.lstrip("-#@_.")
    first = inner[0] - (len(word) - len(letters))
    part = letters[:first]
    if part.casefold() in NAME_PARTICLES:
        return False
    return letters[:1].islower() or len(inner) > 1 or len(part) >= MIN_HANDLE_PART


def _is_handle_person(group: Sequence[RawMention]) -> bool:
    """A one-word name the model called a person that is written as a handle or hashtag is
    ("#WeMissTurkey"): no person's name; a person named in full elsewhere keeps it."""
    if not _INNER_CAPITAL.search(group[0].text):
        return False  # most names: no capital inside the first
    labels = _labels(group)
    return (
        bool(labels)
        and _majority(labels) == "PERSON"
        and all(" " not in m.text and is_handle(m.text) for m in group)
    )


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
    lower = lower_words(texts.values())  # the words the article writes in lower case
    mentions = without_common_words(mentions, texts, lower)
    mentions = joined_name_halves(mentions, texts)
    mentions = with_first_names(mentions, texts, lower)
    mentions = with_name_tails(mentions, texts)
    mentions = without_portfolios(mentions, texts)
    mentions = as_events(mentions, texts)
    mentions = as_firms(mentions, texts)
    mentions = split_joined_names(mentions)
    mentions = with_quoted_titles(mentions, texts)
    mentions = with_press_names(mentions, texts)
    datelines = line_matches(DATELINE, story)  # read once: places, bylines, teams' towns
    mentions = with_datelines(mentions, story, datelines)
    mentions = with_list_items(mentions, story)
    mentions = with_lineup_names(mentions, story)
    mentions = with_scorers(mentions, story)
    mentions = with_nationalities(mentions, texts, lower)
    nouns = place_noun_matches(texts)  # read once: the place-noun rules both use it
    mentions = with_place_nouns(mentions, texts, nouns)
    schedules = {section: schedule_spans(text) for section, text in texts.items()}
    venues = {section: spans[1] for section, spans in schedules.items()}
    mentions = with_venues(mentions, texts, venues)
    results = {
        section: results_spans(text) | schedules[section][0] for section, text in texts.items()
    }
    mentions = without_score_crossings(mentions, texts, results)
    mentions += missed_teams(mentions, texts, results)
    teams = {section: spans | team_cue_spans(texts[section]) for section, spans in results.items()}
    firms = {section: company_cue_spans(text) for section, text in texts.items()}
    shows_teams = any(teams.values())
    if shows_teams:
        mentions = with_league_names(mentions, texts)
    if not mentions:
        return DocumentEntities([], shows_teams)
    placed = place_cue_starts(mentions, texts, nouns)
    groups = [g for g in group_mentions(mentions, aliases) if not _is_handle_person(g)]
    groups = _merge_surnames_taken_for_places(groups, texts)
    add_repeated_mentions(groups, texts)
    groups = _datelines_apart_from_teams(
        groups, set(place_spans(datelines)) | venues["story"], teams
    )
    if not groups:  # every name was a handle's
        return DocumentEntities([], shows_teams)
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
        # the fields as plain data, which the model validates in one call (a `Mention` each,
        # validated on its own, cost more)
        Entity.model_validate(
            {
                "name": canonical_name(group),
                "label": "ORG"
                if plays_as_team(label, group, teams, texts) or trades_as_firm(label, group, firms)
                else EVENT_LABEL
                if shows_teams and label == "ORG" and all(is_league(m.text) for m in group)
                else _place_by_noun(label, group, placed) or label,
                "salience": score,
                "mentions": [
                    {"section": m.section, "start": m.start, "end": m.end, "text": m.text}
                    for m in group
                ],
            }
        )
        for (score, _, group), label in zip(scored, labels, strict=True)
    ]
    return DocumentEntities(entities, shows_teams)


def _place_by_noun(
    label: str, group: Sequence[RawMention], placed: Mapping[tuple[Section, int], str]
) -> str | None:
    """The place label a noun for a place gives the entity when one comes before or after a
    mention of it ("the town of X", "X province", "X mosque") and the model called it a
    person, firm or nationality; None otherwise, and for a person named in full by another
    name elsewhere ("the city of Houston" is no "Sam Houston"; "the town of Kasba Bonli" is
    the "Kasba Bonli" the model called a person everywhere else)."""
    if label not in PLACE_CUE_CORRECTS:
        return None
    cued = {m.text for m in group if (m.section, m.start) in placed}
    if not cued or any(m.label == "PERSON" and " " in m.text and m.text not in cued for m in group):
        return None
    return next((placed[key] for m in group if (key := (m.section, m.start)) in placed), None)


def _datelines_apart_from_teams(
    groups: list[list[RawMention]],
    datelines: set[tuple[int, int]],
    teams: Mapping[Section, set[tuple[int, int]]],
) -> list[list[RawMention]]:
    """A team's dateline mentions, and those of where a schedule's game is played, as an
    entity of their own: "NICE , France" is the town the story was filed from, and "Nice" in
    it the club; one name, two things."""
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


# A run of word characters, as `is_word_char` reads them: where a name can start.
_WORD_RUN = re.compile(r"\w+")
# The runs that do not open with an ASCII lower-case letter, where names written as names
# start: the scan for them hands a fifth of the runs to Python. In an ASCII text the ASCII
# `\w` is the same class and the regex engine reads it without Unicode tables (faster).
_NAME_RUN = re.compile(r"\b[^\Wa-z]\w*")
_ASCII_NAME_RUN = ascii_twin(_NAME_RUN)
_ASCII_WORD_RUN = ascii_twin(_WORD_RUN)


def _occurrences(text: str, forms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences of the forms at word boundaries, left to right, the longest
    form first where several start at one place: what a regex alternation of the forms sorted
    longest first finds, without compiling one per article.

    One pass over the text's word runs: a form opening with a word can only start where a run
    equal to its first word starts, so each run asks the forms of that first word, one set
    look-up per length among them (a form per name was a scan of the whole text each: many
    names in a long text took quadratic time). A form opening with punctuation, rare after
    trimming, is searched for on its own."""
    by_first: dict[str, dict[int, set[str]]] = {}
    others = []
    for form in forms:
        first = _WORD_RUN.match(form)
        if first is None:
            others.append(form)
        else:
            by_first.setdefault(first.group(), {}).setdefault(len(form), set()).add(form)
    found = []
    if by_first:
        # runs opening in lower case matter only when a form does (rare: "de Gaulle")
        lower_first = any("a" <= first[0] <= "z" for first in by_first)
        if lower_first:
            runs = for_text(_WORD_RUN, _ASCII_WORD_RUN, text)
        else:
            runs = for_text(_NAME_RUN, _ASCII_NAME_RUN, text)
        for run in runs.finditer(text):
            lengths = by_first.get(run.group())
            if lengths is None:
                continue
            start = run.start()
            for length, same in lengths.items():
                end = start + length
                if text[start:end] in same and not is_word_char(text, end):
                    found.append((start, end, text[start:end]))
    for form in others:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not (is_word_char(text, start - 1) or is_word_char(text, end)):
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
    """Mentions with defined long forms added and acronyms relabelled, and the alias map.

    Definitions are applied in the order found, each to the mentions the earlier ones left
    (and added); a `_SpanTree` per section answers which mentions overlap a long form in a
    bisection, so many definitions do not each rescan every mention.
    """
    # The kept mentions in order: the given ones, then those the definitions add, in turn;
    # a dropped mention's slot is None.
    kept: list[RawMention | None] = list(mentions)
    aliases: dict[str, str] = {}
    long_labels: dict[str, str] = {}
    for section, text in texts.items():
        definitions = find_acronym_definitions(text)
        if not definitions:
            continue
        # every span a mention of the section may have: the given ones', each long form's and
        # each acronym's, so the tree has a place for each mention added
        tree = _SpanTree(
            [(m.start, m.end, i) for i, m in enumerate(mentions) if m.section == section]
            + [(d.long_start, d.long_end, -1) for d in definitions]
            + [(d.short_start, d.short_end, -1) for d in definitions]
        )
        for i, m in enumerate(mentions):
            if m.section == section:
                tree.add(m.start, m.end, i)
        for d in definitions:
            if tree.crosses(d.long_start, d.long_end):
                continue  # the model saw a name crossing the long form: trust neither
            inside = tree.take(d.long_start, d.long_end)
            exact = [i for s, e, i in inside if (s, e) == (d.long_start, d.long_end)]
            first = kept[min(exact)] if exact else None
            label = first.label if first else "ORG"
            for _, _, i in inside:
                kept[i] = None
            long = RawMention(
                section, d.long_start, d.long_end, text[d.long_start : d.long_end], label
            )
            tree.add(d.long_start, d.long_end, len(kept))
            kept.append(long)
            short = text[d.short_start : d.short_end]
            if not tree.starts_at(d.short_start):
                tree.add(d.short_start, d.short_end, len(kept))
                kept.append(RawMention(section, d.short_start, d.short_end, short, label))
            aliases[name_key(short)] = name_key(long.text)
            long_labels[name_key(short)] = label
    found = [m for m in kept if m is not None]
    if long_labels:
        found = [
            RawMention(m.section, m.start, m.end, m.text, long_labels[k])
            if (k := name_key(m.text)) in long_labels
            else m
            for m in found
        ]
    return found, aliases


class _SpanTree:
    """A set of spans, each with an id, over a fixed list of the spans it may ever hold: which
    overlap a span, and whether one crosses its edges, each in time logarithmic in the list (a
    segment tree of the furthest end over the spans sorted by start)."""

    def __init__(self, spans: Sequence[tuple[int, int, int]]) -> None:
        self._spans = sorted({(s, e) for s, e, _ in spans})
        self._starts = [s for s, _ in self._spans]
        self._size = 1
        while self._size < len(self._spans):
            self._size *= 2
        self._reach = [-1] * (2 * self._size)  # furthest end held in each node; -1 when none
        self._ids: list[list[int]] = [[] for _ in self._spans]  # ids held at each place

    def add(self, start: int, end: int, ident: int) -> None:
        place = bisect.bisect_left(self._spans, (start, end))
        self._ids[place].append(ident)
        self._set(place, end)

    def _set(self, place: int, end: int) -> None:
        node = place + self._size
        self._reach[node] = end
        node //= 2
        while node:
            self._reach[node] = max(self._reach[2 * node], self._reach[2 * node + 1])
            node //= 2

    def _furthest(self, lo: int, hi: int) -> int:
        """The furthest end among the spans held at places lo to hi - 1."""
        best = -1
        lo += self._size
        hi += self._size
        while lo < hi:
            if lo & 1:
                best = max(best, self._reach[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                best = max(best, self._reach[hi])
            lo //= 2
            hi //= 2
        return best

    def crosses(self, start: int, end: int) -> bool:
        """Whether a span held overlaps [start, end) and runs out of it."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        return self._furthest(0, lo) > start or self._furthest(lo, hi) > end

    def starts_at(self, start: int) -> bool:
        """Whether a span held starts at `start`."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_right(self._starts, start, lo)
        return self._furthest(lo, hi) >= 0

    def take(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Remove and return (start, end, id) of the spans held that start in [start, end) and
        overlap it; each found in a descent from the root, so each costs a logarithm."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        taken: list[tuple[int, int, int]] = []
        stack = [(1, 0, self._size)]
        while stack:
            node, node_lo, node_hi = stack.pop()
            if node_hi <= lo or node_lo >= hi or self._reach[node] <= start:
                continue
            if node >= self._size:
                s, e = self._spans[node_lo]
                taken.extend((s, e, ident) for ident in self._ids[node_lo])
                self._ids[node_lo] = []
                self._set(node_lo, -1)
                continue
            middle = (node_lo + node_hi) // 2
            stack.append((2 * node + 1, middle, node_hi))
            stack.append((2 * node, node_lo, middle))
        return taken
