"""spaCy's NER on BLIS (spaCy's default) against numpy's BLAS (what `load_ner` uses).

    .venv/bin/python bench/ner_ops.py [--articles 300] [--chunk 32]

Prints which sub-configuration BLIS selected on this CPU ("generic" means its reference
kernels: BLIS did not recognise the CPU), numpy's BLAS and the kernels it chose, then the CPU
milliseconds per story of NER-only `nlp.pipe` with each, on the story texts our split makes of
real dragnet pages, and how many entities differ between the two. The machine's speed drifts,
so the two run on each chunk of stories in a shuffled order, on one CPU, and each one's CPU
time (this thread's) is summed over all chunks.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from throughput import load_articles, spacy_default_ner  # noqa: E402

from pipeline.nlp.entities import blas_description, load_ner  # noqa: E402

BLIS_PROBE = "import numpy, blis.py; a = numpy.ones((8, 8), 'f'); blis.py.gemm(a, a)"


def blis_configuration() -> str:
    """What BLIS prints about its choice of kernels (it only tells when asked at start-up)."""
    probe = subprocess.run(
        [sys.executable, "-c", BLIS_PROBE],
        env={**os.environ, "BLIS_ARCH_DEBUG": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return (probe.stderr or probe.stdout).strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=32, help="stories per nlp.pipe call")
    args = parser.parse_args()

    print(f"BLIS: {blis_configuration()}")
    print(f"{len(os.sched_getaffinity(0))} CPUs; loading and splitting...", file=sys.stderr)
    articles, _ = load_articles(args.articles)
    stories = [article.story for article in articles if article.story]
    models = {
        "BLIS (spaCy's default)": spacy_default_ner(),
        "numpy (load_ner)": load_ner(),
    }
    print(f"numpy's BLAS: {blas_description()}")
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one CPU, as a pinned worker
    for nlp in models.values():  # warm-up
        list(nlp.pipe(stories[: args.chunk], batch_size=args.chunk))

    cpu = dict.fromkeys(models, 0.0)
    entities = 0
    differing = 0
    shuffle = random.Random(0).shuffle
    for start in range(0, len(stories), args.chunk):
        chunk = stories[start : start + args.chunk]
        found: dict[str, list[set[tuple[int, int, str]]]] = {}
        names = list(models)
        shuffle(names)
        for name in names:
            began = time.thread_time()
            docs = list(models[name].pipe(chunk, batch_size=args.chunk))
            cpu[name] += time.thread_time() - began
            found[name] = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in docs]
        first, second = found.values()
        for a, b in zip(first, second, strict=True):
            entities += len(a)
            differing += len(a ^ b)

    print(f"NER-only nlp.pipe on {len(stories)} story texts, batches of {args.chunk}, one CPU:")
    baseline = next(iter(cpu.values()))
    for name, seconds in cpu.items():
        ms = seconds * 1000 / len(stories)
        print(f"  {name}: {ms:.1f} ms per story ({seconds / baseline:.2f}×)")
    print(f"entities: {entities} with BLIS; {differing} found by one and not the other")


if __name__ == "__main__":
    main()
