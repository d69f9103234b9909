"""What the worker's malloc settings (pipeline/tuning.py) are worth, with no Kafka.

    .venv/bin/python bench/malloc.py [--pages 200] [--rounds 2]

Each round starts two fresh processes, one with glibc's default malloc and one tuned as a
worker tunes it (PIPELINE_MALLOC_TUNING), in turn. Each, pinned to one CPU, enriches the pages
once to warm up, then measures (thread CPU time and minor page faults, per article):
- `enrich_batch` in the agent's backlog parts, on a pool thread as the worker runs it;
- spaCy NER alone (`nlp.pipe` on the story texts, batch size 8) on the main thread: the NER
  limit of `make bench`, which runs with the same settings as the workers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

MODES = ("default", "tuned")


def measure(work: Callable[[], object], count: int) -> tuple[float, float]:
    """CPU ms and minor page faults per article of `work`, on the calling thread."""
    faults = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    started = time.thread_time()
    work()
    cpu_ms = (time.thread_time() - started) * 1000 / count
    return cpu_ms, (resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - faults) / count


def child(mode: str, pages: int) -> None:
    from pipeline.tuning import tune_malloc

    if mode == "tuned" and not tune_malloc():
        raise SystemExit("this C library does not take glibc's mallopt()")
    from throughput import load_articles

    from pipeline.agents.enrich import BACKLOG_PART
    from pipeline.core import enrich_batch
    from pipeline.models import RawArticle
    from pipeline.nlp.entities import load_ner

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles, _ = load_articles(pages)
    raws = [RawArticle.model_validate_json(article.payload) for article in articles]
    stories = [article.story for article in articles]
    nlp = load_ner()

    def enrich_in_parts() -> None:
        for start in range(0, len(raws), BACKLOG_PART):
            enrich_batch(raws[start : start + BACKLOG_PART])

    def ner_alone() -> None:
        list(nlp.pipe(stories, batch_size=BACKLOG_PART))

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(enrich_in_parts).result()  # warm-up, not counted
        ner_alone()
        enrich = thread.submit(measure, enrich_in_parts, len(raws)).result()
    ner = measure(ner_alone, len(stories))
    print(json.dumps({"enrich": enrich, "ner": ner}))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.pages)
        return
    sums = {mode: {"enrich": [0.0, 0.0], "ner": [0.0, 0.0]} for mode in MODES}
    print(f"{args.pages} dragnet pages, pinned to one CPU; per article: CPU ms, page faults")
    for round_ in range(args.rounds):
        for mode in MODES if round_ % 2 == 0 else MODES[::-1]:
            command = [sys.executable, __file__, "--child", mode, "--pages", str(args.pages)]
            figures = json.loads(subprocess.run(command, capture_output=True, check=True).stdout)
            for name, (cpu_ms, faults) in figures.items():
                sums[mode][name][0] += cpu_ms / args.rounds
                sums[mode][name][1] += faults / args.rounds
            print(
                f"  round {round_ + 1}, {mode:<7}: enrich_batch on a pool thread "
                f"{figures['enrich'][0]:.1f} ms, {figures['enrich'][1]:.0f} faults; NER alone "
                f"{figures['ner'][0]:.1f} ms, {figures['ner'][1]:.0f} faults",
                flush=True,
            )
    for mode in MODES:
        (enrich_ms, enrich_faults), (ner_ms, ner_faults) = sums[mode].values()
        print(
            f"{mode:<7} mean: enrich_batch {enrich_ms:.1f} ms ({enrich_faults:.0f} faults), "
            f"NER alone {ner_ms:.1f} ms ({ner_faults:.0f} faults), "
            f"NER ÷ enrich_batch {ner_ms / enrich_ms:.2f}"
        )


if __name__ == "__main__":
    main()
