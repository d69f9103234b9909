"""What bounds an enriched event's size: the cuts `core` applies, and the bound they give.

Whatever the input, an EnrichedArticle holds at most `max_title_chars` of title,
`max_story_chars` of story (as `text`, and the same characters again as `paragraphs`),
`max_sidebar_entries` entries of bounded fields, `max_mentions` mentions in each of
`entities` and `countries`, and metadata of bounded fields. `enriched_size_bound` turns the
settings into bytes; `event_fits` is the check for a serialised event against the topic's
limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pipeline.models import ArticleMetadata, Country, Entity, SidebarEntry, Story
from pipeline.nlp.sanitize import one_line, safe_url
from pipeline.settings import Settings

PARAGRAPH_SEPARATOR = "\n\n"
# JSON takes at most this many bytes per character (a control character as \u00XX).
JSON_BYTES_PER_CHAR = 6
# An age as the page shows it: `ages.is_age` takes no longer line.
MAX_AGE_CHARS = 80
# Bytes of a sidebar entry besides its texts (keys, published_at), of a mention besides its
# text (keys, section, two offsets), of an entity or country besides its name and mentions.
SIDEBAR_ENTRY_BYTES = 160
# A sidebar headline's countries: a code is 5 bytes in a JSON list, and a headline names at
# most one country per two characters ("US") and at most every country there is.
COUNTRY_CODE_BYTES = 5
MAX_COUNTRY_CODES = 250
MENTION_BYTES = 80
ENTITY_BYTES = 120
# Metadata: authors and tags kept, and the length of each; of the description; of the
# site name, section and dateline; bytes of its keys, dates and list punctuation.
MAX_AUTHORS = 20
MAX_AUTHOR_CHARS = 100
MAX_TAGS = 30
MAX_TAG_CHARS = 100
MAX_DESCRIPTION_CHARS = 1_000
MAX_LABEL_CHARS = 200
METADATA_BYTES = 1_000
# The rest of the event: ids, url, source (RawArticle bounds them), language, fetched_at,
# pipeline info, keys.
FIXED_BYTES = 64_000
# What a record carries beside its value (its key, the CloudEvents headers, record and batch
# framing), kept clear of the topic limit.
RECORD_OVERHEAD_BYTES = 16 * 1024

_Tagged = TypeVar("_Tagged", Entity, Country)


def bounded_story(paragraphs: Sequence[str], confidence: float, max_chars: int) -> Story:
    """The story with its text (paragraphs and separators) cut at `max_chars`."""
    kept: list[str] = []
    used = 0
    for paragraph in paragraphs:
        room = max_chars - used - (len(PARAGRAPH_SEPARATOR) if kept else 0)
        if room <= 0:
            break
        kept.append(paragraph[:room])
        used += (len(PARAGRAPH_SEPARATOR) if len(kept) > 1 else 0) + len(kept[-1])
    truncated = len(kept) < len(paragraphs) or (
        bool(kept) and kept[-1] != paragraphs[len(kept) - 1]
    )
    text = PARAGRAPH_SEPARATOR.join(kept)
    return Story(text=text, paragraphs=kept, confidence=confidence, truncated=truncated)


def bounded_sidebar(entries: Sequence[SidebarEntry], settings: Settings) -> list[SidebarEntry]:
    """The first `max_sidebar_entries` entries, headlines one line and cut, ages cut, links
    http(s) only and dropped past `max_url_chars`."""
    bounded = []
    for entry in entries[: settings.max_sidebar_entries]:
        headline = one_line(entry.headline[: 2 * settings.max_headline_chars])
        url = safe_url(entry.url) if entry.url else None
        bounded.append(
            entry.model_copy(
                update={
                    "headline": headline[: settings.max_headline_chars],
                    "age": one_line(entry.age[:MAX_AGE_CHARS]) if entry.age else entry.age,
                    "url": url if url and len(url) <= settings.max_url_chars else None,
                }
            )
        )
    return bounded


def bounded_metadata(metadata: ArticleMetadata, settings: Settings) -> ArticleMetadata:
    """The metadata with its texts one line and cut, its lists capped, its links http(s) and
    dropped past `max_url_chars`."""

    def text(value: str | None, limit: int) -> str | None:
        return (one_line(value[: 2 * limit])[:limit] or None) if value else None

    def link(value: str | None) -> str | None:
        url = safe_url(value) if value else None
        return url if url and len(url) <= settings.max_url_chars else None

    return metadata.model_copy(
        update={
            "authors": [
                name
                for author in metadata.authors[:MAX_AUTHORS]
                if (name := text(author, MAX_AUTHOR_CHARS))
            ],
            "tags": [
                tag for item in metadata.tags[:MAX_TAGS] if (tag := text(item, MAX_TAG_CHARS))
            ],
            "canonical_url": link(metadata.canonical_url),
            "image": link(metadata.image),
            "site_name": text(metadata.site_name, MAX_LABEL_CHARS),
            "section": text(metadata.section, MAX_LABEL_CHARS),
            "description": text(metadata.description, MAX_DESCRIPTION_CHARS),
            "dateline": text(metadata.dateline, MAX_LABEL_CHARS),
        }
    )


def capped_mentions(tagged: Sequence[_Tagged], max_mentions: int) -> list[_Tagged]:
    """The entities (or countries) in order, with at most `max_mentions` mentions in all: the
    first ones' first; one left without a mention is dropped."""
    if sum(len(item.mentions) for item in tagged) <= max_mentions:
        return list(tagged)
    kept: list[_Tagged] = []
    room = max_mentions
    for item in tagged:
        if room <= 0:
            break
        kept.append(item.model_copy(update={"mentions": item.mentions[:room]}))
        room -= len(kept[-1].mentions)
    return kept


def enriched_size_bound(settings: Settings) -> int:
    """An upper bound, in bytes, of an EnrichedArticle's JSON under these settings.

    Mentions are spans of the title and story as NER and the country tagger read them, each
    list without overlaps, so their texts together are at most the title and story again;
    an entity's or country's name is one of its mentions' texts."""
    texts = settings.max_title_chars + settings.max_story_chars
    story = 2 * settings.max_story_chars  # `text`, and `paragraphs` (with fewer separators)
    paragraphs = settings.max_story_chars  # each at least one character, and two quotes
    lead_countries = min(MAX_COUNTRY_CODES, settings.max_headline_chars // 2 + 1)
    sidebar = settings.max_sidebar_entries * (
        JSON_BYTES_PER_CHAR * (settings.max_headline_chars + MAX_AGE_CHARS + settings.max_url_chars)
        + SIDEBAR_ENTRY_BYTES
        + COUNTRY_CODE_BYTES * lead_countries
    )
    mentions = 2 * (
        settings.max_mentions * (MENTION_BYTES + ENTITY_BYTES) + 2 * JSON_BYTES_PER_CHAR * texts
    )
    metadata = METADATA_BYTES + JSON_BYTES_PER_CHAR * (
        MAX_AUTHORS * (MAX_AUTHOR_CHARS + 1)
        + MAX_TAGS * (MAX_TAG_CHARS + 1)
        + MAX_DESCRIPTION_CHARS
        + 3 * MAX_LABEL_CHARS
        + 2 * settings.max_url_chars
    )
    chars = settings.max_title_chars + story
    return (
        FIXED_BYTES + JSON_BYTES_PER_CHAR * chars + 3 * paragraphs + sidebar + mentions + metadata
    )


def event_fits(payload: bytes, max_message_bytes: int) -> bool:
    """Whether a serialised event fits a topic whose max.message.bytes is this."""
    return len(payload) + RECORD_OVERHEAD_BYTES <= max_message_bytes
