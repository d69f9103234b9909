"""Per-stage time for operators: the /metrics families, the one-line summary, the start-up line."""

from __future__ import annotations

import logging

import pytest

from pipeline import metrics
from pipeline.agents.enrich import StageSummary
from pipeline.core import enrich_batch, warm_up
from pipeline.errors import StageError
from pipeline.metrics import StageTime, stage_summary, stage_times
from pipeline.models import RawArticle, ReasonCode
from pipeline.nlp import COMPILED_MODULES
from pipeline.worker import analysis_modules


def test_the_summary_gives_wall_and_cpu_ms_per_article_in_stage_order() -> None:
    line = stage_summary(
        {
            "split": StageTime(count=200, wall_s=1.82, cpu_count=201, cpu_s=1.7286),
            "entities": StageTime(count=200, wall_s=11.0, cpu_count=200, cpu_s=10.0),
            "leads": StageTime(count=0, wall_s=0.0, cpu_count=3, cpu_s=0.0015),
        }
    )
    assert line == (
        "stage ms per article, wall/CPU: split 9.1/8.6, entities 55.0/50.0, leads -/0.5"
    )
    assert stage_summary({}) == "stage ms per article, wall/CPU: none yet"


def test_stage_times_read_both_families_per_stage() -> None:
    before = stage_times()
    metrics.stage_seconds("test-stage").observe(0.25)
    metrics.stage_seconds("test-stage").observe(0.5)
    metrics.stage_cpu_seconds("test-stage").observe(0.125)
    after = stage_times()["test-stage"]
    was = before.get("test-stage", StageTime(0, 0, 0, 0))
    assert after.count - was.count == 2
    assert after.wall_s - was.wall_s == 0.75
    assert after.cpu_count - was.cpu_count == 1
    assert after.cpu_s - was.cpu_s == 0.125


def test_enriching_counts_each_stage_cpu_time_once_per_article() -> None:
    before = stage_times()
    raws = [
        RawArticle(id=f"a{i}", body="Talks in Nairobi.\n\nKenya and Peru met in Lima.")
        for i in range(3)
    ]
    results = enrich_batch(raws)
    after = stage_times()
    for stage in results[0].pipeline.stage_ms:  # type: ignore[union-attr]
        was = before.get(stage, StageTime(0, 0, 0, 0))
        assert after[stage].cpu_count - was.cpu_count == 3, stage
        assert after[stage].cpu_s > was.cpu_s, stage


def test_the_start_up_line_names_compiled_and_plain_modules() -> None:
    assert analysis_modules(list(COMPILED_MODULES)) == (
        f"text analysis compiled with mypyc: {', '.join(COMPILED_MODULES)}; plain Python: none"
    )
    line = analysis_modules(["split"])
    assert line.startswith("text analysis compiled with mypyc: split; plain Python: ")
    assert "blocks" in line.split("plain Python: ")[1]
    assert line.endswith("(`make compile` builds them)")
    assert analysis_modules([]).startswith("text analysis compiled with mypyc: none;")


def test_the_summary_is_logged_once_and_never_when_off(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pipeline.agents.enrich")
    article = enrich_batch([RawArticle(id="a", body="Talks in Nairobi.\n\nKenya met Peru.")])[0]
    refused = StageError(ReasonCode.EMPTY_BODY, "empty", stage="decode")
    once, never = StageSummary(3), StageSummary(0)
    for results in ([article, refused], [article], [article, article], [article]):
        once.count(results)
        never.count(results)
    lines = [r.getMessage() for r in caplog.records]
    assert len([line for line in lines if line.startswith("stage ms per article")]) == 1


def test_the_warm_up_leaves_no_stage_cpu_behind() -> None:
    warm_up()
    # neither the loading nor the warm-up pages count as the stages' CPU
    assert all(spent.cpu_count == 0 for spent in stage_times().values())
    enrich_batch([RawArticle(id="a", body="Talks in Nairobi.\n\nKenya met Peru.")])
    assert stage_times()["split"].cpu_count == 1
