"""`enrich`: a RawArticle to an EnrichedArticle, by calling the stages in order.

No Kafka here: the agents, the CLI's `enrich` command, the tests and the benchmarks all call
these two functions. The stages and what each reads and writes:

    split      RawArticle.body, content_type, fetched_at -> title, story, sidebar
    entities   title, story.text                          -> entities   (spaCy NER, batched)
    countries  title, story.text, entities                -> countries

A stage refuses an input by raising StageError; any other exception inside a stage becomes a
`processing_error` StageError for that one article, so one bad page never fails its batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import __version__
from pipeline.errors import StageError
from pipeline.models import EnrichedArticle, Entity, PipelineInfo, RawArticle, ReasonCode, Story
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.entities import tag_entities
from pipeline.nlp.split import PageSplit, split_page, split_story_only

log = logging.getLogger(__name__)

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class _Split:
    raw: RawArticle
    page: PageSplit
    title: str
    story_text: str
    split_ms: float


def _split(raw: RawArticle, story_only: bool) -> _Split:
    started = time.perf_counter()
    try:
        if story_only:
            page = split_story_only(raw.body)
        else:
            page = split_page(raw.body, raw.content_type, raw.fetched_at)
    except StageError:
        raise
    except Exception as exc:
        log.exception("split failed for article %s", raw.article_id)
        raise StageError(ReasonCode.PROCESSING_ERROR, f"split: {exc!r}", stage="split") from exc
    title = raw.title if raw.title and not story_only else (page.title or "")
    return _Split(
        raw=raw,
        page=page,
        title=title,
        story_text=PARAGRAPH_SEPARATOR.join(page.paragraphs),
        split_ms=(time.perf_counter() - started) * 1000,
    )


def enrich_batch(
    raws: Sequence[RawArticle], *, story_only: bool = False
) -> list[EnrichedArticle | StageError]:
    """Enrich many articles at once (NER runs over the whole batch); one result per input,
    in order: the EnrichedArticle, or the StageError that refused that article."""
    results: list[EnrichedArticle | StageError | None] = [None] * len(raws)
    splits: list[tuple[int, _Split]] = []
    for index, raw in enumerate(raws):
        try:
            splits.append((index, _split(raw, story_only)))
        except StageError as error:
            results[index] = error

    started = time.perf_counter()
    entity_lists = _tag_entities_isolated([(s.title, s.story_text) for _, s in splits])
    entities_ms = (time.perf_counter() - started) * 1000 / max(len(splits), 1)

    for (index, split), entities in zip(splits, entity_lists, strict=True):
        if isinstance(entities, StageError):
            results[index] = entities
            continue
        started = time.perf_counter()
        try:
            countries = tag_countries(split.title, split.story_text, entities)
        except Exception as exc:
            log.exception("countries failed for article %s", split.raw.article_id)
            results[index] = StageError(
                ReasonCode.PROCESSING_ERROR, f"countries: {exc!r}", stage="countries"
            )
            continue
        countries_ms = (time.perf_counter() - started) * 1000
        raw, page = split.raw, split.page
        results[index] = EnrichedArticle(
            id=raw.article_id,
            url=raw.url,
            source=raw.source,
            fetched_at=raw.fetched_at,
            language=raw.language,
            title=split.title or None,
            story=Story(
                text=split.story_text, paragraphs=page.paragraphs, confidence=page.confidence
            ),
            sidebar=page.sidebar,
            entities=entities,
            countries=countries,
            pipeline=PipelineInfo(
                version=__version__,
                stage_ms={
                    "split": round(split.split_ms, 3),
                    "entities": round(entities_ms, 3),
                    "countries": round(countries_ms, 3),
                },
            ),
        )
    return [result for result in results if result is not None]


def _tag_entities_isolated(texts: list[tuple[str, str]]) -> list[list[Entity] | StageError]:
    """Tag the batch in one call; if that fails, tag one by one so only the bad article fails."""
    try:
        return list(tag_entities(texts))
    except Exception as exc:
        if len(texts) == 1:
            log.exception("entity tagging failed")
            return [StageError(ReasonCode.PROCESSING_ERROR, f"entities: {exc!r}", stage="entities")]
    isolated: list[list[Entity] | StageError] = []
    for text in texts:
        isolated.extend(_tag_entities_isolated([text]))
    return isolated


def enrich(raw: RawArticle, *, story_only: bool = False) -> EnrichedArticle:
    """Enrich one article; raises StageError when a stage refuses it."""
    (result,) = enrich_batch([raw], story_only=story_only)
    if isinstance(result, StageError):
        raise result
    return result
