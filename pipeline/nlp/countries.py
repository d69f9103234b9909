"""Country tagging: which countries a story mentions, how much, and which it is about.

A pure function over plain text (no Kafka, no model). One compiled regex finds the capitalised
phrases; inside them each capitalised token starts a few dictionary look-ups in the gazetteer
(`pipeline.nlp.gazetteer`), so the cost grows with the text, not with the 80k names.

Resolution follows the document, as GeoNames-based taggers such as CLIFF do:

1. names of one country that can place a story alone (country names and aliases, demonyms,
   capitals, regions, large cities) are *evidence* for that country;
2. a name shared by several countries goes to the one the evidence points at ("Georgia" beside
   Atlanta is the US state, beside Tbilisi the country); without evidence it goes to a clearly
   dominant candidate or stays unresolved rather than guessed; a clock time in a North
   American time zone ("7 a.m. CT") counts for the United States there, as a named country
   would ("the Birmingham festival" is Alabama's), and a dateline's shared name ("LONDON
   (Reuters) -") counts for its clearly dominant place's country: the story was filed there
   ("Bristol" beside it and an "American forward" is England's);
3. a small town counts only when the story names its country some other way; one that spaCy
   tags as a place (GPE/LOC) may stand alone, but only in a story that names no other
   country's places (beside them it is more often a namesake the gazetteer lacks);
4. a region or country right after a place ("Stroud, Ontario") says which country the place is
   in: the place keeps only its candidates there, or goes when it has none (so does a
   country's name before another country's region: "Poland, Ohio"); items of a list of places
   ("India, Tibet, Nepal") do not qualify each other; so does a US state's or Canadian
   province's postal abbreviation ("Reston, VA", "HORRY COUNTY, SC (WMBF) -"), which also
   makes the place a place for sure, as a GPE label would; a name before a lower-case
   "county" or "counties" ("Bergen, Essex and Hudson counties") is the county the gazetteer
   has so named, not a town (Bergen, Norway);
5. local news names small places: SETTING_PLACES (3) different small towns of one country are
   evidence for it together, and a story with that many mentions of one country's places that
   names no other candidate's country keeps a shared name at home ("Vienna" among Fairfax
   County towns is in Virginia); two different shared names the model calls places, whose
   only common country the story does not yet place, place each other there ("Dundalk" and
   "Dundrum": Ireland, not Maryland or Britain); so do the items of a list of places
   ("Perth and Dundee": Scotland) that have one country in common, when it is the country
   of one item's most prominent place;
   a name US towns share with places abroad ("Lebanon", "Berlin", "Paris") is the US town
   when the story places it in a state where such a town lies ("Lebanon, Ohio", "Berlin,
   MD": its other mentions too), or when the story is set among SETTING_PLACES different US
   places, one of them that state, or names an organisation only that state has (its
   university, state police or highway patrol, a department, its legislature: "Ohio
   University ... Athens", though the organisation's name names no place itself), and names
   no place abroad (a country's name needs the former: an Ohio story's "China" is the
   country); the gazetteer carries those towns'
   states (`us_town_states`); a name another country's small towns share with a bigger
   place abroad (not a country's or a capital's: "Newport", "Virginia") is the small town in
   a story set among SETTING_PLACES mentions of that country's places that names none of the
   bigger places' countries (`town_namesakes`);
6. a town or region before an office or public body's word ("Oklahoma Gov.", "St. Louis
   Police", "Manitoba Premier") or in the possessive ("Manitoba's Opposition New Democrats")
   places the story even inside an organisation's name; inside other organisations
   ("The New York Times", "Houston Rockets") it names the organisation, not the story's place;
   a shouted name followed by a word that is not shouted ("SAN ANTONIO Turner Sports analyst",
   a dateline without its dash) is a name on its own, glued into no longer one; a county's
   name opening any organisation's but a newspaper's ("the Allen County Red Cross", not "the
   Suffolk County Times") places the story, and a town before a court only one country has
   ("Bristol Crown Court": England and Wales) is that country's town, as one before a US
   school district's words is a US town's ("Warsaw Community Schools", "Bethlehem Area School
   District") and one before "Township" a US or Canadian town's ("Berlin Township"); a county
   named with its word inside any longer name is a place for sure ("the Audrain County Circuit
   Court");
7. a name that towns share with a country or a place abroad, written before one of a town's
   own local bodies ("Peru City Council", "Lebanon Fire Department", "Paris police", "Mayor
   of Athens"), is that town, all its mentions, in a story that names LOCAL_BODY_PLACES (2)
   other places of the town's country (counties, towns, states: "Warren County", "Morrow")
   and no place of the name's other countries; this holds for any country with such towns
   ("Delhi Fire Department" among Ontario towns); "Paris police" beside Lyon stays in France,
   but a US story may name a war abroad ("a Peru woman who served in Lebanon"). A country's
   name before a body only a town has (a council, a fire department, a school: "Jordan High
   School") names that body, not the country, where the story does not place the town. So
   does a name the text writes as a town's, no state and no body needed: near it, a compass
   point from it, "the city of" it, its residents or township, "a X man" ("near Lebanon",
   "north of Lebanon", "Lebanon residents", "a Peru man", "a Holland maker", "Jane Doe, 87,
   of Peru"; a country would be "a Peruvian man"), when the name is a country's (a city
   abroad is as often "near Paris"), unless the text writes it in the possessive anywhere
   ("near Lebanon's border");
   travel words are no cue ("back from Peru", "deployed to Jordan", "in Peru": people go
   abroad from any town), so the country stays there; a town owning a body only a town has,
   in the possessive as prose writes it ("Manchester's school board", "Salem's city council":
   no country has those), needs only OWNED_BODY_PLACES (1) other place, a small one (a town
   too small to stand alone, or a county: a big city is named from anywhere); any of these
   cues needs only a county of the town's country (no story abroad names an American county:
   "a Mexico man" beside Audrain County), and so does a name a county of the story is named by
   ("Lebanon" beside Lebanon County: a county seat is often its namesake); the items of a list
   with a small US town ("Lebanon and Mt. Juliet") are US towns where US towns have the name;
8. a story whose places all have a candidate in one country, and only that one in common, is
   set there, and its names shared with places abroad are that country's towns, when it
   names a county of that country alone ("Florence" beside Boone County, "Paris" beside
   Lamar County: also a name the gazetteer keeps for the place abroad) or SETTING_PLACES
   different names, one of them a small town of that country alone ("Bedford", "Manchester"
   and Merrimack; London, Strathroy and Sarnia in Ontario); a story that names a country or
   a people ("American tourists") looks abroad, and a big city is no anchor (tourists from
   Boston near Paris), so those are left to the rules above; one small town and one shared
   name may be a trip ("a Nashua teacher won a trip to London") and are left too.

Focus (which countries the story is about), CLIFF's most-mentioned rule on weighted mentions:

* each resolved mention weighs 3 in the title, 2 in the lead, 1 further down; the lead is the
  first paragraph up to the end of the sentence that runs past 200 characters (a text without
  paragraph breaks is not all lead);
* the country of the dateline ("HANOI (Reuters) -") gains 2, a second lead mention, when the
  story names it; a region or country after the dateline's place ("JEDDAH, Saudi Arabia (AP)
  -") says where that place is and weighs nothing more, so a dateline counts once however
  the agency writes it;
* the focus countries are those with at least 0.7 of the top country's weight (both sides of a
  bilateral story, not the context quoted behind it);
* countries are ordered by weight, then by the number of mentions of places inside them
  (towns, regions: a story is set among its places, and names countries for reference), then
  by the number of different names they are named by, then by where the text first names
  them; the first is the top country.

Why not CLIFF's plain count (most mentions plus ties)? The geo dev sets have no hand-coded
focus, so bench/countries.py scores focus against that very count on the gold toponyms: a
count over our mentions agrees with it more often on the *set* (it marks a second country only
on an exact tie, where 0.7 marks a bilateral story's second side), but on the tuning halves it
found the reference country in fewer documents (hit) and put it first less often (top-1) on
GeoVirus, and did no better on GeoWebNews: those are the two figures hand-coded focus is scored
by, and lead weight (1 to 3), dateline weight (0 to 2) and share (0.6 to 1) moved them by a
document or two (the comparison is the "CLIFF-on-ours" column in bench/RESULTS.md). What still
misses the focus is mostly the mentions, not the rule: places the gazetteer lacks, a name
resolved to a namesake, a company named like a country.

A demonym that ends its clause, or stands before an auxiliary, a verb of saying, "to" or a
preposition, is a noun for people, a team or a language ("an Australian,", "studying
Portuguese.", "The Irish need", "Canadians in need"), not a place, and is not matched; nor
is one that names a language, after a verb of language or before a word of language ("speaks
French", "translated from Russian", "a Japanese word", "French-language", "Chinese
speakers"), nor one that names a cuisine ("Moroccan cuisine", "a Vietnamese restaurant",
"Bosnian food in Astoria"), nor one that names a time zone ("at 6pm British time").

A combining form of a country's adjective joined by a hyphen to another country's name or
adjective is that country ("Austro-Hungarian", "Franco-German"); alone it is any other word
("General Franco").

A shouted "US" after a call to action ("FOLLOW US", "CONTACT US") is the pronoun.

A country named like a thing is that thing: a country's name opening a sentence in a text whose
prose writes it in lower case ("Turkey prices rose ... a 20-pound turkey"), and one before a
model number ("Mali T604 GPU", "Mali-G76").

The places of a wire story's credit line ("(Reporting by Jane Doe in Amman; Editing by ...)")
are where its reporters sat, not where the story is, and do not count.

A country's or capital's name before a street's or crossing's word ("Holland Tunnel", "Jordan
Street") names the way, which lies elsewhere, not the place.

A shouted town or region name that the text defines as an acronym of something that is no
place ("African Leaders Malaria Alliance (ALMA)") is that acronym throughout the text.

A small town's one-word name that opens a sentence and that the text also writes in lower
case is that word ("Many said ... many more", "Media reports ... the media"), not the town.

Mentions inside a non-place entity (the "New York Times" ORG, "Jordan" as a PERSON) are dropped
when the spaCy entities are given, and so is a town or region named like the last word of a
person the text names in full ("Luis Gomes Sambo ... Sambo said": a surname, not a town), or
a country's name the model calls a person there ("Tom Holland ... Holland said"). So
is one named like the last word of a name after a person's title ("President Obama ... images
of Obama"), entities or not. A town's one-word name the model calls a person, an organisation
or a product is the town where the text writes it as one: as its people or before its local
body it is a place for sure ("a Leeds man", "Manchester's school board", "Hamilton police");
after a preposition of place it is kept, to count beside its country's other places ("She
comes from Nashua"; people and firms come "from" too: "kisses from Allison").

With the model's entities (`ner`), the model's silence counts too: a town's or region's
one-word name that opens a sentence (or stands in a title-case headline) and that no entity
covers is a word ("Nice job!"), and a country named only once, by a town's or region's name
the model does not call a place, is dropped ("Bo could end up...", "in Gaming").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from pipeline.models import Country, Entity, Mention, Section
from pipeline.nlp.country_cues import (
    CORROBORATION_CAP,
    COUNTRY_KIND,
    COUNTRY_KINDS,
    COUNTY_WORDS,
    DATELINE_WEIGHT,
    DOMINANCE_RATIO,
    FOCUS_SHARE,
    LEAD_MAX_CHARS,
    LOCAL_BODY_PLACES,
    LOCAL_BODY_RE,
    LOCAL_BONUS,
    MAYOR_OF,
    MAYOR_OF_LOOKBACK,
    NAMED_BONUS,
    NAMESAKE_COUNTRY,
    OWNED_BODY_PLACES,
    POSSESSIVE_AFTER,
    QUALIFIER_SEPARATOR,
    REGION_KIND,
    SCAN_CACHE_SIZE,
    SENTENCE_END_RE,
    SETTING_PLACES,
    STANDALONE_PROMINENCE,
    STATE_BODY_RE,
    TIME_ZONE_COUNTRY,
    TIME_ZONE_RE,
    TOWN_KIND,
    TOWN_PERSON_RE,
    TOWN_USE_AFTER_RE,
    TOWN_USE_BEFORE_RE,
    TOWN_USE_LOOKBACK,
)
from pipeline.nlp.country_entities import (
    NO_SPANS,
    entity_checked,
    entity_spans,
    full_name_surnames,
    is_local_place,
    surname,
    titled_surnames,
    unnamed_opener,
    without_person_names,
    without_unconfirmed_lone_places,
)
from pipeline.nlp.country_lists import (
    list_countries,
    name_key_of,
    qualify,
    us_postal_state,
    without_foreign_team_namesakes,
)
from pipeline.nlp.country_scan import PlaceMatch, scanned, strong
from pipeline.nlp.dateline import find_dateline
from pipeline.nlp.gazetteer import Candidate, load_gazetteer, name_key


class _States(NamedTuple):
    """What a story says of US states: those it names (postal codes), the names it places in
    one of them ("Lebanon, Ohio", "Berlin, MD") where a US town so named lies, and those whose
    own organisations it names ("Ohio University", "Kentucky State Police": `_body_states`)."""

    named: frozenset[str] = frozenset()
    placed: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()


_NO_STATES = _States()


def lead_end(story: str) -> int:
    """The end of the lead: the first paragraph, up to the end of the sentence that runs past
    LEAD_MAX_CHARS (a text without paragraph breaks is not all lead)."""
    cut = story.find("\n\n")
    cut = len(story) if cut < 0 else cut
    if cut > LEAD_MAX_CHARS:
        stop = SENTENCE_END_RE.search(story, LEAD_MAX_CHARS, cut)
        if stop is not None:
            return stop.start() + 1
    return cut


def _resolve(
    matches: Sequence[PlaceMatch],
    texts: Mapping[Section, str],
    clock: bool = False,
    states: _States = _NO_STATES,
    dateline: bool = False,
) -> list[tuple[PlaceMatch, str]]:
    """Pick each match's country from the document's evidence, or drop it; `clock`: the text
    gives a time in a North American time zone, which counts for TIME_ZONE_COUNTRY among the
    candidates of a shared town's or region's name (no more: alone, it places no small town);
    `states`: what the story says of US states (`_named_states`); `dateline`: the story opens
    with a dateline, whose shared name's clearly dominant place is evidence (`_filed_from`)."""
    evidence: dict[str, int] = defaultdict(int)
    # Evidence from places inside a country (cities, regions): what overrides a country name.
    local: dict[str, int] = defaultdict(int)
    confirmed: list[tuple[PlaceMatch, str]] = []
    small: dict[str, list[PlaceMatch]] = defaultdict(list)
    namesakes = _state_namesakes(matches, states)
    # Names before a town's local body ("Peru City Council"): held back until the setting is
    # known (`_body_homes`).
    bodies, owned = _local_bodies(matches, texts)
    held = _held_for_bodies(matches, bodies, namesakes)
    home: dict[int, str] = {}
    dropped: set[int] = set()

    def weigh(match: PlaceMatch) -> None:
        codes = match.codes
        if len(codes) != 1:
            return
        (code,) = codes
        if any(strong(c) for c in match.candidates):
            _count(match, code, evidence, local)
            return
        small[code].append(match)
        if match.confirmed:
            confirmed.append((match, code))

    for i, match in enumerate(matches):
        if i not in namesakes and i not in held:
            weigh(match)
    if held:
        body_homes = _body_homes(matches, held, namesakes, evidence, owned)
        for i in sorted(held):
            match = matches[i]
            if i in body_homes:
                home[i] = body_homes[i]
                _count(match, body_homes[i], evidence, local)
            elif bodies.get(i) and all(c.kind == COUNTRY_KIND for c in match.candidates):
                # "Jordan High School" in a story not set among a namesake town's places
                # names the school, not the country.
                dropped.add(i)
            else:
                weigh(match)
    # A name US towns share with places abroad is the US town in a story that places it in
    # the town's state ("Lebanon, Ohio ... Lebanon"), or in one set among SETTING_PLACES
    # different US places (towns of any size, counties, states: names whose most prominent
    # place is in the US, as Maryland's is beside Liberia's county), one of them the town's
    # state, that names no place abroad ("Berlin" beside Ocean City and Salisbury in
    # Maryland); else it is left to the rules below.
    home_places = len(
        {
            match.text
            for i, match in enumerate(matches)
            if i not in namesakes
            and match.candidates
            and match.candidates[0].country == NAMESAKE_COUNTRY
            and all(c.kind not in COUNTRY_KINDS for c in match.candidates)
        }
    )
    abroad = any(count > 0 for code, count in evidence.items() if code != NAMESAKE_COUNTRY)
    placed_home: list[int] = []
    town_states = load_gazetteer().us_town_states
    for i in sorted(namesakes):
        match = matches[i]
        if name_key_of(match) in states.placed or (
            not abroad
            and (
                home_places >= SETTING_PLACES
                # a state's own organisation sets the story in it: "Ohio University ... Athens"
                or town_states.get(name_key_of(match), frozenset()) & states.bodies
            )
        ):
            home[i] = NAMESAKE_COUNTRY
            placed_home.append(i)
        else:
            weigh(match)
    for i in placed_home:
        _count(matches[i], NAMESAKE_COUNTRY, evidence, local)
    # A story whose places all lie in one country, one of them named only there, is set there:
    # its shared names are that country's towns ("Florence" beside Boone County, `_common_setting`).
    setting = _common_setting(matches)
    if setting is not None:
        code, namesakes_too = setting
        for i, match in enumerate(matches):
            if (
                i not in home
                and i not in dropped
                and match.codes != {code}
                and (code in match.codes or namesakes_too)
            ):
                home[i] = code
                _count(match, code, evidence, local)
    # Small places of one country bear each other out: SETTING_PLACES different ones are no
    # chance namesakes ("Irwindale, Azusa and Glendora").
    for code, found in small.items():
        if len({match.text for match in found}) >= SETTING_PLACES:
            for match in found:
                _count(match, code, evidence, local)
            confirmed = [(match, c) for match, c in confirmed if c != code]
    # A small place the model calls a place counts alone only in a story that places nothing
    # else, or beside its own country's places: beside other countries' it is more often a
    # namesake the gazetteer lacks ("Long Island" is a town of the Bahamas too).
    strong_codes = set(evidence)
    for match, code in confirmed:
        if not strong_codes - {code}:
            _count(match, code, evidence, local)
    for code, found in _corroborated(matches, evidence).items():
        for match in found:
            _count(match, code, evidence, local)
    listed = list_countries(matches, texts)
    if dateline:
        _filed_from(matches, home, listed, dropped, evidence, local)
    resolved: list[tuple[PlaceMatch, str]] = []
    for i, match in enumerate(matches):
        if i in dropped:
            continue
        chosen = home.get(i) or listed.get(i) or _choose(match, evidence, local, clock)
        if chosen is not None:
            resolved.append((match, chosen))
    return resolved


def _filed_from(
    matches: Sequence[PlaceMatch],
    home: Mapping[int, str],
    listed: Mapping[int, str],
    dropped: set[int],
    evidence: dict[str, int],
    local: dict[str, int],
) -> None:
    """Count a dateline's shared name ("LONDON (Reuters) -": London, Ontario and Kentucky too)
    for its clearly dominant place's country (`_dominant`), as a name of one country would be:
    the story was filed there, so its other shared names lean that way ("Bristol" beside
    "LONDON" and an "American forward" is England's). A name the rules above placed is left
    to them; a dateline a state qualifies is one country's already."""
    for i, match in enumerate(matches):
        if match.section != "story" or match.start != 0:
            continue
        if len(match.codes) > 1 and i not in home and i not in listed and i not in dropped:
            code = _dominant(match.candidates)
            if code is not None:
                _count(match, code, evidence, local)
        return


def _named_states(matches: Sequence[PlaceMatch], texts: Mapping[Section, str]) -> _States:
    """The US states the story names, by name, AP abbreviation or postal code after a place
    ("Ohio", "Ky.", "Reston, VA"), and the names it qualifies by one of them."""
    gazetteer = load_gazetteer()
    named: set[str] = set()
    placed: set[str] = set()
    after: dict[int, str] = {}  # a state's code by where its name starts
    for match in matches:
        state = gazetteer.us_states.get(name_key_of(match))
        if state is not None and any(
            c.country == NAMESAKE_COUNTRY and c.kind == REGION_KIND for c in match.candidates
        ):
            named.add(state)
            after[match.start] = state
    for match in matches:
        text = texts[match.section]
        state = us_postal_state(text, match)
        if state is None and text.startswith(QUALIFIER_SEPARATOR, match.end):
            state = after.get(match.end + len(QUALIFIER_SEPARATOR))
        if state is not None:
            named.add(state)
            key = name_key_of(match)
            if state in gazetteer.us_town_states.get(key, ()):
                placed.add(key)
    # only a name US towns share with places abroad needs a setting: most texts skip the scan
    shared = any(name_key_of(match) in gazetteer.us_town_states for match in matches)
    bodies = _body_states(texts) if shared else frozenset()
    return _States(frozenset(named | bodies), frozenset(placed), bodies)


def _body_states(texts: Mapping[Section, str]) -> frozenset[str]:
    """The US states whose own organisations the text names (STATE_BODY_RE: "Ohio University",
    "the Ohio State Highway Patrol", "the University of North Alabama"): the state is the
    capitalised words' whole, last or first word."""
    return frozenset().union(*(_text_body_states(text) for text in texts.values()))


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def _text_body_states(text: str) -> frozenset[str]:
    """`_body_states` of one text, kept for the next call: `settle` tags a story twice."""
    states = load_gazetteer().us_states
    found: set[str] = set()
    for body in STATE_BODY_RE.finditer(text):
        words = body.group("of") or body.group("name")
        first, _, rest = words.partition(" ")
        for key in (words, rest, first):
            state = states.get(name_key(key)) if key else None
            if state is not None:
                found.add(state)
                break
    return frozenset(found)


def _state_namesakes(matches: Sequence[PlaceMatch], states: _States) -> set[int]:
    """The matches that may name a US town of a state the story names under a name places
    abroad share: `_resolve`'s namesake rule decides. A country's name ("Lebanon", "China")
    qualifies only when the story itself places it in a state ("Lebanon, Ohio"): a story set
    in Ohio names China the country too."""
    if not states.named:  # a state's organisation names it too (`_body_states`)
        return set()
    town_states = load_gazetteer().us_town_states
    found = set()
    for i, match in enumerate(matches):
        key = name_key_of(match)
        if key in states.placed or (
            town_states.get(key, frozenset()) & states.named
            and all(c.kind not in COUNTRY_KINDS for c in match.candidates)
        ):
            found.add(i)
    return found


def _town_homes(match: PlaceMatch) -> frozenset[str]:
    """The countries with a town (or a second-level unit) of the match's name: its town
    candidates, and the US and small foreign towns the gazetteer keeps out of `names` for a
    place abroad (`us_town_states`, `town_namesakes`)."""
    gazetteer = load_gazetteer()
    key = name_key_of(match)
    homes = {c.country for c in match.candidates if c.kind == TOWN_KIND}
    if key in gazetteer.us_town_states:
        homes.add(NAMESAKE_COUNTRY)
    return frozenset(homes) | gazetteer.town_namesakes.get(key, frozenset())


def _local_bodies(
    matches: Sequence[PlaceMatch], texts: Mapping[Section, str]
) -> tuple[dict[int, bool], set[int]]:
    """The matches of a name that towns share with places of other countries, right before one
    of a town's local bodies ("Peru City Council", "Paris police", "Mayor of Lebanon"): True
    where the body is one only a town has (LOCAL_BODY_RE's `town`: a council, a fire department, a
    school), False for police and mayors, which capitals have too; and those where the town
    owns such a body in the possessive ("Manchester's school board": `owned`), which
    `_body_homes` takes beside fewer other places. One anchored match each."""
    found: dict[int, bool] = {}
    owned: set[int] = set()
    used: set[int] = set()  # found by the way the text writes the name only (`_town_use`)
    possessive: set[str] = set()
    # The names the story's counties are named by ("Lebanon" of "Lebanon County"): a county
    # seat is often its county's namesake, and a county beside a name marks that name's town.
    county_names = {
        head
        for match in matches
        for head, _, word in [match.text.rpartition(" ")]
        if word in COUNTY_WORDS and head
    }
    for i, match in enumerate(matches):
        text = texts[match.section]
        if text.startswith(POSSESSIVE_AFTER, match.end):
            possessive.add(name_key_of(match))
        body = LOCAL_BODY_RE.match(text, match.end)
        if (
            body is None
            and text[max(0, match.start - MAYOR_OF_LOOKBACK) : match.start] not in MAYOR_OF
            and match.text not in county_names
        ):
            if not (
                any(c.kind == COUNTRY_KIND for c in match.candidates) and _town_use(match, text)
            ):
                continue
            used.add(i)
        homes = _town_homes(match)
        if homes and len(homes | match.codes) > 1:
            owns = body is not None and body.group("owned") is not None
            found[i] = owns or (body is not None and body.group("town") is not None)
            if owns:
                owned.add(i)
    for i in used:
        if name_key_of(matches[i]) in possessive:
            found.pop(i, None)
    return found, owned


def _town_use(match: PlaceMatch, text: str) -> bool:
    """True where the text writes the name as a town's: near it, a compass point from it, "the
    city of" it, its residents or township, "a X man" (TOWN_USE_BEFORE_RE and the rest). Only
    a country's name is read so: a city abroad is as often near ("near Paris", "outside London"
    in a story of American tourists from Boston and Chicago)."""
    if TOWN_USE_AFTER_RE.match(text, match.end):
        return True
    before = TOWN_USE_BEFORE_RE.search(text, max(0, match.start - TOWN_USE_LOOKBACK), match.start)
    if before is None:
        return False
    return before.group("one") is None or TOWN_PERSON_RE.match(text, match.end) is not None


def _held_for_bodies(
    matches: Sequence[PlaceMatch], bodies: Mapping[int, bool], namesakes: set[int]
) -> set[int]:
    """Every mention of a name `_local_bodies` found before a local body at least once (the
    story's "near Lebanon" is its "Lebanon Fire Department"), unless the state rule has it."""
    if not bodies:
        return set()
    keys = {name_key_of(matches[i]) for i in bodies}
    return {
        i for i, match in enumerate(matches) if i not in namesakes and name_key_of(match) in keys
    }


def _body_homes(
    matches: Sequence[PlaceMatch],
    held: set[int],
    namesakes: set[int],
    evidence: Mapping[str, int],
    owned: set[int],
) -> dict[int, str]:
    """The country of each held name's town: a name before its town's local body ("Lebanon
    Fire Department", "London police") is that town when the story names LOCAL_BODY_PLACES
    different other places whose most prominent namesake lies in the town's country (towns,
    counties, states or provinces: "Warren County", "Morrow") and no place of another country
    ("Paris police" beside Lyon and Marseille stays in France, "Lebanon" beside Beirut in
    Lebanon); otherwise the name is left to the other rules."""
    settings: dict[str, set[str]] = defaultdict(set)
    # ... and the small ones among them (a town too small to stand alone, or a county): a town
    # owning its body ("Manchester's school board") needs OWNED_BODY_PLACES of these only, as
    # a big city is named from anywhere ("London's city council", a New York analyst said).
    small: dict[str, set[str]] = defaultdict(set)
    # ... and the counties among them: no story abroad names an American county, so one is
    # setting enough for a name written as its town's ("a Mexico man" beside Audrain County).
    counties: dict[str, set[str]] = defaultdict(set)
    for i, match in enumerate(matches):
        if (
            i not in held
            and i not in namesakes
            and match.candidates
            and all(c.kind not in COUNTRY_KINDS for c in match.candidates)
        ):
            top = match.candidates[0]
            settings[top.country].add(match.text)
            if top.prominence <= STANDALONE_PROMINENCE:
                small[top.country].add(match.text)
            if match.text.rsplit(" ", 1)[-1] in COUNTY_WORDS:
                counties[top.country].add(match.text)
    evidenced = {code for code, count in evidence.items() if count > 0}
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in sorted(held):
        by_key[name_key_of(matches[i])].append(i)
    found: dict[int, str] = {}
    for indexes in by_key.values():
        towns = _town_homes(matches[indexes[0]])
        # The other countries the story names must not be among the name's own ("Lebanon"
        # beside Beirut), but a US story may name a war abroad ("a Peru woman who served in
        # Lebanon").
        rivals = towns | matches[indexes[0]].codes
        owns = any(i in owned for i in indexes)
        homes = [
            code
            for code in sorted(towns)
            if (
                len(settings[code]) >= LOCAL_BODY_PLACES
                or (owns and len(small[code]) >= OWNED_BODY_PLACES)
                or counties[code]
            )
            and not (evidenced - {code}) & rivals
        ]
        if len(homes) == 1:
            found.update((i, homes[0]) for i in indexes)
    return found


def _common_setting(matches: Sequence[PlaceMatch]) -> tuple[str, bool] | None:
    """The country a story of local places is set in, and whether its setting reaches the
    names the gazetteer keeps for a place abroad: every place named has a candidate in that
    country alone among all, a name is shared with places abroad, and either a county of that
    country alone is named ("Florence" beside Boone County, "Paris" beside Lamar County: True)
    or SETTING_PLACES different names, one a small town of that country alone ("Bedford",
    "Manchester" and Merrimack: False). Only a county settles a name whose home town the
    gazetteer keeps as a namesake of the place abroad (`_town_homes`: "Paris", "Newport"); a
    big city is no anchor ("tourists from Boston and Chicago near Paris"). A story that names
    a country or a people ("American tourists ... in Florence") looks abroad and gets None."""
    common: frozenset[str] | None = None
    homes: frozenset[str] | None = None  # with the towns kept as namesakes (`_town_homes`)
    county = small = shared = shared_home = False
    names: set[str] = set()
    for match in matches:
        if not match.codes or any(c.kind in COUNTRY_KINDS for c in match.candidates):
            return None
        with_towns = match.codes | _town_homes(match)
        homes = with_towns if homes is None else homes & with_towns
        if not homes:
            return None
        common = match.codes if common is None else common & match.codes
        names.add(match.text)
        shared = shared or len(match.codes) > 1
        shared_home = shared_home or len(with_towns) > 1
        if len(match.codes) == 1 and all(c.kind == TOWN_KIND for c in match.candidates):
            if match.text.rsplit(" ", 1)[-1] in COUNTY_WORDS:
                county = True
            elif not any(strong(c) for c in match.candidates):
                small = True
    if homes is None or len(homes) != 1:
        return None
    (code,) = homes
    if county and shared_home:
        return code, True
    if small and shared and common == homes and len(names) >= SETTING_PLACES:
        return code, False
    return None


def _corroborated(
    matches: Sequence[PlaceMatch], evidence: Mapping[str, int]
) -> dict[str, list[PlaceMatch]]:
    """Shared names the model calls places that bear each other out: two different ones whose
    only common country has no evidence yet are placed there ("Dundalk" is in Ireland and
    Maryland, "Dundrum" in Ireland and Britain: together, Ireland). A name with a candidate the
    story already places is left to `_choose`. At most CORROBORATION_CAP names are paired."""
    shared: dict[str, PlaceMatch] = {}
    for match in matches:
        if (
            match.confirmed
            and len(match.codes) > 1
            and match.text not in shared
            and all(c.kind not in COUNTRY_KINDS for c in match.candidates)
            and not any(evidence.get(code, 0) for code in match.codes)
        ):
            shared[match.text] = match
            if len(shared) >= CORROBORATION_CAP:
                break
    found: dict[str, list[PlaceMatch]] = defaultdict(list)
    names = list(shared.values())
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            common = first.codes & second.codes
            if len(common) == 1:
                (code,) = common
                found[code].extend((first, second))
    return {
        code: [m for m in matches if m.text in {f.text for f in items} and code in m.codes]
        for code, items in found.items()
    }


def _count(match: PlaceMatch, code: str, evidence: dict[str, int], local: dict[str, int]) -> None:
    evidence[code] += 1
    if all(c.kind not in COUNTRY_KINDS for c in match.candidates):
        local[code] += 1


def _choose(
    match: PlaceMatch, evidence: dict[str, int], local: dict[str, int], clock: bool = False
) -> str | None:
    codes = match.codes
    if not codes:
        return None
    home = _namesake_home(match, evidence, local)
    if home is not None:
        return home
    if len(codes) == 1:
        (code,) = codes
        if evidence[code] > 0 or any(strong(c) for c in match.candidates):
            return code
        return None
    country_codes = {c.country for c in match.candidates if c.kind in COUNTRY_KINDS}
    if country_codes:
        # A country's name stays the country unless the story is set among another country's
        # places that share the name ("Georgia" with Atlanta and Savannah).
        # Ties go to the gazetteer's order (the most prominent place first), never to a set's
        # order, which changes with the process's hash seed.
        ordered = list(dict.fromkeys(c.country for c in match.candidates))
        best_local = max(ordered, key=lambda code: (local[code], code in country_codes))
        if (
            local[best_local] > 0
            and best_local not in country_codes
            and all(local[best_local] > local[code] for code in country_codes)
        ):
            return best_local
        if len(country_codes) == 1:
            return next(iter(country_codes))
        supported = [code for code in ordered if code in country_codes and evidence[code] > 0]
        return max(supported, key=lambda code: evidence[code]) if supported else None
    # A town or region name shared by several countries: weigh each place's size against what
    # the story says. "Birmingham" beside Alabama towns is in the US, but "Paris" stays in France
    # beside a Texas town or two, and "London" stays in England when the story merely names
    # Canada.
    # A story set among one country's places (SETTING_PLACES mentions), which names no other
    # candidate's country at all, keeps the name at home ("Vienna" among Fairfax County towns).
    setting = [c for c in match.candidates if local[c.country] >= SETTING_PLACES]
    if len({c.country for c in setting}) == 1 and all(
        evidence[c.country] == 0 for c in match.candidates if c.country != setting[0].country
    ):
        return setting[0].country
    named = {c.country for c in match.candidates if evidence[c.country] > 0}
    if clock and TIME_ZONE_COUNTRY in match.codes:
        named.add(TIME_ZONE_COUNTRY)
    if named:
        best = max(
            match.candidates,
            key=lambda c: (
                math.log10(c.prominence + 10)
                + (
                    LOCAL_BONUS
                    if local[c.country] > 0
                    else NAMED_BONUS
                    if c.country in named
                    else 0.0
                )
            ),
        )
        if evidence[best.country] > 0 or strong(best):
            return best.country
    return _dominant(match.candidates)


def _namesake_home(
    match: PlaceMatch, evidence: Mapping[str, int], local: Mapping[str, int]
) -> str | None:
    """The country of a small town the gazetteer keeps out of `names` for a bigger place abroad
    (`Gazetteer.town_namesakes`), when the story is set among SETTING_PLACES mentions of that
    country's places and names none of the gazetteer's countries for the name ("Newport" and
    "Virginia" among Irish towns are Ireland's); else None."""
    homes = load_gazetteer().town_namesakes.get(name_key_of(match))
    if not homes or any(evidence.get(code, 0) for code in match.codes):
        return None
    settings = [code for code in homes if local.get(code, 0) >= SETTING_PLACES]
    return settings[0] if len(settings) == 1 else None


def _dominant(candidates: Sequence[Candidate]) -> str | None:
    """The country of a strong place DOMINANCE_RATIO times more prominent than any other
    country's place of that name ("Paris": France, not Texas), else None."""
    ranked = sorted(candidates, key=lambda c: c.prominence, reverse=True)
    top = ranked[0]
    runner_up = next((c for c in ranked if c.country != top.country), None)
    if strong(top) and (
        runner_up is None or top.prominence >= DOMINANCE_RATIO * max(runner_up.prominence, 1)
    ):
        return top.country
    return None


def tag_countries(
    title: str, story: str, entities: Sequence[Entity] = (), *, ner: bool = False
) -> list[Country]:
    """The countries of a story, by share of its country weight, with the focus ones marked.

    `story` is the paragraphs joined by blank lines; the first paragraph is the lead, up to the
    end of the sentence that runs past LEAD_MAX_CHARS (200) characters. A mention
    weighs TITLE_WEIGHT (3) in the title, LEAD_WEIGHT (2) in the lead, BODY_WEIGHT (1) further
    down; `score` is the country's share of the total weight (scores sum to 1) and `focus` marks
    the countries with at least FOCUS_SHARE (0.7) of the top country's weight: CLIFF's rule (the
    top country plus ties) on section-weighted mentions, so a country in the title and lead wins
    over one repeated further down, plus the countries close behind the top one (both sides of a
    bilateral story). The country of the dateline at the start of the lead (`find_dateline`),
    when the story names it, gains DATELINE_WEIGHT (2), as if the lead named it once more.
    Countries are ordered by weight; at equal weight, the one named through more places
    inside it first ("London" and "Heathrow" before "Kansas City" and "U.S."), then through
    more different names ("Moscow" and "Russia" before "Syria" twice), then the one the text
    names first (the title first, then the story's order).

    `ner` says that `entities` are the model's entities of both texts, so a name the model left
    out is one it read as no name: a town's or region's one-word name where capitals say
    nothing (opening a sentence, or in a headline in title case) and no entity covers is then
    a word ("Nice job!", "Shaping a feature", "Serbia Becomes a Hub"), not the place.
    """
    gazetteer = load_gazetteer()
    spans = entity_spans(entities)
    sections: tuple[tuple[Section, str, int], ...] = (
        ("title", title, 0),
        ("story", story, lead_end(story)),
    )
    matches = [
        kept
        for section, text, lead_end in sections
        for match in scanned(section, text, lead_end)
        if (kept := entity_checked(match, spans.get(section, NO_SPANS), text)) is not None
        and not (
            ner and unnamed_opener(kept, spans.get(section, NO_SPANS), text, section == "title")
        )
    ]
    matches = without_person_names(matches, {"title": title, "story": story}, entities)
    surnames = full_name_surnames(entities)
    if any(is_local_place(match) for match in matches):  # only towns and regions can be surnames
        surnames |= titled_surnames(title) | titled_surnames(story)
    if surnames:
        matches = [
            match
            for match in matches
            if not surname(match, surnames, spans.get(match.section, NO_SPANS))
        ]
    clock = any(_shared_with(match, TIME_ZONE_COUNTRY) for match in matches) and any(
        _has_clock(text) for text in (title, story)
    )
    texts: dict[Section, str] = {"title": title, "story": story}
    states = _named_states(matches, texts)
    dateline = find_dateline(story[: lead_end(story)])
    resolved = _resolve(qualify(matches, texts), texts, clock, states, dateline is not None)
    if ner:
        resolved = without_unconfirmed_lone_places(resolved)
    resolved = without_foreign_team_namesakes(resolved, texts)
    if not resolved:
        return []
    weights: dict[str, float] = defaultdict(float)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    qualifier = _dateline_qualifier(dateline, resolved)
    for match, code in resolved:
        weights[code] += 0.0 if match is qualifier else match.weight
        mentions[code].append(
            Mention(section=match.section, start=match.start, end=match.end, text=match.text)
        )
    if dateline:
        filed = _dateline_code(dateline, sorted(weights, key=lambda code: -weights[code]))
        if filed is not None and filed in weights:
            weights[filed] += DATELINE_WEIGHT
    total = sum(weights.values())
    top = max(weights.values())
    # Equal weights: the country named through more places inside it (towns, regions) leads,
    # then the one named through more different names (the story is set among them; a
    # country's name, or one name repeated, is a reference), then the one named first (the
    # title before the story), as a writer names the story's place first; the code only orders
    # what is left.
    local: dict[str, int] = defaultdict(int)
    for match, code in resolved:
        if all(c.kind not in COUNTRY_KINDS for c in match.candidates if c.country == code):
            local[code] += 1
    names = {code: len({m.text for m in found}) for code, found in mentions.items()}
    first = {code: _first_position(found) for code, found in mentions.items()}
    ordered = sorted(
        weights,
        key=lambda code: (-weights[code], -local[code], -names[code], first[code], code),
    )
    return [
        Country(
            code=code,
            name=gazetteer.countries.get(code, code),
            score=weights[code] / total,
            focus=weights[code] >= FOCUS_SHARE * top,
            mentions=mentions[code],
        )
        for code in ordered
    ]


def _dateline_qualifier(
    dateline: str | None, resolved: Sequence[tuple[PlaceMatch, str]]
) -> PlaceMatch | None:
    """The region or country after a dateline's place ("JEDDAH, Saudi Arabia (AP) -"), when the
    place is a mention of that country too: it says where the place is, the same place, and
    weighs nothing (the dateline counts once, as "RIYADH (Reuters) -" does)."""
    if dateline is None or ", " not in dateline:
        return None
    at = dateline.index(", ") + 2  # the story opens with the dateline: same offsets
    place = region = None
    for match, code in resolved:  # one pass: the order of `resolved` is not relied on
        if match.section != "story":
            continue
        if match.start == 0:
            place = code
        elif match.start == at:
            region = (match, code)
    if region is None or region[1] != place:
        return None
    return region[0]


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def _has_clock(text: str) -> bool:
    """True when the text gives a time in a North American time zone (TIME_ZONE_RE)."""
    return TIME_ZONE_RE.search(text) is not None


def _shared_with(match: PlaceMatch, code: str) -> bool:
    """True for a name of places in that country and in another."""
    return any(c.country == code for c in match.candidates) and any(
        c.country != code for c in match.candidates
    )


def _first_position(mentions: Sequence[Mention]) -> tuple[int, int]:
    """Where a country is first named: (0 in the title / 1 in the story, offset)."""
    return min((0 if m.section == "title" else 1, m.start) for m in mentions)


def dateline_country(dateline: str, countries: Sequence[Country] = ()) -> str | None:
    """The country of a dateline's place ("Islamabad" -> PK, "Karachi, Pakistan" -> PK): the
    region after a comma first, then the place. A name of several countries goes to the one
    the story names most (`countries`, in score order), else to a clearly dominant place,
    else to none."""
    return _dateline_code(dateline, [country.code for country in countries])


def _dateline_code(dateline: str, tagged: Sequence[str]) -> str | None:
    """`dateline_country` with the story's country codes, most weight first."""
    names = load_gazetteer().names
    for part in reversed(dateline.split(", ")):
        candidates = names.get(name_key(part)) or names.get(name_key(part) + ".")
        if not candidates:
            continue
        codes = {candidate.country for candidate in candidates}
        if len(codes) == 1:
            return next(iter(codes))
        named = [code for code in tagged if code in codes]
        return named[0] if named else _dominant(candidates)
    return None
