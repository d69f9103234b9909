"""Measure the entity tagger on CoNLL-2003 English dev, beside spaCy's own NER.

    python bench/entities.py [--limit N] [--split tune|report|all] [--errors K]

Exact span-and-label micro precision, recall and F1, with spaCy's OntoNotes labels mapped to
CoNLL's as /work/shared/data/README.md says, for every mention of every entity of
`tag_entities` and for the raw `doc.ents` of the same model, plus documents per second of each.
Documents are split in two halves by a hash of their id: tune rules on "tune", report on
"report". The data is Reuters text: it is read from the shared folder, never copied here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pipeline.nlp.entities import load_ner, tag_entities

DATA = Path(__file__).resolve().parents[2] / "shared/data/ner/conll2003-dev.jsonl.gz"
CONLL_LABEL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
Span = tuple[int, int, str]


def split_of(doc_id: str) -> str:
    """A stable half: "tune" or "report", from the id's hash."""
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "report"


def load(split: str, limit: int | None) -> list[dict[str, Any]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    docs = [d for d in docs if split == "all" or split_of(d["id"]) == split]
    return docs[:limit] if limit else docs


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[Span], predicted: set[Span]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def line(self) -> str:
        p = self.tp / max(self.tp + self.fp, 1)
        r = self.tp / max(self.tp + self.fn, 1)
        f = 2 * p * r / max(p + r, 1e-9)
        return f"P {p:.4f}  R {r:.4f}  F1 {f:.4f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def mapped(spans: Iterable[tuple[int, int, str]]) -> set[Span]:
    return {(s, e, CONLL_LABEL[label]) for s, e, label in spans if label in CONLL_LABEL}


def run(docs: Sequence[dict[str, Any]], errors: int) -> None:
    nlp = load_ner()
    texts = [d["text"] for d in docs]
    nlp("warm up")

    started = time.perf_counter()
    spacy_docs = list(nlp.pipe(texts, batch_size=32))
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = tag_entities([("", t) for t in texts], nlp)
    our_seconds = time.perf_counter() - started

    spacy_score, our_score = Score(), Score()
    shown = 0
    for doc, sdoc, entities in zip(docs, spacy_docs, ours, strict=True):
        gold = {(e["start"], e["end"], e["label"]) for e in doc["entities"]}
        baseline = mapped((e.start_char, e.end_char, e.label_) for e in sdoc.ents)
        predicted = mapped(
            (m.start, m.end, entity.label) for entity in entities for m in entity.mentions
        )
        spacy_score.add(gold, baseline)
        our_score.add(gold, predicted)
        text = doc["text"]
        for s, e, label in sorted((gold ^ predicted) - (gold ^ baseline))[: errors - shown]:
            side = "missed" if (s, e, label) in gold else "wrong "
            print(f"  {side} {label:4} {text[s:e]!r:40} {doc['id']}")
            shown += 1
    n = len(docs)
    print(f"spaCy NER     {spacy_score.line()}  {n / spacy_seconds:6.1f} docs/s")
    print(f"tag_entities  {our_score.line()}  {n / our_seconds:6.1f} docs/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N documents")
    parser.add_argument("--split", choices=["tune", "report", "all"], default="report")
    parser.add_argument(
        "--errors", type=int, default=0, help="print K spans where we differ from spaCy for worse"
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no data at {DATA}: nothing to measure")
        return
    docs = load(args.split, args.limit)
    print(f"{len(docs)} documents, split {args.split}")
    run(docs, args.errors)


if __name__ == "__main__":
    main()
