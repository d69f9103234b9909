"""List the countries that rest on one weak mention in the dragnet stories (no gold).

    python bench/country_sweep.py [--limit N] [--examples N] [--class NAME] [--cache PATH]

The dragnet set (shared/data/extraction/dragnet.jsonl.gz, `article_body`: the first line is the
title, the rest the story) has no country gold, but a country that the stage gives on a single
mention is where its false countries hide. Each such country is classed by that mention, first
class that applies:

* `organisation`: inside a longer capitalised name or an ORG/FAC/WORK_OF_ART entity ("Bank of
  America", "Air Canada");
* `person`: a PERSON entity over it, or a capitalised word right after a country name
  ("Jordan Henderson", "Chad Johnson");
* `team`: a town or region right before a team's word or in a results line;
* `sentence start`: a town or region that opens a sentence;
* `demonym only`: an adjective or demonym ("French fries", "a Canadian firm");
* `lone town` / `lone region`: a town or region, no other mention of its country;
* `country/capital once`: a country's name or its capital, once.

It prints the counts and N examples of each class (the mention in its context), to be read by a
person: the classes are where to look, not a verdict. The NER entities are cached (`--cache`),
since they do not depend on the country stage. Nothing is written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
from collections import defaultdict
from pathlib import Path

import common  # noqa: F401  (puts the repository on sys.path)

from pipeline.models import Country, Entity, Mention
from pipeline.nlp.entity_sports import team_spans
from pipeline.nlp.entity_types import settle
from pipeline.nlp.gazetteer import load_gazetteer, name_key

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction" / "dragnet.jsonl.gz"
ORG_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# Team names' last words (the major North American leagues and British clubs' common ones).
TEAM_WORDS = frozenset(
    """FC United City Rovers Athletic Wanderers Rangers Celtic Giants Jets Bears Lions Tigers
    Yankees Mets Sox Cubs Kings Knicks Nets Lakers Clippers Warriors Bulls Heat Magic Rockets
    Spurs Mavericks Thunder Blazers Jazz Suns Nuggets Celtics Pistons Pacers Cavaliers Raptors
    Hawks Hornets Wizards Grizzlies Pelicans Timberwolves Bucks Sixers Ravens Steelers Browns
    Bengals Patriots Dolphins Bills Colts Texans Titans Jaguars Broncos Chiefs Raiders Chargers
    Cowboys Eagles Redskins Packers Vikings Saints Falcons Panthers Buccaneers Seahawks Rams
    Cardinals 49ers Orioles Rays Jays Twins Royals Indians Astros Angels Athletics Mariners
    Braves Marlins Phillies Nationals Reds Brewers Pirates Dodgers Padres Rockies Diamondbacks
    Penguins Flyers Bruins Canadiens Senators Sabres Oilers Flames Canucks Blackhawks Capitals
    Islanders Devils Stars Ducks Sharks Coyotes Predators Avalanche Wild Hurricanes
    Lightning""".split()  # noqa: SIM905  (a word list reads better so)
)
_WORD_AFTER = re.compile(r"[ \-]([A-Z][\w'’]*)")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’]*)(?: of(?: the)?)? $")


def load(limit: int | None) -> list[tuple[str, str, str]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    out = []
    for row in rows[:limit] if limit else rows:
        body = row["article_body"].strip()
        title, _, story = body.partition("\n")
        out.append((row["id"], title.strip(), story.strip()))
    return out


def entities_of(docs: list[tuple[str, str, str]], cache: Path) -> list[list[Entity]]:
    if cache.exists():
        found: list[list[Entity]] = pickle.loads(cache.read_bytes())
        if len(found) == len(docs):
            return found
    from pipeline.nlp.entities import tag_entities

    found = tag_entities([(title, story) for _, title, story in docs])
    cache.write_bytes(pickle.dumps(found))
    return found


def classify(mention: Mention, text: str, entities: list[Entity], kinds: set[str]) -> str:
    labels = {
        e.label
        for e in entities
        for m in e.mentions
        if m.section == mention.section and m.start < mention.end and m.end > mention.start
    }
    after = _WORD_AFTER.match(text, mention.end)
    before = _WORD_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    sentence_start = (
        not text[max(0, mention.start - 3) : mention.start].strip(" \"'“")
        or text[max(0, mention.start - 3) : mention.start].rstrip(" \"'“")[-1:] in ".!?:\n"
    )
    if "PERSON" in labels:
        return "person"
    if (after and after.group(1) in TEAM_WORDS) or any(
        (mention.start, mention.end) == span for span in team_spans(text)
    ):
        return "team"
    if labels & ORG_LABELS or (before and not sentence_start and before.group(1) not in {"The"}):
        return "organisation"
    if after and "c" in kinds and after.group(1)[0].isupper():
        return "person or organisation (capitalised word after)"
    if kinds <= {"t", "a"} and sentence_start:
        return "sentence start"
    if kinds == {"d"}:
        return "demonym only"
    if kinds <= {"t"}:
        return "lone town"
    if kinds <= {"t", "a"}:
        return "lone region"
    return "country/capital once"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--examples", type=int, default=6)
    parser.add_argument("--class", dest="only", default=None, help="print all of one class")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/country_sweep_entities.pkl"))
    parser.add_argument(
        "--pairs", type=Path, default=None, help="write every (story, country) pair there"
    )
    args = parser.parse_args()
    docs = load(args.limit)
    all_entities = entities_of(docs, args.cache)
    names = load_gazetteer().names
    by_class: dict[str, list[str]] = defaultdict(list)
    tagged = single = 0
    pairs: list[str] = []
    for (doc_id, title, story), entities in zip(docs, all_entities, strict=True):
        countries: list[Country] = settle(title, story, entities).countries
        tagged += len(countries)
        for c in countries:
            named = "|".join(sorted({m.text for m in c.mentions}))
            pairs.append(f"{doc_id}\t{c.code}\t{len(c.mentions)}\t{named}")
        for country in countries:
            if len(country.mentions) != 1:
                continue
            single += 1
            (mention,) = country.mentions
            text = title if mention.section == "title" else story
            kinds: set[str] = {
                c.kind for c in names.get(name_key(mention.text)) or () if c.country == country.code
            } or {"?"}
            cls = classify(mention, text, entities, kinds)
            context = text[max(0, mention.start - 50) : mention.end + 50].replace("\n", " | ")
            by_class[cls].append(f"{country.code} {mention.text!r} ...{context}... ({doc_id})")
    if args.pairs:
        args.pairs.write_text("\n".join(pairs) + "\n", encoding="utf-8")
    print(f"{len(docs)} stories, {tagged} (story, country) pairs, {single} on one mention")
    for cls, items in sorted(by_class.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(items):5}  {cls}")
        shown = items if cls == args.only else items[: args.examples if not args.only else 0]
        for item in shown:
            print(f"         {item}")


if __name__ == "__main__":
    main()
