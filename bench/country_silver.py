"""A silver precision check of the country stage on CoNLL-2003 dev (Reuters international news).

    python bench/country_silver.py [--half tune|report] [--limit N] [--errors N] [--before REF]

CoNLL has no country gold, but it has gold PER/ORG/LOC/MISC spans. The country stage runs on
each document of one half (the halves of bench/entities.py; `tune` by default, the one to read
errors on) as the pipeline runs it (`tag_documents`, then `settle`; story only, no title). A
predicted country is a *candidate false country* when every one of its mentions lies inside a
gold PER or ORG span and no gold LOC or MISC span overlaps any of them: a person ("Jordan"), a
club named after its town ("Chelsea"), a firm ("Air France"). Some candidates are right (a
country is named inside an organisation's name, which GeoWebNews counts), so the figure is where
to look, not a verdict.

Each candidate is classed by the gold label around its mentions (PER, ORG), whether a mention
is the whole gold name or part of a longer one, and the gazetteer kind of the name (country,
demonym, capital, region, town). It prints the number of documents and predicted countries, the
candidates by class, and with `--errors N`, N examples of each class (the mention in context).
With `--before REF` (`main` by default; '' for none) the same figure for the stage at REF comes
first, in one run. Nothing is written to bench/RESULTS.md; the data is read from the shared
folder, never copied here.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from common import SHARED_DATA  # also puts the repository on sys.path
from countries import before_countries
from entities import split_of

from pipeline.models import Country
from pipeline.nlp.entities import tag_documents
from pipeline.nlp.entity_types import settle
from pipeline.nlp.gazetteer import Gazetteer, load_gazetteer, name_key

DATA = SHARED_DATA / "ner" / "conll2003-dev.jsonl.gz"
KIND_NAMES = {"c": "country", "d": "demonym", "p": "capital", "a": "region", "t": "town"}
NAME_LABELS = frozenset({"PER", "ORG"})  # a country named only inside these is suspect
PLACE_LABELS = frozenset({"LOC", "MISC"})  # a mention overlapping these supports its country
Doc = dict[str, Any]


def load(half: str, limit: int | None) -> list[Doc]:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    docs = [d for d in docs if split_of(d["id"]) == half]
    return docs[:limit] if limit else docs


def kinds(name: str, code: str, gazetteer: Gazetteer) -> str:
    key = name_key(name)
    found = gazetteer.names.get(key) or gazetteer.names.get(key.title()) or ()
    return "/".join(sorted({KIND_NAMES[c.kind] for c in found if c.country == code})) or "?"


def candidate_class(doc: Doc, country: Country, gazetteer: Gazetteer) -> str | None:
    """The candidate's class (module docstring), or None when a mention is not inside a gold
    PER/ORG name or a gold LOC/MISC span overlaps one."""
    labels: set[str] = set()
    shapes: set[str] = set()
    for m in country.mentions:
        overlapping = [g for g in doc["entities"] if g["start"] < m.end and g["end"] > m.start]
        if any(g["label"] in PLACE_LABELS for g in overlapping):
            return None
        around = [
            g
            for g in overlapping
            if g["label"] in NAME_LABELS and g["start"] <= m.start and g["end"] >= m.end
        ]
        if not around:
            return None
        labels.add(around[0]["label"])
        whole = (around[0]["start"], around[0]["end"]) == (m.start, m.end)
        shapes.add("whole name" if whole else "inside a name")
    kind = kinds(country.mentions[0].text, country.code, gazetteer)
    return f"{'/'.join(sorted(labels))} {'+'.join(sorted(shapes))} | {kind}"


def example(doc: Doc, country: Country) -> str:
    m = country.mentions[0]
    context = doc["text"][max(0, m.start - 50) : m.end + 50].replace("\n", " | ")
    more = f" (+{len(country.mentions) - 1} more)" if len(country.mentions) > 1 else ""
    return f"{country.code} {m.text!r}{more}: ...{context}... ({doc['id']})"


def ours(docs: Sequence[Doc]) -> list[list[Country]]:
    texts = [d["text"] for d in docs]
    documents = tag_documents([("", t) for t in texts])
    return [
        settle("", t, d.entities, shows_teams=d.shows_teams).countries
        for t, d in zip(texts, documents, strict=True)
    ]


def report(who: str, docs: Sequence[Doc], tagged: Sequence[list[Country]], examples: int) -> None:
    gazetteer = load_gazetteer()
    by_class: dict[str, list[str]] = defaultdict(list)
    for doc, countries in zip(docs, tagged, strict=True):
        for country in countries:
            cls = candidate_class(doc, country, gazetteer)
            if cls is not None:
                by_class[cls].append(example(doc, country))
    predicted = sum(len(c) for c in tagged)
    total = sum(len(v) for v in by_class.values())
    print(
        f"{who}: {len(docs)} documents, {predicted} (document, country) pairs, "
        f"{total} candidate false countries ({total / max(predicted, 1):.1%})"
    )
    for cls, items in sorted(by_class.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  {len(items):4}  {cls}")
        for item in items[:examples]:
            print(f"          {item}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Silver country precision check on CoNLL dev.")
    parser.add_argument("--half", choices=["tune", "report"], default="tune")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="N examples of each class")
    parser.add_argument("--before", default="main", help="the git ref measured as 'before'")
    args = parser.parse_args()
    docs = load(args.half, args.limit)
    print(f"CoNLL-2003 dev, {args.half} half")
    if args.before:
        texts = [d["text"] for d in docs]
        report(f"before {args.before}", docs, before_countries(args.before, texts), args.errors)
    report("after", docs, ours(docs), args.errors)


if __name__ == "__main__":
    main()
