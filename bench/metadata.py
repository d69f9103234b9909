"""Measure the metadata stage (publication dates, authors) on the shared metadata sets, beside
htmldate, trafilatura and newspaper4k in the same run.

    python bench/metadata.py [--limit N] [--only SET] [--no-newspaper] [--show-errors K]
    python bench/metadata.py --errors [--only SET]   # error classes on the tune half only,
        # by source, by whether the page shows the day (the corroboration rule measured) and
        # by the page's type (og:type, JSON-LD @type, the URL's shape)

Data: ../shared/data/metadata/ (never copied into the repository), metrics as its README says:

- publication date, on `htmldate` and `trafilatura-meta`: exact-day accuracy over the pages
  with a gold day; precision, the share of the days given (on any page) that are right, so a
  day given on a page without a gold day counts against it; and the share of the pages
  without a gold day that got one anyway (invented dates);
- authors, on `trafilatura-meta`: names compared after case folding and whitespace
  normalisation, micro precision, recall and F1 over (page, name) pairs on every page, and the
  share of pages whose set of names is exactly the gold set.

Systems: ours is `extract_metadata` on the page the splitter parsed (the stage as the pipeline
runs it, its time measured without the split's); "ours, no htmldate" the same without its
htmldate fallback; htmldate alone (`find_date(original_date=True)`, with its extensive search
off and on); trafilatura's `extract_metadata` (date and author); newspaper4k's `Article` parsed
from the HTML (publish_date, authors) when it is installed. Pages are cut into two halves by a
hash of their id, as the other benches do: "tune" is the half rules may be adjusted on,
"report" the half that only checks them; the issue's goals are checked on the report half.
ms/page counts only the CPU time of the thread inside each system (time.thread_time: the
machine's other load does not count), on this machine.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import logging
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson
from common import SHARED_DATA, write_results  # also puts the repository on sys.path

from pipeline.inputs import decode_page
from pipeline.nlp.dates import date_in_url, dates_inside, parse_date
from pipeline.nlp.metadata import extract_metadata
from pipeline.nlp.split import PageSplit, split_page
from pipeline.settings import Settings

DATA = SHARED_DATA / "metadata"
THROUGHPUT_PAGES = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"  # what bench/throughput.py sends
SETS = ("htmldate", "trafilatura-meta")
HALVES = ("tune", "report")
DATE_MARGIN = 0.02  # over the best other system's exact-day accuracy, report half
AUTHOR_MARGIN = 0.05  # over the best other system's author F1, report half
DATE_PRECISION_FLOOR = 0.95
STAGE_BUDGET_MS = 2.5  # 5% of an article's ~50 ms of CPU in the pipeline

Doc = dict[str, Any]
# Run once through each system before it is timed: what a library loads on its first call is
# loaded once per process, not per article.
WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><p>LONDON - Published on 3 March "
    "2024 by Jane Doe.</p><p>A story line of some length, to be split like any other.</p>"
    "</article></body></html>"
)


@dataclass(frozen=True)
class Found:
    day: str | None  # YYYY-MM-DD
    authors: tuple[str, ...] = ()
    source: str | None = None  # which of our sources gave the day (ours only)


System = Callable[[str, str | None], Found]


def half(doc_id: str) -> str:
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "report"


def load(name: str, limit: int | None) -> list[Doc]:
    return load_path(DATA / f"{name}.jsonl.gz", limit)


def load_path(path: Path, limit: int | None) -> list[Doc]:
    if not path.exists():
        return []
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            docs.append(json.loads(line))
    return docs


def html_of(doc: Doc) -> str:
    if doc.get("html"):
        return str(doc["html"])
    return decode_page(base64.b64decode(doc.get("html_bytes_b64") or ""))


# --------------------------------------------------------------------------------------------
# The systems


def ours(use_htmldate: bool, sources: list[str | None] | None = None) -> System:
    latest_skew = timedelta(seconds=Settings().metadata_max_future_skew_s)

    def run(html: str, url: str | None) -> Found:
        split = split_page(html, "text/html")  # the pipeline's split: not timed below
        started = time.thread_time()
        meta = extract_metadata(
            split,
            url=url,
            body=html,
            latest=datetime.now(UTC) + latest_skew,
            use_htmldate=use_htmldate,
        )
        Timer.add(time.thread_time() - started)
        if sources is not None:
            sources.append(meta.published_source)
        day = meta.published_date.isoformat() if meta.published_date else None
        return Found(day, tuple(meta.authors), meta.published_source)

    return run


def htmldate_alone(extensive: bool) -> System:
    from htmldate import find_date

    def run(html: str, url: str | None) -> Found:
        started = time.thread_time()
        try:
            day = find_date(html, extensive_search=extensive, original_date=True, url=url)
        except Exception:
            day = None
        Timer.add(time.thread_time() - started)
        return Found(day)

    return run


def trafilatura_meta() -> System:
    from trafilatura import extract_metadata as trafilatura_extract

    def run(html: str, url: str | None) -> Found:
        started = time.thread_time()
        try:
            doc = trafilatura_extract(html, default_url=url)
        except Exception:
            doc = None
        Timer.add(time.thread_time() - started)
        if doc is None:
            return Found(None)
        authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
        return Found(doc.date[:10] if doc.date else None, authors)

    return run


def newspaper() -> System | None:
    try:
        from newspaper import Article  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None

    def run(html: str, url: str | None) -> Found:
        started = time.thread_time()
        try:
            article = Article(url or "http://example.com/", fetch_images=False)
            article.download(input_html=html)
            article.parse()
            published = article.publish_date
            authors = tuple(article.authors)
        except Exception:
            published, authors = None, ()
        Timer.add(time.thread_time() - started)
        return Found(published.date().isoformat() if published else None, authors)

    return run


class Timer:
    """The time spent inside the system being run (module-wide: one system runs at a time)."""

    seconds: list[float] = []  # noqa: RUF012  # reset per system

    @classmethod
    def add(cls, seconds: float) -> None:
        cls.seconds.append(seconds)


# --------------------------------------------------------------------------------------------
# Scores


def norm(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass
class Score:
    dated: int = 0  # pages with a gold day
    correct: int = 0
    given: int = 0  # days given, on any page
    undated: int = 0
    invented: int = 0  # days given on pages without a gold day
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    pages: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, doc: Doc, found: Found, authors: bool) -> None:
        self.pages += 1
        gold_day = doc.get("date_published")
        self.given += found.day is not None
        if gold_day:
            self.dated += 1
            if found.day == gold_day[:10]:
                self.correct += 1
            else:
                self.misses.append(f"{doc['id']}: date {found.day} != {gold_day}")
        else:
            self.undated += 1
            self.invented += found.day is not None
        if authors:
            gold = {norm(name) for name in doc.get("authors") or [] if norm(name)}
            predicted = {norm(name) for name in found.authors if norm(name)}
            self.tp += len(gold & predicted)
            self.fp += len(predicted - gold)
            self.fn += len(gold - predicted)
            self.exact += gold == predicted
            if gold != predicted:
                self.misses.append(f"{doc['id']}: authors {sorted(predicted)} != {sorted(gold)}")

    @property
    def accuracy(self) -> float:
        return self.correct / self.dated if self.dated else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.given if self.given else 1.0

    @property
    def precision_without_invented(self) -> float:
        """The precision a system would have if it gave no day on the pages without a gold one
        and the same days elsewhere: the ceiling of any rule that only withholds dates there."""
        given = self.given - self.invented
        return self.correct / given if given else 1.0

    @property
    def invented_share(self) -> float:
        return self.invented / self.undated if self.undated else 0.0

    @property
    def author_p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def author_r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def author_f1(self) -> float:
        p, r = self.author_p, self.author_r
        return 2 * p * r / (p + r) if p + r else 0.0


def run_system(system: System, docs: list[tuple[Doc, str]], authors: bool) -> dict[str, Score]:
    scores = {name: Score() for name in HALVES}
    for doc, html in docs:
        found = system(html, doc.get("url"))
        scores[half(doc["id"])].add(doc, found, authors)
    return scores


# --------------------------------------------------------------------------------------------
# The run


def systems(with_newspaper: bool) -> dict[str, System]:
    chosen: dict[str, System] = {
        "ours": ours(use_htmldate=True),
        "ours, no htmldate": ours(use_htmldate=False),
        "htmldate (fast)": htmldate_alone(extensive=False),
        "htmldate (extensive)": htmldate_alone(extensive=True),
        "trafilatura": trafilatura_meta(),
    }
    if with_newspaper and (paper := newspaper()) is not None:
        chosen["newspaper4k"] = paper
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set")
    parser.add_argument("--only", choices=SETS, default=None)
    parser.add_argument("--no-newspaper", action="store_true")
    parser.add_argument("--show-errors", type=int, default=0, help="misses shown, tune half")
    parser.add_argument(
        "--errors", action="store_true", help="error classes and every miss, tune half only"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the libraries' complaints about odd pages
    warnings.simplefilter("ignore")
    if args.errors:
        for name in SETS:
            if not args.only or name == args.only:
                error_analysis(name, args.limit)
        return

    chosen = systems(not args.no_newspaper)
    results: dict[str, dict[str, tuple[dict[str, Score], float]]] = {}
    for name in SETS:
        if args.only and name != args.only:
            continue
        docs = [(doc, html_of(doc)) for doc in load(name, args.limit)]
        if not docs:
            continue
        authors = name == "trafilatura-meta"
        for system_name, system in chosen.items():
            system(WARM_UP_PAGE, None)  # imports and one-time loads (gazetteer, dateparser)
            Timer.seconds = []
            scores = run_system(system, docs, authors)
            ms = 1000 * sum(Timer.seconds) / max(len(Timer.seconds), 1)
            results.setdefault(name, {})[system_name] = (scores, ms)
            print(f"{name:17} {system_name:22} {ms:7.2f} ms/page", flush=True)
            if args.show_errors and system_name == "ours":
                for miss in scores["tune"].misses[: args.show_errors]:
                    print("   ", miss)
    body = report(results)
    if args.only is None:
        body += stage_cost(args.limit)
    print(body)
    if args.limit is None and args.only is None:
        write_results("metadata", body)


def error_analysis(name: str, limit: int | None) -> None:
    """Our misses on the tune half (never the report half), by class: a date wrong, missing
    or given on a page without one, by the source that gave it, beside htmldate's extensive
    search; then the author sets that differ from the gold set."""
    docs = [(doc, html_of(doc)) for doc in load(name, limit) if half(doc["id"]) == "tune"]
    mine, theirs = ours(use_htmldate=True), htmldate_alone(extensive=True)
    classes: dict[str, int] = {}
    shown: dict[tuple[str, str, bool], int] = {}  # (source, kind, written on the page)
    kinds: dict[tuple[str, str], dict[str, int]] = {}  # (feature, value) -> kind -> pages
    lines: list[str] = []
    author_errors: dict[str, int] = {}
    for doc, html in docs:
        found, other = mine(html, doc.get("url")), theirs(html, doc.get("url"))
        gold = (doc.get("date_published") or "")[:10] or None
        if found.day == gold:
            kind = "right"
        else:
            kind = "invented" if gold is None else "missing" if found.day is None else "wrong"
            lines.append(
                f"  {kind:8} {found.source or '-':8} ours {found.day} gold {gold} "
                f"htmldate {other.day}  {doc['id']}  {doc.get('url')}"
            )
        if found.day is not None:
            written = written_on_page(html, doc.get("url"), date.fromisoformat(found.day))
            key3 = (found.source or "-", kind, written)
            shown[key3] = shown.get(key3, 0) + 1
        outcome = kind if kind != "right" else "right" if gold else "rightly none"
        for feature in page_type(split_page(html, "text/html"), doc.get("url")):
            row = kinds.setdefault(feature, {})
            row[outcome] = row.get(outcome, 0) + 1
        verdict = "right" if other.day == gold else "wrong"
        key = f"{kind:8} from {found.source or '-':8} htmldate {verdict}"
        classes[key] = classes.get(key, 0) + 1
        if name == "trafilatura-meta":
            gold_names = sorted({norm(n) for n in doc.get("authors") or [] if norm(n)})
            names = sorted({norm(n) for n in found.authors if norm(n)})
            if names != gold_names:
                lines.append(f"  authors  {names} gold {gold_names}  {doc['id']}")
                for error in author_error_classes(names, gold_names):
                    author_errors[error] = author_errors.get(error, 0) + 1
    print(f"## {name}, tune half, {len(docs)} pages")
    for key, count in sorted(classes.items(), key=lambda kv: -kv[1]):
        print(f"{count:5}  {key}")
    print(by_source(classes))
    print(corroboration(shown, sum(1 for doc, _ in docs if doc.get("date_published"))))
    print(by_page_type(kinds))
    if author_errors:
        print("author errors (names)")
        for error, count in sorted(author_errors.items(), key=lambda kv: -kv[1]):
            print(f"{count:5}  {error}")
    print("\n".join(lines))


_JOINED = re.compile(r"\s*(?:,|;|/|&|\band\b|\bund\b|\by\b|\bet\b)\s*")
_DOMAIN_NAME = re.compile(r"\.[a-z]{2,}$")


def author_error_classes(names: list[str], gold: list[str]) -> list[str]:
    """Each name that is wrong (given, not gold) or missed (gold, not given) on one page, by
    class: whether the gold joins several authors in one string that we split, is not a
    two-word person's name (a desk, an organisation, a site, a pen name), shares a word with
    one of ours (a partial or variant name), or whether ours is a domain, or a name on a page
    whose gold has none."""
    from pipeline.nlp.people import person_name

    errors: list[str] = []
    extra = [name for name in names if name not in gold]
    joined: set[str] = set()
    for name in gold:
        if name in names:
            continue
        parts = [part for part in _JOINED.split(name) if part]
        words = set(name.split())
        if len(parts) > 1 and any(part in names for part in parts):
            errors.append("missed: gold joins several authors we split")
            joined.update(parts)
        elif person_name(name.title()) is None:
            errors.append("missed: gold not a person's two-word name (desk, site, pen name)")
        elif any(words & set(other.split()) for other in extra):
            errors.append("missed: a variant or part of it given")
        else:
            errors.append("missed: a person's name")
    for name in extra:
        if name in joined:
            continue
        if not gold:
            kind = "a domain" if _DOMAIN_NAME.search(name) else "a name"
            errors.append(f"extra: {kind} on a page whose gold has none")
        elif _DOMAIN_NAME.search(name):
            errors.append("extra: a domain")
        elif any(set(name.split()) & set(other.split()) for other in gold):
            errors.append("extra: a variant or part of a gold name")
        else:
            errors.append("extra: another name")
    return errors


def written_on_page(html: str, url: str | None, day: date) -> bool:
    """Whether a reader sees the day: in the URL, or written in any line of the page (any
    form `dates_inside` reads) or in a <time> element's text."""
    if url and (stamp := date_in_url(url)) is not None and stamp.day == day:
        return True
    for block in split_page(html, "text/html").blocks:
        if any(stamp.day == day for stamp in dates_inside(block.text)):
            return True
        for value in (*block.time_texts, *block.time_datetimes):
            if (stamp := parse_date(value)) is not None and stamp.day == day:
                return True
    return False


_ARTICLE_TYPE = re.compile(r"(Article|Posting|Report)$")


def page_type(split: PageSplit, url: str | None) -> list[tuple[str, str]]:
    """What kind of page it is, as (feature, value) pairs: its og:type, the JSON-LD object
    that would date it (an article; a web page with or without an author; another type),
    and its URL's shape (a date in it, how deep its path is)."""
    og, ld = "none", "none"
    tree = split.page.tree if split.page is not None else None
    if tree is not None:
        for node in tree.css('meta[property="og:type"]'):
            og = (node.attributes.get("content") or "none").lower()[:30]
            break
        objects: list[dict[str, Any]] = []
        for node in tree.css('script[type="application/ld+json"]'):
            try:
                data = orjson.loads(node.text().strip())
            except orjson.JSONDecodeError:
                continue
            queue = [data]
            while queue and len(objects) < 200:
                item = queue.pop()
                if isinstance(item, list):
                    queue.extend(item)
                elif isinstance(item, dict):
                    objects.append(item)
                    queue.extend(item[k] for k in ("@graph", "mainEntity") if k in item)
        types: list[tuple[str, dict[str, Any]]] = [
            (obj["@type"], obj) for obj in objects if isinstance(obj.get("@type"), str)
        ]
        if any(_ARTICLE_TYPE.search(t) for t, _ in types):
            ld = "an article"
        elif pages := [obj for t, obj in types if t.endswith("Page") and "datePublished" in obj]:
            with_author = any(obj.get("author") or obj.get("creator") for obj in pages)
            ld = f"a dated {'' if with_author else 'authorless '}page"
        elif types:
            ld = "other: " + ", ".join(sorted({t for t, _ in types}))[:40]
    path = urlsplit(url or "").path
    depth = len([part for part in path.split("/") if part])
    dated = url is not None and date_in_url(url) is not None
    shape = "a dated path" if dated else f"{min(depth, 3)}{'+' if depth > 3 else ''} parts"
    return [("og:type", og), ("JSON-LD", ld), ("URL", shape)]


def by_page_type(kinds: dict[tuple[str, str], dict[str, int]]) -> str:
    """Outcomes by page type: which kinds of page get a date the gold does not give them
    (invented), against the days right on pages of that kind (what a rule on it would cost)."""
    order = ("right", "wrong", "missing", "invented", "rightly none")
    lines = ["page type                                   " + " ".join(f"{k:>12}" for k in order)]
    for (feature, value), row in sorted(
        kinds.items(), key=lambda kv: (kv[0][0], -sum(kv[1].values()))
    ):
        if sum(row.values()) >= 3:
            label = f"{feature} {value}"[:43]
            lines.append(f"{label:43} " + " ".join(f"{row.get(k, 0):12}" for k in order))
    return "\n".join(lines)


def corroboration(shown: dict[tuple[str, str, bool], int], dated: int) -> str:
    """Our days per source, split by whether the page shows them, and what the rule "a day
    only in the markup (JSON-LD, meta, itemprop, htmldate) needs the page to show it" would
    do: the right, wrong and invented days it drops, accuracy and precision before and after."""
    lines = ["source    shown: right wrong invented | markup only: right wrong invented"]
    for source in sorted({key[0] for key in shown}):
        counts = [
            shown.get((source, kind, written), 0)
            for written in (True, False)
            for kind in ("right", "wrong", "invented")
        ]
        lines.append(
            f"{source:8} {counts[0]:13} {counts[1]:5} {counts[2]:8} | "
            f"{counts[3]:17} {counts[4]:5} {counts[5]:8}"
        )
    machine = ("json-ld", "meta", "markup", "htmldate")
    drop = {
        kind: sum(
            v
            for (src, k, written), v in shown.items()
            if k == kind and src in machine and not written
        )
        for kind in ("right", "wrong", "invented")
    }
    right = sum(v for (_, k, _), v in shown.items() if k == "right")
    given = sum(shown.values())
    after_given = given - sum(drop.values())
    lines.append(
        f"corroboration rule: drops {drop['right']} right, {drop['wrong']} wrong, "
        f"{drop['invented']} invented; accuracy {right / max(dated, 1):.3f} -> "
        f"{(right - drop['right']) / max(dated, 1):.3f}, precision {right / max(given, 1):.3f} "
        f"-> {(right - drop['right']) / max(after_given, 1):.3f}"
    )
    return "\n".join(lines)


def by_source(classes: dict[str, int]) -> str:
    """Per source of our day: how many it gave right, wrong, or on pages without a gold day
    (invented), and its precision: which source to distrust first."""
    table: dict[str, dict[str, int]] = {}
    for key, count in classes.items():
        kind, source = key.split()[0], key.split()[2]
        if kind != "missing" and source != "-":
            row = table.setdefault(source, {"right": 0, "wrong": 0, "invented": 0})
            row[kind] += count
    lines = ["source    right  wrong  invented  precision"]
    for source, row in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
        given = sum(row.values())
        lines.append(
            f"{source:8} {row['right']:6} {row['wrong']:6} {row['invented']:9}  "
            f"{row['right'] / given:.3f}"
        )
    return "\n".join(lines)


def stage_cost(limit: int | None) -> str:
    """The stage's CPU per article on the pages the throughput bench sends (what `make bench`
    spends per article), and how many of them went as far as htmldate."""
    docs = [str(doc["html"]) for doc in load_path(THROUGHPUT_PAGES, limit)]
    if not docs:
        return ""
    ours(use_htmldate=True)(WARM_UP_PAGE, None)
    Timer.seconds = []
    sources: list[str | None] = []
    run = ours(use_htmldate=True, sources=sources)
    for html in docs:
        run(html, None)
    ms = sorted(1000 * s for s in Timer.seconds)
    fallback = sources.count("htmldate")
    return (
        f"\n### The stage's cost on the throughput bench's pages ({THROUGHPUT_PAGES.name}, "
        f"{len(docs)} pages)\n\n"
        f"metadata stage CPU per article: mean {sum(ms) / len(ms):.2f} ms, median "
        f"{ms[len(ms) // 2]:.2f} ms, p95 {ms[int(0.95 * (len(ms) - 1))]:.2f} ms (budget "
        f"{STAGE_BUDGET_MS} ms: 5% of the ~50 ms of CPU a worker spends per article); dated by "
        f"htmldate (its page parse paid): {fallback} of {len(docs)} pages\n"
    )


def report(results: dict[str, dict[str, tuple[dict[str, Score], float]]]) -> str:
    lines: list[str] = []
    for name, by_system in results.items():
        authors = name == "trafilatura-meta"
        sizes = next(iter(by_system.values()))[0]
        lines += [
            f"### {name} (tune {sizes['tune'].pages} pages, report {sizes['report'].pages}; "
            f"with a gold day: {sizes['tune'].dated} / {sizes['report'].dated})",
            "",
            "| system | half | date exact-day | date precision | invented (pages without) |"
            + (" authors P | R | F1 | exact set |" if authors else "")
            + " ms/page |",
            "|---|---|---|---|---|" + ("---|---|---|---|" if authors else "") + "---|",
        ]
        for system_name, (scores, ms) in by_system.items():
            for half_name in HALVES:
                s = scores[half_name]
                row = (
                    f"| {system_name} | {half_name} | {s.accuracy:.3f} | {s.precision:.3f} | "
                    f"{s.invented}/{s.undated} |"
                )
                if authors:
                    row += (
                        f" {s.author_p:.3f} | {s.author_r:.3f} | {s.author_f1:.3f} | "
                        f"{s.exact / max(s.pages, 1):.3f} |"
                    )
                lines.append(row + f" {ms:.2f} |")
        lines.append("")
        lines += goals(name, by_system)
        lines.append("")
    return "\n".join(lines)


def goals(name: str, by_system: dict[str, tuple[dict[str, Score], float]]) -> list[str]:
    """The issue's goals on the report half, each with its verdict."""
    ours_scores, ours_ms = by_system["ours"]
    mine = ours_scores["report"]
    others = {k: v[0]["report"] for k, v in by_system.items() if not k.startswith("ours")}
    best_date = max(others.items(), key=lambda kv: kv[1].accuracy)
    out = [
        f"- date accuracy {mine.accuracy:.3f} vs best other ({best_date[0]}) "
        f"{best_date[1].accuracy:.3f} + {DATE_MARGIN}: "
        f"{'met' if mine.accuracy >= best_date[1].accuracy + DATE_MARGIN else 'NOT met'}",
        f"- date precision {mine.precision:.3f} (floor {DATE_PRECISION_FLOOR}): "
        f"{'met' if mine.precision >= DATE_PRECISION_FLOOR else 'NOT met'}; with no day given "
        f"on any page the gold leaves undated it would be {mine.precision_without_invented:.3f} "
        f"(the rest are wrong days on dated pages)",
        f"- metadata stage {ours_ms:.2f} ms/page (budget {STAGE_BUDGET_MS}): "
        f"{'met' if ours_ms <= STAGE_BUDGET_MS else 'NOT met'}",
    ]
    if name == "trafilatura-meta":
        best_author = max(others.items(), key=lambda kv: kv[1].author_f1)
        out.append(
            f"- authors F1 {mine.author_f1:.3f} vs best other ({best_author[0]}) "
            f"{best_author[1].author_f1:.3f} + {AUTHOR_MARGIN}: "
            f"{'met' if mine.author_f1 >= best_author[1].author_f1 + AUTHOR_MARGIN else 'NOT met'}"
        )
    return out


if __name__ == "__main__":
    main()
