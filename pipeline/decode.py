"""Stage `decode`: a record's bytes to a valid RawArticle, or a StageError saying why not.

Reads: the record value. Writes: RawArticle. Checks run cheapest first, and the size check
runs before anything is parsed, so a huge or hostile record costs almost nothing to refuse.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime

import orjson
from pydantic import ValidationError

from pipeline.errors import StageError
from pipeline.models import DeadLetter, RawArticle, ReasonCode, SourceRecord, stable_id

STAGE = "decode"
# an HTML document announces itself in its first bytes (after a BOM, whitespace or comments);
# the comments are skipped with str.find, each once (a regex repeating a lazy comment pattern
# backtracks exponentially on many empty comments)
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_SPACE = re.compile(r"\s*")
_ANY_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*[\s>/]")


def decode_raw(value: bytes | None, *, max_body_bytes: int) -> RawArticle:
    """Validate one input record; raises StageError with the dead-letter reason."""
    if not value:
        raise StageError(ReasonCode.EMPTY_BODY, "the record has no value", stage=STAGE)
    if len(value) > max_body_bytes:
        raise StageError(
            ReasonCode.TOO_LARGE,
            f"record of {len(value)} bytes exceeds the limit of {max_body_bytes} bytes",
            stage=STAGE,
        )
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StageError(
            ReasonCode.NOT_UTF8,
            f"the record is not UTF-8: {exc.reason} at byte {exc.start}",
            stage=STAGE,
        ) from None
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise StageError(
            ReasonCode.NOT_JSON, f"the record is not JSON: {exc}", stage=STAGE
        ) from None
    return validate_raw(data)


def validate_raw(data: object) -> RawArticle:
    """A decoded JSON value to a RawArticle; raises StageError."""
    if not isinstance(data, dict):
        raise StageError(
            ReasonCode.INVALID_EVENT,
            f"expected a JSON object (a RawArticle), got {type(data).__name__}",
            stage=STAGE,
        )
    body = data.get("body")
    if body is None or (isinstance(body, str) and not body.strip()):
        raise StageError(ReasonCode.EMPTY_BODY, "`body` is missing or empty", stage=STAGE)
    try:
        raw = RawArticle.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(event)'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        )
        raise StageError(ReasonCode.INVALID_EVENT, problems, stage=STAGE) from None
    check_content_type(raw)
    return raw


def check_content_type(raw: RawArticle) -> None:
    """Refuse a body that plainly contradicts its declared content type."""
    head = raw.body[:4096]
    if raw.content_type == "text/plain" and starts_as_html(head):
        raise StageError(
            ReasonCode.CONTENT_TYPE_MISMATCH,
            "declared text/plain but the body is an HTML document; send content_type text/html",
            stage=STAGE,
        )
    if raw.content_type == "text/html" and not _ANY_TAG.search(raw.body[:65536]):
        raise StageError(
            ReasonCode.CONTENT_TYPE_MISMATCH,
            "declared text/html but the body has no HTML tags; send content_type text/plain",
            stage=STAGE,
        )


def starts_as_html(text: str) -> bool:
    """Whether the text opens with an HTML document's first tag, past whitespace and comments."""
    at = _SPACE.match(text).end()  # type: ignore[union-attr]  # \s* always matches
    while text.startswith("<!--", at):
        end = text.find("-->", at + 4)
        if end < 0:
            return False
        at = _SPACE.match(text, end + 3).end()  # type: ignore[union-attr]
    return _HTML_TAG.match(text, at) is not None


def dead_letter(
    original: bytes | None,
    error: StageError,
    *,
    source: SourceRecord,
    max_original_bytes: int,
    failed_at: datetime | None = None,
) -> DeadLetter:
    """The dead-letter event for a refused record: the reason, where it came from, its bytes."""
    payload = original or b""
    digest = hashlib.sha256(payload).hexdigest()
    if source.offset is not None:
        dead_id = stable_id("dead", str(source.topic), str(source.partition), str(source.offset))
    else:
        dead_id = stable_id("dead", digest, error.stage)
    return DeadLetter(
        id=dead_id,
        stage=error.stage,
        reason_code=error.reason_code,
        message=error.message[:2000],
        source=source,
        original=base64.b64encode(payload[:max_original_bytes]).decode("ascii"),
        original_size=len(payload),
        original_truncated=len(payload) > max_original_bytes,
        sha256=digest,
        failed_at=failed_at or datetime.now(UTC),
    )
