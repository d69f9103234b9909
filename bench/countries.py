"""Measure country tagging on GeoVirus and GeoWebNews (see shared/data/README.md, `geo/`).

    python bench/countries.py [--limit N] [--entities stage|spacy|none] [--repeat R] [--errors N]
                              [--errors-half tune|report] [--before REF] [--no-write]

Story-only semantics: each document's text is the story, the title is empty. Documents are split
by a hash of their id into a tuning half (the one the weights and thresholds were tuned on) and a
held-out report half; both are printed, for each data set, beside a baseline:

* baseline: spaCy's GPE/LOC/NORP entities looked up in a list of country names, aliases,
  demonyms and capitals (the gazetteer's kinds `c`, `d`, `p`: no regions, no towns); a name of
  several countries takes the one it names as a country, else none; focus by CLIFF's rule;
* document level: micro precision/recall/F1 over (document, country) pairs;
* toponym level: recall (a gold toponym with a country is found when a tagged mention overlaps
  it) and resolution accuracy (the overlapping mention's country is the gold one);
* focus: there is no hand-coded focus in these sets, so the reference is CLIFF's rule applied to
  the gold toponyms (most-mentioned country plus ties). Against it we compare CLIFF's rule on our
  mentions with our weighted focus rule (micro P/R/F1 over (document, country) pairs), and give
  both as hand-coded focus is scored: hit (one of the focus countries is in the reference) and
  top-1 (the top country is; CLIFF's ties broken by our order), over the documents with a
  reference;
* before/after: the country stage at git REF (`main` by default), run in a child process on the
  same texts with that ref's own entities (bench/common.py's `run_at_ref`), beside this tree's;
* speed, best of R runs on the same texts: spaCy's NER-only pass, the baseline (that pass plus
  the look-up) and ours (that pass plus `tag_countries`), and the share of time `tag_countries`
  adds to the NER-only pass (the bar: at most 5%);
* `--errors N`: the focus errors of the tuning half (gold focus, ours, each country's mentions
  with their counts and first offset, the before ref's focus when it differs), then the error
  classes of this tree's tagger on the tuning half (the development half,
  the only one to read errors on; `--errors-half report` exists for the final check), with their
  counts, then N examples of each class. A false country is classed by what brought it in (the
  gazetteer kind of the name: country, demonym, capital, region, town; one country's name or a
  name several share) and by what the gold has there (another country's toponym, a toponym of
  no country, or no toponym: then by the entity label around it); a missed one by why (the name
  is not in the gazetteer, the gazetteer has it only in other countries, it was resolved to
  another country, or it was found and dropped); then the same classes for each gold toponym
  whose country no overlapping mention gives (toponym recall), with the entity labels over it.

`tag_countries` gets the entities the pipeline gives it: those of `tag_entities` (`--entities
stage`, the default), or spaCy's raw entities, or none. With the stage's entities, "ours" is
what the pipeline runs: `pipeline.nlp.entity_types.settle`, which corrects the entities' types
and tags the countries with them. The tables go to bench/RESULTS.md (a full run only).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import run_at_ref, write_results  # also puts the repository on sys.path
from spacy.tokens import Doc as SpacyDoc

from pipeline.models import Country, Entity, Mention
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.entities import load_ner, tag_documents
from pipeline.nlp.entity_spans import trim_name
from pipeline.nlp.entity_types import settle
from pipeline.nlp.gazetteer import Gazetteer, load_gazetteer, name_key

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo"
REPO_DATA = Path(__file__).resolve().parents[1] / "pipeline" / "data"
DATA_SETS = ("geovirus", "geowebnews")
HALVES = ("tune", "report")  # "report" is the held-out half
ADDED_TIME_BAR = 0.05  # tag_countries may add at most this share to spaCy's NER-only time
BASELINE_LABELS = frozenset({"GPE", "LOC", "NORP"})
BASELINE_KINDS = frozenset({"c", "d", "p"})  # country names and aliases, demonyms, capitals

Doc = dict[str, Any]


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


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[Any, float]:
    """The result of the last run and the shortest of `repeat` timings."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return result, best


def raw_entities(doc: SpacyDoc) -> list[Entity]:
    """spaCy's own entities of one text as the pipeline's `Entity` objects, one per name."""
    grouped: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for ent in doc.ents:
        grouped[(ent.text, ent.label_)].append(
            Mention(section="story", start=ent.start_char, end=ent.end_char, text=ent.text)
        )
    return [
        Entity(name=name, label=label, salience=0.0, mentions=mentions)
        for (name, label), mentions in grouped.items()
    ]


def baseline_table(gazetteer: Gazetteer) -> dict[str, str]:
    """Name key → country, from the gazetteer's country names, aliases, demonyms and capitals
    only. A name of several countries keeps the one it names as a country ("Georgia"), else it
    is left out: the baseline does not guess."""
    table: dict[str, str] = {}
    for key, candidates in gazetteer.names.items():
        kept = [c for c in candidates if c.kind in BASELINE_KINDS]
        codes = {c.country for c in kept}
        if len(codes) > 1:
            codes = {c.country for c in kept if c.kind == "c"}
        if len(codes) == 1:
            table[key] = codes.pop()
    return table


def baseline_countries(doc: SpacyDoc, table: dict[str, str]) -> list[Country]:
    """The baseline: GPE/LOC/NORP entities looked up by name; focus by CLIFF's rule."""
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for ent in doc.ents:
        if ent.label_ not in BASELINE_LABELS:
            continue
        start, end = trim_name(ent.text, ent.label_)  # "the United States'" → "United States"
        key = name_key(ent.text[start:end])
        code = table.get(key) or (table.get(key.title()) if key.isupper() else None)
        if code:
            s, e = ent.start_char + start, ent.start_char + end
            mentions[code].append(
                Mention(section="story", start=s, end=e, text=ent.text[start:end])
            )
    if not mentions:
        return []
    total = sum(len(m) for m in mentions.values())
    top = max(len(m) for m in mentions.values())
    return [
        Country(
            code=code,
            name=code,
            score=len(found) / total,
            focus=len(found) == top,
            mentions=found,
        )
        for code, found in sorted(mentions.items(), key=lambda kv: -len(kv[1]))
    ]


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
    # Documents with a gold focus; of them, those where one of our focus countries is in it
    # (hit) and those whose top country is (top-1), as hand-coded focus sets are scored.
    focus_docs: int = 0
    focus_hit: int = 0
    focus_top: int = 0
    # The same for CLIFF's rule on our mentions (most mentions plus ties; top: the most
    # mentioned, ties broken by our order), the simpler rule ours is compared with.
    cliff_hit: int = 0
    cliff_top: int = 0


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
    if gold_focus:
        scores.focus_docs += 1
        scores.focus_hit += any(c.focus and c.code in gold_focus for c in countries)
        scores.focus_top += bool(countries) and countries[0].code in gold_focus
    counted = most_mentioned(Counter({c.code: len(c.mentions) for c in countries}))
    scores.focus_cliff.add(counted, gold_focus)
    if gold_focus:
        scores.cliff_hit += bool(counted & gold_focus)
        first = next((c.code for c in countries if c.code in counted), None)
        scores.cliff_top += first in gold_focus


KIND_NAMES = {"c": "country", "d": "demonym", "p": "capital", "a": "region", "t": "town"}


def candidates_of(name: str, gazetteer: Gazetteer) -> tuple[Any, ...]:
    key = name_key(name)
    found = gazetteer.names.get(key) or gazetteer.names.get(key + ".")
    if found is None and key.isupper():
        found = gazetteer.names.get(key.title())
    return found or ()


def fp_class(
    code: str, mention: Mention, doc: Doc, labels: Sequence[tuple[int, int, str]], gaz: Gazetteer
) -> str:
    """The class of one mention that brought in a false country (module docstring)."""
    candidates = candidates_of(mention.text, gaz)
    kinds = sorted({KIND_NAMES[c.kind] for c in candidates if c.country == code})
    shared = "shared " if len({c.country for c in candidates}) > 1 else ""
    gold = [t for t in doc["toponyms"] if t["start"] < mention.end and t["end"] > mention.start]
    if gold and gold[0]["country"]:
        where = "gold: another country's toponym"
    elif gold:
        where = "gold: a toponym of no country"
    else:
        around = sorted(
            {label for s, e, label in labels if s <= mention.start and e >= mention.end}
        )
        where = f"not a toponym, entity {'/'.join(around) or 'none'}"
    return f"fp {shared}{'/'.join(kinds) or '?'} | {where}"


def fn_class(
    code: str, doc: Doc, countries: Sequence[Country], gaz: Gazetteer
) -> tuple[str, list[str]]:
    """Why a gold country was missed, from its toponyms: the best reason any of them gives."""
    spans = [(m.start, m.end, c.code) for c in countries for m in c.mentions]
    reasons = []
    names = []
    for toponym in doc["toponyms"]:
        if toponym["country"] != code:
            continue
        names.append(toponym["text"])
        hits = [c for s, e, c in spans if s < toponym["end"] and e > toponym["start"]]
        candidates = candidates_of(toponym["text"], gaz)
        if hits:
            reasons.append((0, "resolved to another country"))
        elif not candidates:
            reasons.append((3, "name not in the gazetteer"))
        elif code not in {c.country for c in candidates}:
            reasons.append((2, "gazetteer has the name only elsewhere"))
        else:
            reasons.append((1, "in the gazetteer, dropped or unresolved"))
    return "fn " + min(reasons)[1] if reasons else "fn ?", sorted(set(names))


def explain(
    doc: Doc, countries: Sequence[Country], entities: Sequence[Entity], gaz: Gazetteer
) -> list[tuple[str, str]]:
    """(class, example) for each wrong (document, country) pair of one document."""
    labels = [(m.start, m.end, e.label) for e in entities for m in e.mentions]
    predicted = {c.code for c in countries}
    gold = set(doc["countries"])
    out = []
    for country in countries:
        if country.code in gold:
            continue
        for mention in country.mentions:
            cls = fp_class(country.code, mention, doc, labels, gaz)
            start = max(0, mention.start - 40)
            context = doc["text"][start : mention.end + 40].replace("\n", " ")
            out.append((cls, f"{country.code} {mention.text!r}: ...{context}... ({doc['id']})"))
    for code in sorted(gold - predicted):
        cls, names = fn_class(code, doc, countries, gaz)
        out.append((cls, f"{code} {names} ({doc['id']})"))
    return out


def focus_misses(doc: Doc, countries: Sequence[Country], before: Sequence[Country] | None) -> str:
    """One document's focus error, or "": the gold focus (CLIFF on the gold toponyms, with the
    gold counts), ours (focus countries marked *, top first), each tagged country's mentions
    (count, distinct names, the offset of the first, the names with counts), and the before
    ref's focus when it differs. Empty when our focus set is the gold one and top-1 holds."""
    gold_counts = Counter(t["country"] for t in doc["toponyms"] if t["country"])
    gold = most_mentioned(gold_counts)
    ours = {c.code for c in countries if c.focus}
    top_ok = bool(countries) and countries[0].code in gold
    if not gold or (ours == gold and top_ok):
        return ""
    kind = []
    if not ours & gold:
        kind.append("MISS")
    if ours - gold:
        kind.append("wrong+" + ",".join(sorted(ours - gold)))
    if gold - ours:
        kind.append("lost-" + ",".join(sorted(gold - ours)))
    if not top_ok:
        kind.append("top-1 wrong")
    lines = [
        f"  {doc['id']} [{' '.join(kind)}] {len(doc['text'])} chars, lead "
        f"{doc['text'].find(chr(10) * 2)}; gold {dict(gold_counts.most_common(6))} focus "
        f"{sorted(gold)}; ours "
        + " ".join(f"{c.code}{'*' if c.focus else ''}{c.score:.2f}" for c in countries[:6])
    ]
    if before is not None:
        old = sorted(c.code for c in before if c.focus)
        if old != sorted(ours):
            lines.append(f"      before: focus {old}")
    for c in countries[:6]:
        names = Counter(m.text for m in c.mentions)
        first = min(m.start for m in c.mentions)
        lines.append(
            f"      {c.code}: {len(c.mentions)} mentions, {len(names)} names, first at {first}: "
            + ", ".join(f"{n} x{k}" for n, k in names.most_common(5))
        )
    lines.append("      opens: " + doc["text"][:160].replace("\n", " | "))
    return "\n".join(lines)


def toponym_misses(
    doc: Doc, countries: Sequence[Country], entities: Sequence[Entity], gaz: Gazetteer
) -> list[tuple[str, str]]:
    """(class, example) for each gold toponym with a country that no mention of that country
    overlaps: resolved elsewhere, not in the gazetteer, in it only for other countries, or in
    it and dropped; each with the entity labels over it (a place the model typed ORG/PERSON)."""
    spans = [(m.start, m.end, c.code) for c in countries for m in c.mentions]
    labels = [(m.start, m.end, e.label) for e in entities for m in e.mentions]
    out = []
    for toponym in doc["toponyms"]:
        code, start, end = toponym["country"], toponym["start"], toponym["end"]
        if code is None:
            continue
        hits = [c for s, e, c in spans if s < end and e > start]
        if hits and hits[0] == code:
            continue
        candidates = candidates_of(toponym["text"], gaz)
        if hits:
            why = "resolved elsewhere"
        elif not candidates:
            why = "not in the gazetteer"
        elif code not in {c.country for c in candidates}:
            why = "gazetteer has it only elsewhere"
        else:
            kinds = "/".join(sorted({KIND_NAMES[c.kind] for c in candidates if c.country == code}))
            why = f"in the gazetteer ({kinds}), dropped or unresolved"
        around = "/".join(sorted({label for s, e, label in labels if s < end and e > start}))
        context = doc["text"][max(0, start - 40) : end + 40].replace("\n", " ")
        out.append(
            (
                f"toponym {why} | entity {around or 'none'}",
                f"{code} {toponym['text']!r} -> {hits[:1]}: ...{context}... ({doc['id']})",
            )
        )
    return out


def print_errors(name: str, part: str, errors: list[tuple[str, str]], examples: int) -> None:
    by_class: dict[str, list[str]] = defaultdict(list)
    for cls, example in errors:
        by_class[cls].append(example)
    print(f"{name} {part} half: {len(errors)} errors (a false country counts once per mention)")
    for cls, items in sorted(by_class.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  {len(items):4}  {cls}")
        for example in items[:examples]:
            print(f"          {example}")


def line(name: str, part: str, system: str, s: Scores) -> str:
    recall = s.found / s.toponyms if s.toponyms else 0.0
    accuracy = s.resolved / s.found if s.found else 0.0
    return (
        f"{name:10} {part:6} {s.docs:4}  {system:13} {s.countries.prf()}  "
        f"toponyms recall {recall:.3f} resolution {accuracy:.3f}"
    )


def focus_line(s: Scores) -> str:
    n = max(s.focus_docs, 1)
    return (
        f"{'':10} {'':6} {'':4}  {'':13} focus vs CLIFF-on-gold: ours {s.focus_ours.prf()} | "
        f"CLIFF-on-ours {s.focus_cliff.prf()} hit {s.cliff_hit / n:.3f} "
        f"top-1 {s.cliff_top / n:.3f} | ours hit {s.focus_hit / n:.3f} top-1 {s.focus_top / n:.3f}"
    )


# The country stage at the "before" ref, in a child process importing that ref's package: texts
# in, each text's countries out, with that ref's own entity stage (and type corrections if any).
BEFORE_CODE = """
import json, sys
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.entities import tag_entities
try:
    from pipeline.nlp.entity_types import settle
except ImportError:
    settle = None
texts = json.load(sys.stdin)
out = []
for text, entities in zip(texts, tag_entities([("", t) for t in texts])):
    if settle is not None:
        countries = settle("", text, entities).countries
    else:
        countries = tag_countries("", text, entities)
    out.append([c.model_dump(mode="json") for c in countries])
print(json.dumps(out))
"""


def before_countries(ref: str, texts: Sequence[str]) -> list[list[Country]]:
    answer = run_at_ref(ref, BEFORE_CODE, list(texts))
    return [[Country.model_validate(c) for c in countries] for countries in answer]


def measure(
    name: str,
    docs: Sequence[Doc],
    entity_source: str,
    repeat: int,
    errors: int,
    errors_half: str,
    ref: str | None,
    out: list[str],
) -> None:
    nlp = load_ner()
    texts = [doc["text"] for doc in docs]
    load_gazetteer()  # once per process; not part of the per-document cost
    table = baseline_table(load_gazetteer())
    nlp("warm up")

    spacy_docs, ner_seconds = best_of(repeat, lambda: list(nlp.pipe(texts, batch_size=32)))
    base, lookup_seconds = best_of(
        repeat, lambda: [baseline_countries(d, table) for d in spacy_docs]
    )
    shows_teams: list[bool | None] = [None] * len(texts)
    if entity_source == "stage":
        documents = tag_documents([("", text) for text in texts], nlp)
        entities = [document.entities for document in documents]
        shows_teams = [document.shows_teams for document in documents]  # as the pipeline does
    elif entity_source == "spacy":
        entities = [raw_entities(d) for d in spacy_docs]
    else:
        entities = [[] for _ in docs]

    def ours_on_all() -> list[list[Country]]:
        if entity_source == "stage":
            triples = zip(texts, entities, shows_teams, strict=True)
            return [settle("", t, e, shows_teams=s).countries for t, e, s in triples]
        return [tag_countries("", t, e) for t, e in zip(texts, entities, strict=True)]

    tagged, tag_seconds = best_of(repeat, ours_on_all)
    # The entities as the country stage saw them (types corrected), for the error classes.
    settled = (
        [settle("", t, e).entities for t, e in zip(texts, entities, strict=True)]
        if entity_source == "stage" and errors
        else entities
    )
    before = before_countries(ref, texts) if ref else None

    ours = {part: Scores() for part in HALVES}
    baseline = {part: Scores() for part in HALVES}
    old = {part: Scores() for part in HALVES}
    for i, (doc, countries, base_countries) in enumerate(zip(docs, tagged, base, strict=True)):
        part = half(doc["id"])
        score(doc, countries, ours[part])
        score(doc, base_countries, baseline[part])
        if before is not None:
            score(doc, before[i], old[part])
    for part in HALVES:
        out.append(line(name, part, "baseline", baseline[part]))
        if before is not None:
            out.append(line(name, part, f"before {ref}"[:13], old[part]))
            out.append(focus_line(old[part]))
        out.append(line(name, part, "after", ours[part]))
        out.append(focus_line(ours[part]))
    n = len(docs)
    added = tag_seconds / ner_seconds
    verdict = "meets" if added <= ADDED_TIME_BAR else "MISSES"
    out.append(
        f"{name:10} speed, {n} docs, best of {repeat}: spaCy NER-only {n / ner_seconds:.1f} docs/s"
        f" | baseline (NER + look-up) {n / (ner_seconds + lookup_seconds):.1f} docs/s"
        f" | ours (NER + country stage) {n / (ner_seconds + tag_seconds):.1f} docs/s"
        f" | country stage alone {tag_seconds * 1000 / n:.3f} ms/doc, adds {added:.1%} to"
        f" NER-only ({verdict} the {ADDED_TIME_BAR:.0%} bar)"
    )
    if errors:
        gaz = load_gazetteer()
        found = [
            item
            for doc, countries, ents in zip(docs, tagged, entities, strict=True)
            if half(doc["id"]) == errors_half
            for item in explain(doc, countries, ents, gaz)
        ]
        print_errors(name, errors_half, found, errors)
        missed = [
            item
            for doc, countries, ents in zip(docs, tagged, settled, strict=True)
            if half(doc["id"]) == errors_half
            for item in toponym_misses(doc, countries, ents, gaz)
        ]
        print_errors(name, f"{errors_half} (gold toponyms)", missed, errors)
        misses = [
            text
            for i, (doc, countries) in enumerate(zip(docs, tagged, strict=True))
            if half(doc["id"]) == errors_half
            and (text := focus_misses(doc, countries, before[i] if before else None))
        ]
        print(f"{name} {errors_half} half: {len(misses)} focus errors (vs CLIFF on gold)")
        for text in misses:
            print(text)


def gazetteer_line(ref: str | None) -> str:
    """The packaged gazetteer's size, names and parse time (fastest of 3), and the ref's."""
    from pipeline.nlp.gazetteer import GAZETTEER_RESOURCE, parse

    texts = {"this tree": (REPO_DATA / GAZETTEER_RESOURCE).read_text("utf-8")}
    if ref:
        shown = subprocess.run(
            ["git", "-C", str(REPO_DATA.parents[1]), "show", f"{ref}:pipeline/data/gazetteer.json"],
            capture_output=True,
            check=True,
        )
        texts[ref] = shown.stdout.decode("utf-8")
    parts = []
    for who, text in texts.items():
        seconds = []
        for _ in range(3):
            started = time.process_time()
            names = len(parse(json.loads(text)).names)
            seconds.append(time.process_time() - started)
        parts.append(
            f"{who}: {len(text.encode()) / 1e6:.2f} MB, {names:,} names, parsed in "
            f"{min(seconds):.3f} CPU s"
        )
    return "gazetteer (loaded once per process): " + "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description="Country tagging on GeoVirus and GeoWebNews.")
    parser.add_argument("--limit", type=int, default=None, help="documents per data set")
    parser.add_argument(
        "--entities",
        choices=["stage", "spacy", "none"],
        default="stage",
        help="entities given to tag_countries: tag_entities' (default), raw spaCy's, or none",
    )
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each; best counts")
    parser.add_argument(
        "--errors", type=int, default=0, help="print the error classes, N examples of each"
    )
    parser.add_argument(
        "--errors-half",
        choices=HALVES,
        default="tune",
        help="the half whose errors are printed: tune (development, the default) or report",
    )
    parser.add_argument(
        "--before", default="main", help="the git ref measured as 'before' ('' for none)"
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    out = [f"half: tune = tuned on, report = held out; entities given: {args.entities}"]
    out.append(gazetteer_line(args.before or None))
    for name in DATA_SETS:
        docs = load(name, args.limit)
        if not docs:
            out.append(f"{name}: no data at {DATA_DIR}")
            continue
        measure(
            name,
            docs,
            args.entities,
            max(args.repeat, 1),
            args.errors,
            args.errors_half,
            args.before,
            out,
        )
    report = "\n".join(out)
    print(report)
    if not args.no_write and args.limit is None and args.entities == "stage":
        write_results("bench/countries.py", f"```\n{report}\n```")


if __name__ == "__main__":
    main()
