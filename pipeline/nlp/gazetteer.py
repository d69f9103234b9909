"""The place-name gazetteer behind country tagging: loading and the shared tokeniser.

`pipeline/data/gazetteer.json` is built by `scripts/build_gazetteer.py` and shipped in the
package, so nothing is downloaded at run time. It maps a surface form, written as its tokens
joined by one space, to its candidate places: `[country, kind, prominence]`.

Kinds (one letter to keep the file small):

* `c` a country's name or a common alias ("Pakistan", "U.S.", "Britain");
* `d` a demonym or adjective ("Pakistani", "Afghan");
* `p` a capital city, which news also uses for the government ("Islamabad", "Washington");
* `a` a first-level region (US state, province);
* `t` another city or town, or a second-level unit (a French department, a Philippine province).

A name with no candidates is known not to place a story ("South America", "Indian Ocean",
"Voice of America"): as the longest match it hides the country name inside it.

`prominence` is the population for towns and capitals and a fixed stand-in for regions (0 for
the regions of countries with very many small ones); names of kind `c`/`d` carry 0.

Two small tables help place US local news: `us_states` maps a US state's name or AP
abbreviation ("Ohio", "Calif.") to its postal code, and `us_town_states` a name that US towns
of 1,000+ share with another country's places ("Lebanon", "Paris", "Athens") to the states
those towns lie in (the US towns may be missing from `names` when the name is a country's,
a capital's or a big city's). `town_namesakes` does the same for the small towns of other
countries (1,000 to 15,000 people) left out of `names` because a bigger place abroad has their
name ("Newport" and "Virginia" in Ireland): it maps the name to their countries.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, NamedTuple, cast

Kind = Literal["c", "d", "p", "a", "t"]

# Dotted abbreviations ("U.S.", "U.K.") stay one token; everything else is runs of word
# characters, so "Pakistan's" gives "Pakistan" and "Pak-Afghan" gives "Pak", "Afghan".
TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|\w+")

GAZETTEER_RESOURCE = "gazetteer.json"


class Candidate(NamedTuple):
    """One place a surface form may name."""

    country: str
    kind: Kind
    prominence: int


@dataclass(frozen=True)
class Gazetteer:
    """Surface forms to candidates, plus what the scanner needs to look them up fast."""

    names: Mapping[str, tuple[Candidate, ...]]
    # The longest name (in tokens) starting with a given first token: bounds the look-ups.
    max_tokens: Mapping[str, int]
    countries: Mapping[str, str]
    # A US state's name key to its postal code; a shared name to its US towns' states.
    us_states: Mapping[str, str]
    us_town_states: Mapping[str, frozenset[str]]
    # A name bigger places abroad keep to the countries of the small towns so named.
    town_namesakes: Mapping[str, frozenset[str]]


def name_key(name: str) -> str:
    """The lookup key of a name: its tokens joined by one space.

    A one-word abbreviation keeps its period ("Md.", "Calif."), so that "Md" or "Miss" without
    one does not match; the scanner looks such keys up only when a period follows the token.
    """
    tokens = TOKEN_RE.findall(name)
    key = " ".join(tokens)
    if len(tokens) == 1 and name.endswith(".") and not key.endswith("."):
        key += "."
    return key


def parse(data: Mapping[str, object]) -> Gazetteer:
    """Build the in-memory gazetteer from the JSON document."""
    raw_names = cast(dict[str, list[list[object]]], data["names"])
    names: dict[str, tuple[Candidate, ...]] = {}
    max_tokens: dict[str, int] = {}
    for key, raw in raw_names.items():
        names[key] = tuple(
            Candidate(str(code), cast(Kind, kind), int(cast(int, prom))) for code, kind, prom in raw
        )
        tokens = key.split(" ")
        max_tokens[tokens[0]] = max(max_tokens.get(tokens[0], 0), len(tokens))
    # Files built before the US tables (a bench reading an older ref's) have none.
    town_states = cast(dict[str, str], data.get("us_town_states", {}))
    namesakes = cast(dict[str, str], data.get("town_namesakes", {}))
    return Gazetteer(
        names=names,
        max_tokens=max_tokens,
        countries=cast(dict[str, str], data["countries"]),
        us_states=cast(dict[str, str], data.get("us_states", {})),
        us_town_states={key: frozenset(codes.split(" ")) for key, codes in town_states.items()},
        town_namesakes={key: frozenset(codes.split(" ")) for key, codes in namesakes.items()},
    )


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    text = resources.files("pipeline").joinpath("data", GAZETTEER_RESOURCE).read_text("utf-8")
    return parse(json.loads(text))
