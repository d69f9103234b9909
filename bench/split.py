"""Measure the story splitter on the shared extraction data sets, beside trafilatura and the
whole-page baseline, in one run.

    python bench/split.py [--limit N] [--data DIR] [--only SET] [--show-worst K] [--no-trafilatura]
    python bench/split.py --errors [--only SET] [--limit N] [--max-pages K] [--page ID]
    python bench/split.py --before main   # the splitter at a git ref beside, in the same run

Data: ../shared/data/extraction/ (never copied into the repository). Metrics as in that
directory's README:

- `dragnet` (HTML) and `dragnet-text` (page text): per-page precision and recall over 4-gram
  shingles of `\\w+` tokens against `article_body`, averaged over pages. Dragnet's gold text
  includes the headline, so the splitter is scored on its title and story together
  (`title + "\\n" + paragraphs`). trafilatura is scored on exactly what
  `trafilatura.extract(html, include_comments=False)` returns.
- `trafilatura-eval` (HTML): `with` snippets found (true positives) or missed, `without`
  snippets found (false positives), summed over pages; again title and story for the splitter.
- `trafilatura-eval-text` (page text): the same pages and metric, each page first rendered to
  page text as dragnet-text was from dragnet's HTML (an approximation: bench/page_text.py):
  a page-text set of recent news pages beside dragnet-text's ~2012 ones.

Pages are cut into two halves by a hash of their id: "tune" is the half heuristics may be
adjusted on, "report" the half that only checks them. The bars of issue 5 are checked on the
report half at the end. docs/s counts only the time inside each extractor, on this machine.
trafilatura is a dev-only dependency: it is imported here, never from `pipeline/`.

`--errors` scores nothing: on the TUNE half only, it prints per page the blocks the splitter
kept that are not story (dragnet: under half of their shingles in the gold text;
trafilatura-eval: holding a `without` snippet) and the story blocks it missed, each with its
markup path (block-level tags with their class/id, and the hints the splitter read) and where
it lies against the story (above its headline, in its main element, nested deeper in it, or
outside it), then a
tally of both by the innermost hint and tag, to find the error classes; on the shingle sets,
also the pages' summed precision and recall loss by where it lies (a story's start or end
lost, a box above or a thread below kept). The report half is never printed.
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
from typing import Any, ClassVar

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import run_at_ref, write_results  # noqa: E402  (bench/ is sys.path[0] in a run)
from page_text import render  # noqa: E402

from pipeline.errors import StageError  # noqa: E402
from pipeline.inputs import decode_page  # noqa: E402
from pipeline.models import ContentType  # noqa: E402
from pipeline.nlp import blocks as blocks_module  # noqa: E402
from pipeline.nlp import split as split_module  # noqa: E402
from pipeline.nlp import split_runs  # noqa: E402
from pipeline.nlp.blocks import Block, Hint  # noqa: E402
from pipeline.nlp.split import split_page  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction"
SHINGLE = 4  # the ScrapingHub benchmark's shingle length
HALVES = ("tune", "report")
BEFORE = "before"  # the system name of the splitter at --before REF
# Issue 5's bars, checked on the report half.
HTML_F1_MARGIN = 0.01  # over trafilatura's F1 on dragnet, same run
HTML_SPEED_RATIO = 2.0  # times trafilatura's docs/s on dragnet
TEXT_F1_FLOOR = 0.85  # dragnet-text
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Extractor = Callable[[str, ContentType], str]


def half(doc_id: str) -> str:
    """A stable, content-free split of the pages into two halves."""
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "report"


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


def snippet_counts(predicted: str, with_: list[str], without: list[str]) -> tuple[int, int, int]:
    """(tp, fp, fn) of one trafilatura-eval page: snippets are matched whitespace-normalised."""
    text = _SPACE.sub(" ", predicted)
    found = [_SPACE.sub(" ", s).strip() in text for s in with_]
    fp = sum(_SPACE.sub(" ", s).strip() in text for s in without)
    return sum(found), fp, len(found) - sum(found)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Either metric: shingle pages append (P, R); snippet pages add counts."""

    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pages: int = 0
    seconds: float = 0.0

    def add_shingles(self, predicted: str, gold: str) -> float:
        p, r = page_scores(predicted, gold)
        self.precision.append(p)
        self.recall.append(r)
        self.pages += 1
        return f1(p, r)

    def add_snippets(self, predicted: str, with_: list[str], without: list[str]) -> float:
        tp, fp, fn = snippet_counts(predicted, with_, without)
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        self.pages += 1
        return f1(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)

    def row(self) -> tuple[float, float, float]:
        if self.precision:
            p = sum(self.precision) / len(self.precision)
            r = sum(self.recall) / len(self.recall)
        else:
            p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
            r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, f1(p, r)

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def read_jsonl(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if limit is not None and count >= limit:
                return
            doc: dict[str, Any] = json.loads(line)
            yield doc


def html_of(doc: dict[str, Any]) -> str:
    """The page's HTML; the non-UTF-8 pages are decoded as the pipeline decodes page files."""
    if doc.get("html"):
        return str(doc["html"])
    return decode_page(base64.b64decode(doc.get("html_bytes_b64") or ""))


# --------------------------------------------------------------------------------------------
# The systems


def splitter(body: str, content_type: ContentType) -> str:
    """This project's splitter: its title and its story paragraphs."""
    try:
        result = split_page(body, content_type)
    except StageError:
        return ""
    return "\n".join(([result.title] if result.title else []) + result.paragraphs)


def trafilatura_extract(body: str, content_type: ContentType) -> str:
    import trafilatura  # dev-only: imported only when measured

    return trafilatura.extract(body, include_comments=False) or ""


def _trafilatura_version() -> str:
    import trafilatura  # dev-only: imported only when measured

    return str(trafilatura.__version__)


def whole_page(body: str, content_type: ContentType) -> str:
    """Everything visible on the page: what a splitter must beat."""
    if content_type == "text/plain":
        return body
    tree = LexborHTMLParser(body)
    tree.strip_tags(["script", "style", "noscript"])
    return tree.body.text(separator="\n") if tree.body is not None else ""


# The splitter as it was at a git ref (`--before REF`), run in a child process on that ref's
# `pipeline/` (bench/common.py's run_at_ref): its title and story per page, scored here.
_BEFORE_CODE = """
import base64, gzip, json, sys
from pipeline.errors import StageError
from pipeline.inputs import decode_page
from pipeline.nlp.split import split_page

def story(body):
    try:
        result = split_page(body, job["content_type"])
    except StageError:
        return ""
    return "\\n".join(([result.title] if result.title else []) + result.paragraphs)

job = json.load(sys.stdin)
out = {}
if job["bodies"] is not None:  # pages the bench rendered to page text itself
    out = {doc_id: story(body) for doc_id, body in job["bodies"].items()}
else:
    with gzip.open(job["path"], "rt", encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if job["limit"] is not None and count >= job["limit"]:
                break
            doc = json.loads(line)
            if job["field"] == "html":
                html = doc.get("html")
                body = html or decode_page(base64.b64decode(doc.get("html_bytes_b64") or ""))
            else:
                body = doc[job["field"]]
            out[str(doc["id"])] = story(body)
print(json.dumps(out))
"""


def before_outputs(ref: str, data: DataSet, directory: Path, limit: int | None) -> dict[str, str]:
    """Every page's title and story as the splitter at `ref` gives them."""
    job: dict[str, Any] = {
        "path": str((directory / data.file).resolve()),
        "limit": limit,
        "field": data.field,
        "content_type": data.content_type,
        "bodies": None,
    }
    if data.rendered:
        job["bodies"] = {
            str(doc["id"]): body_of(data, doc) for doc in read_jsonl(directory / data.file, limit)
        }
    outputs: dict[str, str] = run_at_ref(ref, _BEFORE_CODE, job)
    return outputs


@dataclass
class DataSet:
    name: str
    file: str
    field: str  # "text" or "html"
    content_type: ContentType
    snippets: bool  # trafilatura-eval's metric, else shingles
    rendered: bool = False  # HTML rendered to page text here (bench/page_text.py)


DATA_SETS = (
    DataSet("dragnet", "dragnet.jsonl.gz", "html", "text/html", snippets=False),
    DataSet("dragnet-text", "dragnet-text.jsonl.gz", "text", "text/plain", snippets=False),
    DataSet("trafilatura-eval", "trafilatura-eval.jsonl.gz", "html", "text/html", snippets=True),
    DataSet(
        "trafilatura-eval-text",
        "trafilatura-eval.jsonl.gz",
        "html",
        "text/plain",
        snippets=True,
        rendered=True,
    ),
)


def body_of(data: DataSet, doc: dict[str, Any]) -> str:
    """What the splitter is given for one page of `data`."""
    if data.rendered:
        return render(html_of(doc))
    return html_of(doc) if data.field == "html" else str(doc[data.field])


@dataclass
class Result:
    data: DataSet
    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    worst: list[tuple[float, str]] = field(default_factory=list)

    def score(self, system: str, which: str) -> Score:
        return self.scores.setdefault((system, which), Score())


def systems_for(
    data: DataSet, with_trafilatura: bool, before: dict[str, str] | None = None
) -> dict[str, Extractor]:
    systems: dict[str, Extractor] = {"splitter": splitter}
    if before is not None:
        systems[BEFORE] = lambda body, content_type: ""  # answered from `before`, by page id
    if data.content_type == "text/html" and with_trafilatura:
        systems["trafilatura"] = trafilatura_extract
    if data.content_type == "text/plain":
        systems["whole text"] = whole_page
    return systems


def run(
    data: DataSet,
    directory: Path,
    limit: int | None,
    with_trafilatura: bool,
    before_ref: str | None = None,
) -> Result:
    result = Result(data)
    before = before_outputs(before_ref, data, directory, limit) if before_ref else None
    systems = systems_for(data, with_trafilatura, before)
    for doc in read_jsonl(directory / data.file, limit):
        body = body_of(data, doc)
        which = half(str(doc["id"]))
        for name, extract in systems.items():
            started = time.perf_counter()
            if name == BEFORE and before is not None:
                predicted = before.get(str(doc["id"]), "")
            else:
                predicted = extract(body, data.content_type)
            elapsed = time.perf_counter() - started
            score = result.score(name, which)
            score.seconds += elapsed
            if data.snippets:
                page_f1 = score.add_snippets(
                    predicted, list(doc.get("with") or []), list(doc.get("without") or [])
                )
            else:
                page_f1 = score.add_shingles(predicted, str(doc["article_body"]))
            if name == "splitter":
                result.worst.append((page_f1, f"{which}:{doc['id']}"))
    return result


# --------------------------------------------------------------------------------------------
# Error analysis (--errors), tune half only

ERROR_MIN_WORDS = 4  # shorter blocks are labels, left out of the listing
GOLD_SHARE = 0.5  # a block with this share of its shingles in the gold text is story
_HINT_NAMES = {
    value: name
    for name, value in vars(Hint).items()
    if not name.startswith("_") and isinstance(value, int) and value
}


class _LabelledWalker(blocks_module._Walker):
    """The splitter's own DOM walk, which also remembers each block-level element's tag,
    class and id by its serial number, so a block's `ancestors` read as a markup path."""

    labels: ClassVar[dict[int, str]] = {}
    pending: ClassVar[list[int]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        walker = self

        class _Tags(list[str]):
            def append(self, tag: str) -> None:
                super().append(tag)
                _LabelledWalker.labels[walker.elements] = tag
                _LabelledWalker.pending[:] = [walker.elements]

        self.path_tags = _Tags()


def _labelled_own_hints(tag: str, attrs: dict[str, str | None]) -> int:
    pending = _LabelledWalker.pending
    if pending and _LabelledWalker.labels.get(pending[0]) == tag:
        label = tag
        if attrs.get("id"):
            label += "#" + str(attrs["id"])[:30]
        if attrs.get("class"):
            label += "." + ".".join(str(attrs["class"]).split())[:40]
        _LabelledWalker.labels[pending[0]] = label
    pending.clear()
    return _ORIGINAL_OWN_HINTS(tag, attrs)


_ORIGINAL_OWN_HINTS = blocks_module._own_hints
_ORIGINAL_MAIN_CONTAINER = split_runs.main_container
_MAIN: list[int | None] = [None]  # the story's main element on the page being listed


def _recorded_main_container(run: Any) -> int | None:
    _MAIN[0] = _ORIGINAL_MAIN_CONTAINER(run)
    return _MAIN[0]


def _where(block: Block, index: int, headline: int | None) -> str:
    """Where a block lies against the story: above its headline, in its main element (as a
    paragraph of it, or nested deeper), or outside it."""
    if headline is not None and index < headline:
        return "above-headline"
    main = _MAIN[0]
    if main is None:
        return "no-main"
    if block.container == main:
        return "main"
    return "in-main" if main in block.ancestors else "outside"


def _hint_names(hints: int) -> str:
    return "|".join(name for value, name in sorted(_HINT_NAMES.items()) if hints & value) or "-"


def _path(block: Block) -> str:
    labels = [_LabelledWalker.labels.get(serial, "?") for serial in block.ancestors]
    return " > ".join(labels[-4:]) + f"  [{_hint_names(block.hints)}] ld={block.link_density:.2f}"


def _tally_key(block: Block) -> str:
    tag = _LabelledWalker.labels.get(block.ancestors[-1], "?") if block.ancestors else "?"
    return f"{_hint_names(block.hints)} <{tag.split('.')[0].split('#')[0]}>"


def errors(
    data: DataSet, directory: Path, limit: int | None, max_pages: int, page: str | None = None
) -> None:
    """Print the kept-but-not-story and the missed story blocks of the tune half's pages."""
    blocks_module._Walker = _LabelledWalker  # type: ignore[misc]
    blocks_module._own_hints = _labelled_own_hints
    # the driver calls the name it imported from split_runs: replaced in the driver's namespace
    vars(split_module)["main_container"] = _recorded_main_container
    kept_tally: Counter[str] = Counter()
    missed_tally: Counter[str] = Counter()
    where: dict[str, float] = {}  # the pages' loss, by where on the page it lies
    shown = 0
    for doc in read_jsonl(directory / data.file, limit):
        if half(str(doc["id"])) != "tune" or (page is not None and str(doc["id"]) != page):
            continue
        _LabelledWalker.labels = {}
        _MAIN[0] = None
        body = html_of(doc) if data.field == "html" else str(doc[data.field])
        if data.rendered:
            body = render(body)
        try:
            result = split_page(body, data.content_type)
        except StageError:
            continue
        kept_texts = set(result.paragraphs)
        wrong: list[tuple[str, Block]] = []
        if data.snippets:
            without = [_SPACE.sub(" ", s).strip() for s in doc.get("without") or []]
            with_ = [_SPACE.sub(" ", s).strip() for s in doc.get("with") or []]
            story = _SPACE.sub(" ", "\n".join([result.title or "", *result.paragraphs]))
            for block in result.blocks:
                text = _SPACE.sub(" ", block.text)
                if block.text in kept_texts and any(s and s in text for s in without):
                    wrong.append(("KEPT", block))
                elif block.text not in kept_texts and any(
                    s and s in text and s not in story for s in with_
                ):
                    wrong.append(("MISSED", block))
        else:
            gold = shingles(str(doc["article_body"]))
            for block in result.blocks:
                own = shingles(block.text)
                count = sum(own.values())
                if len(_WORD.findall(block.text)) < ERROR_MIN_WORDS or not count:
                    continue
                share = sum((own & gold).values()) / count
                if block.text in kept_texts and share < GOLD_SHARE:
                    wrong.append(("KEPT", block))
                elif block.text not in kept_texts and share >= GOLD_SHARE:
                    wrong.append(("MISSED", block))
        if not data.snippets:
            for key, loss in _loss_by_position(result, str(doc["article_body"])).items():
                where[key] = where.get(key, 0.0) + loss
        for kind, block in wrong:
            words = len(_WORD.findall(block.text))
            (kept_tally if kind == "KEPT" else missed_tally)[_tally_key(block)] += words
        if wrong and shown < max_pages:
            shown += 1
            print(f"=== {data.name} {doc['id']} {doc.get('url') or ''}")
            index_of = {id(block): i for i, block in enumerate(result.blocks)}
            headline = next(
                (i for i, b in enumerate(result.blocks) if result.title and b.text == result.title),
                None,
            )
            for kind, block in wrong:
                lies = _where(block, index_of[id(block)], headline)
                print(f"  {kind:<6} {lies:<14} {_path(block)}\n         {block.text[:160]!r}")
    for name, tally in (("kept, not story", kept_tally), ("missed story", missed_tally)):
        print(f"\n{data.name} tune: words {name}, by innermost hints and tag:")
        for key, words in tally.most_common(25):
            print(f"  {words:7d}  {key}")
    if where:
        print(f"\n{data.name} tune: the pages' summed loss (1 - P, 1 - R) by where it lies:")
        for key, loss in sorted(where.items()):
            print(f"  {loss:7.1f}  {key}")


def _loss_by_position(result: Any, gold_text: str) -> dict[str, float]:
    """One page's precision loss (1 - P) and recall loss (1 - R), shared out over where the
    wrong blocks lie, in proportion to their shingles: recall lost before, inside or after
    the kept blocks (a story's start, a gap, its end), precision lost before, inside or after
    the story's blocks (a box above, a box within, a thread or a sidebar below). Blocks are
    story when GOLD_SHARE of their shingles are in the gold text; the title counts as kept."""
    kept_texts = {*result.paragraphs, *([result.title] if result.title else [])}
    predicted = "\n".join(([result.title] if result.title else []) + result.paragraphs)
    precision, recall = page_scores(predicted, gold_text)
    gold = shingles(gold_text)
    kept: list[bool] = []
    story: list[bool] = []
    sizes: list[int] = []
    for block in result.blocks:
        own = shingles(block.text)
        count = sum(own.values())
        kept.append(block.text in kept_texts)
        story.append(count > 0 and sum((own & gold).values()) >= GOLD_SHARE * count)
        sizes.append(count)
    loss: dict[str, float] = {}
    missed = [s and not k for k, s in zip(kept, story, strict=True)]
    extra = [k and not s for k, s in zip(kept, story, strict=True)]
    for name, page_loss, wrong, span_of in (
        ("recall lost", 1 - recall, missed, kept),
        ("precision lost", 1 - precision, extra, story),
    ):
        if page_loss <= 0:
            continue
        span = [i for i, inside in enumerate(span_of) if inside]
        parts: dict[str, int] = {}
        for i, is_wrong in enumerate(wrong):
            if is_wrong and span:
                part = "before" if i < span[0] else "after" if i > span[-1] else "inside"
                parts[part] = parts.get(part, 0) + sizes[i]
        total = sum(parts.values())
        if not total:  # nothing kept, or no story block, or the loss is within blocks
            key = f"{name}: {'no span' if not span else 'within blocks'}"
            loss[key] = loss.get(key, 0.0) + page_loss
            continue  # (the wrong blocks, if any, hold no shingles: nothing to share out)
        for part, count in parts.items():
            loss[f"{name}: {part}"] = loss.get(f"{name}: {part}", 0.0) + page_loss * count / total
    return loss


# --------------------------------------------------------------------------------------------
# Report


def print_table(results: list[Result], show_worst: int) -> list[str]:
    """Print the table; return its lines."""
    lines = [
        f"{'set':<21} {'system':<12} {'half':<7} {'P':>6} {'R':>6} {'F1':>6} {'docs':>5} docs/s"
    ]
    for result in results:
        for system in systems_for(result.data, True, {}):
            for which in HALVES:
                score = result.scores.get((system, which))
                if score is None:
                    continue
                p, r, f = score.row()
                rate = f"{score.rate:6.1f}" if system != BEFORE else "     -"
                lines.append(
                    f"{result.data.name:<21} {system:<12} {which:<7} {p:6.3f} {r:6.3f} {f:6.3f}"
                    f" {score.pages:5d} {rate}"
                )
        if show_worst and result.worst:
            worst = sorted(result.worst)[:show_worst]
            lines.append("  worst (F1 half:id): " + ", ".join(f"{f:.2f} {i}" for f, i in worst))
    print("\n".join(lines))
    return lines


def check_bars(results: list[Result]) -> list[tuple[str, bool]]:
    """Issue 5's bars on the report half, for the sets that were run."""
    bars: list[tuple[str, bool]] = []
    by_name = {result.data.name: result for result in results}
    if (html := by_name.get("dragnet")) is not None and ("trafilatura", "report") in html.scores:
        ours, theirs = html.score("splitter", "report"), html.score("trafilatura", "report")
        our_f1, their_f1 = ours.row()[2], theirs.row()[2]
        bars.append(
            (
                f"dragnet F1 {our_f1:.3f} >= trafilatura {their_f1:.3f} + {HTML_F1_MARGIN}",
                our_f1 >= their_f1 + HTML_F1_MARGIN,
            )
        )
        # docs/s over both halves: more pages, steadier figure
        our_rate = sum(html.score("splitter", w).pages for w in HALVES) / sum(
            html.score("splitter", w).seconds for w in HALVES
        )
        their_rate = sum(html.score("trafilatura", w).pages for w in HALVES) / sum(
            html.score("trafilatura", w).seconds for w in HALVES
        )
        bars.append(
            (
                f"dragnet docs/s {our_rate:.1f} >= {HTML_SPEED_RATIO:g} x trafilatura"
                f" {their_rate:.1f} (ratio {our_rate / their_rate:.2f})",
                our_rate >= HTML_SPEED_RATIO * their_rate,
            )
        )
    if (text := by_name.get("dragnet-text")) is not None:
        text_f1 = text.score("splitter", "report").row()[2]
        bars.append((f"dragnet-text F1 {text_f1:.3f} >= {TEXT_F1_FLOOR}", text_f1 >= TEXT_F1_FLOOR))
    return bars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per data set")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-worst", type=int, default=0, help="list the K worst pages")
    parser.add_argument("--only", choices=[data.name for data in DATA_SETS], action="append")
    parser.add_argument(
        "--no-trafilatura", action="store_true", help="skip trafilatura (faster iterations)"
    )
    parser.add_argument(
        "--errors", action="store_true", help="list the splitter's errors on the tune half"
    )
    parser.add_argument("--max-pages", type=int, default=50, help="pages --errors lists")
    parser.add_argument("--page", help="--errors on this page id only (tune half)")
    parser.add_argument(
        "--before", metavar="REF", help="also score the splitter at git REF (say main), same run"
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no data at {args.data}")
    if args.errors:
        for data in DATA_SETS:
            if not args.only or data.name in args.only:
                errors(data, args.data, args.limit, args.max_pages, args.page)
        return
    started = time.perf_counter()
    results = [
        run(data, args.data, args.limit, not args.no_trafilatura, args.before)
        for data in DATA_SETS
        if not args.only or data.name in args.only
    ]
    lines = print_table(results, args.show_worst)
    bars = check_bars(results)
    if bars:
        lines += ["", "bars (report half):"]
        lines += [f"  [{'met' if met else 'NOT met'}] {text}" for text, met in bars]
    wall = f"wall time {time.perf_counter() - started:.0f} s"
    print("\n".join(lines[-len(bars) - 2 :] if bars else []) + f"\n\n{wall}")
    # Only a run over every page of every set, trafilatura beside, replaces the results.
    if not (args.no_write or args.limit or args.only or args.no_trafilatura):
        before = f", the splitter at `{args.before}` ({BEFORE!r})" if args.before else ""
        write_results(
            "bench/split.py",
            f"This tree's splitter{before}, trafilatura {_trafilatura_version()} and the"
            " whole-page baseline on the shared extraction sets, in one run; halves by a hash"
            ' of the page id (heuristics tuned on "tune" only). Metrics in the script\'s'
            " docstring.\n\n```\n" + "\n".join([*lines, "", wall]) + "\n```",
        )


if __name__ == "__main__":
    main()
