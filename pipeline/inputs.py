"""Reading articles from files and stdin for the CLI's `enrich` and `produce` commands.

`.html`/`.htm` files are whole pages, `.txt` page text, `.json` one RawArticle, `.jsonl` one
RawArticle per line; `-` (or no file) reads RawArticle JSON lines from stdin.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.decode import decode_raw, validate_raw
from pipeline.errors import StageError
from pipeline.models import RawArticle, ReasonCode

HTML_SUFFIXES = {".html", ".htm"}
# [^<>]: each byte is read from one <meta> at most
_META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?([\w-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One article read from an input, or why it could not be read; `where` is file:line."""

    where: str
    article: RawArticle | None
    error: StageError | None = None


def decode_page(data: bytes) -> str:
    """Page bytes to text: UTF-8, else the charset the page declares, else Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except (LookupError, ValueError):
            # an unknown name, or a codec that is no page encoding ("idna" raises
            # UnicodeError, a ValueError, whatever `errors` says)
            pass
    return data.decode("cp1252", errors="replace")


def read_inputs(paths: Iterable[str], *, max_body_bytes: int) -> Iterator[InputRecord]:
    names = list(paths) or ["-"]
    for name in names:
        if name == "-":
            yield from _json_lines("<stdin>", sys.stdin.buffer, max_body_bytes)
            continue
        path = Path(name)
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                with path.open("rb") as handle:
                    yield from _json_lines(name, handle, max_body_bytes)
                continue
            if (size := path.stat().st_size) > max_body_bytes:
                # the limit a record has, checked before the file is read
                error = StageError(
                    ReasonCode.TOO_LARGE,
                    f"file of {size} bytes exceeds the limit of {max_body_bytes} bytes",
                    stage="read",
                )
                yield InputRecord(name, None, error)
                continue
            data = path.read_bytes()
        except OSError as exc:
            yield InputRecord(
                name, None, StageError(ReasonCode.INVALID_EVENT, str(exc), stage="read")
            )
            continue
        if suffix == ".json":
            yield _record(name, decode_raw, data, max_body_bytes=max_body_bytes)
        elif suffix in HTML_SUFFIXES or suffix == ".txt":
            content_type = "text/html" if suffix in HTML_SUFFIXES else "text/plain"
            page = {"body": decode_page(data), "content_type": content_type}
            yield _record(name, validate_raw, page)
        else:
            error = StageError(
                ReasonCode.INVALID_EVENT,
                f"unknown file type {suffix!r}: use .html, .htm, .txt, .json or .jsonl",
                stage="read",
            )
            yield InputRecord(name, None, error)


def _json_lines(name: str, handle: Iterable[bytes], max_body_bytes: int) -> Iterator[InputRecord]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        yield _record(f"{name}:{number}", decode_raw, line, max_body_bytes=max_body_bytes)


def _record(
    where: str, read: Callable[..., RawArticle], *args: object, **kwargs: object
) -> InputRecord:
    try:
        return InputRecord(where, read(*args, **kwargs))
    except StageError as error:
        return InputRecord(where, None, error)
