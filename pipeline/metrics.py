"""The project's Prometheus metrics, served at the worker's `/metrics` beside faust's own.

Counters live in the worker process's default registry; the agent updates them per batch.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

ARTICLES = Counter("pipeline_articles_total", "Input records handled, by outcome.", ["outcome"])
DEAD_LETTERS = Counter(
    "pipeline_dead_letters_total",
    "Records sent to the dead-letter topic.",
    ["reason_code", "stage"],
)
BATCH_SECONDS = Histogram(
    "pipeline_batch_seconds",
    "Time to decode, enrich and send one batch, acknowledgements included.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
)
STAGE_SECONDS = Histogram(
    "pipeline_stage_seconds",
    "Time per article in each stage.",
    ["stage"],
    buckets=(0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5),
)
