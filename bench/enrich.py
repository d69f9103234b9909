"""Offline enrichment speed: `pipeline enrich` against spaCy NER alone, same pages, same run.

    .venv/bin/python bench/enrich.py [--pages 200]

Reads real pages from ../shared/data/extraction/dragnet.jsonl.gz. Prints docs/s of:
- the whole `enrich` path (split the HTML, NER, canonical entities, countries), batched as the
  agents batch it;
- spaCy NER alone (the pinned model, NER only, `nlp.pipe`) on the pages' gold story bodies:
  the cost any pipeline with this model pays;
- spaCy NER alone on the texts `enrich` actually tagged (title + its extracted story).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.core import enrich_batch  # noqa: E402
from pipeline.errors import StageError  # noqa: E402
from pipeline.models import RawArticle  # noqa: E402
from pipeline.nlp.entities import load_ner  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "extraction" / "dragnet.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in islice(lines, args.pages)]
    raws = [RawArticle(id=p["id"], body=p["html"], content_type="text/html") for p in pages]
    batch_size = Settings().batch_size
    nlp = load_ner()
    enrich_batch(raws[:2])  # load the model and the gazetteer outside the timings

    started = time.perf_counter()
    results = []
    for start in range(0, len(raws), batch_size):
        results.extend(enrich_batch(raws[start : start + batch_size]))
    enrich_s = time.perf_counter() - started
    failed = sum(isinstance(r, StageError) for r in results)

    gold = [p["article_body"] for p in pages]
    started = time.perf_counter()
    for _ in nlp.pipe(gold, batch_size=batch_size):
        pass
    gold_s = time.perf_counter() - started

    tagged = [
        text
        for r in results
        if not isinstance(r, StageError)
        for text in (r.title or "", r.story.text)
    ]
    started = time.perf_counter()
    for _ in nlp.pipe(tagged, batch_size=batch_size):
        pass
    tagged_s = time.perf_counter() - started

    n = len(pages)
    print(f"pages: {n} from {DATA.name} (batch size {batch_size}); failed: {failed}")
    print(f"{'what':<46} {'docs/s':>8} {'ms/doc':>8}")
    for name, seconds in [
        ("pipeline enrich (split + NER + entities + countries)", enrich_s),
        ("spaCy NER alone, gold story bodies", gold_s),
        ("spaCy NER alone, enrich's title + story texts", tagged_s),
    ]:
        print(f"{name:<46} {n / seconds:>8.1f} {1000 * seconds / n:>8.1f}")
    stages: dict[str, float] = {}
    for r in results:
        if not isinstance(r, StageError):
            for stage, ms in r.pipeline.stage_ms.items():
                stages[stage] = stages.get(stage, 0.0) + ms
    print(
        "mean ms per article by stage: " + ", ".join(f"{k} {v / n:.1f}" for k, v in stages.items())
    )


if __name__ == "__main__":
    main()
