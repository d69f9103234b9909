"""Measure the story splitter on the shared extraction data sets, beside a trivial baseline.

    python bench/split.py [--limit N] [--data DIR] [--show-worst K]

Data: ../shared/data/extraction/ (never copied into the repository). Metrics as in that
directory's README: for dragnet / dragnet-text, per-page precision and recall over 4-gram
shingles of `\\w+` tokens against `article_body`, averaged over pages; for trafilatura-eval,
`with` snippets found (true positives) or missed and `without` snippets found (false
positives), summed over pages. The splitter's output is its title plus its paragraphs, since
the gold text includes the title.

Pages are cut into two halves by a hash of their id: "tune" is the half heuristics may be
adjusted on, "held-out" the half that only checks them.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.errors import StageError  # noqa: E402
from pipeline.models import ContentType  # noqa: E402
from pipeline.nlp.split import split_page  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction"
SHINGLE = 4  # the ScrapingHub benchmark's shingle length
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def half(doc_id: str) -> str:
    """A stable, content-free split of the pages into two halves."""
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "held-out"


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_scores(predicted: str, gold: str) -> tuple[float, float]:
    """Per-page precision and recall, as the data README defines them."""
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    fp = sum(pred.values()) - tp
    fn = sum(ref.values()) - tp
    precision = 1.0 if fp == fn == 0 else (0.0 if tp == 0 else tp / (tp + fp))
    recall = 1.0 if fp == fn == 0 else (0.0 if tp == 0 else tp / (tp + fn))
    return precision, recall


@dataclass
class ShingleScore:
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)

    def add(self, predicted: str, gold: str) -> float:
        p, r = page_scores(predicted, gold)
        self.precision.append(p)
        self.recall.append(r)
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> tuple[float, float, float, int]:
        n = len(self.precision)
        p = sum(self.precision) / n if n else 0.0
        r = sum(self.recall) / n if n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0), n


@dataclass
class SnippetScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pages: int = 0

    def add(self, predicted: str, with_: list[str], without: list[str]) -> None:
        text = _SPACE.sub(" ", predicted)
        self.pages += 1
        for snippet in with_:
            if _SPACE.sub(" ", snippet).strip() in text:
                self.tp += 1
            else:
                self.fn += 1
        self.fp += sum(_SPACE.sub(" ", s).strip() in text for s in without)

    def row(self) -> tuple[float, float, float, int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0), self.pages


def read_jsonl(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if limit is not None and count >= limit:
                return
            doc: dict[str, Any] = json.loads(line)
            yield doc


def html_of(doc: dict[str, Any]) -> str:
    """The page's HTML; the non-UTF-8 pages are decoded best-effort."""
    if doc.get("html"):
        return str(doc["html"])
    raw = base64.b64decode(doc.get("html_bytes_b64") or "")
    match = re.search(rb"charset=[\"']?([\w-]+)", raw[:4096])
    for encoding in ([match.group(1).decode()] if match else []) + ["utf-8", "cp1252"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")


def baseline(body: str, content_type: ContentType) -> str:
    """Everything visible on the page: what a splitter must beat."""
    if content_type == "text/plain":
        return body
    tree = LexborHTMLParser(body)
    tree.strip_tags(["script", "style", "noscript"])
    return tree.body.text(separator="\n") if tree.body is not None else ""


def extract(body: str, content_type: ContentType) -> str:
    try:
        result = split_page(body, content_type)
    except StageError:
        return ""
    return "\n".join(([result.title] if result.title else []) + result.paragraphs)


@dataclass
class Run:
    name: str
    shingle: dict[tuple[str, str], ShingleScore] = field(default_factory=dict)
    snippet: dict[tuple[str, str], SnippetScore] = field(default_factory=dict)
    seconds: float = 0.0
    pages: int = 0
    worst: list[tuple[float, str]] = field(default_factory=list)


def run_shingles(path: Path, field_name: str, content_type: ContentType, limit: int | None) -> Run:
    run = Run(path.name)
    for doc in read_jsonl(path, limit):
        body = str(doc[field_name])
        started = time.perf_counter()
        predicted = extract(body, content_type)
        run.seconds += time.perf_counter() - started
        run.pages += 1
        gold = str(doc["article_body"])
        h = half(str(doc["id"]))
        f1 = run.shingle.setdefault(("splitter", h), ShingleScore()).add(predicted, gold)
        run.worst.append((f1, str(doc["id"])))
        run.shingle.setdefault(("baseline", h), ShingleScore()).add(
            baseline(body, content_type), gold
        )
    return run


def run_snippets(path: Path, limit: int | None) -> Run:
    run = Run(path.name)
    for doc in read_jsonl(path, limit):
        body = html_of(doc)
        started = time.perf_counter()
        predicted = extract(body, "text/html")
        run.seconds += time.perf_counter() - started
        run.pages += 1
        h = half(str(doc["id"]))
        with_, without = list(doc.get("with") or []), list(doc.get("without") or [])
        run.snippet.setdefault(("splitter", h), SnippetScore()).add(predicted, with_, without)
        run.snippet.setdefault(("baseline", h), SnippetScore()).add(
            baseline(body, "text/html"), with_, without
        )
    return run


def report(run: Run, show_worst: int) -> None:
    rate = run.pages / run.seconds if run.seconds else 0.0
    print(f"\n{run.name}: {run.pages} pages, splitter {rate:.1f} pages/s")
    print(f"  {'system':<10} {'half':<9} {'P':>6} {'R':>6} {'F1':>6} {'pages':>6}")
    for system in ("splitter", "baseline"):
        for h in ("tune", "held-out"):
            score = run.shingle.get((system, h)) or run.snippet.get((system, h))
            if score is not None:
                p, r, f1, n = score.row()
                print(f"  {system:<10} {h:<9} {p:6.3f} {r:6.3f} {f1:6.3f} {n:6d}")
    if show_worst and run.worst:
        worst = sorted(run.worst)[:show_worst]
        print("  worst pages (F1, id): " + ", ".join(f"{f:.2f} {i}" for f, i in worst))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per data set")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-worst", type=int, default=0, help="list the K worst pages")
    parser.add_argument("--only", choices=["dragnet-text", "dragnet", "trafilatura"])
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no data at {args.data}")
    runs: list[tuple[str, Callable[[], Run]]] = [
        (
            "dragnet-text",
            lambda: run_shingles(
                args.data / "dragnet-text.jsonl.gz", "text", "text/plain", args.limit
            ),
        ),
        (
            "dragnet",
            lambda: run_shingles(args.data / "dragnet.jsonl.gz", "html", "text/html", args.limit),
        ),
        ("trafilatura", lambda: run_snippets(args.data / "trafilatura-eval.jsonl.gz", args.limit)),
    ]
    for name, make in runs:
        if args.only in (None, name):
            report(make(), args.show_worst)


if __name__ == "__main__":
    main()
