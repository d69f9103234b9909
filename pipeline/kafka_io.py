"""Producing articles to and reading events from Kafka with aiokafka, for the CLI."""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterable

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from tqdm import tqdm

from pipeline.clients import consumer_options, producer_options, running
from pipeline.errors import StageError
from pipeline.inputs import InputRecord
from pipeline.models import RawArticle
from pipeline.settings import Settings

IN_FLIGHT_LIMIT = 500  # records awaiting broker acks before we wait; bounds memory


def raw_article_bytes(article: RawArticle) -> bytes:
    """The input event as sent: the derived id made explicit, absent fields left out."""
    data = article.model_dump(mode="json", exclude_none=True)
    data["id"] = article.article_id
    return orjson.dumps(data)


async def produce_articles(
    settings: Settings,
    records: Iterable[InputRecord],
    *,
    on_error: Callable[[InputRecord, StageError | None], None],
) -> tuple[int, int]:
    """Send every valid article to the input topic; returns (sent, failed)."""
    sent = failed = 0
    pending: list[asyncio.Future[object]] = []
    async with running(AIOKafkaProducer(**producer_options(settings))) as producer:
        with tqdm(desc="produce", unit=" articles", disable=not sys.stderr.isatty()) as bar:
            for record in records:
                if record.article is None:
                    failed += 1
                    on_error(record, record.error)
                    continue
                article = record.article
                pending.append(
                    await producer.send(
                        settings.topic_raw,
                        key=article.article_id.encode(),
                        value=raw_article_bytes(article),
                    )
                )
                sent += 1
                bar.update(1)
                if len(pending) >= IN_FLIGHT_LIMIT:
                    await asyncio.gather(*pending)
                    pending.clear()
            await asyncio.gather(*pending)
    return sent, failed


def _as_json_line(value: bytes | None) -> bytes:
    """A record value as one JSON line: itself when it is JSON, else wrapped and described."""
    if value is None:
        return b"null"
    try:
        return orjson.dumps(orjson.loads(value))
    except orjson.JSONDecodeError:
        return orjson.dumps({"undecodable_value": value.decode("utf-8", "backslashreplace")})


async def consume_lines(
    settings: Settings,
    topic: str,
    *,
    from_beginning: bool,
    group: str | None,
    idle_timeout: float | None,
) -> AsyncIterator[bytes]:
    """Yield a topic's values as JSON lines until `idle_timeout` passes with no record."""
    options = {
        **consumer_options(settings),
        "client_id": f"{settings.app_id}-consume-{uuid.uuid4().hex[:8]}",
        "group_id": group,  # None: no group, nothing committed, every partition read
        "enable_auto_commit": group is not None,
        "auto_offset_reset": "earliest" if from_beginning else "latest",
    }
    async with running(AIOKafkaConsumer(topic, **options)) as consumer:
        while True:
            batch = await consumer.getmany(timeout_ms=int((idle_timeout or 3600) * 1000))
            if not batch:
                if idle_timeout is not None:
                    return
                continue
            for records in batch.values():
                for record in records:
                    yield _as_json_line(record.value)
