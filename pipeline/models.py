"""The events on the pipeline's topics: the single definition of its contract.

`schemas/*.json` are generated from these models (`make schemas`) and a test fails when they
drift. Consumers in other services rely on those schemas, so:

* every event carries `schema_version`; a minor bump ("1.1") only adds optional fields, a major
  bump ("2.0") may remove or change them;
* output events allow unknown fields, so a consumer validating against "1.0" keeps working on
  "1.1" events;
* text offsets are Unicode code points (Python `str` indices), never UTF-8 bytes.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

import orjson
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION: Literal["1.0"] = "1.0"  # the events unchanged since 1.0; files are per major
# Minor versions only add optional fields, and the v1 schema takes the events of every 1.x:
# an EnrichedArticle of 1.1 adds `metadata`, a SidebarItem of 1.1 its headline's `countries`.
EnrichedVersion = Literal["1.0", "1.1"]
SidebarVersion = Literal["1.0", "1.1"]

ContentType = Literal["text/plain", "text/html"]
Section = Literal["title", "story"]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
# The description of a sidebar headline's countries, on SidebarEntry and SidebarItem.
_LEAD_COUNTRIES = (
    "ISO 3166-1 alpha-2 codes of the countries the headline names, most weight first, from the "
    "place names in it (no fetch of the linked article); null when the article was not tagged "
    "(not English). Added in 1.1 as an optional field."
)


class Event(BaseModel):
    """Base of every event: immutable, serialised with orjson. Every field is always written
    (nulls included), so the schemas mark them all required."""

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)

    def to_json(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json"))


def stable_id(*parts: str) -> str:
    """A short deterministic id: the same inputs always give the same id, so a consumer can
    drop the duplicates that at-least-once delivery may bring."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Input


class RawArticle(Event):
    """An article as a crawler sends it to `articles.raw`. Only `body` is required.

    Unknown fields are ignored so producers can send more than this pipeline reads.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=False)

    id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Article id; when absent it is derived from `url`, else from `body`.",
    )
    url: str | None = Field(default=None, max_length=8192)
    source: str | None = Field(default=None, max_length=500, description="Site or feed name.")
    content_type: ContentType = Field(
        default="text/plain",
        description="`text/html` for a whole page, `text/plain` for page text "
        "(every visible block on its own line).",
    )
    body: str = Field(min_length=1, description="The page: HTML or page text.")
    title: str | None = Field(default=None, description="Headline, if the producer knows it.")
    fetched_at: AwareDatetime | None = Field(
        default=None, description="When the page was fetched (RFC 3339, with a time zone)."
    )
    language: LanguageCode | None = Field(default=None, description="ISO 639-1 code.")

    @property
    def article_id(self) -> str:
        """The given id, else one derived deterministically from the url, else the body."""
        if self.id:
            return self.id
        if self.url:
            return stable_id("url", self.url)
        return stable_id("body", self.body)


# --------------------------------------------------------------------------------------------
# Output


class Mention(BaseModel):
    """Where a name occurs: `text == <section text>[start:end]`, offsets in code points."""

    model_config = ConfigDict(frozen=True)

    section: Section
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Story(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The paragraphs joined by blank lines; no title.")
    paragraphs: list[str]
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the split is, 0 to 1.")
    truncated: bool = Field(
        default=False,
        description="The story was longer than the pipeline's limit (PIPELINE_MAX_STORY_CHARS): "
        "`text` and `paragraphs` hold its start. Added in 1.0 as an optional field.",
    )


class SidebarEntry(BaseModel):
    """Another article's headline found on the page (related, most read, latest...)."""

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)

    headline: str
    age: str | None = Field(
        default=None, description='The age or date as the page shows it ("5 hours ago").'
    )
    published_at: datetime | None = Field(
        default=None, description="`age` resolved against the article's `fetched_at`."
    )
    url: str | None = Field(default=None, description="The link, for HTML pages.")
    countries: list[CountryCode] | None = Field(default=None, description=_LEAD_COUNTRIES)


class Entity(BaseModel):
    """One real-world thing named in the article, with all its mentions."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="Canonical name: the fullest form used in the article.")
    label: str = Field(description="spaCy OntoNotes label: PERSON, ORG, GPE, LOC, NORP, ...")
    salience: float = Field(ge=0.0, le=1.0)
    mentions: list[Mention]


class Country(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")
    name: str
    score: float = Field(ge=0.0, le=1.0, description="Share of the story's country weight.")
    focus: bool = Field(description="True for the countries the story is about.")
    mentions: list[Mention]


class PipelineInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    stage_ms: dict[str, float] = Field(description="Milliseconds spent in each stage.")


DateSource = Literal["json-ld", "meta", "markup", "htmldate", "url", "text"]


class ArticleMetadata(BaseModel):
    """What the page says about the article itself. Every field is optional: a value the page
    does not give stays null (or empty), never guessed. Added in 1.1."""

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)

    published_at: datetime | None = Field(
        default=None,
        description="When it was published, RFC 3339 with the page's time zone; only when the "
        "page gives a time and its zone.",
    )
    published_date: date | None = Field(
        default=None,
        description="The day it was published, as the page gives it (in the page's zone); set "
        "whenever a publication day is known, also when only the day is (no invented midnight).",
    )
    published_source: DateSource | None = Field(
        default=None, description="Where the publication date was read."
    )
    modified_at: datetime | None = Field(default=None, description="Last update, as published_at.")
    modified_date: date | None = Field(default=None, description="Day of the last update.")
    authors: list[str] = Field(
        default_factory=list, description="Person names, one per author; no organisations."
    )
    canonical_url: str | None = Field(default=None, description="http(s) only.")
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    description: str | None = None
    image: str | None = Field(default=None, description="The lead image's URL, http(s) only.")
    dateline: str | None = Field(
        default=None, description='The place the story was filed from ("Islamabad").'
    )
    dateline_country: str | None = Field(
        default=None, pattern=r"^[A-Z]{2}$", description="The dateline's country, ISO 3166-1."
    )


class EnrichedArticle(Event):
    """An article split into story and sidebar, with its entities, countries and metadata."""

    schema_version: EnrichedVersion = "1.1"
    id: str
    url: str | None = None
    source: str | None = None
    fetched_at: datetime | None = None
    language: str | None = None
    title: str | None = Field(default=None, description="The page's headline.")
    story: Story
    sidebar: list[SidebarEntry]
    entities: list[Entity]
    countries: list[Country]
    metadata: ArticleMetadata | None = Field(
        default=None, description="Dates, authors, links from the page. Added in 1.1."
    )
    pipeline: PipelineInfo


class SidebarItem(Event):
    """One sidebar entry as its own event on `articles.sidebar`, keyed by `article_id`: a lead
    a consumer can route by its countries without fetching it."""

    schema_version: SidebarVersion = "1.1"
    id: str = Field(description="Deterministic: from the article id and the position.")
    article_id: str
    article_url: str | None = None
    position: int = Field(ge=0, description="0-based, in page order.")
    headline: str
    age: str | None = None
    published_at: datetime | None = None
    url: str | None = None
    countries: list[CountryCode] | None = Field(default=None, description=_LEAD_COUNTRIES)

    @classmethod
    def from_article(cls, article: EnrichedArticle) -> list[SidebarItem]:
        return [
            cls(
                id=stable_id("sidebar", article.id, str(position)),
                article_id=article.id,
                article_url=article.url,
                position=position,
                headline=entry.headline,
                age=entry.age,
                published_at=entry.published_at,
                url=entry.url,
                countries=entry.countries,
            )
            for position, entry in enumerate(article.sidebar)
        ]


# --------------------------------------------------------------------------------------------
# Stream memory: near-duplicates and stories (`pipeline.memory`)

DuplicateMatch = Literal["url", "title", "text"]


class StoryAssignment(Event):
    """Which story an article joined, and whether it is a near-copy of an earlier article.

    Keyed by the article id: a redelivered article gets the same assignment again."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(description="The article's id (one assignment per article).")
    story_id: str = Field(description="Deterministic: from the id of the story's first article.")
    new_story: bool = Field(description="True when this article started the story.")
    duplicate_of: str | None = Field(
        default=None,
        description="The id of the earliest article this one is a near-copy of (the original), "
        "or null.",
    )
    duplicate_match: DuplicateMatch | None = Field(
        default=None,
        description="What found the copy: the same canonical `url`, the same `title` with "
        "overlapping text, or the story `text` itself (MinHash); null when no copy.",
    )
    similarity: float = Field(
        ge=0.0,
        le=1.0,
        description="For a copy: the estimated share of the shorter text found in the other. "
        "Otherwise the article's score against the story it joined (0 for a new story).",
    )
    event_time: datetime = Field(
        description="The article's time in the stream: its published time when known and not "
        "after its fetch, else `fetched_at`; windows are counted in it."
    )
    url: str | None = None
    source: str | None = None
    title: str | None = None


class StoryState(Event):
    """A story's latest state; on a compacted topic keyed by story id, the last record of each
    key is the live story."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(description="The story id.")
    first_article_id: str
    first_at: datetime = Field(description="Event time of its first article.")
    last_at: datetime = Field(description="Event time of its latest article.")
    size: int = Field(ge=1, description="Articles that joined it, duplicates included.")
    duplicates: int = Field(ge=0, description="How many of them are near-copies.")
    sources: list[str] = Field(description="Distinct sources of its articles, sorted (capped).")
    title: str | None = Field(description="A representative title: its first article's.")
    entities: list[str] = Field(
        description="Its top entities, by salience summed over its articles in the window."
    )
    countries: list[str] = Field(
        description="Its focus countries (ISO 3166-1 alpha-2): those most of its articles in "
        "the window are about."
    )


# --------------------------------------------------------------------------------------------
# Errors are data


class ReasonCode(StrEnum):
    """Why an event was dead-lettered. New codes may be added in minor versions."""

    NOT_JSON = "not_json"
    INVALID_EVENT = "invalid_event"
    EMPTY_BODY = "empty_body"
    TOO_LARGE = "too_large"
    NOT_UTF8 = "not_utf8"
    CONTENT_TYPE_MISMATCH = "content_type_mismatch"
    UNPARSEABLE_PAGE = "unparseable_page"
    PROCESSING_ERROR = "processing_error"
    OUTPUT_TOO_LARGE = "output_too_large"
    TOO_SLOW = "too_slow"  # past the per-article work budget (PIPELINE_ARTICLE_BUDGET_S)


class SourceRecord(BaseModel):
    """Where the failed record was read from."""

    model_config = ConfigDict(frozen=True)

    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key: str | None = Field(default=None, description="The record key, decoded as UTF-8.")


class DeadLetter(Event):
    """A record the pipeline could not process, with the reason and the original bytes."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(description="Deterministic: from the source position or the bytes.")
    stage: str = Field(description="The stage that refused it: decode, split, tag, ...")
    reason_code: ReasonCode
    message: str
    source: SourceRecord
    original: str = Field(description="Base64 of the original bytes, cut at the configured size.")
    original_size: int = Field(ge=0, description="Size in bytes of the whole original.")
    original_truncated: bool
    sha256: str = Field(description="SHA-256 of the whole original, hex.")
    failed_at: datetime


# --------------------------------------------------------------------------------------------
# The dashboard's records on the compacted stats topic (internal to the pipeline: each worker
# publishes its own figures and the counts of the enriched partitions it holds)


class ArticleSummary(BaseModel):
    """One line of the live feed; `partition` and `offset` find the full event."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str | None
    countries: list[str]
    entities: list[str]
    sidebar: int
    partition: int
    offset: int
    at: float = Field(description="Kafka timestamp of the enriched event, seconds.")
    published: str | None = Field(
        default=None, description="When the page says it was published: an instant or a day."
    )
    authors: list[str] = Field(default_factory=list)


class Bucket(BaseModel):
    """Counts of one minute."""

    articles: int = 0
    countries: dict[str, int] = Field(default_factory=dict)
    entities: dict[str, int] = Field(default_factory=dict)


class PartitionSnapshot(BaseModel):
    topic: str
    partition: int
    offset: int = Field(description="The last offset counted; -1 when none yet.")
    buckets: dict[int, Bucket] = Field(description="Keyed by minute since the epoch.")
    latest: list[ArticleSummary]


class AgentFigures(BaseModel):
    state: str
    events_in: float
    events_out: float
    in_per_s: float
    out_per_s: float
    errors: float
    dead_letters: dict[str, float] = Field(default_factory=dict)
    latencies_s: list[float] = Field(
        default_factory=list, description="Samples of the last minute (at most a few hundred)."
    )


class GrowingStory(BaseModel):
    """One of the stories that grew most in the last hour, as the dashboard lists it."""

    id: str
    title: str | None
    size: int
    joined: int = Field(description="Articles that joined it in the last hour of event time.")
    sources: list[str] = Field(description="Its first few sources.")
    source_count: int
    countries: list[str]
    last_at: float


class StoriesSnapshot(BaseModel):
    """What the worker holding the story agent publishes of its work for the dashboard."""

    latest_at: float | None = Field(description="The newest event time the agent has seen.")
    growing: list[GrowingStory]
    duplicates_per_minute: dict[int, int] = Field(
        description="Minute of event time (epoch seconds // 60) -> near-copies found."
    )


class WorkerSnapshot(BaseModel):
    name: str
    url: str
    agents: dict[str, AgentFigures]
    assignment: dict[str, list[int]] = Field(description="Input topic -> partitions held.")
    stories: StoriesSnapshot | None = Field(
        default=None, description="Set by the worker that holds the story agent's input."
    )


class StatsRecord(Event):
    """A value on the stats topic (internal to the pipeline, no published schema)."""

    kind: Literal["partition", "worker"]
    updated_at: float
    partition: PartitionSnapshot | None = None
    worker: WorkerSnapshot | None = None


EVENT_TYPES: dict[str, type[Event]] = {
    "RawArticle": RawArticle,
    "EnrichedArticle": EnrichedArticle,
    "SidebarItem": SidebarItem,
    "DeadLetter": DeadLetter,
    "StoryAssignment": StoryAssignment,
    "StoryState": StoryState,
}
