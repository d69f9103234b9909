"""CPU per article of the split and metadata stages, run as a worker runs them, on the pages
`make bench` sends (issue 29: the split costs more than it did before issue 23's bounds).

    .venv/bin/python bench/stages.py [--pages 1000] [--repeat 3] [--profile] [--no-write]
                                     [--save-outputs PATH] [--check-outputs PATH]

The pages: ../shared/data/extraction/dragnet.jsonl.gz, loaded as bench/throughput.py's
`load_articles` loads them (a RawArticle per page, text/html), then encoded and decoded as
the input topic carries them (`raw_article_bytes`, `decode_raw`), with the fetch time a
record's timestamp gives (fixed here, so that two runs' outputs compare). Each stage is called
through `pipeline.core` as `core._split` calls it (`_timed`, the article's WorkBudget charged),
page after page, the way a worker runs a batch. Per stage: CPU ms (time.process_time) and wall
ms (time.perf_counter) per article, the fastest of `--repeat` passes over all pages. The pages
are not cut into halves: nothing here is tuned, and throughput.py sends them all.

`--profile` prints cProfile's top 20 (by own time) over one pass of the split.
`--save-outputs` writes every page's split (title, paragraphs, confidence, sidebar) and
metadata as JSON lines; `--check-outputs` compares this run's with such a file and fails on
any difference: run it on the code before a change, then after. Which `pipeline` is measured
is printed: put another tree first on PYTHONPATH (`PYTHONPATH=/work/main:$PWD`) to measure
its code, compiled modules included.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from common import SHARED_DATA, read_jsonl, write_results  # also puts the repository on sys.path

import pipeline
from pipeline import core
from pipeline.budget import WorkBudget
from pipeline.decode import decode_raw
from pipeline.kafka_io import raw_article_bytes
from pipeline.models import ArticleMetadata, RawArticle
from pipeline.nlp import compiled_modules
from pipeline.nlp.split import PageSplit, split_page
from pipeline.settings import Settings

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"  # bench/throughput.py's pages
# What a record's timestamp gives a RawArticle without fetched_at, fixed so outputs compare.
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
STAGES = ("split", "metadata")
PROFILE_TOP = 20


def load_raws(count: int, settings: Settings) -> list[RawArticle]:
    """The first `count` dragnet pages as a worker decodes them from the input topic."""
    raws = []
    for page in read_jsonl(DATA, count):
        raw = RawArticle(id=page["id"], body=page["html"], content_type="text/html")
        decoded = decode_raw(raw_article_bytes(raw), max_body_bytes=settings.max_body_bytes)
        raws.append(decoded.model_copy(update={"fetched_at": FETCHED_AT}))
    return raws


def run_split(raw: RawArticle, settings: Settings, budget: WorkBudget) -> PageSplit:
    stage_ms: dict[str, float] = {}
    return core._timed(
        "split",
        stage_ms,
        budget,
        lambda: split_page(raw.body, raw.content_type, raw.fetched_at, budget),
    )


def run_metadata(
    raw: RawArticle, page: PageSplit, settings: Settings, budget: WorkBudget
) -> ArticleMetadata:
    stage_ms: dict[str, float] = {}
    return core._timed("metadata", stage_ms, budget, partial(core._metadata, raw, page, settings))


def one_pass(
    raws: Sequence[RawArticle], settings: Settings
) -> tuple[dict[str, float], dict[str, float], list[tuple[PageSplit, ArticleMetadata]]]:
    """CPU and wall seconds of each stage over all pages, and each page's outputs."""
    cpu = dict.fromkeys(STAGES, 0.0)
    wall = dict.fromkeys(STAGES, 0.0)
    outputs = []
    for raw in raws:
        budget = WorkBudget(settings.article_budget_s)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        page = run_split(raw, settings, budget)
        cpu1, wall1 = time.process_time(), time.perf_counter()
        metadata = run_metadata(raw, page, settings, budget)
        cpu2, wall2 = time.process_time(), time.perf_counter()
        cpu["split"] += cpu1 - cpu0
        wall["split"] += wall1 - wall0
        cpu["metadata"] += cpu2 - cpu1
        wall["metadata"] += wall2 - wall1
        outputs.append((page, metadata))
    return cpu, wall, outputs


def output_record(raw: RawArticle, page: PageSplit, metadata: ArticleMetadata) -> dict[str, Any]:
    return {
        "id": raw.id,
        "title": page.title,
        "paragraphs": page.paragraphs,
        "confidence": page.confidence,
        "sidebar": [entry.model_dump(mode="json") for entry in page.sidebar],
        "story_start": page.story_start,
        "metadata": metadata.model_dump(mode="json"),
    }


def check_outputs(path: Path, records: Sequence[dict[str, Any]]) -> list[str]:
    """How this run's outputs differ from those saved in `path` (empty when identical)."""
    saved = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    problems = []
    if len(saved) != len(records):
        problems.append(f"{len(saved)} pages saved, {len(records)} here")
    for before, after in zip(saved, json.loads(json.dumps(records)), strict=False):
        if before != after:
            keys = before.keys() | after.keys()
            fields = sorted(key for key in keys if before.get(key) != after.get(key))
            problems.append(f"{after['id']}: {', '.join(fields)} differ")
    return problems


def profile_split(raws: Sequence[RawArticle], settings: Settings) -> str:
    def work() -> None:
        for raw in raws:
            run_split(raw, settings, WorkBudget(settings.article_budget_s))

    profiler = cProfile.Profile()
    profiler.runcall(work)
    printed = io.StringIO()
    pstats.Stats(profiler, stream=printed).sort_stats("tottime").print_stats(PROFILE_TOP)
    return printed.getvalue()


def fastest(passes: int, work: Callable[[], tuple[dict[str, float], dict[str, float]]]) -> Any:
    best_cpu: dict[str, float] = {}
    best_wall: dict[str, float] = {}
    for _ in range(passes):
        cpu, wall = work()
        for stage in STAGES:
            best_cpu[stage] = min(best_cpu.get(stage, cpu[stage]), cpu[stage])
            best_wall[stage] = min(best_wall.get(stage, wall[stage]), wall[stage])
    return best_cpu, best_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="first N dragnet pages")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest is shown")
    parser.add_argument("--profile", action="store_true", help="cProfile top 20 of the split")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--save-outputs", type=Path, metavar="PATH")
    parser.add_argument("--check-outputs", type=Path, metavar="PATH")
    args = parser.parse_args()
    settings = Settings()
    raws = load_raws(args.pages, settings)
    one_pass(raws[:1], settings)  # what a stage loads on its first call (htmldate) is not timed

    outputs: list[tuple[PageSplit, ArticleMetadata]] = []

    def timed_pass() -> tuple[dict[str, float], dict[str, float]]:
        cpu, wall, done = one_pass(raws, settings)
        outputs[:] = done
        return cpu, wall

    cpu, wall = fastest(args.repeat, timed_pass)
    n = len(raws)
    compiled = ", ".join(compiled_modules()) or "none"
    lines = [
        f"{n} dragnet pages (bench/throughput.py's), split and metadata through `pipeline.core`"
        f" as a worker calls them; fastest of {args.repeat} passes. `pipeline` from"
        f" {Path(pipeline.__file__).parent}, compiled modules: {compiled}.",
        "",
        "| stage | CPU ms/article (process_time) | wall ms/article (perf_counter) |",
        "|---|---:|---:|",
        *(f"| {s} | {cpu[s] * 1000 / n:.2f} | {wall[s] * 1000 / n:.2f} |" for s in STAGES),
        f"| both | {sum(cpu.values()) * 1000 / n:.2f} | {sum(wall.values()) * 1000 / n:.2f} |",
    ]
    records = [output_record(raw, *out) for raw, out in zip(raws, outputs, strict=True)]
    failed = False
    if args.save_outputs:
        args.save_outputs.write_text(
            "".join(json.dumps(record, sort_keys=True) + "\n" for record in records),
            encoding="utf-8",
        )
        print(f"outputs written to {args.save_outputs}", file=sys.stderr)
    if args.check_outputs:
        problems = check_outputs(args.check_outputs, records)
        failed = bool(problems)
        print("\n".join(problems[:20]), file=sys.stderr)
        lines += [
            "",
            f"outputs against {args.check_outputs.name}: "
            + (f"{len(problems)} differences" if problems else f"identical on all {n} pages"),
        ]
    body = "\n".join(lines)
    print(body)
    if args.profile:
        print(profile_split(raws, settings))
    if not args.no_write:
        write_results("bench/stages.py", body)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
