"""The routing step: what the enrich agent sends for each result, as a pure function."""

from __future__ import annotations

import base64

import orjson

from pipeline.core import enrich
from pipeline.errors import StageError
from pipeline.models import DeadLetter, RawArticle, ReasonCode, SidebarItem, SourceRecord
from pipeline.routing import Received, Routes, route
from pipeline.settings import Settings

ROUTES = Routes.of(Settings(kafka_bootstrap_servers="b:9092"))
SOURCE = SourceRecord(topic="articles.raw", partition=2, offset=41, key="k-1")
PAGE = (
    "Talks resume in Nairobi\n"
    "Officials in Nairobi said on Monday that talks on trade will resume.\n"
    "Other headline about markets in Lima\n- 5 hours ago\n"
    "Another headline about rain in Oslo\n- 2 days ago\n"
)


def _record(value: bytes) -> Received:
    return Received(value=value, key=b"k-1", source=SOURCE)


def test_an_article_goes_to_enriched_then_one_sidebar_item_per_headline() -> None:
    article = enrich(RawArticle(id="a-1", body=PAGE))
    out = route(_record(b"{}"), article, ROUTES)
    assert [o.topic for o in out] == [ROUTES.enriched] + [ROUTES.sidebar] * len(article.sidebar)
    assert len(article.sidebar) == 2
    assert {o.key for o in out} == {b"a-1"}  # an article's records share its key
    items = [SidebarItem.model_validate_json(o.value) for o in out[1:]]
    assert [i.position for i in items] == [0, 1]
    assert orjson.loads(out[0].value)["id"] == "a-1"


def test_every_record_carries_cloudevents_headers() -> None:
    article = enrich(RawArticle(id="a-1", body=PAGE))
    for out in route(_record(b"{}"), article, ROUTES):
        headers = dict(out.headers)
        assert headers["ce_specversion"] == b"1.0"
        assert headers["ce_type"] == f"org.article-pipeline.{out.kind}.v1".encode()
        assert headers["ce_id"] == orjson.loads(out.value)["id"].encode()
        assert headers["ce_source"] == b"/article-pipeline/article-pipeline"
        assert headers["content-type"] == b"application/json"
        assert b"T" in headers["ce_time"]


def test_a_refused_record_becomes_one_dead_letter_with_its_source_and_bytes() -> None:
    error = StageError(ReasonCode.NOT_JSON, "the record is not JSON", stage="decode")
    (out,) = route(_record(b"{oops"), error, ROUTES)
    assert out.topic == ROUTES.deadletter
    assert out.key == b"k-1"
    letter = DeadLetter.model_validate_json(out.value)
    assert letter.reason_code == ReasonCode.NOT_JSON
    assert letter.source == SOURCE
    assert base64.b64decode(letter.original) == b"{oops"


def test_an_enriched_event_over_the_topic_limit_is_dead_lettered_instead() -> None:
    article = enrich(RawArticle(id="a-1", body=PAGE))
    small = Routes.of(Settings(kafka_bootstrap_servers="b:9092", max_message_bytes=20_000))
    big = article.model_copy(update={"title": "x" * 30_000})
    (out,) = route(_record(b"{}"), big, small)
    assert out.topic == small.deadletter
    letter = DeadLetter.model_validate_json(out.value)
    assert letter.reason_code == ReasonCode.OUTPUT_TOO_LARGE
    assert letter.stage == "route"
