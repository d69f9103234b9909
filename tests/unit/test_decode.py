"""The decode stage: every way an input record can be wrong gets its reason code."""

from __future__ import annotations

import base64
import hashlib

import orjson
import pytest

from pipeline.decode import dead_letter, decode_raw
from pipeline.errors import StageError
from pipeline.models import RawArticle, ReasonCode, SourceRecord

LIMIT = 10_000


def _reason(value: bytes | None) -> ReasonCode:
    with pytest.raises(StageError) as caught:
        decode_raw(value, max_body_bytes=LIMIT)
    return caught.value.reason_code


def test_a_valid_record_becomes_a_raw_article() -> None:
    raw = decode_raw(
        orjson.dumps(
            {
                "body": "Story.",
                "url": "https://example.org/a",
                "fetched_at": "2024-03-21T12:00:00Z",
                "language": "en",
                "extra_field": "ignored",
            }
        ),
        max_body_bytes=LIMIT,
    )
    assert raw.body == "Story."
    assert raw.content_type == "text/plain"
    assert raw.fetched_at is not None
    assert raw.fetched_at.year == 2024


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, ReasonCode.EMPTY_BODY),
        (b"", ReasonCode.EMPTY_BODY),
        (b"x" * (LIMIT + 1), ReasonCode.TOO_LARGE),
        (b'{"body": "caf\xe9"}', ReasonCode.NOT_UTF8),
        (b"<html>not json", ReasonCode.NOT_JSON),
        (b'{"body": "a",', ReasonCode.NOT_JSON),
        (b'["body"]', ReasonCode.INVALID_EVENT),
        (b'"just a string"', ReasonCode.INVALID_EVENT),
        (b'{"title": "no body"}', ReasonCode.EMPTY_BODY),
        (b'{"body": "   \\n "}', ReasonCode.EMPTY_BODY),
        (b'{"body": 42}', ReasonCode.INVALID_EVENT),
        (b'{"body": "a", "fetched_at": "yesterday"}', ReasonCode.INVALID_EVENT),
        (b'{"body": "a", "fetched_at": "2024-03-21T12:00:00"}', ReasonCode.INVALID_EVENT),
        (b'{"body": "a", "language": "english"}', ReasonCode.INVALID_EVENT),
        (b'{"body": "a", "content_type": "application/pdf"}', ReasonCode.INVALID_EVENT),
        (
            b'{"body": "<!DOCTYPE html><html><body>x</body></html>"}',
            ReasonCode.CONTENT_TYPE_MISMATCH,
        ),
        (b'{"body": "plain words", "content_type": "text/html"}', ReasonCode.CONTENT_TYPE_MISMATCH),
    ],
)
def test_each_kind_of_bad_record_has_its_reason(value: bytes | None, reason: ReasonCode) -> None:
    assert _reason(value) == reason


def test_the_size_limit_is_checked_before_parsing() -> None:
    # not JSON at all, but too large is what it is told first: nothing was parsed
    assert _reason(b"\xff" * (LIMIT + 1)) == ReasonCode.TOO_LARGE


def test_article_ids_are_deterministic() -> None:
    by_url = RawArticle(body="a", url="https://example.org/x")
    assert by_url.article_id == RawArticle(body="other", url="https://example.org/x").article_id
    by_body = RawArticle(body="same body")
    assert by_body.article_id == RawArticle(body="same body").article_id
    assert by_body.article_id != RawArticle(body="another body").article_id
    assert RawArticle(body="a", id="given").article_id == "given"


def test_a_dead_letter_keeps_the_original_bytes_and_where_they_came_from() -> None:
    original = b"\x00\x01 not an article " * 10
    error = StageError(ReasonCode.NOT_JSON, "not JSON", stage="decode")
    source = SourceRecord(topic="articles.raw", partition=2, offset=41, key="k")
    letter = dead_letter(original, error, source=source, max_original_bytes=1_000)
    assert base64.b64decode(letter.original) == original
    assert letter.original_size == len(original)
    assert not letter.original_truncated
    assert letter.sha256 == hashlib.sha256(original).hexdigest()
    assert letter.reason_code == ReasonCode.NOT_JSON
    assert letter.stage == "decode"
    # the same record dead-lettered twice (a redelivery) has the same id
    again = dead_letter(original, error, source=source, max_original_bytes=1_000)
    assert again.id == letter.id


def test_a_dead_letter_cuts_a_large_original_but_hashes_all_of_it() -> None:
    original = b"x" * 5_000
    error = StageError(ReasonCode.TOO_LARGE, "too large", stage="decode")
    letter = dead_letter(original, error, source=SourceRecord(), max_original_bytes=100)
    assert len(base64.b64decode(letter.original)) == 100
    assert letter.original_truncated
    assert letter.original_size == 5_000
    assert letter.sha256 == hashlib.sha256(original).hexdigest()
