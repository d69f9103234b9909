"""`enrich_records`: what the agent runs on its thread, record bytes and timestamps in."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from pipeline.core import enrich_records
from pipeline.errors import StageError
from pipeline.models import EnrichedArticle, ReasonCode

pytestmark = pytest.mark.slow  # loads the spaCy model

PAGE = "Talks resume in Nairobi\nOfficials said on Monday that talks will resume.\n" + (
    "Markets steady in Lima\n- 5 hours ago\nRain expected in Oslo\n- 2 days ago\n"
)
WRITTEN = datetime(2024, 3, 12, 9, 30, tzinfo=UTC)


def test_the_record_timestamp_is_the_fetch_time_of_an_article_that_gives_none() -> None:
    (article,) = enrich_records([(orjson.dumps({"body": PAGE}), WRITTEN)], max_body_bytes=10**6)
    assert isinstance(article, EnrichedArticle)
    assert article.fetched_at == WRITTEN
    assert [entry.published_at for entry in article.sidebar] == [
        datetime(2024, 3, 12, 4, 30, tzinfo=UTC),
        datetime(2024, 3, 10, 9, 30, tzinfo=UTC),
    ]


def test_an_article_that_gives_its_fetch_time_keeps_it() -> None:
    given = "2024-01-01T00:00:00+00:00"
    value = orjson.dumps({"body": PAGE, "fetched_at": given})
    (article,) = enrich_records([(value, WRITTEN)], max_body_bytes=10**6)
    assert isinstance(article, EnrichedArticle)
    assert article.fetched_at is not None
    assert article.fetched_at.isoformat() == given


def test_results_stay_in_record_order_with_refusals_in_place() -> None:
    records = [(b"{nope", None), (orjson.dumps({"body": PAGE}), None), (None, None)]
    first, second, third = enrich_records(records, max_body_bytes=10**6)
    assert isinstance(first, StageError)
    assert first.reason_code == ReasonCode.NOT_JSON
    assert isinstance(second, EnrichedArticle)
    assert isinstance(third, StageError)
    assert third.reason_code == ReasonCode.EMPTY_BODY
