"""Text and links made safe to show: one-line texts without control or bidi-override
characters, links only to http(s). Pure; every function is one pass over its input."""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline included: a title or headline is one line), and the
# bidi embeddings, overrides and isolates that can make a headline read backwards.
_UNSAFE = dict.fromkeys(
    [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
# What browsers ignore in a URL: C0 controls and spaces at either end, and tabs and newlines
# anywhere ("java\tscript:" runs as "javascript:").
_URL_IGNORED = "".join(map(chr, range(0x00, 0x21)))
_URL_REMOVED = dict.fromkeys(map(ord, "\t\n\r"))
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")
SAFE_SCHEMES = frozenset({"http", "https"})


def one_line(text: str) -> str:
    """The text without control and bidi-override characters, its spaces collapsed."""
    return " ".join(text.translate(_UNSAFE).split())


def safe_url(url: str) -> str | None:
    """The URL as a browser reads it, if it is http(s) or relative; None for any other scheme
    (javascript:, vbscript:, data:, ...)."""
    cleaned = url.strip(_URL_IGNORED).translate(_URL_REMOVED)
    if not cleaned:
        return None
    scheme = _SCHEME.match(cleaned)
    if scheme is not None and scheme.group()[:-1].lower() not in SAFE_SCHEMES:
        return None
    return cleaned
