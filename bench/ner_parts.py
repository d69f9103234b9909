"""What the size of an enrich part costs: spaCy NER and the whole `enrich_batch`, per article.

    .venv/bin/python bench/ner_parts.py [--articles 480] [--sizes 1,2,4,8,24] [--rounds 2]

The enrich agent hands its batch to `enrich_batch` in parts (pipeline/agents/enrich.py): small
parts let each article leave sooner, larger ones may run spaCy more efficiently. This prints,
for each part size, the CPU milliseconds per article of (a) spaCy's NER-only `nlp.pipe` over
the story texts alone and (b) `enrich_batch` on the RawArticles, on real dragnet pages.

This shared machine's speed drifts by tens of percent over minutes, so the sizes are not run
one after another: the articles go in chunks, every size runs on each chunk in a shuffled
order, and each size's CPU time (this thread's, so other processes do not count) is summed
over all chunks. Compare the sizes within one run.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from throughput import load_articles  # noqa: E402

from pipeline.core import enrich_batch  # noqa: E402
from pipeline.models import RawArticle  # noqa: E402
from pipeline.nlp.entities import load_ner  # noqa: E402

Work = Callable[[Sequence[RawArticle], Sequence[str]], None]


def ner_in_parts(size: int) -> Work:
    nlp = load_ner()

    def work(_raws: Sequence[RawArticle], stories: Sequence[str]) -> None:
        for start in range(0, len(stories), size):
            for _ in nlp.pipe(stories[start : start + size], batch_size=size):
                pass

    return work


def enrich_in_parts(size: int) -> Work:
    def work(raws: Sequence[RawArticle], _stories: Sequence[str]) -> None:
        for start in range(0, len(raws), size):
            enrich_batch(raws[start : start + size])

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=480)
    parser.add_argument("--sizes", default="1,2,4,8,24", help="comma-separated part sizes")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the articles")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    chunk = max(sizes)

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one CPU, as a pinned worker
    print(f"loading and splitting {args.articles} articles...", file=sys.stderr)
    articles, _ = load_articles(args.articles)
    raws = [RawArticle.model_validate_json(article.payload) for article in articles]
    stories = [article.story for article in articles]
    works: dict[str, Work] = {}
    for size in sizes:
        works[f"NER-only nlp.pipe, parts of {size}"] = ner_in_parts(size)
    for size in sizes:
        works[f"enrich_batch, parts of {size}"] = enrich_in_parts(size)
    for work in works.values():  # warm-up: model loaded, caches filled
        work(raws[:chunk], stories[:chunk])

    cpu = dict.fromkeys(works, 0.0)
    shuffle = random.Random(0).shuffle
    for _ in range(args.rounds):
        for start in range(0, len(raws), chunk):
            names = list(works)
            shuffle(names)
            for name in names:
                began = time.thread_time()
                works[name](raws[start : start + chunk], stories[start : start + chunk])
                cpu[name] += time.thread_time() - began

    count = len(raws) * args.rounds
    print(f"{len(raws)} dragnet articles × {args.rounds} rounds, chunks of {chunk}, one CPU")
    print("| what | CPU ms per article | × parts of the first size |")
    print("|---|---:|---:|")
    for kind in ("NER-only", "enrich_batch"):
        names = [name for name in works if name.startswith(kind)]
        first = cpu[names[0]]
        for name in names:
            print(f"| {name} | {cpu[name] * 1000 / count:.1f} | {cpu[name] / first:.3f} |")


if __name__ == "__main__":
    main()
