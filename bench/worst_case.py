"""Worst-case time and memory of `enrich` for one hostile article at the body limit.

    .venv/bin/python bench/worst_case.py            # every kind, each in its own process
    .venv/bin/python bench/worst_case.py paragraphs # one kind

Each kind runs in a fresh process after the models are loaded, so its peak-RSS increase is its
own. The bodies are just under `PIPELINE_MAX_BODY_BYTES`' default (5 MB); larger records are
dead-lettered as too_large before they are parsed.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.core import enrich, warm_up  # noqa: E402
from pipeline.errors import StageError  # noqa: E402
from pipeline.models import ContentType, RawArticle  # noqa: E402

SIZE = 4_900_000  # just under the 5 MB default body limit
SENTENCE = "The minister said on Monday that talks with Kenya would resume in the spring."


def body_of(kind: str) -> tuple[str, ContentType]:
    if kind == "nested":
        depth = SIZE // 11
        return "<div>" * depth + "deep" + "</div>" * depth, "text/html"
    if kind == "line":
        return " ".join([SENTENCE] * (SIZE // 80)), "text/plain"
    if kind == "entities":
        flood = "&amp;&lt;&#x1F600;&nbsp;" * (SIZE // 24)
        return f"<html><body><p>{flood}</p></body></html>", "text/html"
    if kind == "paragraphs":
        return "\n\n".join([SENTENCE] * (SIZE // 80)), "text/plain"
    raise SystemExit(f"unknown kind {kind!r}")


KINDS = ["nested", "line", "entities", "paragraphs"]


def measure(kind: str) -> None:
    warm_up()
    body, content_type = body_of(kind)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        article = enrich(RawArticle(body=body, content_type=content_type))
        outcome = f"{len(article.story.paragraphs)} paragraphs"
    except StageError as error:
        outcome = error.reason_code.value
    seconds = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    size_mb = len(body) / 1e6
    print(
        f"{kind:<11} {size_mb:.1f} MB  {seconds:5.1f} s  peak RSS +{grown_mb:.0f} MB  ({outcome})"
    )


def main() -> None:
    if len(sys.argv) > 1:
        measure(sys.argv[1])
        return
    for kind in KINDS:
        subprocess.run([sys.executable, __file__, kind], check=True)


if __name__ == "__main__":
    main()
