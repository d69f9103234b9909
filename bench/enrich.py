"""A worker's stage thread against spaCy NER alone, same pages, no Kafka: the ceiling of
"one worker ÷ NER limit" before any event loop, broker or client takes its share.

    .venv/bin/python bench/enrich.py [--pages 200] [--rounds 3]

Reads real pages from ../shared/data/extraction/dragnet.jsonl.gz and, pinned to one CPU as
`make bench` pins its workers and its limit, alternates for `--rounds`:
- `enrich_batch` on the RawArticles in the agent's backlog parts (split, language, entities,
  countries): what a worker's stage thread does;
- spaCy NER alone (the pinned model, NER only, `nlp.pipe` at the configured batch size) on the
  story texts the split produces: what `make bench` calls the NER limit;
- spaCy NER alone on the texts `enrich` tags (title and story).
Times are the thread's CPU time, so other load on the machine matters less than to wall time.
Prints each round, then the sums over all rounds and the mean ms per article of each stage.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from throughput import DATA, load_articles  # noqa: E402

from pipeline.agents.enrich import BACKLOG_PART  # noqa: E402
from pipeline.core import enrich_batch  # noqa: E402
from pipeline.errors import StageError  # noqa: E402
from pipeline.models import EnrichedArticle, RawArticle  # noqa: E402
from pipeline.nlp.entities import load_ner  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.tuning import tune_malloc  # noqa: E402


def cpu_seconds(work: Callable[[], object]) -> float:
    started = time.thread_time()
    work()
    return time.thread_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if Settings().malloc_tuning:
        tune_malloc()  # as the workers run
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles, _ = load_articles(args.pages)  # as `make bench` loads them, stories included
    raws = [RawArticle.model_validate_json(article.payload) for article in articles]
    stories = [article.story for article in articles]
    batch_size = Settings().batch_size
    nlp = load_ner()
    enrich_batch(raws[:2])  # load the model and the gazetteer outside the timings
    results: list[EnrichedArticle | StageError] = []

    def enrich_in_parts() -> None:
        results.clear()
        for start in range(0, len(raws), BACKLOG_PART):
            results.extend(enrich_batch(raws[start : start + BACKLOG_PART]))

    enrich_in_parts()
    tagged = [
        text
        for r in results
        if not isinstance(r, StageError)
        for text in (r.title or "", r.story.text)
        if text
    ]
    work: dict[str, Callable[[], object]] = {
        f"enrich_batch, parts of {BACKLOG_PART}": enrich_in_parts,
        "NER alone, story texts (the NER limit)": lambda: list(
            nlp.pipe(stories, batch_size=batch_size)
        ),
        "NER alone, titles and stories": lambda: list(nlp.pipe(tagged, batch_size=batch_size)),
    }
    totals = dict.fromkeys(work, 0.0)
    n = len(raws)
    print(f"{n} pages from {DATA.name}, pinned to one CPU; CPU ms per article in each round:")
    for round_ in range(args.rounds):
        seconds = {name: cpu_seconds(run) for name, run in work.items()}
        for name, value in seconds.items():
            totals[name] += value
        figures = ", ".join(f"{name} {1000 * value / n:.1f}" for name, value in seconds.items())
        print(f"  round {round_ + 1}: {figures}")
    enrich_name, limit_name, _ = work
    print(f"{'over all rounds':<46} {'ms/article':>10}")
    for name, value in totals.items():
        print(f"{name:<46} {1000 * value / n / args.rounds:>10.1f}")
    print(f"NER limit ÷ enrich_batch: {totals[limit_name] / totals[enrich_name]:.2f}")
    failed = sum(isinstance(r, StageError) for r in results)
    stages: dict[str, float] = {}
    for r in results:
        if not isinstance(r, StageError):
            for stage, ms in r.pipeline.stage_ms.items():
                stages[stage] = stages.get(stage, 0.0) + ms
    print(
        f"mean ms per article by stage (last round, {failed} failed): "
        + ", ".join(f"{k} {v / n:.1f}" for k, v in stages.items())
    )


if __name__ == "__main__":
    main()
