"""The splitter's quality gate: snippet precision/recall/F1 on the golden pages in
tests/golden/ (a hash-chosen sample of trafilatura's evaluation set, Apache-2.0), which must not
fall under the floors pinned in tests/golden/baseline.json. Like trafilatura's eval gate: when a
change lowers them, the change is wrong or the floors are re-pinned on purpose, in review.
The seed is checked exactly in test_split.py.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline.inputs import decode_page
from pipeline.nlp.split import split_page

GOLDEN = Path(__file__).parents[1] / "golden"
SAMPLE = GOLDEN / "trafilatura-sample.jsonl.gz"
BASELINE = GOLDEN / "baseline.json"
_SPACE = re.compile(r"\s+")


def _html(doc: dict[str, Any]) -> str:
    """The page's HTML; the non-UTF-8 pages of the set are stored as base64 bytes."""
    if doc.get("html"):
        return str(doc["html"])
    return decode_page(base64.b64decode(doc.get("html_bytes_b64") or ""))


def _found(snippet: str, text: str) -> bool:
    return _SPACE.sub(" ", snippet).strip() in text


def _counts() -> tuple[int, int, int, int]:
    tp = fp = fn = pages = 0
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            result = split_page(_html(doc), "text/html")
            text = _SPACE.sub(" ", "\n".join([result.title or "", *result.paragraphs]))
            found = [_found(snippet, text) for snippet in doc["with"]]
            tp += sum(found)
            fn += len(found) - sum(found)
            fp += sum(_found(snippet, text) for snippet in doc["without"])
            pages += 1
    return tp, fp, fn, pages


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    tp, fp, fn, pages = _counts()
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pages": pages, "precision": precision, "recall": recall, "f1": f1}


def test_golden_set_is_all_there(scores: dict[str, float]) -> None:
    assert scores["pages"] == json.loads(BASELINE.read_text())["pages"]


@pytest.mark.parametrize("metric", ["precision", "recall", "f1"])
def test_quality_stays_above_floor(scores: dict[str, float], metric: str) -> None:
    floor = json.loads(BASELINE.read_text())["floors"][metric]
    assert scores[metric] >= floor, (
        f"golden-set {metric} {scores[metric]:.3f} fell under its floor {floor:.3f}"
    )
