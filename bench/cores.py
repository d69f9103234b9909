"""What the second core is worth to spaCy's NER on this machine, before any Kafka.

    .venv/bin/python bench/cores.py [--articles 200] [--rounds 2] [--work ner|enrich]

Two worker processes can be at most twice as fast as one only if a core runs NER as fast
while the other core is busy too. This runs spaCy's NER-only `nlp.pipe` (batch 8, as the
agent's backlog parts) over the same story texts in one process pinned to CPU 0, then in two
processes pinned to CPU 0 and CPU 1 at once, alternating for `--rounds`, and prints each
process's CPU milliseconds per story and how many stories per second two processes do
against one. Nothing else of the pipeline runs: the ratio is the ceiling for "two workers
against one" here, which the broker and the clients (sharing the same two cores) only lower.
`--work enrich` runs the whole of a worker's stage thread instead (`enrich_batch` on the
RawArticles, in the agent's backlog parts): split, language, entities and countries.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from multiprocessing.synchronize import Barrier
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from throughput import Article, load_articles  # noqa: E402

from pipeline.agents.enrich import BACKLOG_PART  # noqa: E402
from pipeline.core import enrich_batch, warm_up  # noqa: E402
from pipeline.models import RawArticle  # noqa: E402
from pipeline.nlp.entities import load_ner  # noqa: E402


def work_pinned(
    cpu: int,
    work: str,
    articles: Sequence[Article],
    start: Barrier,
    results: multiprocessing.Queue[tuple[float, float]],
) -> None:
    """The work over `articles` on `cpu` once every process is ready; puts (wall s, CPU s)."""
    nlp = load_ner()
    warm_up()
    stories = [article.story for article in articles]
    raws = [RawArticle.model_validate_json(article.payload) for article in articles]
    os.sched_setaffinity(0, {cpu})
    start.wait()
    wall, cpu_time = time.perf_counter(), time.thread_time()
    if work == "ner":
        for _ in nlp.pipe(stories, batch_size=BACKLOG_PART):
            pass
    else:
        for first in range(0, len(raws), BACKLOG_PART):
            enrich_batch(raws[first : first + BACKLOG_PART])
    results.put((time.perf_counter() - wall, time.thread_time() - cpu_time))


def run(cpus: Sequence[int], work: str, articles: Sequence[Article]) -> list[tuple[float, float]]:
    """(wall s, CPU s) of one process per CPU in `cpus`, all doing `work` at once."""
    context = multiprocessing.get_context("fork")  # the children inherit the loaded articles
    start = context.Barrier(len(cpus))
    results: multiprocessing.Queue[tuple[float, float]] = context.Queue()
    processes = [
        context.Process(target=work_pinned, args=(cpu, work, articles, start, results))
        for cpu in cpus
    ]
    for process in processes:
        process.start()
    measured = [results.get() for _ in processes]
    for process in processes:
        process.join()
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--work",
        choices=("ner", "enrich"),
        default="ner",
        help="spaCy NER-only on the story texts, or enrich_batch on the RawArticles",
    )
    args = parser.parse_args()
    if len(os.sched_getaffinity(0)) < 2 or not {0, 1} <= os.sched_getaffinity(0):
        sys.exit("needs CPUs 0 and 1")
    articles, _ = load_articles(args.articles)
    one_rates: list[float] = []
    two_rates: list[float] = []
    for round_number in range(1, args.rounds + 1):
        for cpus in ([0], [0, 1]):
            measured = run(cpus, args.work, articles)
            rate = len(articles) * len(cpus) / max(wall for wall, _ in measured)
            (one_rates if len(cpus) == 1 else two_rates).append(rate)
            per_article = ", ".join(f"{cpu_s * 1000 / len(articles):.1f}" for _, cpu_s in measured)
            print(
                f"round {round_number}, {len(cpus)} process(es), {args.work}: "
                f"{rate:.1f} articles/s; CPU ms per article in each: {per_article}"
            )
    one, two = sum(one_rates) / len(one_rates), sum(two_rates) / len(two_rates)
    print(f"two processes ÷ one: {two / one:.2f} (mean of {args.rounds} rounds each)")


if __name__ == "__main__":
    main()
