"""Near-copies of real articles, for measuring duplicate detection (`bench/stories.py`).

    python bench/copies.py [--limit N] [--half tune|report] > copies.jsonl

There is no public set of syndicated copies with labels, so this makes one from the Dragnet
articles in ../shared/data/extraction/ (their gold `article_body`, first line the headline). Each
original becomes a page as a crawler keeping page text sends it (headline, story paragraphs one
per line, then a sidebar of other headlines with their ages), and so does each copy of it:

    dateline  another outlet's dateline before the first paragraph, and its own headline
    byline    a byline line above the story
    drop      one paragraph of the middle dropped
    add       a paragraph of another article inserted (a local addition)
    edit      a few words replaced
    sidebar   the same story beside other headlines
    half      the story cut after its first half (a wire story trimmed to fit)
    reorder   two paragraphs of the middle swapped

Every choice comes from a generator seeded with the original's id, so a run is repeatable. Which
originals are tuned on and which only report is decided by a hash of the id (`half`), as in the
other benches. Negatives (different articles on the same topic) come from the stories set, in
`bench/stories.py`.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from common import SHARED_DATA, read_jsonl  # also puts the repository on sys.path

KINDS = ("dateline", "byline", "drop", "add", "edit", "sidebar", "half", "reorder")
MIN_PARAGRAPHS = 6
MIN_WORDS = 200
SIDEBAR = (4, 10)  # headlines in a made-up sidebar
EDITED_WORDS = 5
CITIES = ("LONDON", "NEW YORK", "WASHINGTON", "PARIS", "NAIROBI", "SYDNEY", "MUMBAI", "BERLIN")
OUTLETS = ("Wire", "Agency", "Press", "News Service")
NAMES = ("Jane Doe", "Ali Khan", "Maria Silva", "Chen Wei", "Sam Okafor", "Anna Berg")
AGES = ("12 minutes ago", "an hour ago", "2 hours ago", "5 hours ago", "yesterday")
_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


@dataclass(frozen=True)
class Article:
    """A real article: its headline and paragraphs."""

    id: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """A page to enrich: an original (`original` None) or a copy of `original`."""

    id: str
    body: str
    kind: str
    original: str | None


def half(doc_id: str) -> str:
    """A stable, content-free split in two halves: "tune" and "report" (held out)."""
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "report"


def load_articles(limit: int | None = None) -> list[Article]:
    """Dragnet's news-like articles: at least MIN_PARAGRAPHS paragraphs and MIN_WORDS words."""
    found: list[Article] = []
    for doc in read_jsonl(SHARED_DATA / "extraction" / "dragnet.jsonl.gz"):
        lines = [line.strip() for line in doc["article_body"].splitlines() if line.strip()]
        if len(lines) < MIN_PARAGRAPHS + 1 or sum(len(x.split()) for x in lines) < MIN_WORDS:
            continue
        found.append(Article(doc["id"], lines[0], tuple(lines[1:])))
        if limit is not None and len(found) >= limit:
            break
    return found


def page_text(title: str, paragraphs: list[str], sidebar: list[tuple[str, str]]) -> str:
    """Page text as the seed has it: headline, story, then headlines each with its age."""
    parts = [title, "", "", *paragraphs, ""]
    for headline, age in sidebar:
        parts += [headline, f"- {age}", ""]
    return "\n".join(parts)


def _sidebar(rng: random.Random, pool: list[Article], own: Article) -> list[tuple[str, str]]:
    others = [a for a in rng.sample(pool, min(len(pool), SIDEBAR[1] + 1)) if a.id != own.id]
    return [(a.title, rng.choice(AGES)) for a in others[: rng.randint(*SIDEBAR)]]


def _middle(rng: random.Random, paragraphs: list[str]) -> int:
    return rng.randrange(1, len(paragraphs) - 1)


def _edit(rng: random.Random, paragraphs: list[str], donor: Article) -> list[str]:
    words = [w for p in donor.paragraphs for w in _WORD.findall(p)] or ["indeed"]
    edited = list(paragraphs)
    for _ in range(EDITED_WORDS):
        index = rng.randrange(len(edited))
        spots = list(_WORD.finditer(edited[index]))
        if spots:
            spot = rng.choice(spots)
            text = edited[index]
            edited[index] = text[: spot.start()] + rng.choice(words) + text[spot.end() :]
    return edited


def make_copy(kind: str, article: Article, pool: list[Article], rng: random.Random) -> Page:
    """One copy of `article` of the given kind, with its own sidebar."""
    paragraphs = list(article.paragraphs)
    title = article.title
    donor = rng.choice([a for a in pool if a.id != article.id])
    if kind == "dateline":
        lede = paragraphs[0]
        paragraphs[0] = f"{rng.choice(CITIES)} ({rng.choice(OUTLETS)}) — {lede}"
        title = " ".join(lede.split()[:10])  # another outlet's headline
    elif kind == "byline":
        paragraphs.insert(0, f"By {rng.choice(NAMES)}, {rng.choice(OUTLETS)}")
    elif kind == "drop":
        del paragraphs[_middle(rng, paragraphs)]
    elif kind == "add":
        paragraphs.insert(_middle(rng, paragraphs), rng.choice(donor.paragraphs))
    elif kind == "edit":
        paragraphs = _edit(rng, paragraphs, donor)
    elif kind == "half":
        paragraphs = paragraphs[: (len(paragraphs) + 1) // 2]
    elif kind == "reorder":
        index = _middle(rng, paragraphs[:-1]) if len(paragraphs) > 3 else 1
        paragraphs[index], paragraphs[index + 1] = paragraphs[index + 1], paragraphs[index]
    # every copy, "sidebar" included, sits beside a sidebar of its own
    body = page_text(title, paragraphs, _sidebar(rng, pool, article))
    return Page(f"{article.id}~{kind}", body, kind, article.id)


def pages(articles: list[Article], kinds: tuple[str, ...] = KINDS) -> Iterator[Page]:
    """Each original's page, then its copies (one per kind)."""
    for article in articles:
        rng = random.Random(article.id)
        body = page_text(article.title, list(article.paragraphs), _sidebar(rng, articles, article))
        yield Page(article.id, body, "original", None)
        for kind in kinds:
            yield make_copy(kind, article, articles, rng)


def main() -> None:
    import orjson

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Originals at most.")
    parser.add_argument("--half", choices=("tune", "report"), default=None)
    args = parser.parse_args()
    articles = load_articles(args.limit)
    if args.half:
        articles = [a for a in articles if half(a.id) == args.half]
    out = sys.stdout.buffer
    for page in pages(articles):
        record = {"id": page.id, "body": page.body, "kind": page.kind, "original": page.original}
        out.write(orjson.dumps(record) + b"\n")


if __name__ == "__main__":
    main()
