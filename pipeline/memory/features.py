"""What the stream memory reads from an enriched article: pure functions over its text.

- word 4-gram shingles of the story, for near-copies (MinHash);
- cheap exact keys: the canonical URL and the title;
- a bag of terms (title counted twice) for the story's TF-IDF vector, its entities by salience
  and its focus countries, for stories.

Every scan is one pass of `\\w+` over a text already bounded by the pipeline's output limits,
and its result is cut again here (`MAX_TOKENS`), so the cost per article is linear and capped.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from urllib.parse import parse_qsl, urlencode, urlsplit

from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.models import EnrichedArticle

SHINGLE_WORDS = 4  # a word edit breaks 4 shingles: copies with edits keep most of theirs
MAX_TOKENS = 20_000  # words of a story read at most (about 120 kB of text)
MIN_TITLE_WORDS = 4  # shorter titles ("Home", "Live updates") say nothing about identity
MAX_TERMS = 64  # terms kept in an article's TF-IDF vector
MAX_ENTITIES = 20  # entities kept per article, most salient first
TITLE_WEIGHT = 2  # a title word counts as this many story words
_WORD = re.compile(r"\w+")
# "Headline | Site", "Headline - Site": a title is cut at such a separator, its longest part
# kept (whitespace is collapsed first, so the pattern has a fixed width)
_TITLE_SEPARATOR = re.compile(r" [|\u2013\u2014-] ")
# query parameters that track a click, not name a page
_TRACKING = re.compile(r"^(utm_\w*|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|smid|sref)$")
_STOP = frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """The casefolded `\\w+` words of `text`, at most MAX_TOKENS."""
    found: list[str] = []
    for match in _WORD.finditer(text.casefold()):
        found.append(match.group())
        if len(found) >= MAX_TOKENS:
            break
    return found


def shingles(tokens: list[str]) -> list[str]:
    """Distinct word 4-grams in first-seen order; a text shorter than 4 words is one shingle."""
    if not tokens:
        return []
    if len(tokens) < SHINGLE_WORDS:
        return [" ".join(tokens)]
    seen = dict.fromkeys(
        " ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)
    )
    return list(seen)


def url_key(url: str | None) -> str | None:
    """The URL without what varies between fetches of one page: scheme, `www.`, fragment,
    tracking parameters, a trailing slash; None for no URL."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k.lower())]
    path = parts.path.rstrip("/") or "/"
    key = f"{host}{path}"
    return f"{key}?{urlencode(sorted(query))}" if query else key


def title_key(title: str | None) -> str | None:
    """The title's words without the site name a separator adds; None when too short to
    name one article."""
    if not title:
        return None
    parts = _TITLE_SEPARATOR.split(" ".join(title.split()))
    tokens = words(max(parts, key=len))
    if len(tokens) < MIN_TITLE_WORDS:
        return None
    return " ".join(tokens)


def term_id(term: str) -> int:
    """A stable 32-bit id for a term (stable across processes, unlike `hash`)."""
    return zlib.crc32(term.encode("utf-8", "surrogatepass"))


def term_counts(title: str | None, tokens: list[str]) -> Counter[int]:
    """Term frequencies of the story, title words counted TITLE_WEIGHT times; stop words,
    numbers and words of under three characters left out."""
    counts: Counter[int] = Counter()
    for token in tokens:
        if _is_term(token):
            counts[term_id(token)] += 1
    for token in words(title or ""):
        if _is_term(token):
            counts[term_id(token)] += TITLE_WEIGHT
    return counts


def _is_term(token: str) -> bool:
    return len(token) >= 3 and token not in _STOP and not token.isdigit()


def entity_weights(article: EnrichedArticle) -> dict[str, tuple[str, float]]:
    """Entity key (casefolded name) -> (name, salience), the most salient MAX_ENTITIES."""
    ranked = sorted(article.entities, key=lambda e: (-e.salience, e.name))[:MAX_ENTITIES]
    found: dict[str, tuple[str, float]] = {}
    for entity in ranked:
        key = entity.name.casefold()
        if key not in found and entity.salience > 0:
            found[key] = (entity.name, entity.salience)
    return found


def focus_countries(article: EnrichedArticle) -> list[str]:
    return sorted({country.code for country in article.countries if country.focus})
