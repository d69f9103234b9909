"""The CLI's file readers: a page's declared charset never stops the files after it, and page
files are held to the body limit as records are."""

from __future__ import annotations

from pathlib import Path

from pipeline.inputs import decode_page, read_inputs
from pipeline.models import ReasonCode


def test_a_page_declaring_an_encoding_that_is_no_page_encoding_falls_back() -> None:
    page = b'<html><head><meta charset="idna"></head><body>caf\xe9</body></html>'
    assert "café" in decode_page(page)  # Windows-1252, as for an unknown name
    assert "café" in decode_page(page.replace(b"idna", b"rot13"))


def test_the_files_after_a_bad_charset_are_read(tmp_path: Path) -> None:
    first = tmp_path / "first.html"
    first.write_bytes(b'<html><head><meta charset="idna"></head><body><p>caf\xe9</p></body></html>')
    second = tmp_path / "second.txt"
    second.write_text("A title\nA story line.\n", encoding="utf-8")
    records = list(read_inputs([str(first), str(second)], max_body_bytes=10_000))
    assert [record.error for record in records] == [None, None]
    assert records[0].article is not None
    assert "café" in records[0].article.body


def test_page_files_are_held_to_the_body_limit(tmp_path: Path) -> None:
    names = []
    for suffix in (".html", ".txt", ".json"):
        path = tmp_path / f"big{suffix}"
        path.write_text("x" * 2_000, encoding="utf-8")
        names.append(str(path))
    records = list(read_inputs(names, max_body_bytes=1_000))
    assert [record.error.reason_code if record.error else None for record in records] == [
        ReasonCode.TOO_LARGE
    ] * 3
