"""Measure the entity stage on CoNLL-2003 English dev and the geo dev sets, before and after.

    python bench/entities.py [--limit N] [--repeat R] [--errors K] [--errors-half HALF]
                             [--before REF] [--no-write]

One run prints, and writes to bench/RESULTS.md, for both halves (documents split by a hash of
their id: tune rules on "tune", report on "report"):

* CoNLL dev: exact span-and-label micro precision, recall and F1, with spaCy's OntoNotes labels
  mapped to CoNLL's as /work/shared/data/README.md says, for the raw `doc.ents` of the NER-only
  model, for the entity stage at git REF (`main` by default: "before") and for this tree's
  (`tag_entities`, then the type corrections of `pipeline.nlp.entity_types`: "after");
* place-name type accuracy on GeoVirus and GeoWebNews, before and after: of the gold toponyms an
  entity mention overlaps, the share whose entity is a place (GPE, LOC, FAC); toponyms written
  as demonyms or adjectives ("Turkish troops") are left out, a nationality (NORP) being right
  for them, and so are GeoWebNews's uses inside another name or for a building (NOT_PLACES);
* documents per second of spaCy's NER-only `nlp.pipe` and of `tag_entities` (the same
  `nlp.pipe` plus the document pass) on the CoNLL texts, each chunk of 32 documents timed R
  times with both alternately, fastest kept, in CPU and wall-clock seconds; and the CPU the
  type corrections add per article to the country stage, which they call (ms/article);
* the classes of the errors that remain (after; the report half, or the tune half with
  `--errors-half tune`, which is the one to study when writing rules), K examples of each
  (printed).

The "before" entities come from REF's `pipeline/` run in a child process (bench/common.py's
`run_at_ref`). The data is read from the shared folder, never copied here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from common import SHARED_DATA, run_at_ref, write_results  # also puts the repo on sys.path
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from pipeline.models import Entity
from pipeline.nlp.entities import load_ner, tag_entities
from pipeline.nlp.entity_types import settle
from pipeline.nlp.gazetteer import load_gazetteer, name_key

DATA = SHARED_DATA / "ner" / "conll2003-dev.jsonl.gz"
GEO_SETS = {name: SHARED_DATA / "geo" / f"{name}.jsonl.gz" for name in ("geovirus", "geowebnews")}
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# GeoWebNews's kinds of toponym use whose entity is rightly no place: adjectives ("Turkish
# troops"), places inside another name ("The Washington Post"), places standing for a building
# or firm ("Stonewall Golf Club"). Its literal, metonymic ("Turkey said") and mixed uses count.
NOT_PLACES = frozenset({"Non_Literal_Modifier", "Embedded_Non_Lit", "Embedded_Literal", "Coercion"})
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
HALVES = ("tune", "report")
THROUGHPUT_BAR = 0.9  # the entity stage keeps at least this share of spaCy's NER-only speed
F1_MARGIN = 0.02  # report-half F1 must beat spaCy's by this much
CHUNK = 32  # documents timed together: one `nlp.pipe` batch
Span = tuple[int, int, str]
Doc = dict[str, Any]


def split_of(doc_id: str) -> str:
    """A stable half: "tune" or "report", from the id's hash."""
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "report"


def load(path: Path, limit: int | None) -> list[Doc]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    return docs[:limit] if limit else docs


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[Span], predicted: set[Span]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / max(p + r, 1e-9)

    def precision(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)

    def recall(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)

    def cells(self) -> str:
        return (
            f"{self.precision():.4f}  {self.recall():.4f}  {self.f1():.4f}  "
            f"{self.tp:5} {self.fp:5} {self.fn:5}"
        )


def mapped(spans: Iterable[tuple[int, int, str]]) -> set[Span]:
    return {(s, e, CONLL_LABEL[label]) for s, e, label in spans if label in CONLL_LABEL}


class Clock:
    """Wall-clock and CPU seconds of this process, each the sum over chunks of the fastest try."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def add(self, tries: Sequence[tuple[float, float]]) -> None:
        self.wall += min(wall for wall, _ in tries)
        self.cpu += min(cpu for _, cpu in tries)


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def timed(
    nlp: Language, texts: Sequence[str], repeat: int
) -> tuple[Clock, Clock, list[SpacyDoc], list[list[Entity]]]:
    """Time spaCy NER-only and the entity stage on the texts, and return their outputs.

    The texts go in chunks of `CHUNK` documents; each chunk is timed with both, alternately,
    `repeat` times, and each keeps its fastest time per chunk. CPU time of this process is what
    the bar is checked on: on a shared machine other processes stretch wall-clock time at
    random, which the fastest try per chunk only partly cancels.
    """
    spacy_clock, stage_clock = Clock(), Clock()
    spacy_docs: list[SpacyDoc] = []
    ours: list[list[Entity]] = []
    for first in range(0, len(texts), CHUNK):
        chunk = texts[first : first + CHUNK]
        spacy_tries, stage_tries = [], []
        for _ in range(repeat):
            wall, cpu = _clocks()
            chunk_docs = list(nlp.pipe(chunk, batch_size=32))
            after_wall, after_cpu = _clocks()
            spacy_tries.append((after_wall - wall, after_cpu - cpu))
            chunk_entities = tag_entities([("", t) for t in chunk], nlp)
            wall, cpu = _clocks()
            stage_tries.append((wall - after_wall, cpu - after_cpu))
        spacy_clock.add(spacy_tries)
        stage_clock.add(stage_tries)
        spacy_docs += chunk_docs
        ours += chunk_entities
    return spacy_clock, stage_clock, spacy_docs, ours


def error_class(span: Span, other_side: set[Span], missed: bool) -> str:
    """The kind of one error: a wrong label on the right span, a right label on a wrong span,
    both, or nothing at all on the other side."""
    s, e, label = span
    overlapping = sorted(o for o in other_side if o[0] < e and o[1] > s)
    if not overlapping:
        return f"missed {label}" if missed else f"spurious {label}"
    o = overlapping[0]
    gold_label, our_label = (label, o[2]) if missed else (o[2], label)
    if (o[0], o[1]) == (s, e):
        return f"label {gold_label}->{our_label}"
    if gold_label == our_label:
        return f"boundary {label}"
    return f"boundary+label {gold_label}->{our_label}"


# The entity stage as it was at the "before" ref, in a child process that imports that ref's
# package: (title, story) pairs in, each article's entities out. Whatever type corrections the
# ref has run as its pipeline runs them (core calls `settle` after `tag_entities`).
BEFORE_CODE = """
import json, sys
from pipeline.nlp.entities import tag_entities
try:
    from pipeline.nlp.entity_types import settle
except ImportError:
    settle = None
pairs = json.load(sys.stdin)
out = []
for (title, story), entities in zip(pairs, tag_entities([tuple(p) for p in pairs])):
    if settle is not None:
        entities = settle(title, story, entities).entities
    out.append([e.model_dump(mode="json") for e in entities])
print(json.dumps(out))
"""


def before_entities(ref: str, texts: Sequence[str]) -> list[list[Entity]]:
    answer = run_at_ref(ref, BEFORE_CODE, [["", text] for text in texts])
    return [[Entity.model_validate(e) for e in entities] for entities in answer]


def after_entities(texts: Sequence[str], tagged: Sequence[list[Entity]]) -> list[list[Entity]]:
    return [
        settle("", text, entities).entities for text, entities in zip(texts, tagged, strict=True)
    ]


def predicted_spans(entities: Iterable[Entity]) -> set[Span]:
    return mapped((m.start, m.end, entity.label) for entity in entities for m in entity.mentions)


def settle_cost(
    texts: Sequence[str], tagged: Sequence[list[Entity]], repeat: int
) -> tuple[float, float]:
    """CPU ms per article of the country stage alone and of `settle` (corrections + countries),
    fastest of `repeat` runs over all the texts."""
    from pipeline.nlp.countries import tag_countries

    pairs = list(zip(texts, tagged, strict=True))
    alone = min(_cpu(lambda: [tag_countries("", t, e) for t, e in pairs]) for _ in range(repeat))
    both = min(_cpu(lambda: [settle("", t, e) for t, e in pairs]) for _ in range(repeat))
    return alone * 1000 / len(pairs), both * 1000 / len(pairs)


def _cpu(work: Any) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


class TypeTally:
    """Place-name type accuracy: gold toponyms an entity mention overlaps, and how many of
    those the entity types as a place."""

    def __init__(self) -> None:
        self.toponyms = self.covered = self.places = 0
        # each error: (class, example): a covered toponym typed as no place ("as LABEL") or
        # one no mention overlaps ("untagged")
        self.errors: list[tuple[str, str]] = []

    def add(self, doc: Doc, entities: Sequence[Entity], demonyms: frozenset[str]) -> None:
        spans = sorted((m.start, m.end, e.label) for e in entities for m in e.mentions)
        for toponym in doc["toponyms"]:
            if name_key(toponym["text"]) in demonyms or toponym.get("gwn_type", "") in NOT_PLACES:
                continue
            self.toponyms += 1
            s, e = toponym["start"], toponym["end"]
            over = [span for span in spans if span[0] < e and span[1] > s]
            text = doc["text"]
            where = f"{toponym.get('gwn_type', '-')}: …{_context(text, s, e)}… ({doc['id']})"
            if not over:
                self.errors.append(("untagged", f"{toponym['text']!r} {where}"))
                continue
            self.covered += 1
            best = max(over, key=lambda span: min(span[1], e) - max(span[0], s))
            self.places += best[2] in PLACE_TYPES
            if best[2] not in PLACE_TYPES:
                ours = text[best[0] : best[1]]
                self.errors.append(
                    (f"as {best[2]}", f"{toponym['text']!r} in {ours!r}/{best[2]} {where}")
                )

    def cells(self) -> str:
        accuracy = self.places / max(self.covered, 1)
        return f"{self.toponyms:5} {self.covered:5} {self.places:5}  {accuracy:.4f}"


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 40) : end + 40].replace("\n", " / ")


def print_place_errors(name: str, half: str, tally: TypeTally, examples: int) -> None:
    """The place-type errors of one geo set's half, grouped by the type we gave."""
    groups: dict[str, list[str]] = defaultdict(list)
    for kind, example in tally.errors:
        groups[kind].append(example)
    print(f"\nplace-type errors after, {name} {half} half:")
    for kind, found in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"  {kind:10} {len(found):4}")
        for line in found[:examples]:
            print(f"      {line}")


def demonym_keys() -> frozenset[str]:
    """Name keys the gazetteer knows as demonyms or adjectives ("Turkish", "Afghan")."""
    return frozenset(
        key for key, cands in load_gazetteer().names.items() if any(c.kind == "d" for c in cands)
    )


def run(
    docs: Sequence[Doc],
    geo: dict[str, list[Doc]],
    ref: str,
    repeat: int,
    examples: int,
    errors_half: str = "report",
    place_errors: int = 0,
) -> str:
    nlp = load_ner()
    texts = [d["text"] for d in docs]
    geo_texts = [d["text"] for name in geo for d in geo[name]]
    # Warm up: the model, and the document pass's lazily loaded tables (a results line makes it
    # load the country names that keep national teams places).
    tag_entities([("Warm up", "Results in Paris:\nLeeds 2 Chelsea 1")], nlp)

    spacy_clock, stage_clock, spacy_docs, tagged = timed(nlp, texts, repeat)
    after = after_entities(texts, tagged)
    before_all = before_entities(ref, texts + geo_texts)
    before, geo_before = before_all[: len(texts)], before_all[len(texts) :]
    geo_tagged = tag_entities([("", t) for t in geo_texts], nlp)
    geo_after = after_entities(geo_texts, geo_tagged)

    scores = {(h, who): Score() for h in HALVES for who in ("spacy", "before", "after")}
    classes: dict[str, list[str]] = defaultdict(list)
    for doc, sdoc, old, new in zip(docs, spacy_docs, before, after, strict=True):
        part = split_of(doc["id"])
        gold = {(e["start"], e["end"], e["label"]) for e in doc["entities"]}
        scores[(part, "spacy")].add(
            gold, mapped((e.start_char, e.end_char, e.label_) for e in sdoc.ents)
        )
        scores[(part, "before")].add(gold, predicted_spans(old))
        predicted = predicted_spans(new)
        scores[(part, "after")].add(gold, predicted)
        if part == errors_half:
            _classify(doc, gold, predicted, classes)

    out: list[str] = []
    counts = {h: sum(1 for d in docs if split_of(d["id"]) == h) for h in HALVES}
    out.append(
        f"CoNLL-2003 dev, {len(docs)} documents (tune {counts['tune']}, report {counts['report']});"
        f" before = the entity stage at `{ref}`, after = this tree's:\n"
    )
    out.append("| half | tagger | P | R | F1 | tp | fp | fn |")
    out.append("|---|---|---|---|---|---|---|---|")
    names = {"spacy": "spaCy NER (raw)", "before": f"before ({ref})", "after": "after"}
    for part in HALVES:
        for who, name in names.items():
            cells = scores[(part, who)].cells().split()
            out.append(f"| {part} | {name} | " + " | ".join(cells) + " |")
    gain = scores[("report", "after")].f1() - scores[("report", "before")].f1()
    out.append(f"\nReport-half F1, after minus before: {gain:+.4f}.\n")

    demonyms = demonym_keys()
    out.append(
        "Place-name type accuracy on the geo dev sets: of the gold toponyms (demonyms, "
        "adjectives and GeoWebNews's uses inside other names left out) an entity mention "
        "overlaps, the share typed GPE, LOC or FAC.\n"
    )
    out.append("| set | half | entities | toponyms | covered | typed as places | accuracy |")
    out.append("|---|---|---|---|---|---|---|")
    offset = 0
    place_tallies: list[tuple[str, TypeTally]] = []
    for name, geo_docs in geo.items():
        old_part = geo_before[offset : offset + len(geo_docs)]
        new_part = geo_after[offset : offset + len(geo_docs)]
        offset += len(geo_docs)
        for part in HALVES:
            for who, entities_of in (("before", old_part), ("after", new_part)):
                tally = TypeTally()
                for doc, entities in zip(geo_docs, entities_of, strict=True):
                    if split_of(doc["id"]) == part:
                        tally.add(doc, entities, demonyms)
                if who == "after" and part == errors_half:
                    place_tallies.append((name, tally))
                cells = tally.cells().split()
                label = names[who]
                out.append(f"| {name} | {part} | {label} | " + " | ".join(cells) + " |")

    n = len(docs)
    ratio = spacy_clock.cpu / stage_clock.cpu
    verdict = "meets" if ratio >= THROUGHPUT_BAR else "MISSES"
    out.append(f"\nSpeed, all {n} CoNLL docs, fastest of {repeat} tries per {CHUNK}-doc chunk:\n")
    for name, clock in (("spaCy NER-only", spacy_clock), ("tag_entities", stage_clock)):
        out.append(
            f"- {name}: {n / clock.cpu:.1f} docs per CPU second, {n / clock.wall:.1f} docs/s wall"
        )
    out.append(f"- ratio (CPU) {ratio:.3f} ({verdict} the {THROUGHPUT_BAR} bar)")
    all_texts = texts + geo_texts
    alone, both = settle_cost(all_texts, tagged + geo_tagged, repeat)
    out.append(
        f"- type corrections, on all {len(all_texts)} CoNLL and geo texts: the country stage "
        f"alone {alone:.3f} ms/article, with the corrections (`settle`) {both:.3f} ms/article: "
        f"{both - alone:+.3f} ms/article"
    )
    report = "\n".join(out)
    print(report)
    if examples:
        total = sum(len(v) for v in classes.values())
        print(f"\nerror classes after, {errors_half} half ({total} errors; a wrong label once):")
        for name, found in sorted(classes.items(), key=lambda kv: -len(kv[1])):
            print(f"  {name:28} {len(found):4}  e.g. {found[0]}")
            for line in found[1:examples]:
                print(f"  {'':28} {'':4}       {line}")
    for name, tally in place_tallies if place_errors else []:
        print_place_errors(name, errors_half, tally, place_errors)
    return report


def _classify(
    doc: Doc, gold: set[Span], predicted: set[Span], classes: dict[str, list[str]]
) -> None:
    text = doc["text"]
    for span in sorted(gold - predicted):
        classes[error_class(span, predicted - gold, missed=True)].append(
            _example(text, span, predicted, doc["id"])
        )
    for span in sorted(predicted - gold):
        # A wrong span or label over a gold entity is counted once, from the gold side.
        if not any(g[0] < span[1] and g[1] > span[0] for g in gold - predicted):
            classes[error_class(span, set(), missed=False)].append(
                _example(text, span, gold, doc["id"])
            )


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and a[1] > b[0]


def _example(text: str, span: Span, other: set[Span], doc_id: str) -> str:
    s, e, label = span
    near = [f"{text[o[0] : o[1]]!r}/{o[2]}" for o in sorted(other) if _overlaps(o, span)]
    context = text[max(0, s - 30) : e + 30].replace("\n", " / ")
    return f"{text[s:e]!r}/{label} vs {', '.join(near) or '-'} in …{context}… ({doc_id})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per set")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each; best counts")
    parser.add_argument(
        "--errors", type=int, default=1, help="examples per error class (0: no error classes)"
    )
    parser.add_argument(
        "--errors-half",
        choices=HALVES,
        default="report",
        help="the half whose error classes print (study tune's; report's is for the record)",
    )
    parser.add_argument(
        "--place-errors",
        type=int,
        default=0,
        help="examples per place-type error class of the geo sets' --errors-half (0: none)",
    )
    parser.add_argument("--before", default="main", help="the git ref measured as 'before'")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no data at {DATA}: nothing to measure")
        return
    geo = {name: load(path, args.limit) for name, path in GEO_SETS.items() if path.exists()}
    report = run(
        load(DATA, args.limit),
        geo,
        args.before,
        max(args.repeat, 1),
        args.errors,
        args.errors_half,
        args.place_errors,
    )
    if not args.no_write and args.limit is None:
        write_results("bench/entities.py", report)


if __name__ == "__main__":
    main()
