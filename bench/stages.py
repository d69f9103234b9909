"""CPU per article of the split and metadata stages, run as a worker runs them, on the pages
`make bench` sends (issue 29: the split costs more than it did before issue 23's bounds).

    .venv/bin/python bench/stages.py [--pages 1000] [--repeat 3] [--beside TREE] [--profile]
                                     [--no-write] [--save-outputs PATH] [--check-outputs PATH]

The pages: ../shared/data/extraction/dragnet.jsonl.gz, loaded as bench/throughput.py's
`load_articles` loads them (a RawArticle per page, text/html), then encoded and decoded as
the input topic carries them (`raw_article_bytes`, `decode_raw`), with the fetch time a
record's timestamp gives (fixed here, so that two runs' outputs compare). Each stage is called
through `pipeline.core` as `core._split` calls it (`_timed`, the article's WorkBudget charged),
page after page, the way a worker runs a batch. Each pass runs in a fresh process, after
WARM_UP_PAGES pages and the gazetteer load (a worker warms up before its first batch), so no
pass finds the pages in the caches of an earlier one. Per stage: CPU ms (time.process_time)
and wall ms (time.perf_counter) per article, the fastest of `--repeat` passes. The pages are
not cut into halves: nothing here is tuned, and throughput.py sends them all.

`--beside TREE` measures another checkout's code in the same run (a child process with TREE
first on PYTHONPATH, its compiled modules included, say the main branch's), one pass there
before each pass here, so both see the same machine on this shared host; its outputs are
compared with this tree's, page by page.
`--profile` prints cProfile's top 20 (by own time) over one pass of the split.
`--save-outputs` writes every page's split (title, paragraphs, confidence, sidebar) and
metadata as JSON lines; `--check-outputs` compares this run's with such a file and fails on
any difference (as it does when the `--beside` tree's differ): run it on the code before a
change, then after.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from common import (
    REPO,
    SHARED_DATA,
    read_jsonl,
    write_results,
)  # also puts the repository on sys.path

import pipeline
from pipeline import core
from pipeline.budget import WorkBudget
from pipeline.decode import decode_raw
from pipeline.kafka_io import raw_article_bytes
from pipeline.models import ArticleMetadata, RawArticle
from pipeline.nlp import compiled_modules
from pipeline.nlp.gazetteer import load_gazetteer
from pipeline.nlp.split import PageSplit, split_page
from pipeline.settings import Settings

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"  # bench/throughput.py's pages
# What a record's timestamp gives a RawArticle without fetched_at, fixed so outputs compare.
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
STAGES = ("split", "metadata")
PROFILE_TOP = 20
WARM_UP_PAGES = 20


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


def child_pass(tree: Path, pages: int, outputs: Path | None) -> dict[str, Any]:
    """One pass of this script in a fresh process that imports `pipeline` from `tree`: CPU
    and wall seconds per stage; the pass's outputs saved to `outputs` if given."""
    command = [sys.executable, __file__, "--pages", str(pages), "--pass-only"]
    command += ["--save-outputs", str(outputs)] if outputs else []
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{REPO}"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"the pass on {tree} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def describe(tree: Path) -> str:
    """The checkout's commit, for the table (a modified tree says so)."""
    git = ["git", "-C", str(tree)]
    commit = subprocess.run(
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    status = subprocess.run(
        [*git, "status", "--porcelain", "--", "pipeline"], capture_output=True, text=True
    )
    name = commit.stdout.strip() or str(tree)
    return f"{name} (modified)" if status.stdout.strip() else name


def table_rows(name: str, passes: list[dict[str, Any]], n: int) -> list[str]:
    """The fastest of the passes, per stage and both together."""
    name = f"{name} (compiled: {', '.join(passes[0]['compiled']) or 'none'})"
    cpu = {s: min(p["cpu"][s] for p in passes) * 1000 / n for s in STAGES}
    wall = {s: min(p["wall"][s] for p in passes) * 1000 / n for s in STAGES}
    return [
        *(f"| {name} | {s} | {cpu[s]:.2f} | {wall[s]:.2f} |" for s in STAGES),
        f"| {name} | both | {sum(cpu.values()):.2f} | {sum(wall.values()):.2f} |",
    ]


def pass_only(pages: int, save: Path | None) -> None:
    """The child's part: load, warm up, one timed pass; prints its figures as JSON."""
    settings = Settings()
    raws = load_raws(pages, settings)
    # What a stage loads on its first use (the gazetteer, htmldate) is loaded once per
    # worker, before its first batch (core.warm_up): not timed here either
    load_gazetteer()
    one_pass(raws[:WARM_UP_PAGES], settings)
    cpu, wall, outputs = one_pass(raws, settings)
    if save is not None:
        records = [output_record(raw, *out) for raw, out in zip(raws, outputs, strict=True)]
        save.write_text(
            "".join(json.dumps(record, sort_keys=True) + "\n" for record in records),
            encoding="utf-8",
        )
    print(json.dumps({"cpu": cpu, "wall": wall, "compiled": compiled_modules()}))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="first N dragnet pages")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest is shown")
    parser.add_argument("--profile", action="store_true", help="cProfile top 20 of the split")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--save-outputs", type=Path, metavar="PATH")
    parser.add_argument("--check-outputs", type=Path, metavar="PATH")
    parser.add_argument(
        "--beside",
        type=Path,
        metavar="TREE",
        help="also measure the pipeline package of another checkout (its compiled modules "
        "included), a pass there before each pass here, and compare its outputs with these",
    )
    parser.add_argument("--pass-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pass_only:
        pass_only(args.pages, args.save_outputs)
        return
    here = Path(pipeline.__file__).resolve().parent.parent
    trees = ([args.beside.resolve()] if args.beside else []) + [here]
    passes: dict[Path, list[dict[str, Any]]] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory(prefix="stages-") as scratch:
        saved = {
            tree: Path(scratch) / f"outputs-{number}.jsonl" for number, tree in enumerate(trees)
        }
        for round_number in range(args.repeat):
            for tree in trees:
                print(f"round {round_number + 1}: {tree}", file=sys.stderr)
                keep = saved[tree] if round_number == 0 else None
                passes[tree].append(child_pass(tree, args.pages, keep))
        records = [
            json.loads(line) for line in saved[here].read_text(encoding="utf-8").splitlines()
        ]
        if args.save_outputs:
            args.save_outputs.write_text(saved[here].read_text(encoding="utf-8"), encoding="utf-8")
        checks = [(str(args.check_outputs), args.check_outputs)] if args.check_outputs else []
        checks += [(f"{args.beside}'s", saved[trees[0]])] if args.beside else []
        n = len(records)
        verdicts = []
        failed = False
        for label, path in checks:
            problems = check_outputs(path, records)
            failed = failed or bool(problems)
            print("\n".join(problems[:20]), file=sys.stderr)
            verdict = f"{len(problems)} differences" if problems else f"identical on all {n} pages"
            verdicts += ["", f"split and metadata outputs against {label}: {verdict}"]
    lines = [
        f"{n} dragnet pages (bench/throughput.py's), split and metadata through `pipeline.core`"
        f" as a worker calls them, each pass in a fresh process after {WARM_UP_PAGES} pages of"
        f" warm-up; fastest of {args.repeat} passes"
        + (f", taken in turn with {args.beside}'s code" if args.beside else "")
        + ".",
        "",
        "| code | stage | CPU ms/article (process_time) | wall ms/article (perf_counter) |",
        "|---|---|---:|---:|",
    ]
    for tree in trees:
        label = describe(tree) + (", this tree" if tree == here else f", {tree}")
        lines += table_rows(label, passes[tree], n)
    body = "\n".join(lines + verdicts)
    print(body)
    if args.profile:
        settings = Settings()
        print(profile_split(load_raws(args.pages, settings), settings))
    if not args.no_write:
        write_results("bench/stages.py", body)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
