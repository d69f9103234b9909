"""Articles for the story agent's tests: the seed, edited copies of it as other outlets would
publish them, and unrelated real pages.

The copies change what syndication changes: the dateline, a paragraph dropped, the page's
sidebar, a byline, the story cut short. Each comes from another source, under another URL, a
few minutes after the original, as RawArticle JSON (page text, as the seed).
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from tests.conftest import EXAMPLE_PAGES, REPO, SEED

ORIGINAL_AT = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
GOLDEN_SAMPLE = REPO / "tests" / "golden" / "trafilatura-sample.jsonl.gz"
OTHER_HEADLINES = [
    "Central bank holds rates steady as inflation cools",
    "Storm cuts power to thousands along the coast",
    "Champions league: late goal settles the derby",
    "New rail line opens after a decade of delays",
    "Chipmaker shares fall on weaker outlook",
    "City council votes to expand bike lanes",
    "Drought pushes wheat prices to a two-year high",
    "Film festival names its opening night picks",
    "Hospital staff strike over pay enters day three",
    "Space agency delays launch after sensor fault",
    "Tech firm recalls batteries after fire reports",
    "Island nation declares state of emergency",
]


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _paragraph_rows(lines: list[str]) -> list[int]:
    """Indexes of the story's paragraphs: non-empty lines after the title, up to the one that
    ends the seed's story."""
    rows = [i for i, line in enumerate(lines) if i > 0 and line.strip()]
    last = next(i for i in rows if lines[i].endswith("she added."))
    return [i for i in rows if i <= last]


def with_dateline(lines: list[str]) -> list[str]:
    first = _paragraph_rows(lines)[0]
    _, _, rest = lines[first].partition(": ")
    return [*lines[:first], f"WASHINGTON, March 14 (Wire Desk) - {rest}", *lines[first + 1 :]]


def paragraph_dropped(lines: list[str], which: int = 8) -> list[str]:
    row = _paragraph_rows(lines)[which]
    return lines[:row] + lines[row + 1 :]


def sidebar_changed(lines: list[str]) -> list[str]:
    last = _paragraph_rows(lines)[-1]
    headlines = iter(OTHER_HEADLINES)
    changed = list(lines[: last + 1])
    for line in lines[last + 1 :]:
        is_headline = line.strip() and not line.startswith("- ")
        changed.append(next(headlines, line) if is_headline else line)
    return changed


def with_byline(lines: list[str]) -> list[str]:
    first = _paragraph_rows(lines)[0]
    return [*lines[:first], "By Staff Correspondent", *lines[first:]]


def cut_short(lines: list[str], keep: int = 10) -> list[str]:
    rows = _paragraph_rows(lines)
    return lines[: rows[keep - 1] + 1] + lines[rows[-1] + 1 :]


def _raw(article_id: str, source: str, body: str, minutes: int, **extra: Any) -> bytes:
    return orjson.dumps(
        {
            "id": article_id,
            "url": f"https://{source}/news/{article_id}",
            "source": source,
            "body": body,
            "fetched_at": (ORIGINAL_AT + timedelta(minutes=minutes)).isoformat(),
            **extra,
        }
    )


def original() -> tuple[str, bytes]:
    return "seed", _raw("seed", "news-one.example", SEED.read_text(encoding="utf-8"), 0)


def first_copies() -> list[tuple[str, bytes]]:
    """The copies sent with the original: another dateline, a paragraph dropped, another
    sidebar."""
    lines = _seed_lines()
    edits = [
        ("copy-dateline", "wire-two.example", with_dateline(lines)),
        ("copy-dropped", "daily-three.example", paragraph_dropped(lines)),
        ("copy-sidebar", "herald-four.example", sidebar_changed(lines)),
    ]
    return [
        (name, _raw(name, source, "\n".join(edited), 10 * (n + 1)))
        for n, (name, source, edited) in enumerate(edits)
    ]


def later_copies() -> list[tuple[str, bytes]]:
    """Two more copies, for after a restart: a byline added, the story cut to 10 paragraphs."""
    lines = _seed_lines()
    edits = [
        ("copy-byline", "times-five.example", with_byline(lines)),
        ("copy-cut", "post-six.example", cut_short(lines)),
    ]
    return [
        (name, _raw(name, source, "\n".join(edited), 60 + 10 * n))
        for n, (name, source, edited) in enumerate(edits)
    ]


def unrelated(count: int = 5) -> list[tuple[str, bytes]]:
    """Real pages about other things: the example pages, then the golden sample's first ones."""
    pages: list[tuple[str, bytes]] = []
    for n, path in enumerate(sorted(EXAMPLE_PAGES.glob("*.html"))):
        body = path.read_text(encoding="utf-8")
        pages.append(
            (path.stem, _raw(path.stem, "other.example", body, 5 + n, content_type="text/html"))
        )
    with gzip.open(GOLDEN_SAMPLE, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(pages) >= count:
                break
            page = orjson.loads(line)
            if not page.get("html"):
                continue
            name = f"golden-{page['id']}"
            pages.append(
                (name, _raw(name, "other.example", page["html"], 5, content_type="text/html"))
            )
    return pages[:count]
