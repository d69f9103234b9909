"""What the second core is worth to spaCy's NER on this machine, before any Kafka.

    .venv/bin/python bench/cores.py [--articles 200] [--rounds 2]

Two worker processes can be at most twice as fast as one only if a core runs NER as fast
while the other core is busy too. This runs spaCy's NER-only `nlp.pipe` (batch 8, as the
agent's backlog parts) over the same story texts in one process pinned to CPU 0, then in two
processes pinned to CPU 0 and CPU 1 at once, alternating for `--rounds`, and prints each
process's CPU milliseconds per story and how many stories per second two processes do
against one. Nothing else of the pipeline runs: the ratio is the ceiling for "two workers
against one" here, which the broker and the clients (sharing the same two cores) only lower.
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

from throughput import load_articles  # noqa: E402

from pipeline.agents.enrich import BACKLOG_PART  # noqa: E402
from pipeline.nlp.entities import load_ner  # noqa: E402


def tag_pinned(
    cpu: int,
    stories: Sequence[str],
    start: Barrier,
    results: multiprocessing.Queue[tuple[float, float]],
) -> None:
    """NER over `stories` on `cpu` once every process is ready; puts (wall s, CPU s)."""
    nlp = load_ner()
    list(nlp.pipe(["A warm-up story about Peru and Kenya."]))
    os.sched_setaffinity(0, {cpu})
    start.wait()
    wall, cpu_time = time.perf_counter(), time.thread_time()
    for _ in nlp.pipe(stories, batch_size=BACKLOG_PART):
        pass
    results.put((time.perf_counter() - wall, time.thread_time() - cpu_time))


def run(cpus: Sequence[int], stories: Sequence[str]) -> list[tuple[float, float]]:
    """(wall s, CPU s) of one process per CPU in `cpus`, all tagging `stories` at once."""
    context = multiprocessing.get_context("fork")  # the children inherit the loaded stories
    start = context.Barrier(len(cpus))
    results: multiprocessing.Queue[tuple[float, float]] = context.Queue()
    processes = [
        context.Process(target=tag_pinned, args=(cpu, stories, start, results)) for cpu in cpus
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
    args = parser.parse_args()
    if len(os.sched_getaffinity(0)) < 2 or not {0, 1} <= os.sched_getaffinity(0):
        sys.exit("needs CPUs 0 and 1")
    articles, _ = load_articles(args.articles)
    stories = [article.story for article in articles]
    one_rates: list[float] = []
    two_rates: list[float] = []
    for round_number in range(1, args.rounds + 1):
        for cpus in ([0], [0, 1]):
            measured = run(cpus, stories)
            rate = len(stories) * len(cpus) / max(wall for wall, _ in measured)
            (one_rates if len(cpus) == 1 else two_rates).append(rate)
            per_story = ", ".join(f"{cpu_s * 1000 / len(stories):.1f}" for _, cpu_s in measured)
            print(
                f"round {round_number}, {len(cpus)} process(es): {rate:.1f} stories/s; "
                f"CPU ms per story in each: {per_story}"
            )
    one, two = sum(one_rates) / len(one_rates), sum(two_rates) / len(two_rates)
    print(f"two processes ÷ one: {two / one:.2f} (mean of {args.rounds} rounds each)")


if __name__ == "__main__":
    main()
