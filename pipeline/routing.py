"""What the enrich agent sends for each input record: a pure step, no Kafka.

`route(record, result, routes)` turns an input record and its result (the EnrichedArticle, or
the StageError that refused it) into the records to produce: the enriched event and one
sidebar item per headline, or a dead letter carrying the source record. Every record carries
CloudEvents binary-mode headers (`ce_*`, `content-type`), so routers and consumers in any
language can dispatch on its type without parsing the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pipeline.decode import dead_letter
from pipeline.errors import StageError
from pipeline.models import (
    SCHEMA_VERSION,
    EnrichedArticle,
    Event,
    ReasonCode,
    SidebarItem,
    SourceRecord,
)
from pipeline.output_size import event_fits
from pipeline.settings import Settings

STAGE = "route"
CLOUDEVENTS_VERSION = b"1.0"
CE_TYPE_PREFIX = "org.article-pipeline"


@dataclass(frozen=True, slots=True)
class Received:
    """An input record, as much of it as the stages and the routing read."""

    value: bytes | None
    key: bytes | None
    source: SourceRecord
    timestamp: datetime | None = None  # the record's timestamp: the fetch time if none is given


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One record to produce."""

    topic: str
    key: bytes
    value: bytes
    headers: tuple[tuple[str, bytes], ...]
    kind: str  # enriched, sidebar, deadletter, ...; TOMBSTONE: sent with no value


def cloudevents_source(settings: Settings) -> str:
    """The CloudEvents `source` of every record this pipeline (this app id) produces."""
    return f"/article-pipeline/{settings.app_id}"


# A record sent with a null value: it deletes its key from a compacted topic.
TOMBSTONE = "tombstone"


@dataclass(frozen=True, slots=True)
class Routes:
    """The output topics and the limits routing applies, from the settings."""

    enriched: str
    sidebar: str
    deadletter: str
    source: str  # CloudEvents `source`: which pipeline produced the record
    max_message_bytes: int
    max_original_bytes: int

    @property
    def topics(self) -> tuple[str, str, str]:
        """Every topic routing sends to."""
        return (self.enriched, self.sidebar, self.deadletter)

    @classmethod
    def of(cls, settings: Settings) -> Routes:
        return cls(
            enriched=settings.topic_enriched,
            sidebar=settings.topic_sidebar,
            deadletter=settings.topic_deadletter,
            source=cloudevents_source(settings),
            max_message_bytes=settings.max_message_bytes,
            max_original_bytes=settings.deadletter_original_max_bytes,
        )


def route(record: Received, result: EnrichedArticle | StageError, routes: Routes) -> list[Outgoing]:
    """The records to send for one input record, in the order to send them."""
    if isinstance(result, StageError):
        return [dead_letter_for(record, result, routes)]
    key = result.id.encode()
    at = now()  # one time for an article's records: when it was enriched
    enriched = outgoing(routes.enriched, key, result, result.id, "enriched", routes.source, at)
    if not event_fits(enriched.value, routes.max_message_bytes):
        error = StageError(
            ReasonCode.OUTPUT_TOO_LARGE,
            f"the enriched event is {len(enriched.value)} bytes, over the output topics' "
            f"limit of {routes.max_message_bytes} (PIPELINE_MAX_MESSAGE_BYTES)",
            stage=STAGE,
        )
        return [dead_letter_for(record, error, routes)]
    return [enriched] + [
        outgoing(routes.sidebar, key, item, item.id, "sidebar", routes.source, at)
        for item in SidebarItem.from_article(result)
    ]


def dead_letter_for(record: Received, error: StageError, routes: Routes) -> Outgoing:
    """The dead letter of a refused record, keyed by the record's key (else the letter's id)."""
    letter = dead_letter(
        record.value, error, source=record.source, max_original_bytes=routes.max_original_bytes
    )
    key = record.key or letter.id.encode()
    return outgoing(routes.deadletter, key, letter, letter.id, "deadletter", routes.source, now())


def now() -> bytes:
    return datetime.now(UTC).isoformat().encode()


def outgoing(
    topic: str, key: bytes, event: Event, event_id: str, kind: str, source: str, at: bytes
) -> Outgoing:
    headers = (
        ("ce_specversion", CLOUDEVENTS_VERSION),
        ("ce_id", event_id.encode()),
        ("ce_source", source.encode()),
        ("ce_type", f"{CE_TYPE_PREFIX}.{kind}.v{SCHEMA_VERSION.split('.')[0]}".encode()),
        ("ce_time", at),
        ("content-type", b"application/json"),
    )
    return Outgoing(topic, key, event.to_json(), headers, kind)
