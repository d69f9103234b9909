"""The country tagger's qualifiers and lists: what neighbouring matches say of each other.

"Place, Region" qualifiers (`qualify`, `qualified`) and postal abbreviations
(`postal_region`) narrow a match to one country; items of a list of places do not qualify
each other, and share the country they have in common (`list_countries`); a results table's
teams are one league's (`without_foreign_team_namesakes`). Works on the scan's
`PlaceMatch`es (`country_scan.py`); the entity checks (`country_entities.py`) and the resolution
(`countries.py`) call it.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from pipeline.models import Section
from pipeline.nlp.country_cues import (
    CAPITALISED_BEFORE_RE,
    COUNTRY_KINDS,
    LEAGUE_MIN_TEAMS,
    LEAGUE_SHARE,
    LIST_GOES_ON_RE,
    LIST_JOINT_MAX,
    LIST_JOINT_RE,
    LOCAL_KINDS,
    MINOR_TOWN_PROMINENCE,
    NAMESAKE_COUNTRY,
    NEXT_CAPITAL_RE,
    POSTAL_LOOKBACK,
    POSTAL_RE,
    POSTAL_REGIONS,
    QUALIFIED_BY,
    QUALIFIER_KINDS,
    QUALIFIER_RE,
    QUALIFIER_SEPARATOR,
    REGION_KIND,
    STANDALONE_PROMINENCE,
    TOWN_KIND,
)
from pipeline.nlp.country_scan import PlaceMatch
from pipeline.nlp.entity_sports import results_spans
from pipeline.nlp.gazetteer import Candidate, load_gazetteer, name_key

# Match texts whose keys are kept: a story's few distinct names, over several stories.
NAME_KEY_CACHE_SIZE = 1024


def postal_region(text: str, match: PlaceMatch) -> str | None:
    """The country of a postal abbreviation right after a place ("Reston, VA" -> US), or None.
    Not after a capitalised word: "Dr. Jane Smith, MD" is a person with a degree."""
    found = postal_code(text, match)
    return None if found is None else POSTAL_REGIONS[found]


def postal_code(text: str, match: PlaceMatch) -> str | None:
    """The postal abbreviation of `postal_region` itself ("Reston, VA" -> "VA"), or None."""
    found = POSTAL_RE.match(text, match.end)
    if found is None or found.group(1) not in POSTAL_REGIONS:
        return None
    if CAPITALISED_BEFORE_RE.search(text, max(0, match.start - POSTAL_LOOKBACK), match.start):
        return None
    return found.group(1)


def us_postal_state(text: str, match: PlaceMatch) -> str | None:
    """The US state of a postal abbreviation right after a place ("Berlin, MD" -> "MD"): a
    Canadian province's gives None."""
    state = postal_code(text, match)
    return state if state is not None and POSTAL_REGIONS[state] == NAMESAKE_COUNTRY else None


def name_key_of(match: PlaceMatch) -> str:
    """The gazetteer key of a match's text ("LEBANON" as "Lebanon")."""
    return _text_key(match.text)


@lru_cache(maxsize=NAME_KEY_CACHE_SIZE)
def _text_key(text: str) -> str:
    """`name_key_of` of a match's text; the rules ask for the same few names' keys many times."""
    key = name_key(text)
    return key.title() if key.isupper() and len(key) > 2 else key


def state_town(text: str, match: PlaceMatch) -> PlaceMatch | None:
    """The match as a US town, when a postal code after it names a state where a US town of
    that name lies though the gazetteer keeps the name for places abroad ("Berlin, MD",
    "Lebanon, PA"), else None."""
    state = us_postal_state(text, match)
    return None if state is None else _as_state_town(match, state)


def _state_town_before(place: PlaceMatch, region: PlaceMatch) -> PlaceMatch | None:
    """`state_town` for a state's name or AP abbreviation after the place ("Lebanon, Ohio",
    "Berlin, Md.")."""
    state = load_gazetteer().us_states.get(name_key_of(region))
    if state is None or not any(c.country == NAMESAKE_COUNTRY for c in region.candidates):
        return None
    return _as_state_town(place, state)


def _as_state_town(match: PlaceMatch, state: str) -> PlaceMatch | None:
    if state not in load_gazetteer().us_town_states.get(name_key_of(match), ()):
        return None
    town = Candidate(NAMESAKE_COUNTRY, TOWN_KIND, 0)
    return dataclasses.replace(match, candidates=(town,), confirmed=True)


def qualified(text: str, match: PlaceMatch) -> bool:
    """True when a region or country of one of the match's countries follows it after the
    qualifier separator ("Klamath Falls, Oregon")."""
    if not match.candidates or not text.startswith(QUALIFIER_SEPARATOR, match.end):
        return False
    found = QUALIFIER_RE.match(text, match.end + len(QUALIFIER_SEPARATOR))
    if found is None:
        return False
    names = load_gazetteer().names
    words = found.group().split(" ")
    for n in range(len(words), 0, -1):
        for candidate in names.get(name_key(" ".join(words[:n]))) or ():
            if candidate.kind in QUALIFIER_KINDS and candidate.country in match.codes:
                return True
    return False


def qualify(matches: Sequence[PlaceMatch], texts: Mapping[Section, str]) -> list[PlaceMatch]:
    """Apply "Place, Region" qualifiers: the place keeps only its candidates in the region's
    countries, and the region only its candidates in the place's ("Atlanta, Georgia" is the US
    state, and in a list of states "Colorado, Georgia" too); a place with no candidate there
    is a namesake the gazetteer lacks ("Stroud, Ontario" is no English town) and goes, the
    qualifier placing the story on its own.

    A qualifier is bigger than what it qualifies (a region qualifies towns, a country towns and
    regions) and ends there ("Los Angeles, San Fernando Valley" is a list, not a town in
    Trinidad's San Fernando region; so is "Tibet, Nepal and Bhutan"). A country's name before
    a single country's region that qualifies it is a town named like the country ("Poland,
    Ohio") and goes."""
    out = list(matches)
    dropped: set[int] = set()
    for i in range(len(out) - 1):
        place, region = out[i], out[i + 1]
        text = texts[place.section]
        if (
            place.section != region.section
            or region.start - place.end != len(QUALIFIER_SEPARATOR)
            or not text.startswith(QUALIFIER_SEPARATOR, place.end)
            or NEXT_CAPITAL_RE.match(text, region.end)
        ):
            continue
        place_kinds = {c.kind for c in place.candidates}
        common = place.codes & region.codes
        following = out[i + 2] if i + 2 < len(out) else None
        if _list_goes_on(text, region, following) or (
            i > 0 and _list_item(text, out[i - 1], place)
        ):
            continue
        town = None if common else _state_town_before(place, region)
        if town is not None:
            out[i] = town  # "Lebanon, Ohio", "Berlin, Md.": a US town of that state
            continue
        if place_kinds == {"c"} and not common and _single_region(region):
            dropped.add(i)  # "Poland, Ohio": a town the gazetteer keeps only as the country
            continue
        qualifying = {
            c.country
            for c in region.candidates
            if c.kind in QUALIFIER_KINDS and not place_kinds & QUALIFIED_BY[c.kind]
        }
        if not qualifying or place_kinds & COUNTRY_KINDS:
            continue
        if not common:
            dropped.add(i)
            continue
        out[i] = restricted(place, common)
        out[i + 1] = restricted(region, common)
    return [match for i, match in enumerate(out) if i not in dropped]


def _single_region(region: PlaceMatch) -> bool:
    """True for a region of one country: it makes a country's name before it a town named
    like the country ("Poland, Ohio", "Jordan, Minn.")."""
    return (
        bool(region.candidates)
        and all(c.kind == REGION_KIND for c in region.candidates)
        and len(region.codes) == 1
    )


def _list_goes_on(text: str, region: PlaceMatch, following: PlaceMatch | None) -> bool:
    """True when the would-be qualifier is an item of a list ("India, Tibet and Nepal", "Tibet,
    Nepal"), not when the next item qualifies it in turn ("Stroud, Ontario, Canada")."""
    found = LIST_GOES_ON_RE.match(text, region.end)
    if found is None:
        return False
    return not (
        following is not None
        and following.start == found.end() - 1
        and bool(following.codes & region.codes)
    )


def _list_item(text: str, previous: PlaceMatch, place: PlaceMatch) -> bool:
    """True when a place follows another country's place after a comma: an item of a list
    ("India, Tibet, Nepal"), not a place a region qualifies."""
    return (
        previous.section == place.section
        and place.start - previous.end == len(QUALIFIER_SEPARATOR)
        and text.startswith(QUALIFIER_SEPARATOR, previous.end)
        and not previous.codes & place.codes
    )


def restricted(match: PlaceMatch, codes: frozenset[str] | set[str]) -> PlaceMatch:
    kept = tuple(c for c in match.candidates if c.country in codes)
    if len(kept) == len(match.candidates):
        return match
    return dataclasses.replace(match, candidates=kept)


def list_countries(matches: Sequence[PlaceMatch], texts: Mapping[Section, str]) -> dict[int, str]:
    """Shared town and region names in a list of places, by index, with the one country all
    the list's items have a place in, when one item's most prominent place is there: items
    of one list are places of one country ("Perth and Dundee", "Aberdeen, Perth, Inverness":
    Scotland's Perth, not Australia's), while "London, Paris and Berlin", which only the
    United States' small namesakes have in common, stay as they are."""
    listed: dict[int, str] = {}
    us_towns = load_gazetteer().us_town_states
    if all(len(m.candidates) < 2 and name_key_of(m) not in us_towns for m in matches):
        return listed  # no shared name at all (the common case)
    first = 0
    for i in range(1, len(matches) + 1):
        if i < len(matches) and _joined_in_list(matches[i - 1], matches[i], texts):
            continue
        items = matches[first:i]
        if len(items) > 1:
            homes = [item.codes for item in items]
            if any(_small_us_town(item) for item in items) and all(
                texts[b.section][a.end : b.start] != " " for a, b in itertools.pairwise(items)
            ):
                # a small US town's list is of US towns: "Lebanon and Mt. Juliet" lists the
                # Tennessee town the gazetteer keeps for the country (`us_town_states`); names
                # side by side are no list there ("Jordan University")
                homes = [
                    codes | {NAMESAKE_COUNTRY} if name_key_of(item) in us_towns else codes
                    for codes, item in zip(homes, items, strict=True)
                ]
            common = frozenset.intersection(*homes)
            if len(common) == 1 and common <= _top_countries(items):
                (code,) = common
                listed.update((first + k, code) for k, codes in enumerate(homes) if len(codes) > 1)
        first = i
    return listed


def _small_us_town(match: PlaceMatch) -> bool:
    """True for a name only US towns too small to stand alone have ("Mt. Juliet")."""
    return bool(match.candidates) and all(
        c.country == NAMESAKE_COUNTRY
        and c.kind == TOWN_KIND
        and c.prominence < STANDALONE_PROMINENCE
        for c in match.candidates
    )


def _top_countries(items: Sequence[PlaceMatch]) -> set[str]:
    """The countries of the most prominent place of each item (all have candidates)."""
    return {max(item.candidates, key=lambda c: c.prominence).country for item in items}


def _joined_in_list(previous: PlaceMatch, match: PlaceMatch, texts: Mapping[Section, str]) -> bool:
    return (
        previous.section == match.section
        and match.start - previous.end <= LIST_JOINT_MAX
        and bool(LIST_JOINT_RE.fullmatch(texts[match.section], previous.end, match.start))
    )


def _minor_town(match: PlaceMatch, code: str) -> bool:
    """True for a town's or region's name that, in `code`, is no major city."""
    places = [c for c in match.candidates if c.country == code]
    return bool(places) and all(
        c.kind in LOCAL_KINDS and c.prominence < MINOR_TOWN_PROMINENCE for c in places
    )


def _inside(spans: Sequence[tuple[int, int]], match: PlaceMatch) -> bool:
    """True when `match` lies inside the last of `spans` (sorted) that starts before it:
    nested or overlapping team spans only make a miss, which keeps the country."""
    i = bisect.bisect_right(spans, (match.start, match.end + 1)) - 1
    return i >= 0 and spans[i][1] >= match.end


def without_foreign_team_namesakes(
    resolved: Sequence[tuple[PlaceMatch, str]], texts: Mapping[Section, str]
) -> list[tuple[PlaceMatch, str]]:
    """The resolved mentions without a country named only by minor towns that are teams of a
    results table whose other teams are mostly of one country: a league's teams ("Ayr 6
    Berwick 0"), one of whose towns the gazetteer has only abroad (a smaller namesake)."""
    by_code: dict[str, list[PlaceMatch]] = defaultdict(list)
    for match, code in resolved:
        by_code[code].append(match)
    suspects = {
        code
        for code, matches in by_code.items()
        if all(not m.confirmed and _minor_town(m, code) for m in matches)
    }
    if not suspects or len(by_code) < 2:  # the cheap test first: tables are rare
        return list(resolved)
    teams: dict[Section, list[tuple[int, int]]] = {
        section: sorted(results_spans(text)) for section, text in texts.items() if text
    }
    tabled = Counter(
        code for match, code in resolved if _inside(teams.get(match.section, ()), match)
    )
    if not tabled:
        return list(resolved)
    league, most = tabled.most_common(1)[0]
    if most < LEAGUE_MIN_TEAMS or most < LEAGUE_SHARE * sum(tabled.values()):
        return list(resolved)
    foreign = {
        code
        for code in suspects - {league}
        if all(_inside(teams.get(m.section, ()), m) for m in by_code[code])
    }
    return [(match, code) for match, code in resolved if code not in foreign]
