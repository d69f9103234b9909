"""Entity types that the gazetteer and simple shape rules know better than the small NER model.

Runs after the document pass (`pipeline.nlp.canonical`) and calls the country stage, so it
returns both lists (`settle`):

1. Shape: a mention holding a weekday or month abbreviation ("Cold Wave Alert Tues.") or that
   is a section or kicker label of a page ("OPINION: ...", "Anchor:", "Most Read") is not a
   name, and goes.
2. Places: an entity the model called a person, an organisation or a product that a lower-case
   compass adjective qualifies ("in eastern Donbas") is a place, GPE, known to the gazetteer or
   not. An entity the model called a person, an organisation, a product or a nationality whose
   every mention is a place name of the gazetteer becomes GPE when the country stage, asked
   again without that entity's label in the way, resolves it as a place. A person, organisation
   or product must then be a place that stands alone (a country, a capital, a large city), stand
   right after a preposition of place or a noun for a place ("in Mission Viejo", "near Dadaab",
   "a town called Låsby"; an organisation or product also after one of a route or a spot: "from
   Lakeport", "at X"), follow another place of its country in a list ("East Providence and
   Barrington") or be one's possession ("Kenya's overcrowded Dadaab camps"): a small town named
   like someone ("Obama met Abe") keeps its label, and so does a large town or region in a
   country the story places by no other name ("Bush", "George": towns of Egypt and South
   Africa). Teams are named after their towns, so in a story with results lines or fixtures, or
   for a name written beside a number on its line (a table of standings), only a country's name
   is corrected (national teams are places, as CoNLL and most readers have them); and a seat of
   government named for its government ("the White House said") stays an organisation, as does a
   name right after a noun for a news organisation ("the official newspaper Granma", a province
   too).

The country stage then runs on the corrected entities, so the relabelled names count as the
places they are. bench/entities.py measures both rules (CoNLL F1, place-name type accuracy).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.models import Country, Entity, Mention, Section
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.country_cues import (
    ALWAYS_STRONG_KINDS,
    PERSON_COUNTRY_NAMES,
    STANDALONE_PROMINENCE,
)
from pipeline.nlp.entity_shapes import after_press_noun
from pipeline.nlp.entity_spans import SETTLEMENT_NOUN_PATTERN
from pipeline.nlp.entity_sports import team_spans
from pipeline.nlp.gazetteer import Candidate, Gazetteer, load_gazetteer, name_key

# The label a corrected place gets: the gazetteer holds countries, regions and towns (OntoNotes
# GPE), not mountains or seas (LOC).
PLACE_LABEL = "GPE"
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Labels the place rule may overturn: the small model calls some foreign town names products
# ("in Winnipeg").
CORRECTED_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT"})
# Labels that must name a place that stands alone: a person, an organisation or a product
# (cars are named after towns) is named after small towns more often than the model mistakes
# a small town for one.
STANDALONE_ONLY = frozenset({"PERSON", "ORG", "PRODUCT"})
# Labels a lower-case compass adjective right before a mention overturns ("eastern Donbas"):
# it qualifies a region, never a person, a firm or a product. Nationalities ("southern
# Italian") stay.
COMPASS_CORRECTED = frozenset({"PERSON", "ORG", "PRODUCT"})
# Kinds of gazetteer names a nationality (NORP) rightly holds: demonyms and adjectives.
DEMONYM_KIND = "d"
# The gazetteer's kind for a country's name, which a national team keeps as a place.
COUNTRY_KIND = "c"
# Seats of government the gazetteer places (they name their country's government), which are
# organisations or buildings, never GPEs.
GOVERNMENT_SEATS = frozenset(
    {"White House", "Pentagon", "Capitol Hill", "Kremlin", "Downing Street", "Whitehall"}
)

# A lower-case compass adjective and one space right before a mention ("in eastern Donbas",
# "north-western Kivu"); capitalised, it starts a name itself ("Western Union").
_COMPASS_RE = re.compile(
    r"\b(?:(?:north|south)-?(?:east|west)ern|northern|southern|eastern|western) $"
)
COMPASS_WINDOW = 16  # characters before a mention searched for it

# Abbreviations of weekdays and months. Those that are also names or words ("Sun", "Jan",
# "Mar", "Sat") count only with their period; the others count alone too.
WEEKDAY_ABBREVIATIONS = frozenset({"Mon", "Tue", "Tues", "Wed", "Weds", "Thu", "Thur", "Thurs"})
WEEKEND_ABBREVIATIONS = frozenset({"Fri", "Sat", "Sun"})
MONTH_ABBREVIATIONS = frozenset(
    {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
)
DATE_ABBREVIATIONS = WEEKDAY_ABBREVIATIONS | WEEKEND_ABBREVIATIONS | MONTH_ABBREVIATIONS
DATE_ABBREVIATIONS_ALONE = frozenset({"Tues", "Weds", "Thur", "Thurs", "Sept"})
_WORD_RE = re.compile(r"[^\W\d_]+")
# Prepositions of place: a small town the model calls a person or an organisation right after
# one is a place ("in Mission Viejo", "near Dadaab"), when the country stage places it.
# So is a name right after a noun for a place and "of" or "called" ("the island of Bohol", "a
# town called Låsby", "the villages of Bumbacari and Dudescu").
_LOCATIVE_RE = re.compile(
    rf"(?:\b(?:[Ii]n|[Nn]ear|[Oo]utside)|\b(?:{SETTLEMENT_NOUN_PATTERN})s? (?:of|called|named)) $"
)
LOCATIVE_WINDOW = 24  # characters before a mention searched for either
# Prepositions of a route or a spot ("from Lakeport", "between Lakeport and", "at Lakeport"):
# a place or a firm's premises, never a person ("a letter from Obama"), so they make a place
# only of a town the model called an organisation or a product.
_ROUTE_RE = re.compile(r"\b(?:[Ff]rom|[Bb]etween|[Aa]t|[Ii]nto) $")
ROUTE_WINDOW = 9  # characters before a mention searched for one
ROUTE_CORRECTED = frozenset({"ORG", "PRODUCT"})
# What joins two items of a list right before a mention: ", ", " and ", ", and ", " or ".
_LIST_JOINT_RE = re.compile(r"(?:,? (?:and|or) |, )$")
LIST_JOINT_WINDOW = 6  # characters before a mention searched for it
# A possessive and up to two lower-case words right before a mention ("Kenya's overcrowded").
_POSSESSOR_RE = re.compile(r"['’]s (?:[a-z-]+ ){0,2}$")
POSSESSOR_WINDOW = 40  # characters before a mention searched for it
# Labels pages put before or above text (kickers, section heads, broadcast transcript roles),
# compared case-folded: the model tags them when they are capitalised, but they name nothing.
SECTION_LABELS = frozenset(
    {
        "opinion",
        "editorial",
        "analysis",
        "commentary",
        "exclusive",
        "breaking",
        "breaking news",
        "update",
        "updated",
        "watch",
        "video",
        "photo",
        "photos",
        "gallery",
        "live",
        "explainer",
        "interview",
        "anchor",
        "report",
        "reporter",
        "advertisement",
        "sponsored",
        "related",
        "read more",
        "most read",
        "most viewed",
        "latest news",
        "top stories",
        "editor's pick",
        "editors' picks",
    }
)


@dataclass(frozen=True, slots=True)
class Settled:
    """An article's entities with their types corrected, and its countries."""

    entities: list[Entity]
    countries: list[Country]


def settle(
    title: str, story: str, entities: Sequence[Entity], *, shows_teams: bool | None = None
) -> Settled:
    """Correct the entities' types (module docstring), then tag the countries with them.

    `shows_teams`: whether the texts show teams (`team_spans`), as the entity pass found
    (`DocumentEntities`) when it read the same texts; None reads them here."""
    texts: Mapping[Section, str] = {"title": title, "story": story}
    named = cued_places(drop_non_names(entities, texts), texts)
    gazetteer = load_gazetteer()
    suspects = {
        i for i, e in enumerate(named) if _place_name(e, gazetteer) and not _named_press(e, texts)
    }
    if suspects and shows_teams is None:
        shows_teams = any(team_spans(text) for text in texts.values())
    if suspects and shows_teams:
        # results lines or fixtures: a sports story, whose town names are its teams
        suspects = {i for i in suspects if _country_name(named[i], gazetteer)}
    suspects = {i for i in suspects if not _beside_a_number(named[i], texts, gazetteer)}
    if not suspects:
        return Settled(named, tag_countries(title, story, named, ner=True))
    trial = tag_countries(title, story, [e for i, e in enumerate(named) if i not in suspects])
    placed = _Placed(trial)
    corrected = list(named)
    for i in suspects:
        others = placed.by_others(named[i])
        if _resolved_as_place(named[i], placed, gazetteer, texts, others):
            corrected[i] = named[i].model_copy(update={"label": PLACE_LABEL})
    if corrected == named:
        return Settled(named, tag_countries(title, story, named, ner=True))
    return Settled(corrected, tag_countries(title, story, corrected, ner=True))


# --------------------------------------------------------------------------------------------
# Shape


def drop_non_names(entities: Sequence[Entity], texts: Mapping[Section, str]) -> list[Entity]:
    """The entities without their mentions that hold a weekday or month abbreviation or are a
    section label; an entity left without mentions goes."""
    kept: list[Entity] = []
    for entity in entities:
        mentions = [
            m
            for m in entity.mentions
            if m.text.casefold().replace("’", "'") not in SECTION_LABELS
            and not _has_date_abbreviation(m, texts[m.section])
        ]
        if len(mentions) == len(entity.mentions):
            kept.append(entity)
        elif mentions:
            kept.append(entity.model_copy(update={"mentions": mentions}))
    return kept


def _has_date_abbreviation(mention: Mention, text: str) -> bool:
    for word in _WORD_RE.finditer(mention.text):
        token = word.group()
        if len(token) > 5 or token.title() not in DATE_ABBREVIATIONS:
            continue
        after = mention.start + word.end()
        if token.title() in DATE_ABBREVIATIONS_ALONE or text.startswith(".", after):
            return True
    return False


# --------------------------------------------------------------------------------------------
# Places


def cued_places(entities: Sequence[Entity], texts: Mapping[Section, str]) -> list[Entity]:
    """The entities, those the model called a person, an organisation or a product made places,
    gazetteer or not, when a lower-case compass adjective qualifies a mention ("in eastern
    Donbas": a compass point locates a region) or a mention stands after a preposition of place
    with a place and a comma after it ("in Port Orrin, Leeward Province": a town named by its
    region)."""
    place_starts = {
        (m.section, m.start) for e in entities if e.label in PLACE_LABELS for m in e.mentions
    }
    return [
        e.model_copy(update={"label": PLACE_LABEL})
        if e.label in COMPASS_CORRECTED
        and any(
            _after_compass(m, texts) or _town_of_region(m, texts, place_starts) for m in e.mentions
        )
        else e
        for e in entities
    ]


def _town_of_region(
    mention: Mention, texts: Mapping[Section, str], place_starts: set[tuple[Section, int]]
) -> bool:
    """True when a preposition of place comes right before the mention and ", " and a place's
    mention right after it ("in Port Orrin, Leeward Province")."""
    text = texts[mention.section]
    return (
        text.startswith(", ", mention.end)
        and (mention.section, mention.end + 2) in place_starts
        and _after_locative(mention, texts)
    )


def _after_compass(mention: Mention, texts: Mapping[Section, str]) -> bool:
    return _preceded_by(mention, texts, _COMPASS_RE, COMPASS_WINDOW)


def _candidates(name: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    key = name_key(name)
    found = gazetteer.names.get(key)
    if found is None and key.isupper():
        found = gazetteer.names.get(key.title())  # a shouted headline: "DAEGU"
    return found or ()


def _place_name(entity: Entity, gazetteer: Gazetteer) -> bool:
    """True when every mention of an entity of a correctable label is a place name (and not a
    demonym, which a nationality rightly is, nor a country name people carry); the name of a
    news organisation named after its place is left to `_named_press`."""
    if entity.label not in CORRECTED_LABELS:
        return False
    for mention in entity.mentions:
        if mention.text in GOVERNMENT_SEATS:
            return False
        candidates = _candidates(mention.text, gazetteer)
        if not candidates or any(c.kind == DEMONYM_KIND for c in candidates):
            return False
        if entity.label == "PERSON" and mention.text in PERSON_COUNTRY_NAMES:
            return False
    return True


def _named_press(entity: Entity, texts: Mapping[Section, str]) -> bool:
    """True when a noun for a news organisation comes right before a mention of the entity ("the
    official newspaper Granma", a Cuban province too): the organisation, not the place."""
    return any(after_press_noun(texts[m.section], m.start) for m in entity.mentions)


class _Placed:
    """Where the trial tagging placed mentions, indexed once so that each suspect entity's
    questions cost its own mentions, not a pass over every placed mention."""

    def __init__(self, trial: Sequence[Country]) -> None:
        spans = [((m.section, m.start, m.end), c.code) for c in trial for m in c.mentions]
        self.code_at: dict[tuple[Section, int, int], str] = dict(spans)
        self.codes_at: dict[tuple[Section, int, int], list[str]] = {}
        for span, code in spans:
            self.codes_at.setdefault(span, []).append(code)
        # as the span look-up, the last country placing a span answers for it
        self.ends: set[tuple[Section, int, str]] = {
            (section, end, code) for (section, _, end), code in self.code_at.items()
        }
        self.counts: Counter[str] = Counter(code for _, code in spans)

    def by_others(self, entity: Entity) -> frozenset[str]:
        """The countries placed through mentions that are not the entity's."""
        own = {(m.section, m.start, m.end) for m in entity.mentions}
        own_counts = Counter(code for span in own for code in self.codes_at.get(span, ()))
        return frozenset(code for code, n in self.counts.items() if n > own_counts[code])


def _resolved_as_place(
    entity: Entity,
    placed: _Placed,
    gazetteer: Gazetteer,
    texts: Mapping[Section, str],
    others: frozenset[str] = frozenset(),
) -> bool:
    """True when the country stage placed a mention of the entity, in a place that stands
    alone when the label asks for one, or right after a preposition of place ("in Mission
    Viejo", "near Dadaab"): people and organisations are not where things happen. A large
    town or region (not a country or its capital) that the model calls a person or an
    organisation must also be in a country the story places by other names (`others`):
    "Daejeon" beside Seoul and South Korea is the city, but "Bush", "George" or "Kennedy"
    (towns of Egypt, South Africa and Colombia) in a story that names none of those countries
    is the person."""
    for mention in entity.mentions:
        code = placed.code_at.get((mention.section, mention.start, mention.end))
        if code is None:
            continue
        if (
            entity.label not in STANDALONE_ONLY
            or _after_locative(mention, texts)
            or (entity.label in ROUTE_CORRECTED and _after_route(mention, texts))
            or _after_a_place(mention, code, placed, texts, _LIST_JOINT_RE, LIST_JOINT_WINDOW)
            or _after_a_place(mention, code, placed, texts, _POSSESSOR_RE, POSSESSOR_WINDOW)
        ):
            return True
        for c in _candidates(mention.text, gazetteer):
            if c.country != code:
                continue
            if c.kind in ALWAYS_STRONG_KINDS or (
                c.prominence >= STANDALONE_PROMINENCE and code in others
            ):
                return True
    return False


def _after_a_place(
    mention: Mention,
    code: str,
    placed: _Placed,
    texts: Mapping[Section, str],
    cue: re.Pattern[str],
    window: int,
) -> bool:
    """True when `cue` ends right before the mention and a place of the mention's country ends
    where it starts: a list of places goes on with places ("in East Providence and
    Barrington", after a list joint), and a country or a region has places, not people
    ("Kenya's overcrowded Dadaab camps", after a possessive)."""
    text = texts[mention.section]
    found = cue.search(text, max(0, mention.start - window), mention.start)
    if found is None:
        return False
    return (mention.section, found.start(), code) in placed.ends


def _after_locative(mention: Mention, texts: Mapping[Section, str]) -> bool:
    """True when a preposition of place ("in Mission Viejo") or a noun for a place and "of" or
    "called" ("the island of Bohol") comes right before the mention."""
    return _preceded_by(mention, texts, _LOCATIVE_RE, LOCATIVE_WINDOW)


def _after_route(mention: Mention, texts: Mapping[Section, str]) -> bool:
    """True when a preposition of a route or a spot ("from Lakeport") comes right before the
    mention."""
    return _preceded_by(mention, texts, _ROUTE_RE, ROUTE_WINDOW)


def _preceded_by(
    mention: Mention, texts: Mapping[Section, str], cue: re.Pattern[str], window: int
) -> bool:
    """True when the cue (anchored at its end with $) ends right before the mention, within
    `window` characters."""
    before = texts[mention.section][max(0, mention.start - window) : mention.start]
    return cue.search(before) is not None


def _country_name(entity: Entity, gazetteer: Gazetteer) -> bool:
    return all(
        any(c.kind == COUNTRY_KIND for c in _candidates(m.text, gazetteer)) for m in entity.mentions
    )


def _beside_a_number(entity: Entity, texts: Mapping[Section, str], gazetteer: Gazetteer) -> bool:
    """True when a town or region's mention has a number right before or after it on its line
    ("Swansea 0 Portsmouth 2", "BALTIMORE 63 55 .534"): a team in a table."""
    if _country_name(entity, gazetteer):
        return False
    for mention in entity.mentions:
        text = texts[mention.section]
        after = text[mention.end : mention.end + 8].lstrip(" \t")
        before = text[max(0, mention.start - 8) : mention.start].rstrip(" \t")
        if after[:1].isdigit() or before[-1:].isdigit():
            return True
    return False
